package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ap304Sets: the conditions of AP304 (declaratie farmaceutische zorg), BER AP304V0702.
func ap304Sets() []*RuleSet {
	return []*RuleSet{
		{Name: "AP304", Standard: "AP304", Doc: "The conditions every version of AP304 (declaratie farmaceutische zorg) shares.",
			Rules: []*Rule{debiteurOverleden("AP304-N5-", "0224"), debiteurTelefoonLand("AP304-N5-")}},
		{Name: "AP304@7.2", Standard: "AP304@7.2", Doc: "The conditions of the BER AP304 v7.2 (AP304V0702).", Rules: ap304v72Rules(),
			Fields: tableFields("AP304@7.2")},
	}
}

// AP304 v7.2 (declaratie farmaceutische zorg), BER AP304V0702.
func ap304v72Rules() []*Rule {
	return []*Rule{
		n5Rule("AP304-N5-0413", "1510", []string{record.CodePrestatie}, []string{"0426", "0413"},
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
