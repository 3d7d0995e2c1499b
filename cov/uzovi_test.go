package cov

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegisterParses(t *testing.T) {
	reg, err := register()
	if err != nil {
		t.Fatal(err)
	}
	if len(reg) < 90 {
		t.Errorf("register has %d entries, want the whole COD061 list", len(reg))
	}
	for u, want := range map[UZOVI]string{3311: "Zilveren Kruis Zorgverzekeringen N.V.", 7095: "VGZ Zorgverzekeraar N.V.", 101: "N.V. Univé Zorg", 7029: "OWM DSW Zorgverzekeraar U.A."} {
		if got := u.Name(); got != want {
			t.Errorf("UZOVI %s: Name = %q, want %q", u, got, want)
		}
	}
	if ins, ok := UZOVI(3332).Insurer(); !ok || ins.Concern != "MENZIS" {
		t.Errorf("3332: %+v, %v", ins, ok)
	}
	if _, ok := UZOVI(1).Insurer(); ok {
		t.Error("UZOVI 0001 found")
	}
}

// TestRegisterMatchesVektis compares the embedded register with the Vektis
// list in ../shared, when it is there.
func TestRegisterMatchesVektis(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "vektis", "codes", "COD061_uzovi.json"))
	if err != nil {
		t.Skipf("no ../shared beside the checkout: %v", err)
	}
	var list []struct {
		Code        int
		Description string
		Concern     string
	}
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	reg, _ := register()
	if len(reg) != len(list) {
		t.Errorf("register has %d entries, Vektis %d", len(reg), len(list))
	}
	for _, e := range list {
		ins, ok := UZOVI(e.Code).Insurer()
		if !ok || ins.Naam != strings.TrimSpace(e.Description) || ins.Concern != strings.TrimSpace(e.Concern) {
			t.Errorf("UZOVI %04d: register %+v, Vektis %q / %q", e.Code, ins, e.Description, e.Concern)
		}
	}
}

func TestParseUZOVI(t *testing.T) {
	for in, want := range map[string]UZOVI{"0101": 101, "3311": 3311, " 7095 ": 7095, "1": 1} {
		if got, err := ParseUZOVI(in); err != nil || got != want {
			t.Errorf("ParseUZOVI(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "0", "12345", "ab", "-1"} {
		if _, err := ParseUZOVI(bad); err == nil {
			t.Errorf("ParseUZOVI(%q) accepted", bad)
		}
	}
	if s := UZOVI(101).String(); s != "0101" {
		t.Errorf("String = %q", s)
	}
}
