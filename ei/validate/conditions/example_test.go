package conditions_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
)

// Lookup gives the conditions table of a standard version: per field of the BER, what the
// validator checks of its condition and at which RBC level.
func ExampleLookup() {
	t, ok := conditions.Lookup("MZ301", "1.3")
	if !ok {
		fmt.Println("no table")
		return
	}
	fmt.Println(t.ID(), t.Count(conditions.Missing), "conditions left unchecked")
	if row := t.Row("0403"); row != nil {
		fmt.Println(row.Field, row.Name, row.Level, row.Rules, row.Status)
	}
	// Output:
	// MZ301@1.3 0 conditions left unchecked
	// 0403 BURGERSERVICENUMMER (BSN) VERZEKERDE N5 [N3-MANDATORY N4-BSN N5-PARENT] implemented
}
