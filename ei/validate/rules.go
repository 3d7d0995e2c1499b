package validate

import (
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
)

// conditionTables are the conditions tables (package conditions, embedded there), by
// standard version ("MZ301@1.3"), read once.
var conditionTables = sync.OnceValues(func() (map[string]*conditions.Table, error) {
	all, err := conditions.Tables()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*conditions.Table, len(all))
	for _, t := range all {
		out[t.ID()] = t
	}
	return out, nil
})

// tableFields returns the RuleSet.Fields the conditions table of standard version id
// ("MZ301@1.3") states in its columns allowed, why, required, zero_ok and not_future
// (conditions.Narrowing); nil when it narrows no field. The tables are embedded in the
// module and read by its tests (TestConditionsTables, TestConditionsNarrowing): a table
// that cannot be read or is not there is a fault of the module, not of a file, and panics.
func tableFields(id string) map[string]FieldRule {
	tables, err := conditionTables()
	if err != nil {
		panic("validate: the embedded conditions tables: " + err.Error())
	}
	t, ok := tables[id]
	if !ok {
		panic("validate: no conditions table for " + id)
	}
	var out map[string]FieldRule
	for _, row := range t.Rows {
		if row.IsZero() {
			continue
		}
		if out == nil {
			out = map[string]FieldRule{}
		}
		fr := FieldRule{Allowed: row.Allowed, Why: row.Why, ZeroOK: row.ZeroOK, NotFuture: row.NotFuture}
		if row.Required {
			fr.Required = row.Why
		}
		out[row.Field] = fr
	}
	return out
}

type allowedValues struct{ values, why string }

// daysInclusive returns the number of days from b to e, both included.
func daysInclusive(b, e record.Date) int64 {
	return int64(e.Time().Sub(b.Time()).Hours()/24) + 1
}

func allow(values, why string) allowedValues { return allowedValues{values, why} }

// commonAllowed are restrictions every official BER here states in the same words (GZ321,
// MZ301, EI181, AP304, EP301, AW319, ZH308), by record type and data element: COD134 code
// geslacht verzekerde, COD446 code geslacht debiteur, COD700/COD701/COD829 naamcode/
// naamgebruik (01)/(02)/(03).
var commonAllowed = map[string]allowedValues{
	// "Hier alleen code '1' (= mannelijk) of code '2' (= vrouwelijk) vullen."
	"02|COD134": allow("1 2", "the BER allows only 1 (man) and 2 (vrouw) here"),
	// "Waarde '1' vullen."
	"02|COD700": allow("1", "the BER asks for 1 (eigen naam) here"),
	// "Waarde '2' of '0' (indien verzekerde geen partner heeft …) vullen."
	"02|COD701": allow("0 2", "the BER allows 2 (naam echtgenoot/partner) or 0 (no partner) here"),
	// "Toegestane waarden: '1', '2', '3' en '4'. Indien niet relevant, dan vullen met '0'."
	"02|COD829": allow("0 1 2 3 4", "the BER allows 1 to 4, or 0 when not relevant"),
	// "indien bekend de waarde '1' of '2' vullen. Indien het gegeven niet bekend is '0'."
	"03|COD446": allow("0 1 2", "the BER allows 1 (man), 2 (vrouw) or 0 (not known) here"),
	"03|COD700": allow("1", "the BER asks for 1 (eigen naam) here"),
	"03|COD701": allow("0 2", "the BER allows 2 (naam echtgenoot/partner) or 0 (no partner) here"),
	// "Toegestane waarden: '1', '2', '3' en '4'."
	"03|COD829": allow("1 2 3 4", "the BER allows 1 to 4 here"),
}
