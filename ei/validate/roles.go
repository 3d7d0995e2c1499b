package validate

import (
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// fieldRole is what a field means to the validator's rules.
type fieldRole uint8

const (
	roleNone fieldRole = iota
	roleDetailID
	roleSign      // indicatie debet/credit
	roleReference // referentienummer dit …record
	roleParentRef // referentienummer voorgaande gerelateerde …record
	roleDeclared
	roleAllowed
	roleBSN
	// Roles of the address and name rules, which the spec files do not carry.
	rolePostcode
	rolePostcodeAbroad
	roleCountry
	roleInsuredNumber
	roleNameCode2
	roleName2
)

// roleOf returns the role of f. The roles the layout carries (record.Field.Role) come from
// the spec files; the others are still recognised here by the field's name, the one place
// that does so: when the layouts carry the roles parent-ref, sign, reference and bsn
// (the core redesign, issue 8), those cases become a switch on f.Role.
func roleOf(f *record.Field) fieldRole {
	switch f.Role {
	case record.RoleDetailID:
		return roleDetailID
	case record.RoleDeclared:
		return roleDeclared
	case record.RoleAllowed:
		return roleAllowed
	}
	name := f.Name
	elem, _, _ := strings.Cut(f.Element, "-")
	switch {
	case strings.HasPrefix(name, "INDICATIE DEBET/CREDIT"):
		return roleSign
	case strings.HasPrefix(name, "REFERENTIENUMMER DIT "):
		return roleReference
	case strings.HasPrefix(name, "REFERENTIENUMMER VOORGAANDE"):
		return roleParentRef
	case f.Type == record.Numeric && f.Length == 9 && (strings.HasPrefix(name, "BURGERSERVICENUMMER") || elem == "NUM313"):
		return roleBSN
	case strings.HasPrefix(name, "POSTCODE (HUISADRES)"):
		return rolePostcode
	case name == "POSTCODE BUITENLAND":
		return rolePostcodeAbroad
	case name == "CODE LAND VERZEKERDE" || name == "CODE LAND DEBITEUR":
		return roleCountry
	case name == "VERZEKERDENNUMMER (INSCHRIJVINGSNUMMER, RELATIENUMMER)":
		return roleInsuredNumber
	case name == "NAAMCODE/NAAMGEBRUIK (02)":
		return roleNameCode2
	case name == "NAAM VERZEKERDE (02)" || name == "NAAM DEBITEUR (02)":
		return roleName2
	}
	return roleNone
}
