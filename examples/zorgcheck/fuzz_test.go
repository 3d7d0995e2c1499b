package main

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// dump is tolerant of any input: it never panics, and prints no control character but the
// line breaks and tabs of its own layout.
func FuzzDump(f *testing.F) {
	lines := strings.SplitAfter(must(readFile(synthetic)), "\n")
	f.Add(strings.Join(lines, ""))
	f.Add("\ufeff" + strings.Join(lines, ""))
	f.Add(lines[0] + "05" + lines[1][2:])
	f.Add(lines[0][:5] + "09" + lines[0][7:])
	f.Add("\x1b[31m\n\n\r\n")
	reg := standards.Registry()
	f.Fuzz(func(t *testing.T, in string) {
		for _, asJSON := range []bool{false, true} {
			var out strings.Builder
			w := bufio.NewWriter(&out)
			sc := newRecordScanner(strings.NewReader(in), reg, nil)
			err := dump(sc, w, asJSON, false)
			w.Flush()
			if err != nil && err != errEmpty && !strings.Contains(err.Error(), "longer than") {
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

// Escaped text is valid UTF-8 with nothing invisible in it.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[0m", "\ufeff", "caf\xe9", "M\xc3\xbcller", "\x00\x7f\x85"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range []string{escapeText(s), escapeLatin1(s)} {
			if !utf8.ValidString(e) {
				t.Fatalf("%q: not UTF-8: %q", s, e)
			}
			for _, r := range e {
				if unicode.IsControl(r) || r == '\ufeff' || !unicode.IsPrint(r) && r != ' ' {
					t.Fatalf("%q escaped as %q: holds %U", s, e, r)
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
