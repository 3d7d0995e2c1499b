package validate

// ep301Sets: the conditions of the BER EP301 v1.2 (declaratie eerstelijnspsychologische
// zorg), BER EP301V0102.
func ep301Sets() []*RuleSet {
	return []*RuleSet{
		{Name: "EP301", Standard: "EP301", Doc: "The conditions of the BER EP301 v1.2 (declaratie eerstelijnspsychologische zorg).",
			Rules: []*Rule{debiteurOverleden("EP301-N5-"), debiteurTelefoonLand("EP301-N5-")}},
		{Name: "EP301@1.2", Standard: "EP301@1.2", Doc: "The value restrictions of the BER EP301 v1.2.",
			Fields: tableFields("EP301@1.2")},
	}
}
