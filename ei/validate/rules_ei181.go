package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ei181v2Config: EI181 version 2's fields of the GGZ conditions it shares with GZ321.
var ei181v2Config = ggzConfig{key: &ggzStateKey{"EI181@2.0"}, id: "EI181-N5-", berekend: "0623", declaratie: "0628"}

// ei181Sets: the conditions of the BERs EI181 v1 and v2 (declaratie DBC-zorg GGZ). Version
// 2 has the GGZ conditions it shares with GZ321 (rules_ggz.go).
func ei181Sets() []*RuleSet {
	return []*RuleSet{
		{Name: "EI181@1.1", Standard: "EI181@1.1", Doc: "The conditions of the BER EI181 v1 (declaratie DBC-zorg GGZ).", Rules: append(ei181v1Rules(), debiteurTelefoonLand("EI181-N5-"))},
		{Name: "EI181@2.0", Standard: "EI181@2.0", Doc: "The conditions of the BER EI181 v2 (declaratie DBC-zorg GGZ).", Rules: ggzRules(ei181v2Config),
			Fields: tableFields("EI181@2.0")},
	}
}

// EI181 version 1 (declaratie DBC-zorg GGZ), BER EI181v01.
func ei181v1Rules() []*Rule {
	const id = "EI181-N5-"
	return []*Rule{
		debiteurOverleden(id),
		n5Rule(id+"0419", "8080", []string{record.CodePrestatie}, []string{"0420", "0419"},
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
