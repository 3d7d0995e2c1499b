package report

import (
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// PersonalKind decides whether field f holds personal data, and of which kind. This is
// the one place that decides, from layout data only: the spec file's personal column
// (Field.Personal), derived once at import (from the element codes, and for layouts
// without element codes from the names) and checked against that derivation for every
// built-in layout. For a field the column leaves unmarked, the element code is a safety
// net (NUM313 BSN, NAM… names and addresses, DAT006/DAT264 dates of birth, NUM030/NUM098
// huisnummer, COD083/COD312/COD434 postcodes, NUM364 telephone): it can only mask more,
// for a layout a program builds itself.
func PersonalKind(f *record.Field) record.Personal {
	if f.Personal != record.NotPersonal {
		return f.Personal
	}
	el := f.Element
	if i := strings.IndexByte(el, '-'); i >= 0 {
		el = el[:i]
	}
	switch el {
	case "NUM313":
		return record.PersonalBSN
	case "DAT006", "DAT264":
		return record.PersonalBirthDate
	case "NUM030", "NUM079", "NUM098", "NUM099", "COD083", "COD312", "COD434", "NUM364", "NAM141", "NAM142", "NAM221":
		return record.PersonalAddress
	case "NUM003", "NUM366":
		return record.PersonalID
	case "NAM014": // merknaam: a brand, not a person
		return record.NotPersonal
	case "OMS016": // vrije tekst
		return record.PersonalText
	}
	if strings.HasPrefix(el, "NAM") {
		return record.PersonalName
	}
	return record.NotPersonal
}

// isEmpty reports whether a value is empty (spaces, or zeros for an N field): it tells
// nothing about a person and is shown as it is.
func isEmpty(value string) bool { return strings.Trim(value, " 0") == "" }

// MaskValue returns value (the text of field f, trimmed) with its personal data masked
// as the core masks it everywhere (record.Personal.Mask): a BSN or other identifying
// number as its last three digits (******782), a date of birth as its year
// (1985-**-**), a name or address as its first letter (J*****).
func MaskValue(f *record.Field, value string) string {
	if freeText(f) {
		return MaskAnywhere("  " + value)[2:]
	}
	kind := PersonalKind(f)
	if kind == record.NotPersonal || isEmpty(value) {
		return value
	}
	return kind.Mask(value)
}

// MaskRaw masks the personal fields of a raw record of layout l in place of their
// positions, keeping every field's width (a date of birth as 1985****), so that a record
// shown raw (in the report, or a line with a fault) shows no personal data either and its
// columns stay columns. Positions beyond the end of raw are left alone.
func MaskRaw(l *record.Layout, raw string) string {
	if l == nil {
		return raw
	}
	var b []byte
	for i := range l.NumFields() { // FieldIndex: no copy of the layout's fields per line
		fl := l.FieldIndex(i)
		f := &fl
		if f.Start > len(raw) {
			continue
		}
		if freeText(f) {
			if b == nil {
				b = []byte(raw)
			}
			end := min(f.End, len(raw))
			copy(b[f.Start-1:end], MaskAnywhere("  " + raw[f.Start-1:end])[2:])
			continue
		}
		kind := PersonalKind(f)
		if kind == record.NotPersonal {
			continue
		}
		end := min(f.End, len(raw))
		v := raw[f.Start-1 : end]
		if isEmpty(v) {
			continue
		}
		var m string
		if kind == record.PersonalBirthDate {
			m = v[:min(4, len(v))] + strings.Repeat("*", max(0, len(v)-4))
		} else {
			m = kind.Mask(v)
		}
		if b == nil {
			b = []byte(raw)
		}
		copy(b[f.Start-1:end], padTo([]byte(m), end-f.Start+1))
	}
	if b == nil {
		return raw
	}
	return string(b)
}

func padTo(b []byte, n int) []byte {
	if len(b) >= n {
		return b[:n]
	}
	for len(b) < n {
		b = append(b, ' ')
	}
	return b
}

// MaskAnywhere masks every letter and digit of text beyond its record code (the first two
// positions; of a 01, the first nine: record code, EI code, version and subversion, which
// say what standard the file is): a BSN, a date of birth or a name can be anywhere in it. Spaces and
// punctuation stay, so the line keeps its shape. Bytes of 0x80 and above (Latin-1
// letters, parts of UTF-8 characters) are masked too.
func MaskAnywhere(text string) string {
	b := []byte(text)
	start := 0
	if strings.HasPrefix(text, "\ufeff") {
		start = 3 // a byte-order mark, shown as \ufeff
	}
	if len(b) >= start+2 && isDigit(b[start]) && isDigit(b[start+1]) {
		if text[start:start+2] == record.CodeVoorloop {
			// A 01 keeps its EI code, version and subversion: what says which standard
			// it is, too short for a BSN.
			start = min(start+9, len(b))
		} else {
			start += 2 // the record code; anything else there is masked below
		}
	}
	for i := start; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 {
			b[i] = '*'
		}
	}
	return string(b)
}

// WellFormed reports whether text is a well-formed record of layout l: of the layout's
// length, its record code, every numeric field digits only, every date a date (or zeros),
// every reserve field blank. The validator reports more faults than these; these are the
// ones that show that the content is not what the record code claims.
func WellFormed(l *record.Layout, text string) bool {
	if l == nil || len(text) != l.Length() || text[:min(2, len(text))] != l.Code() {
		return false
	}
	for i := range l.NumFields() {
		fl := l.FieldIndex(i)
		f := &fl
		v := text[f.Start-1 : f.End]
		switch {
		case f.Obligation == record.Reserve || f.Kind == record.KindReserve:
			if strings.Trim(v, " ") != "" {
				return false
			}
		case f.Type == record.Numeric:
			if strings.Trim(v, "0123456789") != "" {
				return false
			}
			if f.Kind == record.KindDate && strings.Trim(v, "0") != "" {
				if d, err := civil.ParseEEJJMMDD(v); err != nil || !d.Valid() {
					return false
				}
			}
		case f.Type == record.Signed:
			if strings.Trim(v[1:], "0123456789") != "" {
				return false
			}
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// freeText reports whether f is a text written by a person (vrije tekst, toelichting):
// it can hold anything, personal data too, and is masked as a whole (MaskAnywhere). The
// layout says so: personal kind PersonalText.
func freeText(f *record.Field) bool {
	return f.Type == record.Alphanumeric && PersonalKind(f) == record.PersonalText
}
