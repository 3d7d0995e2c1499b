package record

import (
	"fmt"
	"strconv"
	"strings"
)

// DataType is the type of a field: N (numeric), AN (alphanumeric) or SN (signed numeric).
type DataType uint8

// The data types of a field.
const (
	Numeric      DataType = iota + 1 // N: digits, right-aligned, zero-padded
	Alphanumeric                     // AN: left-aligned, space-padded
	Signed                           // SN: a sign '+' or '-' in the first position, then digits
)

// String returns "N", "AN" or "SN".
func (t DataType) String() string {
	switch t {
	case Numeric:
		return "N"
	case Alphanumeric:
		return "AN"
	case Signed:
		return "SN"
	}
	return "DataType(" + strconv.Itoa(int(t)) + ")"
}

// IsNumeric reports whether the type holds digits (N or SN).
func (t DataType) IsNumeric() bool { return t == Numeric || t == Signed }

// ParseDataType parses "N", "AN" or "SN".
func ParseDataType(s string) (DataType, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "N":
		return Numeric, nil
	case "AN":
		return Alphanumeric, nil
	case "SN":
		return Signed, nil
	}
	return 0, fmt.Errorf("unknown field type %q: want N, AN or SN", s)
}

// Obligation says whether a field must be filled: M (mandatory), C (conditional),
// O (optional) or S (reserve: must hold spaces).
type Obligation byte

// The obligations of the BER "Verplichting" column.
const (
	Mandatory   Obligation = 'M'
	Conditional Obligation = 'C'
	Optional    Obligation = 'O'
	Reserve     Obligation = 'S'
)

// String returns the one-letter code.
func (o Obligation) String() string { return string(rune(o)) }

// ParseObligation parses M, C, O or S.
func ParseObligation(s string) (Obligation, error) {
	if t := strings.ToUpper(strings.TrimSpace(s)); len(t) == 1 {
		switch o := Obligation(t[0]); o {
		case Mandatory, Conditional, Optional, Reserve:
			return o, nil
		}
	}
	return 0, fmt.Errorf("unknown obligation %q: want M, C, O or S", s)
}

// Kind is how a field is represented in Go.
type Kind uint8

// The Go representations of fields.
const (
	KindText    Kind = iota + 1 // AN field: string
	KindInteger                 // N field: int64
	KindDate                    // N8 date EEJJMMDD: Date
	KindAmount                  // N or SN amount in cents: Money
	KindReserve                 // reserve (obligation S): string, spaces when valid
	KindBSN                     // N9 burgerservicenummer: BSN (masked when printed)
	KindDigits                  // N field longer than 18 positions: Digits, every digit kept
)

var kindNames = [...]string{KindText: "text", KindInteger: "integer", KindDate: "date", KindAmount: "amount",
	KindReserve: "reserve", KindBSN: "bsn", KindDigits: "digits"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Role is what a field means to the machinery of a file (numbering, counts, totals,
// checks). Roles are facts of the spec file (its "role" column); nothing guesses them
// at run time. Most fields have none.
type Role uint8

// The roles readers, writers and validators rely on.
const (
	RoleNone               Role = iota
	RoleRecordCode              // the record code (kenmerk record)
	RoleDetailID                // identificatie detailrecord: numbered through the file
	RoleCount                   // trailer: number of records of the type in Field.Counts
	RoleDetailCount             // trailer: total number of detail records
	RoleDeclared                // declared amount of a detail record
	RoleTotalDeclared           // trailer: total declared amount
	RoleAllowed                 // return: allowed (toegekend) amount of a detail record
	RoleTotalAllowed            // return trailer: total allowed amount
	RoleSign                    // debet/credit indicator that signs the amount before it
	RoleReturnCode              // return: retourcode
	RoleParentRef               // the number of the record this one belongs to (a comment's parent)
	RoleReference               // a reference number unique in the file (referentienummer dit …record)
	RoleBSN                     // a burgerservicenummer
	RoleCheck                   // a check number the format computes over the record (Format.Check)
	RoleOrder                   // the record's order number in the stream, numbered by the writer
	RoleCalculated              // return: berekend bedrag zorgverzekeraar of a detail record
	RoleRelatedRef              // the reference number of an earlier record this one relates to (a credit's debit)
	RoleProviderCalculated      // the berekend bedrag the provider declares (before the part it claims: the declared amount)
	RoleTotal                   // trailer: total of the detail records' field Field.Counts names (a field number), signed
	RoleReturnReference         // return: the answerer's reference number in the 01 (referentienummer zorgverzekeraar)
	RoleAGB                     // an AGB code of a care provider, practice or institution: zorgverlenerssoort (2) + nummer (6)
	RoleBegin                   // the begin date of a period whose end date is the field Field.Counts names, in the same record
	RoleCareBegin               // as RoleBegin, and both dates are dates on which care was given
	RoleCare                    // a date on which care was given: a single date, or the end of a RoleCareBegin period
)

// roleCount is the number of roles.
const roleCount = int(RoleCare) + 1

var roleNames = [...]string{RoleNone: "", RoleRecordCode: "record-code", RoleDetailID: "detail-id", RoleCount: "count",
	RoleDetailCount: "detail-count", RoleDeclared: "declared", RoleTotalDeclared: "total-declared",
	RoleAllowed: "allowed", RoleTotalAllowed: "total-allowed", RoleSign: "sign", RoleReturnCode: "return-code",
	RoleParentRef: "parent-ref", RoleReference: "reference", RoleBSN: "bsn", RoleCheck: "check", RoleOrder: "order",
	RoleCalculated: "calculated", RoleRelatedRef: "related-ref", RoleProviderCalculated: "provider-calculated", RoleTotal: "total",
	RoleReturnReference: "return-reference", RoleAGB: "agb", RoleBegin: "begin", RoleCareBegin: "care-begin", RoleCare: "care"}

// HasArgument reports whether the role names a record code or field (Field.Counts):
// RoleCount, RoleTotal, RoleBegin and RoleCareBegin.
func (r Role) HasArgument() bool {
	return r == RoleCount || r == RoleTotal || r == RoleBegin || r == RoleCareBegin
}

// String names the role ("" for RoleNone), as the spec files write it.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "Role(" + strconv.Itoa(int(r)) + ")"
}

// ParseRole parses a role as String writes it; "" is RoleNone. A count role is written
// "count:04" (the record code counted), a total role "total:0440" (the field of the detail
// records added up), a begin role "begin:0115" or "care-begin:0411" (the field of the
// period's end): ParseRole returns the code or field number separately.
func ParseRole(s string) (Role, string, error) {
	s = strings.TrimSpace(s)
	name, arg, _ := strings.Cut(s, ":")
	for i, n := range roleNames {
		if n == name {
			r := Role(i)
			if r.HasArgument() != (arg != "") {
				break
			}
			return r, arg, nil
		}
	}
	return 0, "", fmt.Errorf("unknown role %q", s)
}
