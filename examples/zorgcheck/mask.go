package main

import (
	"flag"
	"strings"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// personal is the kind of personal data a field holds.
type personal uint8

const (
	notPersonal     personal = iota
	personalBSN              // burgerservicenummer: last three digits shown
	personalName             // names, initials, street, place, e-mail, telephone: first letter shown
	personalBirth            // date of birth: the year shown
	personalAddress          // postcode, huisnummer, toevoeging: first character shown
)

// personalKind decides from the layout whether field f holds personal data: by its
// element code (NUM313 BSN, NAM… names and addresses, DAT006/DAT264 dates of birth,
// NUM030/NUM098 huisnummer, COD083/COD312/COD434 postcodes, NUM364 telephone), and for
// layouts without element codes by words of its name. This is the one place that decides.
func personalKind(f *record.Field) personal {
	el := f.Element
	if i := strings.IndexByte(el, '-'); i >= 0 {
		el = el[:i]
	}
	switch el {
	case "NUM313":
		return personalBSN
	case "DAT006", "DAT264":
		return personalBirth
	case "NUM030", "NUM079", "NUM098", "NUM099", "COD083", "COD312", "COD434":
		return personalAddress
	case "NUM364":
		return personalName
	case "NAM014": // merknaam: a brand, not a person
		return notPersonal
	}
	if strings.HasPrefix(el, "NAM") {
		return personalName
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
		return personalBSN
	case has("GEBOORTE"):
		return personalBirth
	case has("POSTCODE", "HUISNUMMER"):
		return personalAddress
	case has("NAAM VERZEKERDE", "NAAM DEBITEUR", "NAAM PATIENT", "NAAM PATIËNT", "VOORLETTERS", "VOORVOEGSEL",
		"STRAAT", "WOONPLAATS", "ADRESREGEL", "E-MAIL", "TELEFOONNUMMER"):
		return personalName
	}
	return notPersonal
}

// maskValue returns value (the text of field f, trimmed) with its personal data masked:
// a BSN as ******782, a date of birth as 1985****, a name or address as its first letter
// and ***. Empty values (spaces, zeros) stay as they are: they tell nothing about a person.
func maskValue(f *record.Field, value string) string {
	kind := personalKind(f)
	if kind == notPersonal || strings.Trim(value, " 0") == "" {
		return value
	}
	switch kind {
	case personalBSN:
		if len(value) > 3 {
			return "******" + value[len(value)-3:]
		}
		return "******"
	case personalBirth:
		if len(value) >= 4 {
			return value[:4] + strings.Repeat("*", len(value)-4)
		}
		return "****"
	}
	_, n := utf8.DecodeRuneInString(value)
	return value[:n] + "***"
}

// maskRaw masks the personal fields of a raw record of layout l in place of their
// positions, keeping the record's length, so that a line shown raw (a line with a fault)
// does not show personal data either. Positions beyond the end of raw are left alone.
func maskRaw(l *record.Layout, raw string) string {
	if l == nil {
		return raw
	}
	b := []byte(raw)
	fields := l.Fields()
	for i := range fields {
		f := &fields[i]
		if personalKind(f) == notPersonal || f.Start > len(b) {
			continue
		}
		end := min(f.End, len(b))
		v := string(b[f.Start-1 : end])
		m := maskValue(f, strings.TrimRight(v, " "))
		if m == strings.TrimRight(v, " ") {
			continue
		}
		m = string(padTo([]byte(m), end-f.Start+1))
		copy(b[f.Start-1:end], m)
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
