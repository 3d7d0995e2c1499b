package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Conditions of the official BERs that the first rule sets left out (issue 9), each
// read literally from the field's Constraints/condities text; where the text allows two
// readings, the one that rejects no correct file. The conditions tables
// (ei/validate/conditions) name every rule here.

// debiteurTelefoonLand: 0323 LANDNUMMER TELEFOON "Invullen indien debiteuradres niet in
// Nederland is" (MZ301 1.3, AP304 7.2, EP301 1.2, EI181 1.1). A country code goes with a
// telephone number: it is required when the debiteur has one (0322) and a foreign country
// code (0321).
func debiteurTelefoonLand(prefix string) *Rule {
	return n5Rule(prefix+"0323", "", []string{record.CodeDebiteur},
		`0323 LANDNUMMER TELEFOON: "Invullen indien debiteuradres niet in Nederland is": filled when the debiteur lives abroad (0321 not NL) and has a telephone number (0322).`,
		func(p *Pass, rec *Record) {
			land := rec.Value("0321")
			if land == "" || land == "NL" || !rec.Known("0322") || !rec.Filled("0322") {
				return
			}
			p.MustBeFilled(rec, "0323", "when the debiteur lives abroad (0321 is ", land, ") and has a telephone number (0322)")
		})
}

// mz301BERRules are the conditions of the BER MZ301 v1.3 besides mz301Rules.
func mz301BERRules() []*Rule {
	const id = "MZ301-N5-"
	return []*Rule{
		debiteurTelefoonLand(id),
		{ID: "MZ301-N4-0416", Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0416 VLAKCODE: "In Nederland worden in de declaratie de codes 'L labiaal' en 'V vestibulair' NIET gebruikt". LI (linguaal) is allowed.`,
			Record: func(p *Pass, rec *Record) {
				v := rec.Value("0416")
				for i := 0; i < len(v); i++ {
					if v[i] == 'V' || v[i] == 'L' && (i+1 == len(v) || v[i+1] != 'I') {
						p.Fail(rec, "0416", "holds "+strconv.Quote(v)+": the vlakcodes L (labiaal) and V (vestibulair) are not used in the Netherlands")
						return
					}
				}
			}},
		// 0417 has two parts (LEVELS.md): the value it may hold, 026, is a restriction of the
		// field's values (N4); that it is filled for bijzondere tandheelkunde without a
		// machtiging is a relation with 0410 and 0406 (N5).
		{ID: "MZ301-N4-0417", Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0417 AANDUIDING DIAGNOSECODELIJST: "… (code 026)": when filled, 026 (the diagnosecodelijst bijzondere tandheelkunde).`,
			Record: func(p *Pass, rec *Record) {
				if filled, ok := known(rec, "0417"); ok && filled {
					if v, _ := rec.Int("0417"); v != 26 {
						p.Fail(rec, "0417", "must be 026 (diagnosecodelijst bijzondere tandheelkunde), not "+rec.Value("0417"))
					}
				}
			}},
		n5Rule(id+"0417", "", []string{record.CodePrestatie},
			`0417 AANDUIDING DIAGNOSECODELIJST: "Verplicht invullen voor bijzondere tandheelkunde als niet tevoren een individuele machtiging is aangevraagd en verleend (code 026)": `+
				`filled (with 026) for bijzondere tandheelkunde (0410 J) without a machtigingsnummer (0406).`,
			func(p *Pass, rec *Record) {
				if rec.Value("0410") == "J" && rec.Known("0406") && !rec.Filled("0406") {
					p.MustBeFilled(rec, "0417", "with 026 for bijzondere tandheelkunde (0410 is J) without a machtiging (0406 is empty)")
				}
			}),
		n5Rule(id+"0418", "", []string{record.CodePrestatie},
			`0417: "In het volgende gegeven (0418 DIAGNOSECODE BIJZONDERE TANDHEELKUNDE) wordt de juiste code uit de hier aangegeven diagnosecodelijst ingevuld": filled when 0417 is.`,
			func(p *Pass, rec *Record) {
				if filled, ok := known(rec, "0417"); ok && filled {
					p.MustBeFilled(rec, "0418", "when the aanduiding diagnosecodelijst (0417) is filled")
				}
			}),
	}
}

// aw319v14Set: the conditions of the BER AW319 v1.4 (declaratie Wlz, WV, ELV en ZG) that its
// regular expressions do not carry.
func aw319v14Set() *RuleSet {
	const id = "AW319-N5-"
	return &RuleSet{Name: "AW319@1.4", Standard: "AW319@1.4", Doc: "The conditions of the BER AW319 v1.4 (AW319v1.4_BERu7) beyond its regular expressions.",
		Rules: []*Rule{
			// A restriction of the dates the field may hold, of no other field: N4 (LEVELS.md).
			{ID: "AW319-N4-0414", Level: N4, Err: ErrValue, Retourcode: "8222", Records: []string{record.CodePrestatie},
				Doc: `0414 BEGINDATUM PRESTATIE: "vullen met een datum, die na 31-12-2012 en niet in de toekomst ligt".`,
				Record: func(p *Pass, rec *Record) {
					if d, ok := rec.Date("0414"); ok && !d.After(civil.NewDate(2012, 12, 31)) {
						p.Fail(rec, "0414", "must lie after 2012-12-31")
					}
				}},
			n5Rule(id+"0410", "", []string{record.CodePrestatie},
				`0410/0411: "Indien Wlz-aanspraak en indicatiebesluit aanwezig is, dan verplicht vullen. Anders 9 nullen vullen": the aanvraagnummer and the besluitnummer are filled together.`,
				func(p *Pass, rec *Record) {
					a, ok1 := known(rec, "0410")
					b, ok2 := known(rec, "0411")
					if ok1 && ok2 && a != b {
						if b {
							p.MustBeFilled(rec, "0410", "when the indicatiebesluitnummer (0411) is: both are filled when there is an indicatiebesluit")
						} else {
							p.MustBeEmpty(rec, "0410", "when the indicatiebesluitnummer (0411) is not: both are filled only when there is an indicatiebesluit")
						}
					}
				}),
			n5Rule(id+"0412", "", []string{record.CodePrestatie},
				`0412/0413: "Indien Wlz-aanspraak en indicatiebesluit aanwezig is, dan 0412 FUNCTIECODE en/of 0413 ZORGZWAARTEPAKKETCODE vullen. Anders 00 (000) vullen": `+
					`with an indicatiebesluit (0411 filled) one of them is filled, without one neither.`,
				func(p *Pass, rec *Record) {
					besluit, ok := known(rec, "0411")
					f, ok1 := known(rec, "0412")
					z, ok2 := known(rec, "0413")
					switch {
					case !ok || !ok1 || !ok2:
					case besluit && !f && !z:
						p.Fail(rec, "0412", "the functiecode (0412) or the zorgzwaartepakketcode (0413) must be filled when there is an indicatiebesluit (0411 is filled)")
					case !besluit && f:
						p.MustBeEmpty(rec, "0412", "without an indicatiebesluit (0411 is not filled)")
					case !besluit && z:
						p.MustBeEmpty(rec, "0413", "without an indicatiebesluit (0411 is not filled)")
					}
				}),
		}}
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
		rules = append(rules, n5Rule(id+field, "", []string{record.CodePrestatie},
			field+`: "Vullen voor DBC-zorgproducten" (and the like): filled when the zorgproductcode (0414) is.`,
			func(p *Pass, rec *Record) {
				if zp, ok := known(rec, "0414"); ok && zp {
					p.MustBeFilled(rec, field, "for a DBC-zorgproduct (0414 zorgproductcode is filled)")
				}
			}))
	}
	rules = append(rules,
		n5Rule(id+"0607", "", []string{"06"},
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
		&Rule{ID: "ZH308-N4-0613", Level: N4, Err: ErrValue, Records: []string{"06"},
			Doc: `0613 ZORGVERLENERSSPECIFICATIE BEHANDELAAR/UITVOERDER: "Code 0300 NIET toegestaan".`,
			Record: func(p *Pass, rec *Record) {
				if v, ok := rec.Int("0613"); ok && v == 300 {
					p.Fail(rec, "0613", "must not be 0300")
				}
			}},
		// A FieldRule cannot restrict a date (the date checks replace the value checks).
		&Rule{ID: "ZH308-N4-0420", Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0420 VERWIJSDATUM: "Gereserveerd voor mogelijk toekomstig gebruik": not filled.`,
			Record: func(p *Pass, rec *Record) {
				if filled, ok := known(rec, "0420"); ok && filled {
					p.Fail(rec, "0420", "is reserved for future use: it is not filled")
				}
			}},
		n5Rule(id+"0441", "", []string{record.CodePrestatie},
			`0441 HASHTOTAAL ZV: "Alleen bij DBC-zorgproducten vullen": empty when the zorgproductcode (0414) is; when it is filled depends on the Grouper, which the file does not show.`,
			func(p *Pass, rec *Record) {
				if zp, ok := known(rec, "0414"); ok && !zp {
					p.MustBeEmpty(rec, "0441", "for a prestatie that is not a DBC-zorgproduct (0414 is empty)")
				}
			}),
		&Rule{ID: "ZH308-N4-0439", Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0439: "Vullen met de code van het declarerend specialisme (0300 mag niet)".`,
			Record: func(p *Pass, rec *Record) {
				if v, ok := rec.Int("0439"); ok && v == 300 {
					p.Fail(rec, "0439", "must not be 0300: fill the code of the declaring specialism")
				}
			}})
	return rules
}

// returnSets: the return part of the official return standards (MZ302 1.3, AP305 7.2,
// EP302 1.2). Their declared part runs the declaration's rules (RuleSet.Standard).
func returnSets() []*RuleSet {
	var out []*RuleSet
	// table is the conditions table whose narrowing of the fields (0106; AP305 0481, 0482)
	// the set carries: that of the one version of the standard the module has.
	for _, ret := range [...]struct{ code, table string }{{"MZ302", "MZ302@1.3"}, {"AP305", "AP305@7.2"}, {"EP302", "EP302@1.2"}} {
		code := ret.code
		s := &RuleSet{Name: code, Standard: code, Doc: "The conditions of the return part of " + code + " (referentienummer zorgverzekeraar, berekend and toegekend bedrag).",
			Fields: tableFields(ret.table),
			Rules: []*Rule{
				{ID: code + "-N5-0181", Level: N5, Err: ErrRelation, Records: []string{record.CodeSluit},
					Doc: `0181 REFERENTIENUMMER ZORGVERZEKERAAR: "in geval van een volledig afgekeurd (declaratie)bestand kan de zorgverzekeraar dit veld leeg laten": ` +
						`filled when something is allowed (9909 TOTAAL TOEGEKEND BEDRAG is not zero), as the file is then not wholly rejected.`,
					Record: func(p *Pass, rec *Record) {
						h := p.Header()
						if h == nil || !h.Known("0181") || h.Filled("0181") {
							return
						}
						if n, ok := rec.Int("9909"); ok && n != 0 {
							p.Fail(h, "0181", "must be filled: the file is not wholly rejected (the sluitrecord allows "+strconv.FormatInt(n, 10)+" cents)")
						}
					}},
			}}
		out = append(out, s)
	}
	return out
}

// withRules adds rules to a set.
func withRules(s *RuleSet, rules ...*Rule) *RuleSet {
	s.Rules = append(s.Rules, rules...)
	return s
}
