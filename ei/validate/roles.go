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
// fields, which are not roles of the file machinery: they are facts of the spec files too,
// the fields' data elements (elementRoles), the same in every standard of the generation.
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
	elem, _, _ := strings.Cut(f.Element, "-")
	return elementRoles[elem]
}

// elementRoles are the address and name roles by data element (Vektis element codes).
var elementRoles = map[string]fieldRole{
	"COD083": rolePostcode,       // postcode (huisadres) verzekerde
	"COD312": rolePostcode,       // postcode (huisadres) debiteur
	"COD434": rolePostcodeAbroad, // postcode buitenland
	"COD090": roleCountry,        // code land verzekerde
	"COD313": roleCountry,        // code land debiteur
	"NUM003": roleInsuredNumber,  // verzekerdennummer (inschrijvingsnummer, relatienummer)
	"COD701": roleNameCode2,      // naamcode/naamgebruik (02)
	"NAM191": roleName2,          // naam verzekerde (02)
	"NAM215": roleName2,          // naam debiteur (02)
}
