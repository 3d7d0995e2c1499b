package record_test

import (
	"errors"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// A positional layout (a segment known by its place in a message) has no record code in
// its text: its field 0 is data, read and written like the others.
func TestPositionalLayout(t *testing.T) {
	fields := []record.Field{
		{Number: "300", Name: "JAAR EN MAAND", Type: record.Numeric, Length: 6, Start: 1, End: 6, Kind: record.KindInteger, Sign: -1},
		{Number: "301", Name: "REFERENTIE", Type: record.Alphanumeric, Length: 4, Start: 7, End: 10, Kind: record.KindText, Sign: -1},
	}
	l := record.NewPositionalLayout("300", "SEGMENT 300", "Segment300", fields)
	if !l.Positional() || record.NewLayout("300", "SEGMENT 300", "Segment300", fields).Positional() {
		t.Fatal("Positional does not tell a positional layout from a coded one")
	}
	e := record.NewEncoder(nil, l)
	e.Int(0, 202601)
	e.Text(1, "AB")
	b, err := e.Bytes()
	if err != nil || string(b) != "202601AB  " {
		t.Fatalf("encoded %q, %v; want %q", b, err, "202601AB  ")
	}
	d := record.NewDecoder("202512XY  ", l)
	if ym, ref := d.Int(0), d.Text(1); d.Err() != nil || ym != 202512 || ref != "XY" {
		t.Fatalf("decoded %d %q, %v; want 202512 \"XY\"", ym, ref, d.Err())
	}
	// The same layout with a record code refuses a text that does not start with it.
	d = record.NewDecoder("202512XY  ", record.NewLayout("300", "SEGMENT 300", "Segment300", fields))
	if d.Int(0); !errors.Is(d.Err(), record.ErrRecordCode) {
		t.Fatalf("a coded layout read a text without its code: %v", d.Err())
	}
}
