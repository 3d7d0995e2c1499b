package validate

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// fieldsResult is what the field checks of one record give: the findings, the hard
// faults, the masks and the dates noted for the rules.
type fieldsResult struct {
	findings        []Finding
	hard            int
	wf, filled      uint64
	dateHas, dateOK uint64
	dates           [64]civil.Date
}

// checkFieldsByField runs the full checks of every field (checkField) on rec, as
// checkFields did before its fields were compiled (layoutPlan.ops): the answer the
// compiled checks are held to.
func checkFieldsByField(e *engine, rec *Record) int {
	lp := rec.lp
	var wf, filled uint64
	ds := &e.dates.slots[lp.dateSlot]
	ds.line, ds.lp, ds.has, ds.valid = rec.Line, lp, 0, 0
	rec.dates = &e.dates
	if k := rec.raw(0); !lp.fields[0].numeric || isDigits(k) {
		wf = 1
		if lp.fields[0].numeric && !allZero(k) || !lp.fields[0].numeric && !allSpaces(k) {
			filled = 1
		}
	}
	hard := 0
	for i := 1; i < len(lp.fields); i++ {
		w, f, h := e.checkField(rec, i)
		wf, filled, hard = wf|w, filled|f, hard+h
	}
	rec.wf, rec.filled, rec.masked = wf, filled, true
	return hard
}

// runFieldChecks runs check on rec into r, reusing r's findings.
func runFieldChecks(e *engine, rec *Record, check func(*engine, *Record) int, r *fieldsResult) {
	e.pending = e.pending[:0]
	r.hard = check(e, rec)
	r.findings = append(r.findings[:0], e.pending...)
	r.wf, r.filled = rec.wf, rec.filled
	ds := &e.dates.slots[rec.lp.dateSlot]
	r.dateHas, r.dateOK = ds.has, ds.valid
	for i := range 64 {
		if r.dateHas&(1<<i) != 0 {
			r.dates[i] = ds.d[i]
		} else {
			r.dates[i] = civil.Date{}
		}
	}
}

func sameResult(a, b *fieldsResult) bool {
	if a.hard != b.hard || a.wf != b.wf || a.filled != b.filled || a.dateHas != b.dateHas || a.dateOK != b.dateOK ||
		a.dates != b.dates || len(a.findings) != len(b.findings) {
		return false
	}
	for i := range a.findings {
		f, g := &a.findings[i], &b.findings[i]
		if f.Level != g.Level || f.Rule != g.Rule || f.Line != g.Line || f.Record != g.Record || f.Field != g.Field ||
			f.FieldName != g.FieldName || f.Position != g.Position || f.Retourcode != g.Retourcode || f.Message != g.Message || f.Err != g.Err {
			return false
		}
	}
	return true
}

// fieldCandidates returns the values of width n a field is tried with: empty ones,
// digits, a non-digit, a control character, a Latin-1 letter and a space in each
// position (with ZORGBERICHT_TEST_FULL more of each: '/', ':', 0x1f, 0x80, 0x85), codes,
// dates, AGB codes and BSNs.
func fieldCandidates(n int, full bool) []string {
	var out []string
	add := func(s string) {
		if len(s) > n {
			s = s[:n]
		}
		out = append(out, s+strings.Repeat(" ", n-len(s)))
	}
	digits := func(v int) string {
		s := strconv.Itoa(v)
		if len(s) > n {
			return s[len(s)-n:]
		}
		return strings.Repeat("0", n-len(s)) + s
	}
	add("")
	add(strings.Repeat("0", n))
	add(strings.Repeat("9", n))
	add("A")
	add(" A")
	add("A ")
	add(strings.Repeat("A", n))
	for v := range 100 {
		if n <= 2 || v <= 12 || v%10 == 9 {
			add(digits(v))
		}
	}
	for _, v := range []int{329, 1000, 4321, 65535, 65536, 99999, 123456} {
		add(digits(v))
	}
	for _, s := range []string{"20250101", "20250230", "20240229", "20230229", "17991231", "18000101", "20260101", "20260102", "20991231", "00000000",
		"00123456", "01000000", "01234567", "98000001", "123456782", "123456789", "999999999", "NL123456789B01", "EUR", "1234AB"} {
		add(s)
	}
	// Each position of a field read as words (up to 16), the first and last ones of a longer
	// one.
	for _, p := range []int{0, 1, 2, 6, 7, 8, 9, 14, 15, 16, n - 2, n - 1} {
		if p < 0 || p >= n || p >= 17 && p < n-2 {
			continue // past the list, or tried already
		}
		bytes := []byte{'A', ' ', 0x01, 0x7f, 0xe9, 0x1f, 0x80, 0x85, '/', ':'}
		if !full {
			bytes = bytes[:5] // a letter, a space, control characters and Latin-1
		}
		for _, c := range bytes {
			b := []byte(strings.Repeat("1", n))
			b[p] = c
			out = append(out, string(b))
			b = []byte(strings.Repeat("a", n))
			b[p] = c
			out = append(out, string(b))
		}
	}
	if n == 1 {
		for c := range 256 {
			out = append(out, string([]byte{byte(c)}))
		}
	}
	return out
}

// TestOpsAsTheChecks holds checkFields, which runs the compiled checks of a layout
// (layoutPlan.ops: words of 8 bytes, one-step passes), against the full checks of every
// field (checkField) on every field of every layout of every standard of the module: the
// same findings, hard faults, masks and dates, for each candidate value in the field, with
// the rest of the record empty, filled with digits, letters, control characters or
// Latin-1 bytes (the words read around a field must not see its neighbours). Reduced
// (testlevel): each layout with one of these fills in turn, and each field with every
// third candidate value, a different third from one field to the next; with
// ZORGBERICHT_TEST_FULL every fill and every value.
func TestOpsAsTheChecks(t *testing.T) {
	e := newEngine(context.Background(), Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1)}, func(Finding) bool { return true })
	fills := []func(lp *layoutPlan, b []byte){
		func(lp *layoutPlan, b []byte) { // empty: zeros and spaces
			for i := range lp.fields {
				fp := &lp.fields[i]
				c := byte(' ')
				if fp.numeric {
					c = '0'
				}
				for j := fp.start; j < fp.end; j++ {
					b[j] = c
				}
			}
		},
		func(_ *layoutPlan, b []byte) { fillBytes(b, '7') },
		func(_ *layoutPlan, b []byte) { fillBytes(b, 'x') },
		func(_ *layoutPlan, b []byte) { fillBytes(b, 0x01) },
		func(_ *layoutPlan, b []byte) { fillBytes(b, 0xff) },
	}
	tried, words, layouts := 0, 0, 0
	candidates := map[int][]string{}
	var got, want fieldsResult
	// Layouts compiled to the same ops are tried once: the full checks a field falls back
	// to are the same code on both sides.
	seen := map[string]bool{}
	for _, std := range standards.Registry().All() {
		pl := compile(std)
		for _, lp := range pl.layouts {
			if lp.ops == nil {
				t.Errorf("%s %s: no compiled field checks", std.ID(), lp.code)
				continue
			}
			if sig := fmt.Sprint(lp.lay.Length(), lp.ops); seen[sig] {
				continue
			} else {
				seen[sig] = true
			}
			for _, op := range lp.ops {
				if op.words != 0 {
					words++
				}
			}
			line := make([]byte, lp.lay.Length())
			layouts++
			// The loop over every kind (runOps), which a layout of more than 64 fields
			// runs instead of the loops per kind (layoutPlan.split): held against the
			// full checks on every layout too.
			unsplit := *lp
			unsplit.split = false
			for fi, fill := range fills {
				if !testlevel.Full() && fi != layouts%len(fills) {
					continue // reduced: one fill per layout, in turn
				}
				for i := 1; i < len(lp.fields); i++ {
					fp := &lp.fields[i]
					fill(lp, line)
					copy(line, lp.code)
					n := fp.end - fp.start
					if candidates[n] == nil {
						candidates[n] = fieldCandidates(n, testlevel.Full())
					}
					for ci, v := range candidates[n] {
						if !testlevel.Full() && (ci+i+layouts)%3 != 0 {
							continue // reduced: every third value, a different third for the next field
						}
						copy(line[fp.start:fp.end], v)
						text := string(line)
						rec := &Record{Line: 7, text: text, lp: lp, Layout: lp.lay, Standard: std}
						runFieldChecks(e, rec, checkFieldsByField, &want)
						*rec = Record{Line: 7, text: text, lp: lp, Layout: lp.lay, Standard: std}
						runFieldChecks(e, rec, (*engine).checkFields, &got)
						tried++
						if !sameResult(&got, &want) {
							t.Fatalf("%s %s field %s (fill %d) holding %q:\ncompiled checks %s\nfull checks     %s",
								std.ID(), lp.code, fp.f.Number, fi, v, describeResult(got), describeResult(want))
						}
						if lp.split {
							*rec = Record{Line: 7, text: text, lp: &unsplit, Layout: lp.lay, Standard: std}
							runFieldChecks(e, rec, (*engine).checkFields, &got)
							if !sameResult(&got, &want) {
								t.Fatalf("%s %s field %s (fill %d) holding %q:\nthe loop over every kind %s\nfull checks              %s",
									std.ID(), lp.code, fp.f.Number, fi, v, describeResult(got), describeResult(want))
							}
						}
					}
				}
			}
		}
	}
	t.Logf("tried %d values, %d fields read as words", tried, words)
	if tried == 0 || words == 0 {
		t.Fatalf("tried %d values, %d fields read as words: the test checks nothing", tried, words)
	}
}

func fillBytes(b []byte, c byte) {
	for i := range b {
		b[i] = c
	}
}

func describeResult(r fieldsResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "hard %d wf %x filled %x dates %x/%x", r.hard, r.wf, r.filled, r.dateHas, r.dateOK)
	for _, f := range r.findings {
		fmt.Fprintf(&b, "\n  %s field %s pos %d: %s", f.Rule, f.Field, f.Position, f.Message)
	}
	return b.String()
}
