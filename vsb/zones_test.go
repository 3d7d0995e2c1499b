package vsb

import (
	"bytes"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// layoutFor is the layout of a record or segment of a decoded 920000.
func layoutFor(r record.Raw) *record.Layout {
	switch {
	case r.Offset == 0 && len(r.Text) == 67:
		return LayoutOf("200")
	case r.Offset == 67 && len(r.Text) == 160:
		return LayoutOf("300")
	}
	return LayoutOf(codeOf(r.Text))
}

// rawZone is the characters of zone id of r.
func rawZone(r record.Raw, id string) string { return zonesOf(layoutFor(r), r).raw(id) }

// setRaw writes v over zone id of r (any characters: for mutations) and reseals zone 99.
func setRaw(t *testing.T, r *record.Raw, id, v string) {
	t.Helper()
	l := layoutFor(*r)
	fl := fieldOf(l, id)
	if fl == nil || len(v) != fl.Length {
		t.Fatalf("record %s zone %s: %d characters for a zone of %d", l.Code(), id, len(v), fl.Length)
	}
	b := []byte(r.Text)
	copy(b[fl.Start-1:], v)
	_ = record.Seal(b, l, Check97)
	r.Text = string(b)
}

// setInt writes v into N or SN zone id of r with the core and reseals zone 99.
func setInt(t *testing.T, r *record.Raw, id string, v int64) {
	t.Helper()
	l := layoutFor(*r)
	b := []byte(r.Text)
	if err := record.PutInt(b, l, fieldOf(l, id), v); err != nil {
		t.Fatal(err)
	}
	_ = record.Seal(b, l, Check97)
	r.Text = string(b)
}

// recordOf returns the first record of the given type.
func recordOf(t *testing.T, f *File, code string) *record.Raw {
	t.Helper()
	for i := range f.Records {
		if codeOf(f.Records[i].Text) == code {
			return &f.Records[i]
		}
	}
	t.Fatalf("no record %s", code)
	return nil
}

// codes lists the codes and letters of findings ("104501B").
func codes(fs []validate.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Retourcode+f.Letter)
	}
	return out
}

func hasCode(fs []validate.Finding, code, letter string) bool {
	for _, f := range fs {
		if f.Retourcode == code && f.Letter == letter {
			return true
		}
	}
	return false
}

// Every N zone Encode leaves empty holds zeros, the long ones too (R10/R80/R90 zone 45,
// R20 zones 42-45, R51 zone 28, R52 zone 16, segment 300 zone 310), as the VI's own echo
// in ../shared/vsb/sample-920098.txt has them; no N zone anywhere holds a space.
func TestEncodeZeroFillsNZones(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, sampleZending()); err != nil {
		t.Fatal(err)
	}
	f, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ record, zone string }{
		{"10", "45"}, {"20", "42,43a,43b,44,45"}, {"51", "28"}, {"52", "16"}, {"80", "45"}, {"90", "45"},
	} {
		r := recordOf(t, f, tt.record)
		if got := rawZone(*r, tt.zone); strings.Trim(got, "0") != "" || len(got) < 19 {
			t.Errorf("record %s zone %s = %q, want zeros", tt.record, tt.zone, got)
		}
	}
	if got := rawZone(f.Segment300, "310"); got != strings.Repeat("0", 20) {
		t.Errorf("segment 300 zone 310 = %q, want 20 zeros", got)
	}
	for _, r := range append([]record.Raw{f.Segment200, f.Segment300}, f.Records...) {
		l := layoutFor(r)
		for _, fl := range l.Fields() {
			if fl.Type == record.Numeric && strings.Contains(rawZone(r, fl.Number), " ") {
				t.Errorf("record %s zone %s (N) holds a space", l.Code(), fl.Number)
			}
		}
	}
}

// vsb check refuses a non-zero zone 45 with 104501 / 804501 / 904501 (B) and a space in an
// N zone with the zone's "niet numeriek" code (204209 B for R20 zones 42-45), codes and
// letters from ../shared/vsb/efact-errors.json.
func TestLongZonesChecked(t *testing.T) {
	for _, tt := range []struct{ record, zone, value, code string }{
		{"10", "45", "00000000000000000000000001", "104501"},
		{"80", "45", "10000000000000000000000000", "804501"},
		{"90", "45", "00000000000010000000000000", "904501"},
		{"90", "45", "                          ", "904501"},
		{"20", "42,43a,43b,44,45", "000000000000000000000 00000000000000000000000000", "204209"},
		{"51", "28", "0000000000000000000000001", "512801"},
		{"52", "16", "1" + strings.Repeat("0", 268), "521601"},
	} {
		f, err := Build(sampleZending())
		if err != nil {
			t.Fatal(err)
		}
		setRaw(t, recordOf(t, f, tt.record), tt.zone, tt.value)
		rep := Check(f)
		if !hasCode(rep.Technical, tt.code, "B") {
			t.Errorf("record %s zone %s = %q: technical %v, want %s B", tt.record, tt.zone, tt.value, codes(rep.Technical), tt.code)
		}
	}
}
