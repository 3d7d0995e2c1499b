package cov

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/zorgbericht/zorgbericht/internal/uzovi"
)

// UZOVI is the four-digit number of a zorgverzekeraar (or zorgkantoor or
// regeling) in the Vektis UZOVI register. It prints with leading zeros.
type UZOVI int

// ParseUZOVI parses a UZOVI number of one to four digits ("0101", "3311").
func ParseUZOVI(s string) (UZOVI, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 4 || n < 1 {
		return 0, fmt.Errorf("cov: UZOVI %q: expected a number of one to four digits, 0001 to 9999", s)
	}
	return UZOVI(n), nil
}

// String returns the number with four digits, e.g. "0101".
func (u UZOVI) String() string { return fmt.Sprintf("%04d", int(u)) }

// MarshalText writes the four-digit form.
func (u UZOVI) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText reads the form ParseUZOVI accepts.
func (u *UZOVI) UnmarshalText(b []byte) error {
	v, err := ParseUZOVI(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// Insurer is an entry of the UZOVI register.
type Insurer struct {
	UZOVI   UZOVI
	Naam    string // e.g. "Zilveren Kruis Zorgverzekeringen N.V."
	Concern string // e.g. "ACHMEA"; empty when the register gives none
}

// Insurer looks u up in the UZOVI register embedded in this package
// (source: Vektis, code list COD061; internal/uzovi/register.csv).
func (u UZOVI) Insurer() (Insurer, bool) {
	reg, _ := register()
	ins, ok := reg[u]
	return ins, ok
}

// Name returns the insurer's name from the UZOVI register, or "" if u is
// not in it.
func (u UZOVI) Name() string {
	ins, _ := u.Insurer()
	return ins.Naam
}

// register is the module's copy of the UZOVI register (internal/uzovi), read once. A test
// checks that it parses; lookups treat a parse failure as "not found".
var register = sync.OnceValues(func() (map[UZOVI]Insurer, error) {
	entries, err := uzovi.Register()
	if err != nil {
		return nil, fmt.Errorf("cov: UZOVI register: %w", err)
	}
	reg := make(map[UZOVI]Insurer, len(entries))
	for n, e := range entries {
		reg[UZOVI(n)] = Insurer{UZOVI: UZOVI(n), Naam: e.Naam, Concern: e.Concern}
	}
	return reg, nil
})
