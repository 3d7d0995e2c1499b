//go:build integration

package main

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
	"github.com/zorgbericht/zorgbericht/internal/fuzzedit"
)

// dumpRegression is a header found by fuzzing (standard 107, a DEL character inside): it
// once printed a control character.
const dumpRegression = "0110700000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\x7f00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"

// dump is tolerant of any input: it never panics, and prints no control character but the
// line breaks and tabs of its own layout.
//
// It fuzzes one edit (internal/fuzzedit: overwrite, insert, delete, drop, duplicate, swap,
// join, cut, another record code, CR LF) of a real file — the synthetic PM304 (01 02 04 98
// 99), or the regression header — rather than raw bytes: with whole files as inputs the
// fuzzer spent its run minimising one of them (18 executions in 15 s). The fuzzed values
// here are a few bytes.
func FuzzDump(f *testing.F) {
	files := [][]string{strings.SplitAfter(must(readFile(synthetic)), "\n"), {dumpRegression}}
	seeds := []struct {
		file, op, line uint8
		pos            uint16
		text           string
	}{
		{0, fuzzedit.Overwrite, 0, 0, ""},          // the file as it is
		{1, fuzzedit.Overwrite, 0, 0, ""},          // the regression
		{0, fuzzedit.Insert, 0, 0, "\ufeff"},       // a byte order mark
		{0, fuzzedit.Recode, 1, 0, "05"},           // an unknown record code
		{0, fuzzedit.Overwrite, 0, 5, "09"},        // another standard version
		{0, fuzzedit.Recode, 1, 0, "98"},           // an 02 that claims to be a 98
		{0, fuzzedit.Join, 1, 0, ""},               // two records on one line
		{0, fuzzedit.Overwrite, 2, 40, "\x1b[31m"}, // a terminal escape
		{0, fuzzedit.CRLF, 0, 0, ""},               // CR LF
		{0, fuzzedit.Cut, 3, 100, ""},              // truncated
	}
	for _, s := range seeds {
		f.Add(s.file, s.op, s.line, s.pos, s.text)
	}
	reg := standards.Registry()
	f.Fuzz(func(t *testing.T, file, op, line uint8, pos uint16, text string) {
		in := fuzzedit.Apply(files[int(file)%len(files)], op, line, pos, text)
		for _, asJSON := range []bool{false, true} {
			var out strings.Builder
			w := bufio.NewWriter(&out)
			sc := report.NewRecordScanner(strings.NewReader(in), reg, nil)
			err := dump(sc, w, asJSON, false)
			w.Flush()
			if err != nil && err != report.ErrEmpty && !strings.Contains(err.Error(), "longer than") {
				t.Fatalf("dump: %v", err)
			}
			for _, r := range out.String() {
				// Text is for people: nothing invisible. JSON holds the file's values as
				// they are, with the C0 controls escaped by the encoder.
				if r != '\n' && r != '\t' && (!asJSON && (unicode.IsControl(r) || r == '\ufeff') || r < 0x20) {
					t.Fatalf("output (json %v) holds %U", asJSON, r)
				}
			}
		}
	})
}

func readFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
