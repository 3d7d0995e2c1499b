package uzovi

import (
	"strings"
	"testing"
)

func TestRegister(t *testing.T) {
	reg, err := Register()
	if err != nil {
		t.Fatal(err)
	}
	if len(reg) < 50 {
		t.Fatalf("register has %d entries", len(reg))
	}
	// Facts of the Vektis register: 3311 is Zilveren Kruis, 9999 is no insurer.
	if e, ok := reg[3311]; !ok || e.Naam == "" {
		t.Errorf("3311 = %+v, %v", e, ok)
	}
	if _, ok := reg[9999]; ok {
		t.Error("9999 is in the register")
	}
}

func TestRegisterNamesItsSource(t *testing.T) {
	if !strings.Contains(registerCSV, "Source: Vektis") {
		t.Error("register.csv does not name Vektis as its source")
	}
}

func TestLookup(t *testing.T) {
	// The caller's copy is its own: changing it does not change what Lookup finds.
	reg, err := Register()
	if err != nil {
		t.Fatal(err)
	}
	delete(reg, 3311)
	reg[9999] = Entry{Number: 9999, Naam: "invented"}
	if e, ok, err := Lookup(3311); err != nil || !ok || !strings.Contains(e.Naam, "Zilveren Kruis") || e.Number != 3311 {
		t.Errorf("Lookup(3311) = %+v, %v, %v; want Zilveren Kruis", e, ok, err)
	}
	for _, n := range []int{0, 9999, -1, 100000} {
		if e, ok, err := Lookup(n); err != nil || ok {
			t.Errorf("Lookup(%d) = %+v, %v, %v; want not found", n, e, ok, err)
		}
	}
}
