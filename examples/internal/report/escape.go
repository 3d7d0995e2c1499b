package report

// The text helpers of the rendering: the same wording as zorgcheck's other commands
// (examples/zorgcheck escape.go), here so that the web page (GOOS=js) renders with them too.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeText returns s (UTF-8 text, such as a message) with every character that is not
// printable written as an escape: control characters as \x1b, \t, \r, \n, a byte that is
// not UTF-8 as \xff, other invisible characters (byte-order mark, zero-width space) as
// \ufeff. Printable text, letters with accents included, stays as it is.
func EscapeText(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			writeRune(&b, r)
		}
		i += n
	}
	return b.String()
}

// EscapeLatin1 returns raw bytes of a record (Latin-1, as EI files are) as readable text:
// printable ASCII and Latin-1 letters as themselves, a backslash as \\, control bytes as
// \x1b, and a multi-byte UTF-8 character, which does not belong in a Latin-1 file, as the
// character's escape (\ufeff for a byte-order mark, \u00fc for ü), so that it stands out.
func EscapeLatin1(raw string) string {
	if isPlain(raw) && !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); {
		c := raw[i]
		if c >= utf8.RuneSelf {
			if r, n := utf8.DecodeRuneInString(raw[i:]); n > 1 {
				fmt.Fprintf(&b, `\u%04x`, r)
				i += n
				continue
			}
		}
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		case c >= 0xa0:
			writeRune(&b, rune(c)) // Latin-1 is the first 256 code points; U+00A0 and U+00AD are escaped
		default:
			writeRune(&b, rune(c))
		}
		i++
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func writeRune(b *strings.Builder, r rune) {
	switch {
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\r':
		b.WriteString(`\r`)
	case r == '\n':
		b.WriteString(`\n`)
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		fmt.Fprintf(b, `\x%02x`, r)
	case r == 0xfeff || !unicode.IsPrint(r) && r != ' ':
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		b.WriteRune(r)
	}
}

// ByteHint names what is wrong with the bytes of a record, where that explains a fault
// better than a count of positions: a byte-order mark at the start of the file, a
// multi-byte UTF-8 character, a control character. line is the 1-based line number;
// recordLength the length records must have (0 when not known). It returns "" when
// nothing stands out.
func ByteHint(line int, raw string, recordLength int) string {
	if line == 1 && strings.HasPrefix(raw, "\ufeff") {
		return `the file starts with a UTF-8 byte-order mark (\ufeff): EI files have none`
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(raw[i:])
			if n > 1 {
				extra := utf8RuneExtra(raw)
				msg := fmt.Sprintf(`the record holds a multi-byte UTF-8 character (%s %q at position %d): EI files are Latin-1`, escapeRune(r), string(r), i+1)
				if recordLength > 0 && len(raw)-extra == recordLength {
					msg += "; in Latin-1 the record would have the right length"
				}
				return msg
			}
			i++
			continue
		}
		if c < 0x20 || c == 0x7f {
			name := "a control character"
			switch c {
			case '\r':
				name = "a carriage return"
			case '\t':
				name = "a tab"
			case 0x1b:
				name = "an escape character"
			case 0:
				name = "a NUL byte"
			}
			return fmt.Sprintf(`the record holds %s (\x%02x) at position %d`, name, c, i+1)
		}
		i++
	}
	return ""
}

// utf8RuneExtra returns how many bytes more the multi-byte UTF-8 characters of s take
// than one position each.
func utf8RuneExtra(s string) int {
	extra := 0
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		if s[i] >= utf8.RuneSelf && n > 1 {
			extra += n - 1
		}
		i += max(n, 1)
	}
	return extra
}

func escapeRune(r rune) string {
	return `\u` + fmt.Sprintf("%04x", r)
}
