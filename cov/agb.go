package cov

import (
	"fmt"
	"strings"
)

// AGB is an AGB code: eight digits, the first two being the
// zorgverlenersoort. A COV check is made on behalf of one AGB code.
type AGB string

// Validate checks that a is eight digits.
func (a AGB) Validate() error {
	if len(a) != 8 || strings.Trim(string(a), "0123456789") != "" {
		return &ValidationError{Field: "AGB", Problem: fmt.Sprintf("%q is not eight digits", string(a)),
			Expected: "an AGB code of eight digits, e.g. 01001234"}
	}
	return nil
}

// Rol is the role an AGB code acts in towards VECOZO. COV needs exactly one.
type Rol int

// The roles. The zero Rol is "not set".
const (
	RolZorgverlener Rol = iota + 1 // an individual care provider
	RolPraktijk                    // a practice
	RolInstelling                  // an organisation (instelling)
)

var rolNames = map[Rol]string{RolZorgverlener: "Zorgverlener", RolPraktijk: "Praktijk", RolInstelling: "Instelling"}

// String returns the Dutch name: Zorgverlener, Praktijk or Instelling.
func (r Rol) String() string {
	if s, ok := rolNames[r]; ok {
		return s
	}
	return fmt.Sprintf("Rol(%d)", int(r))
}

// MarshalText writes the Dutch name.
func (r Rol) MarshalText() ([]byte, error) {
	if _, ok := rolNames[r]; !ok {
		return nil, fmt.Errorf("cov: rol %d: expected Zorgverlener, Praktijk or Instelling", int(r))
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads the Dutch name (case-insensitive).
func (r *Rol) UnmarshalText(b []byte) error {
	for k, v := range rolNames {
		if strings.EqualFold(v, string(b)) {
			*r = k
			return nil
		}
	}
	return fmt.Errorf("cov: rol %q: expected Zorgverlener, Praktijk or Instelling", b)
}

// AGBRole is an AGB code with the role it acts in.
type AGBRole struct {
	AGB AGB
	Rol Rol
}

// SelectAGB picks the AGB code COV checks are made for, the way seed 000
// describes it:
//
//   - the configured code, when configured.AGB is set. If configured.Rol is
//     not set, the role is taken from the same code in available, and it is
//     an error if the code is not there;
//   - otherwise the first code in available whose role is Praktijk or
//     Instelling (an individual zorgverlener's code is not chosen
//     automatically);
//   - otherwise ErrNoAGB.
func SelectAGB(configured AGBRole, available []AGBRole) (AGBRole, error) {
	if configured.AGB != "" {
		if err := configured.AGB.Validate(); err != nil {
			return AGBRole{}, fmt.Errorf("configured AGB: %w", err)
		}
		if configured.Rol != 0 {
			return configured, nil
		}
		for _, a := range available {
			if a.AGB == configured.AGB && a.Rol != 0 {
				return a, nil
			}
		}
		return AGBRole{}, fmt.Errorf("%w: the configured AGB %s has no role and is not among the %d available codes; expected a role or a code from the list", ErrNoAGB, configured.AGB, len(available))
	}
	for _, a := range available {
		if (a.Rol == RolPraktijk || a.Rol == RolInstelling) && a.AGB.Validate() == nil {
			return a, nil
		}
	}
	return AGBRole{}, fmt.Errorf("%w: none configured and none of the %d available codes is a valid practice or organisation (Praktijk/Instelling) AGB", ErrNoAGB, len(available))
}
