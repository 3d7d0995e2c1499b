package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ZH308 v9.0 (declaratie ziekenhuiszorg), BER ZH308v9.0_BERu2.
func zh308v90Set() *RuleSet {
	const id = "ZH308-N5-"
	s := &RuleSet{Name: "ZH308@9.0", Standard: "ZH308@9.0", Doc: "The conditions of the BER ZH308 v9.0 (declaratie ziekenhuiszorg).",
		Fields: tableFields("ZH308@9.0"),
		Rules: []*Rule{
			n5Rule(id+"0418", "8125", []string{record.CodePrestatie}, []string{"0414", "0418"},
				`0418 AFSLUITREDEN ZORGTRAJECT/SUBTRAJECT: "Vullen als 0414 Zorgproductcode gevuld is". The BER does not say it is empty otherwise.`,
				func(p *Pass, rec *Record) {
					if zp, ok := known(rec, "0414"); ok && zp {
						p.MustBeFilled(rec, "0418", "when the zorgproductcode (0414) is filled")
					}
				}),
			n5Rule(id+"1613", "8621", []string{"16"}, []string{"1612", "1613"}, `1613: "Altijd geldt: Einddatum ZA = Begindatum ZA" (1612).`,
				func(p *Pass, rec *Record) { p.SameAs(rec, "1613", rec, "1612", "(a zorgactiviteit has one date)") }),
			n5Rule(id+"1616", "8623", []string{"16"}, []string{"1616", "0112"},
				`1616: "Vullen als de zorgactiviteit in een andere instelling dan de declarerende instelling is uitgevoerd": not the declaring instelling (0112).`,
				func(p *Pass, rec *Record) {
					if h := rec.Header(); h != nil {
						if f, ok := known(rec, "1616"); ok && f && rec.Value("1616") == h.Value("0112") {
							p.Fail(rec, "1616", "equals the declaring instelling (0112): fill it only for another one")
						}
					}
				}),
		}}
	s.Rules = append(s.Rules, zh308DBCRules()...)
	return s
}

// zh308DBCRules: the fields ZH308 v9.0 fills "voor DBC-zorgproducten". A prestatie is a
// DBC-zorgproduct when its zorgproductcode (0414) is filled: "Vullen als er sprake van een
// DBC-zorgproduct is". Whether it is an add-on, an MSBD or paramedical care the file does
// not mark, so the conditions for those are not checked.
func zh308DBCRules() []*Rule {
	const id = "ZH308-N5-"
	var rules []*Rule
	// 0416 begindatum zorgtraject, 0419 subtrajectnummer, 0427 zorgtypecode, 0430
	// aanduiding diagnosecodelijst (01), 0431 diagnosecode, 0434 indicatie aanspraak Zvw
	// toegepast, 0437 indicatie machtiging, 0438 indicatie producttyperende oranje
	// verrichting, 0439 zorgverlenersspecificatie behandelend specialisme, 0440
	// instellingscode, 0442-0447 hash and grouper versions (the layout names them).
	for _, field := range [...]string{"0416", "0419", "0427", "0430", "0431", "0434", "0437", "0438", "0439", "0440",
		"0442", "0443", "0444", "0445", "0446", "0447"} {
		rules = append(rules, n5Rule(id+field, "", []string{record.CodePrestatie}, []string{"0414", field},
			field+`: "Vullen voor DBC-zorgproducten" (and the like): filled when the zorgproductcode (0414) is.`,
			func(p *Pass, rec *Record) {
				if zp, ok := known(rec, "0414"); ok && zp {
					p.MustBeFilled(rec, field, "for a DBC-zorgproduct (0414 zorgproductcode is filled)")
				}
			}))
	}
	rules = append(rules,
		n5Rule(id+"0607", "", []string{"06"}, []string{"0607", "0409"},
			`0607 AANDUIDING PRESTATIECODELIJST (02): "Alleen vullen als de prestatiecodelijst afwijkt van die in het prestatierecord" (0409).`,
			func(p *Pass, rec *Record) {
				pre := prestatieOf(rec)
				if pre == nil {
					return
				}
				if filled, ok := known(rec, "0607"); ok && filled && pre.Known("0409") && rec.Value("0607") == pre.Value("0409") {
					p.Fail(rec, "0607", "equals the prestatiecodelijst of the prestatierecord (0409): fill it only when this tariefrecord's list differs")
				}
			}),
		&Rule{ID: "ZH308-N4-0613", Reads: []string{"0613"}, Level: N4, Err: ErrValue, Records: []string{"06"},
			Doc: `0613 ZORGVERLENERSSPECIFICATIE BEHANDELAAR/UITVOERDER: "Code 0300 NIET toegestaan".`,
			Record: func(p *Pass, rec *Record) {
				if v, ok := rec.Int("0613"); ok && v == 300 {
					p.Fail(rec, "0613", "must not be 0300")
				}
			}},
		// A FieldRule cannot restrict a date (the date checks replace the value checks).
		&Rule{ID: "ZH308-N4-0420", Reads: []string{"0420"}, Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0420 VERWIJSDATUM: "Gereserveerd voor mogelijk toekomstig gebruik": not filled.`,
			Record: func(p *Pass, rec *Record) {
				if filled, ok := known(rec, "0420"); ok && filled {
					p.Fail(rec, "0420", "is reserved for future use: it is not filled")
				}
			}},
		n5Rule(id+"0441", "", []string{record.CodePrestatie}, []string{"0414", "0441"},
			`0441 HASHTOTAAL ZV: "Alleen bij DBC-zorgproducten vullen": empty when the zorgproductcode (0414) is; when it is filled depends on the Grouper, which the file does not show.`,
			func(p *Pass, rec *Record) {
				if zp, ok := known(rec, "0414"); ok && !zp {
					p.MustBeEmpty(rec, "0441", "for a prestatie that is not a DBC-zorgproduct (0414 is empty)")
				}
			}),
		&Rule{ID: "ZH308-N4-0439", Reads: []string{"0439"}, Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0439: "Vullen met de code van het declarerend specialisme (0300 mag niet)".`,
			Record: func(p *Pass, rec *Record) {
				if v, ok := rec.Int("0439"); ok && v == 300 {
					p.Fail(rec, "0439", "must not be 0300: fill the code of the declaring specialism")
				}
			}})
	return rules
}
