package report

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzEscape: whatever the bytes, the escaped text is UTF-8 and holds no control
// character, byte-order mark or unprintable rune; a terminal or page shows it as text.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[0m", "\ufeff", "caf\xe9", "M\xc3\xbcller", "\x00\x7f\x85", "\xa0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 256 {
			return // escaping is per rune: longer text reaches no new code
		}
		for _, e := range []string{EscapeText(s), EscapeLatin1(s)} {
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
