package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// mz301Set: the conditions of the BER MZ301 v1.3 (declaratie mondzorg), BER MZ301V0103.
func mz301Set() *RuleSet {
	return &RuleSet{Name: "MZ301", Standard: "MZ301", Doc: "The conditions of the BER MZ301 v1.3 (declaratie mondzorg).", Rules: mz301Rules(),
		Fields: tableFields("MZ301@1.3")}
}

// mz301Rules are the conditions of the BER MZ301 v1.3.
func mz301Rules() []*Rule {
	const id = "MZ301-N5-"
	return []*Rule{
		debiteurOverleden(id),
		n5Rule(id+"0411", "8232", []string{record.CodePrestatie}, []string{"0410", "0411"},
			"0411 SOORT BIJZONDERE TANDHEELKUNDE goes with 0410 INDICATIE BIJZONDERE TANDHEELKUNDE J (COD954 8232).",
			func(p *Pass, rec *Record) {
				if rec.Value("0410") == "J" {
					p.MustBeFilled(rec, "0411", "when the prestatie is bijzondere tandheelkunde (0410 is J)")
				}
			}),
		n5Rule(id+"0421", "8011", []string{record.CodePrestatie}, []string{"0420", "0421"},
			`0421: "verplicht vullen, tenzij ZORGVERLENERSCODE UITVOERDER / BEHANDELAAR in het voorgaande gegevenselement gevuld is."`,
			func(p *Pass, rec *Record) {
				if agb, ok := known(rec, "0420"); ok && !agb {
					p.MustBeFilled(rec, "0421", "when the zorgverlenerscode behandelaar/uitvoerder (0420) is not filled")
				}
			}),
		debiteurTelefoonLand(id),
		{ID: "MZ301-N4-0416", Reads: []string{"0416"}, Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
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
		{ID: "MZ301-N4-0417", Reads: []string{"0417"}, Level: N4, Err: ErrValue, Records: []string{record.CodePrestatie},
			Doc: `0417 AANDUIDING DIAGNOSECODELIJST: "… (code 026)": when filled, 026 (the diagnosecodelijst bijzondere tandheelkunde).`,
			Record: func(p *Pass, rec *Record) {
				if filled, ok := known(rec, "0417"); ok && filled {
					if v, _ := rec.Int("0417"); v != 26 {
						p.Fail(rec, "0417", "must be 026 (diagnosecodelijst bijzondere tandheelkunde), not "+rec.Value("0417"))
					}
				}
			}},
		n5Rule(id+"0417", "", []string{record.CodePrestatie}, []string{"0410", "0406", "0417"},
			`0417 AANDUIDING DIAGNOSECODELIJST: "Verplicht invullen voor bijzondere tandheelkunde als niet tevoren een individuele machtiging is aangevraagd en verleend (code 026)": `+
				`filled (with 026) for bijzondere tandheelkunde (0410 J) without a machtigingsnummer (0406).`,
			func(p *Pass, rec *Record) {
				if rec.Value("0410") == "J" && rec.Known("0406") && !rec.Filled("0406") {
					p.MustBeFilled(rec, "0417", "with 026 for bijzondere tandheelkunde (0410 is J) without a machtiging (0406 is empty)")
				}
			}),
		n5Rule(id+"0418", "", []string{record.CodePrestatie}, []string{"0417", "0418"},
			`0417: "In het volgende gegeven (0418 DIAGNOSECODE BIJZONDERE TANDHEELKUNDE) wordt de juiste code uit de hier aangegeven diagnosecodelijst ingevuld": filled when 0417 is.`,
			func(p *Pass, rec *Record) {
				if filled, ok := known(rec, "0417"); ok && filled {
					p.MustBeFilled(rec, "0418", "when the aanduiding diagnosecodelijst (0417) is filled")
				}
			}),
	}
}
