package foutcode

import (
	"fmt"
	"sort"
)

//go:generate go run gen_table.go

// Letter is the rejection letter of an error code: "B", "F", "R", "E" or "S". It is a
// string type, so Foutcode.Letter compares with the constants below (f.Letter ==
// foutcode.Blocking) and converts to and from the letter of a reply (string(l),
// Letter(s)).
type Letter string

// The rejection letters.
const (
	Blocking Letter = "B" // blocks the whole sending (920099)
	Invoice  Letter = "F" // rejects the invoice (factuur) it occurs in
	Record   Letter = "R" // rejects the record (prestatie) it occurs in
	Insured  Letter = "E" // insurability of the beneficiary
	SIS      Letter = "S" // SIS/eID reference data and agreements
)

// String returns the letter itself ("B").
func (l Letter) String() string { return string(l) }

// Valid reports whether l is one of the letters the dictionary uses.
func (l Letter) Valid() bool {
	switch l {
	case Blocking, Invoice, Record, Insured, SIS:
		return true
	}
	return false
}

// Foutcode is one entry of the dictionary.
type Foutcode struct {
	Code   string // six digits RRZZNN
	Letter Letter // Blocking, Invoice, Record, Insured or SIS
	NL, FR string // the text in Dutch and French
}

// RecordType is the record type the code is about (its first two digits).
func (f Foutcode) RecordType() string { return f.Code[:2] }

// Zone is the zone the code is about (digits three and four, without leading zero).
func (f Foutcode) Zone() string {
	if f.Code[2] == '0' {
		return f.Code[3:4]
	}
	return f.Code[2:4]
}

// String gives "909802 B Controlecijfer van de zending foutief.".
func (f Foutcode) String() string { return fmt.Sprintf("%s %s %s", f.Code, f.Letter, f.NL) }

// Lookup finds a code in the dictionary.
func Lookup(code string) (Foutcode, bool) {
	i := sort.Search(len(table), func(i int) bool { return table[i].Code >= code })
	if i < len(table) && table[i].Code == code {
		return table[i], true
	}
	return Foutcode{}, false
}

// Len is the number of codes in the dictionary.
func Len() int { return len(table) }

// All returns a copy of the dictionary in code order.
func All() []Foutcode { return append([]Foutcode(nil), table[:]...) }

// CheckNumberCode is the code for a wrong record check number (zone 99) in a record of
// the given type ("10", "20", "50", …), "RR9902". ok is false when the dictionary has no
// such code for that record type.
func CheckNumberCode(recordType string) (Foutcode, bool) { return Lookup(recordType + "9902") }
