package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The conditions of the other standards with an official BER here, from their
// Constraints/condities column. Field numbers are those of the BER version named; a rule
// on a field a version does not have does nothing, and rules that depend on the version's
// numbering are in a set for that version only. Rule ids are <standard>-N5-<field>.

// standardSets are the built-in rule sets of the standards, in a fixed order.
func standardSets() []*RuleSet {
	return append([]*RuleSet{
		gz321Set(),
		{Name: "MZ301", Standard: "MZ301", Doc: "The conditions of the BER MZ301 v1.3 (declaratie mondzorg).", Rules: append(mz301Rules(), mz301BERRules()...),
			Fields: tableFields("MZ301@1.3")},
		{Name: "EI181@1.1", Standard: "EI181@1.1", Doc: "The conditions of the BER EI181 v1 (declaratie DBC-zorg GGZ).", Rules: append(ei181v1Rules(), debiteurTelefoonLand("EI181-N5-"))},
		{Name: "EI181@2.0", Standard: "EI181@2.0", Doc: "The conditions of the BER EI181 v2 (declaratie DBC-zorg GGZ).", Rules: ggzRules(ei181v2Config),
			Fields: tableFields("EI181@2.0")},
		{Name: "AP304", Standard: "AP304", Doc: "The conditions every version of AP304 (declaratie farmaceutische zorg) shares.",
			Rules: []*Rule{debiteurOverleden("AP304-N5-", "0224"), debiteurTelefoonLand("AP304-N5-")}},
		{Name: "AP304@7.2", Standard: "AP304@7.2", Doc: "The conditions of the BER AP304 v7.2 (AP304V0702).", Rules: ap304v72Rules(),
			Fields: tableFields("AP304@7.2")},
		{Name: "EP301", Standard: "EP301", Doc: "The conditions of the BER EP301 v1.2 (declaratie eerstelijnspsychologische zorg).",
			Rules: []*Rule{debiteurOverleden("EP301-N5-"), debiteurTelefoonLand("EP301-N5-")}},
		{Name: "EP301@1.2", Standard: "EP301@1.2", Doc: "The value restrictions of the BER EP301 v1.2.",
			Fields: tableFields("EP301@1.2")},
		// AW319 (declaratie Wlz, WV, ELV en ZG): the BER's regular expressions carry its value
		// restrictions (they are in the spec file); no further conditions that can be checked
		// from the file alone.
		aw319v14Set(),
		withRules(zh308v90Set(), zh308DBCRules()...),
	}, returnSets()...)
}

func n5Rule(id, retour string, records []string, doc string, f func(*Pass, *Record)) *Rule {
	return &Rule{ID: id, Level: N5, Err: ErrRelation, Retourcode: retour, Records: records, Doc: doc, Record: f}
}

// debiteurOverleden: 0326 SOORT RELATIE DEBITEUR "invullen verplicht als Indicatie
// verzekerde overleden de waarde '1' bevat (verzekerde is overleden)" (MZ301, EI181 v1,
// AP304, EP301). overleden is the number of INDICATIE CLIENT OVERLEDEN in the
// verzekerdenrecord: 0223, in AP304 0224.
func debiteurOverleden(prefix string, overleden ...string) *Rule {
	field := "0223"
	if len(overleden) > 0 {
		field = overleden[0]
	}
	return n5Rule(prefix+"0326", "", []string{record.CodeDebiteur},
		`0326 SOORT RELATIE DEBITEUR: "invullen verplicht als Indicatie verzekerde overleden de waarde '1' bevat" (`+field+` of the verzekerdenrecord).`,
		func(p *Pass, rec *Record) {
			if par := rec.Parent(); par != nil && par.lp != nil {
				if v, ok := par.Int(field); ok && v == 1 {
					p.MustBeFilled(rec, "0326", "when the verzekerde has died ("+field+" INDICATIE CLIENT OVERLEDEN is 1)")
				}
			}
		})
}

// MZ301 v1.3 (declaratie mondzorg), BER MZ301V0103.
func mz301Rules() []*Rule {
	const id = "MZ301-N5-"
	return []*Rule{
		debiteurOverleden(id),
		n5Rule(id+"0411", "8232", []string{record.CodePrestatie},
			"0411 SOORT BIJZONDERE TANDHEELKUNDE goes with 0410 INDICATIE BIJZONDERE TANDHEELKUNDE J (COD954 8232).",
			func(p *Pass, rec *Record) {
				if rec.Value("0410") == "J" {
					p.MustBeFilled(rec, "0411", "when the prestatie is bijzondere tandheelkunde (0410 is J)")
				}
			}),
		n5Rule(id+"0421", "8011", []string{record.CodePrestatie},
			`0421: "verplicht vullen, tenzij ZORGVERLENERSCODE UITVOERDER / BEHANDELAAR in het voorgaande gegevenselement gevuld is."`,
			func(p *Pass, rec *Record) {
				if agb, ok := known(rec, "0420"); ok && !agb {
					p.MustBeFilled(rec, "0421", "when the zorgverlenerscode behandelaar/uitvoerder (0420) is not filled")
				}
			}),
	}
}

// EI181 version 1 (declaratie DBC-zorg GGZ), BER EI181v01.
func ei181v1Rules() []*Rule {
	const id = "EI181-N5-"
	return []*Rule{
		debiteurOverleden(id),
		n5Rule(id+"0419", "8080", []string{record.CodePrestatie},
			`0419 SOORT INHOUDING: "bij bedrag inhouding is alleen waarde "05" toegestaan" (0420).`,
			func(p *Pass, rec *Record) {
				if amount, ok := known(rec, "0420"); ok && amount {
					if v, ok := rec.Int("0419"); ok && v != 5 {
						p.Fail(rec, "0419", "must be 05 when a bedrag inhouding (0420) is filled")
					}
				}
			}),
	}
}

// AP304 v7.2 (declaratie farmaceutische zorg), BER AP304V0702.
func ap304v72Rules() []*Rule {
	return []*Rule{
		n5Rule("AP304-N5-0413", "1510", []string{record.CodePrestatie},
			`0426 VOORGESCHREVEN DOSERING (BEKEND): "Bij code '1' moet ook gegevenselement Gemiddelde Dagdosering (0413) ingevuld worden. Bij codes '2' en '3' is dit niet mogelijk."`,
			func(p *Pass, rec *Record) {
				switch v, _ := rec.Int("0426"); v {
				case 1:
					p.MustBeFilled(rec, "0413", "when the voorgeschreven dosering is known (0426 is 1)")
				case 2, 3:
					p.MustBeEmpty(rec, "0413", "when the voorgeschreven dosering is not known (0426 is 2 or 3)")
				}
			}),
	}
}

// ZH308 v9.0 (declaratie ziekenhuiszorg), BER ZH308v9.0_BERu2.
func zh308v90Set() *RuleSet {
	const id = "ZH308-N5-"
	return &RuleSet{Name: "ZH308@9.0", Standard: "ZH308@9.0", Doc: "The conditions of the BER ZH308 v9.0 (declaratie ziekenhuiszorg).",
		Fields: tableFields("ZH308@9.0"),
		Rules: []*Rule{
			n5Rule(id+"0418", "8125", []string{record.CodePrestatie},
				`0418 AFSLUITREDEN ZORGTRAJECT/SUBTRAJECT: "Vullen als 0414 Zorgproductcode gevuld is". The BER does not say it is empty otherwise.`,
				func(p *Pass, rec *Record) {
					if zp, ok := known(rec, "0414"); ok && zp {
						p.MustBeFilled(rec, "0418", "when the zorgproductcode (0414) is filled")
					}
				}),
			n5Rule(id+"1613", "8621", []string{"16"}, `1613: "Altijd geldt: Einddatum ZA = Begindatum ZA" (1612).`,
				func(p *Pass, rec *Record) { p.SameAs(rec, "1613", rec, "1612", "(a zorgactiviteit has one date)") }),
			n5Rule(id+"1616", "8623", []string{"16"},
				`1616: "Vullen als de zorgactiviteit in een andere instelling dan de declarerende instelling is uitgevoerd": not the declaring instelling (0112).`,
				func(p *Pass, rec *Record) {
					if h := rec.Header(); h != nil {
						if f, ok := known(rec, "1616"); ok && f && rec.Value("1616") == h.Value("0112") {
							p.Fail(rec, "1616", "equals the declaring instelling (0112): fill it only for another one")
						}
					}
				}),
		}}
}
