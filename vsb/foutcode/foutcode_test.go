package foutcode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		code             string
		letter           Letter
		nl               string
		recordType, zone string
	}{
		{"909802", "B", "Controlecijfer van de zending foutief.", "90", "98"},
		{"109902", "B", "Controlecijfer van het record foutief.", "10", "99"},
		{"100110", "B", "Recordtype 10 en volgnummer record ? 000001.", "10", "1"},
		{"801910", "F", "Bedrag financiële rekening A verschillend van de som van de recordtypes 30, 40 en 50 waarvan de inhoud van zone 11 = 0.", "80", "19"},
	}
	for _, tt := range tests {
		f, ok := Lookup(tt.code)
		if !ok {
			t.Errorf("%s: not found", tt.code)
			continue
		}
		if f.Letter != tt.letter || f.NL != tt.nl || f.RecordType() != tt.recordType || f.Zone() != tt.zone {
			t.Errorf("%s: got %s %q rt %s zone %s", tt.code, f.Letter, f.NL, f.RecordType(), f.Zone())
		}
	}
	if _, ok := Lookup("999999"); ok {
		t.Error("999999 found")
	}
	if f, ok := CheckNumberCode("50"); !ok || f.Code != "509902" {
		t.Errorf("CheckNumberCode(50) = %v %v", f, ok)
	}
}

// TestTableMatchesSource: the committed table is the JSON dictionary, entry for entry.
func TestTableMatchesSource(t *testing.T) {
	b, err := os.ReadFile(sharedtest.Path(t, "vsb", "efact-errors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var es []struct {
		Code, Type string
		Label      struct{ FR, NL string }
	}
	if err := json.Unmarshal(bytes.TrimPrefix(b, []byte("\ufeff")), &es); err != nil {
		t.Fatal(err)
	}
	if len(es) != 1867 || Len() != 1866 { // one duplicate code, 203210
		t.Fatalf("source %d entries, table %d", len(es), Len())
	}
	counts := map[Letter]int{}
	for _, f := range All() {
		counts[f.Letter]++
	}
	// Letter counts of the source minus the dropped duplicate (an F).
	if fmt.Sprint(counts) != "map[B:697 E:27 F:191 R:918 S:33]" {
		t.Errorf("letters %v", counts)
	}
	for _, e := range es {
		f, ok := Lookup(e.Code)
		if !ok || (f.NL != e.Label.NL && e.Code != "203210") {
			t.Errorf("%s: table has %v", e.Code, f)
		}
	}
}

// The letter of an entry compares with the typed constants (issue 23 point 9: it was a
// string beside a byte-typed Letter, and this did not compile).
func TestLetterComparesWithConstants(t *testing.T) {
	f, ok := Lookup("909802")
	if !ok || f.Letter != Blocking || !f.Letter.Valid() || f.Letter.String() != "B" {
		t.Errorf("909802: letter %q, want Blocking", f.Letter)
	}
	if Letter("X").Valid() || Letter("").Valid() || Letter("BB").Valid() {
		t.Error("X, empty or BB taken as a valid letter")
	}
}
