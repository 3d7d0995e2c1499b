package validate

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// TestFastFieldsAsTheChecks holds the one-step passes of checkFields (fieldPlan codesOnly,
// agbOnly, bsnOnly, oneByte) against the full checks (checkNumeric, checkText) they stand
// for, on every field of every standard of the module that has one: a value passes in one
// step exactly when the full check finds nothing (an empty field always takes the full
// check).
func TestFastFieldsAsTheChecks(t *testing.T) {
	e := newEngine(context.Background(), Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1)}, func(Finding) bool { return true })
	checked := map[string]int{}
	for _, std := range standards.Registry().All() {
		pl := compile(std)
		for _, lp := range pl.layouts {
			rec := &Record{Line: 1, lp: lp, Layout: lp.lay, Standard: std}
			for i := range lp.fields {
				fp := &lp.fields[i]
				full := func(v string) bool {
					e.pending = e.pending[:0]
					if fp.numeric {
						digits, zero := scanNumber(v)
						e.checkNumeric(rec, fp, v, digits, zero)
					} else {
						e.checkText(rec, fp, v)
					}
					return len(e.pending) == 0
				}
				var fast func(v string) bool
				var values []string
				width := fp.end - fp.start
				switch {
				case fp.codesOnly:
					checked["codesOnly"]++
					fast = func(v string) bool { return fp.codes.has(v) }
					for n := 1; n < 70000 && len(strconv.Itoa(n)) <= width; n += 1 + n/500 {
						values = append(values, pad(n, width))
					}
				case fp.agbOnly:
					checked["agbOnly"]++
					fast = func(v string) bool { return v[:2] != "00" && v[2:] != "000000" }
					values = []string{"01000000", "00123456", "01234567", "98000001", "00000001", "10000000"}
				case fp.bsnOnly:
					checked["bsnOnly"]++
					fast = e.knownBSN
					values = []string{"999999999", "123456782", "123456789", "111222333", "123456782", "100000009", "000000012"}
				case fp.oneByte != nil:
					checked["oneByte"]++
					fast = func(v string) bool { return fp.oneByte.has(v[0]) }
					for c := 0; c < 256; c++ {
						values = append(values, string([]byte{byte(c)}))
					}
				default:
					continue
				}
				for _, v := range values {
					if fp.numeric && (strings.Trim(v, "0") == "" || len(v) != width) || v == " " {
						continue // checkFields passes only digits, not only zeros, and no empty field
					}
					if got, want := fast(v), full(v); got != want {
						t.Errorf("%s %s %s: %q passes in one step: %v; the full check finds nothing: %v", std.ID(), lp.code, fp.f.Number, v, got, want)
					}
				}
			}
		}
	}
	for _, kind := range []string{"codesOnly", "agbOnly", "bsnOnly", "oneByte"} {
		if checked[kind] == 0 {
			t.Errorf("no field of any standard is %s: the test checks nothing of it", kind)
		}
	}
}

// TestDatesAsParsed holds Record.Date, which answers from the dates the field checks read
// (dateCache), against parsing the field, on every date field of every record of the
// synthetic GZ321 file with its dates made invalid, zero and not digits in turn; the
// records above (Parent) and those of the groups are asked too, after the cache has moved
// on to a later record.
func TestDatesAsParsed(t *testing.T) {
	data, err := os.ReadFile("../testdata/gz321-synthetic.txt")
	if err != nil {
		t.Fatal(err)
	}
	asked := 0
	check := func(rec *Record) {
		if rec == nil || rec.Layout == nil {
			return
		}
		for _, f := range rec.Layout.Fields() {
			if f.Kind != record.KindDate {
				continue
			}
			asked++
			d, ok := rec.Date(f.Number)
			want, err := civil.ParseEEJJMMDD(rec.Raw(f.Number))
			wantOK := err == nil && want.Valid()
			if ok != wantOK || ok && d != want {
				t.Errorf("line %d field %s %q: Date = %v, %v; parsed %v, %v", rec.Line, f.Number, rec.Raw(f.Number), d, ok, want, wantOK)
			}
		}
	}
	rule := &Rule{ID: "TEST-DATES", Record: func(p *Pass, rec *Record) {
		check(rec)
		check(rec.Parent())
		check(p.Header())
	}, Group: func(p *Pass, g *Group) {
		check(g.Head())
		for i := range g.Len() {
			check(g.At(i))
		}
	}}
	for _, edit := range []string{"", "20250230", "00000000", "2025013A", "18991231", "20990101"} {
		text := string(data)
		if edit != "" {
			text = strings.ReplaceAll(text, "20250101", edit)
		}
		_, err := File(context.Background(), strings.NewReader(text), Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1), Rules: []*Rule{rule}, MaxFindings: -1})
		if err != nil {
			t.Fatal(err)
		}
	}
	if asked == 0 {
		t.Fatal("no date was asked for")
	}
}
