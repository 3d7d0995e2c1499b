package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

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
