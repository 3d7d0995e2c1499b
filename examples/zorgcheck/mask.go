package main

import (
	"flag"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
)

// personalKind decides whether field f holds personal data, and of which kind. This is
// the one place that decides. The layout says it first: the spec file's personal column
// (Field.Personal). For a field it leaves unmarked, the element code (NUM313 BSN, NAM…
// names and addresses, DAT006/DAT264 dates of birth, NUM030/NUM098 huisnummer,
// COD083/COD312/COD434 postcodes, NUM364 telephone) and, for layouts without element
// codes, words of the name are a safety net: they can only mask more.
func personalKind(f *record.Field) record.Personal {
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
	}
	if strings.HasPrefix(el, "NAM") {
		return record.PersonalName
	}
	name := strings.ToUpper(f.Name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("BURGERSERVICENUMMER", "(BSN)", " BSN", "SOFINUMMER"):
		return record.PersonalBSN
	case has("GEBOORTE"):
		return record.PersonalBirthDate
	case has("POSTCODE", "HUISNUMMER", "STRAAT", "WOONPLAATS", "ADRESREGEL", "E-MAIL", "TELEFOONNUMMER"):
		return record.PersonalAddress
	case has("NAAM VERZEKERDE", "NAAM DEBITEUR", "NAAM PATIENT", "NAAM PATIËNT", "VOORLETTERS", "VOORVOEGSEL"):
		return record.PersonalName
	case has("VERZEKERDENNUMMER", "PATIENT(IDENTIFICATIE)NUMMER", "PATIENTNUMMER"):
		return record.PersonalID
	}
	return record.NotPersonal
}

// isEmpty reports whether a value is empty (spaces, or zeros for an N field): it tells
// nothing about a person and is shown as it is.
func isEmpty(value string) bool { return strings.Trim(value, " 0") == "" }

// maskValue returns value (the text of field f, trimmed) with its personal data masked
// as the core masks it everywhere (record.Personal.Mask): a BSN or other identifying
// number as its last three digits (******782), a date of birth as its year
// (1985-**-**), a name or address as its first letter (J*****).
func maskValue(f *record.Field, value string) string {
	if freeText(f) {
		return maskAnywhere("  " + value)[2:]
	}
	kind := personalKind(f)
	if kind == record.NotPersonal || isEmpty(value) {
		return value
	}
	return kind.Mask(value)
}

// maskRaw masks the personal fields of a raw record of layout l in place of their
// positions, keeping every field's width (a date of birth as 1985****), so that a record
// shown raw (in the report, or a line with a fault) shows no personal data either and its
// columns stay columns. Positions beyond the end of raw are left alone.
func maskRaw(l *record.Layout, raw string) string {
	if l == nil {
		return raw
	}
	var b []byte
	fields := l.Fields()
	for i := range fields {
		f := &fields[i]
		if f.Start > len(raw) {
			continue
		}
		if freeText(f) {
			if b == nil {
				b = []byte(raw)
			}
			end := min(f.End, len(raw))
			copy(b[f.Start-1:end], maskAnywhere("  " + raw[f.Start-1:end])[2:])
			continue
		}
		kind := personalKind(f)
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

// maskFlag defines -unmask on fs. Personal data is masked unless it is set.
func maskFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("unmask", false, "show personal data (BSN, names, addresses, dates of birth) as it is in the file; masked by default")
}

// A line is shown field by field with the masks above only when it is a well-formed
// record of the type its record code claims, read with the standard its file names.
// Anything else — a record code that does not fit the content (a 02 whose code was made
// 98), a wrong length, two records joined on one line, a layout chosen with -standard
// that the file does not name, a numeric field holding letters, a reserve that is not
// blank — may hold personal data at any position: such a line is masked as a whole
// (maskAnywhere), never less.

// maskAnywhere masks every letter and digit of text beyond its record code: the shared
// rule of examples/internal/report (report.MaskAnywhere), which the page uses too.
func maskAnywhere(text string) string { return report.MaskAnywhere(text) }

// wellFormed reports whether text is a well-formed record of layout l
// (report.WellFormed: length, record code, digits, dates, blank reserves).
func wellFormed(l *record.Layout, text string) bool { return report.WellFormed(l, text) }

// freeText reports whether f is a text written by a person (vrije tekst, toelichting):
// it can hold anything, personal data too, and is masked as a whole (maskAnywhere).
func freeText(f *record.Field) bool {
	if f.Type != record.Alphanumeric {
		return false
	}
	name := strings.ToUpper(f.Name)
	return strings.Contains(name, "VRIJE TEKST") || strings.Contains(name, "TOELICHTING") || strings.Contains(name, "OPMERKING")
}
