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
