package validate

import (
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// TestIntRaw holds intRaw, which the GGZ tariefrecord rules read the soort (0610) with,
// against Record.Int and Record.Raw on the same field: the same number, the same text,
// the same answer for what is not a number.
func TestIntRaw(t *testing.T) {
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		t.Fatal(err)
	}
	l := std.Layout("06")
	if l == nil || l.Field("0610") == nil || l.Field("0610").Length != 2 {
		t.Fatalf("GZ321 06 has no two-position 0610")
	}
	f := l.Field("0610")
	cases := []struct {
		value string
		want  int64
		ok    bool
	}{
		{"10", 10, true}, {"04", 4, true}, {"00", 0, true}, {"99", 99, true},
		{" 1", 0, false}, {"1 ", 0, false}, {"  ", 0, false}, {"1a", 0, false}, {"-1", 0, false},
	}
	for _, c := range cases {
		text := []byte(strings.Repeat(" ", l.Length()))
		copy(text, "06")
		copy(text[f.Start-1:f.End], c.value)
		rec := NewRecord(l, string(text), 1)
		raw, n, ok := intRaw(rec, "0610")
		in, iok := rec.Int("0610")
		if n != c.want || ok != c.ok || n != in || ok != iok {
			t.Errorf("0610 %q: intRaw %d, %v; Int %d, %v; want %d, %v", c.value, n, ok, in, iok, c.want, c.ok)
		}
		if ok && raw != rec.Raw("0610") {
			t.Errorf("0610 %q: intRaw text %q, Raw %q", c.value, raw, rec.Raw("0610"))
		}
		if ok && raw != rec.Value("0610") {
			t.Errorf("0610 %q: intRaw text %q, Value %q (the messages used Value)", c.value, raw, rec.Value("0610"))
		}
	}
	if _, _, ok := intRaw(NewRecord(l, strings.Repeat("0", l.Length()), 1), "9999"); ok {
		t.Error("intRaw of a field the record does not have: ok")
	}
}
