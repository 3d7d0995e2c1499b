// Package conditions holds, for every standard with an official Vektis BER, a table of the
// conditions its Constraints/condities column states: one row per field with a condition,
// the rule ids of the validator (package ei/validate) that check it, and its status —
// implemented, covered by the layout checks, not checkable from the file alone (and why),
// missing, or checked more strictly than the BER says.
//
// The tables are CSV files in this directory, embedded in the package; each names Vektis
// and the BER it summarises (README.md in this directory describes the columns). Optional
// columns state how a row narrows the validator's own field checks — the values allowed,
// the reason, required, zero as a value, not in the future (Narrowing): each standard's
// built-in rule set in ei/validate takes its RuleSet.Fields from them. A test in ei/validate reads the BERs themselves (from
// ../shared when it is there) and fails when a BER condition has no row, when a row names
// a rule that does not exist, or when a rule of a standard is in no row.
//
// Quick start:
//
//	t, ok := conditions.Lookup("MZ301", "")
//	if !ok {
//		return
//	}
//	for _, r := range t.Rows {
//		fmt.Println(r.Field, r.Status, strings.Join(r.Rules, " "), r.Note)
//	}
package conditions
