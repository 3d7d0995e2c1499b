package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The data files in ei/validate/codelists are what this program makes of the Vektis code
// lists in ../shared: run go generate in ei/validate when this fails.
func TestCodelistsCurrent(t *testing.T) {
	files, err := Files(sharedtest.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "codelists", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("codelists/%s is not current: run go generate in ei/validate", name)
		}
	}
}

func TestFieldcodes(t *testing.T) {
	rc := []retourcode{
		{"0435", "D", "Burgerservicenummer (BSN) verzekerde ontbreekt of is onjuist."},
		{"0018", "T", "UZOVI-nummer ontbreekt of is onjuist (voorlooprecord)."},
		{"0310", "D", "Voorletters ontbreken of zijn onjuist (verzekerde)."},
		{"8621", "", "(Begin-/eind)datum zorgactiviteit ontbreekt of is onjuist."},
		{"0030", "T", "Factuurnummer declarant ontbreekt, is onjuist of is niet uniek (nummer is reeds gebruikt in een voorgaande factuur)."},
		{"8170", "", "Praktijkcode en zorgverlenerscode moeten gevuld zijn indien instellingscode leeg is."},
	}
	got := map[string]string{}
	for _, f := range fieldcodes(rc) {
		got[f.scope+"|"+f.name] = f.code
	}
	for k, want := range map[string]string{
		"|BURGERSERVICENUMMER (BSN) VERZEKERDE": "0435", "01|UZOVI-NUMMER": "0018", "|VOORLETTERS VERZEKERDE": "0310",
		"|BEGINDATUM ZORGACTIVITEIT": "8621", "|EINDDATUM ZORGACTIVITEIT": "8621", "|FACTUURNUMMER DECLARANT": "0030",
	} {
		if got[k] != want {
			t.Errorf("%s: %q, want %q", k, got[k], want)
		}
	}
	for k := range got {
		if bytes.Contains([]byte(k), []byte("PRAKTIJKCODE EN")) {
			t.Errorf("a rule's description taken for a field: %s", k)
		}
	}
}
