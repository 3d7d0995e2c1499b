package validate

import (
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// fieldRole is what a field means to the validator's rules.
type fieldRole uint8

const (
	roleNone      fieldRole = iota
	roleDetailID            // identificatie detailrecord (and the 98's number of its record)
	roleSign                // indicatie debet/credit that signs an amount
	roleReference           // referentienummer dit …record
	roleDeclared
	roleAllowed
	roleBSN
	roleCreditRef // referentienummer voorgaande gerelateerde …record (record.RoleRelatedRef)
	// What rules need of address and name fields, which the spec files do not carry.
	rolePostcode
	rolePostcodeAbroad
	roleCountry
	roleInsuredNumber
	roleNameCode2
	roleName2
)

// roleOf returns the role of f. The roles the layout carries (record.Field.Role, from the
// spec files through the generator) are taken from there; nothing of those is guessed.
// The others are what some rules of the validator need to know of the address and name
// fields, which are not roles of the file machinery: they are recognised here by the
// field's name, the one place that does so.
func roleOf(f *record.Field) fieldRole {
	switch f.Role {
	case record.RoleDetailID, record.RoleParentRef: // a 98 carries the number of its record
		return roleDetailID
	case record.RoleDeclared:
		return roleDeclared
	case record.RoleAllowed:
		return roleAllowed
	case record.RoleSign:
		return roleSign
	case record.RoleReference:
		return roleReference
	case record.RoleBSN:
		return roleBSN
	case record.RoleRelatedRef:
		return roleCreditRef
	case record.RoleNone:
	default:
		return roleNone
	}
	switch name := f.Name; {
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
