package record

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Personal says whether a field holds personal data, and of which kind: it decides how
// the field is masked in errors, logs and default output. It is a fact of the spec file
// (its "personal" column).
type Personal uint8

// The kinds of personal data, each with its mask.
const (
	NotPersonal       Personal = iota
	PersonalBSN                // burgerservicenummer: last three digits shown
	PersonalID                 // another number that identifies a person (verzekerdennummer, patiëntnummer): last three shown
	PersonalName               // names, initials, prefixes: first letter shown
	PersonalAddress            // street, house number, postcode, place, telephone, e-mail: first letter shown
	PersonalBirthDate          // date of birth: year only
	PersonalText               // free text, which may hold anything (vrije tekst): nothing shown
)

var personalNames = [...]string{NotPersonal: "", PersonalBSN: "bsn", PersonalID: "id", PersonalName: "name",
	PersonalAddress: "address", PersonalBirthDate: "birthdate", PersonalText: "text"}

// String names the kind as spec files write it ("" for NotPersonal).
func (p Personal) String() string {
	if int(p) < len(personalNames) {
		return personalNames[p]
	}
	return "Personal(" + strconv.Itoa(int(p)) + ")"
}

// ParsePersonal parses a kind as String writes it.
func ParsePersonal(s string) (Personal, error) {
	s = strings.TrimSpace(s)
	for i, n := range personalNames {
		if n == s {
			return Personal(i), nil
		}
	}
	return 0, fmt.Errorf("unknown kind of personal data %q: want bsn, id, name, address, birthdate or text", s)
}

// Mask returns the text of a field as it may be shown: the last three characters of a
// BSN or identifying number, the first letter of a name or address, the year of a birth
// date (EEJJMMDD or YYYY-MM-DD), nothing of free text; other fields as they are. Empty values stay empty.
func (p Personal) Mask(s string) string {
	t := strings.TrimRight(s, " ")
	if t == "" || p == NotPersonal {
		return s
	}
	switch p {
	case PersonalBSN, PersonalID:
		n := utf8.RuneCountInString(t)
		if n < 7 {
			return strings.Repeat("*", n)
		}
		r := []rune(t)
		return strings.Repeat("*", n-3) + string(r[n-3:])
	case PersonalText:
		return strings.Repeat("*", utf8.RuneCountInString(t))
	case PersonalBirthDate:
		if len(t) >= 4 {
			return t[:4] + "-**-**"
		}
		return "****"
	}
	r, size := utf8.DecodeRuneInString(t)
	_ = r
	return t[:size] + strings.Repeat("*", utf8.RuneCountInString(t)-1)
}

// Masked is a view of a typed record in which personal data is masked: it is what
// generated records print with fmt (%v, %+v, %#v, %s), encode to JSON and log with slog.
// The record's AppendTo gives the full record, for writing files.
type Masked struct{ Rec Record }

func (m Masked) values() (names, values []string, ok bool) {
	b, err := m.Rec.AppendTo(nil)
	if err != nil {
		return nil, nil, false
	}
	l := m.Rec.Layout()
	for i := 1; i < len(l.fields); i++ {
		f := &l.fields[i]
		if f.Obligation == Reserve {
			continue
		}
		raw := string(b[f.Start-1 : f.End])
		var v string
		switch f.Kind {
		case KindText:
			v = DecodeText(raw)
		case KindDate:
			if raw == "00000000" {
				v = ""
			} else {
				v = raw[:4] + "-" + raw[4:6] + "-" + raw[6:8]
			}
		case KindAmount:
			n, err := FieldIntAt(b, l, i)
			if err != nil {
				v = "?"
			} else {
				v = Money(n).String()
			}
		case KindBSN:
			if strings.Trim(raw, "0") == "" {
				v = ""
			} else {
				v = raw
			}
		default:
			n, _ := ParseDigits(raw)
			if f.Type == Signed {
				n2, err := FieldIntAt(b, l, i)
				if err == nil {
					n = n2
				}
			}
			v = strconv.FormatInt(n, 10)
		}
		names = append(names, f.GoName)
		values = append(values, f.Personal.Mask(v))
	}
	return names, values, true
}

// String returns the record as "GoName{Field: value, …}" with personal data masked.
func (m Masked) String() string {
	names, values, ok := m.values()
	l := m.Rec.Layout()
	if !ok {
		return l.goName + "{<does not format>}"
	}
	var b strings.Builder
	b.WriteString(l.goName)
	b.WriteByte('{')
	for i := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(names[i])
		b.WriteString(": ")
		b.WriteString(strconv.Quote(values[i]))
	}
	b.WriteByte('}')
	return b.String()
}

// Format prints the masked record for every verb.
func (m Masked) Format(f fmt.State, verb rune) { fmt.Fprint(f, m.String()) }

// MarshalJSON writes the record as an object of its fields, personal data masked.
func (m Masked) MarshalJSON() ([]byte, error) {
	names, values, ok := m.values()
	if !ok {
		return nil, fmt.Errorf("record %s does not format", m.Rec.Layout().code)
	}
	var b strings.Builder
	b.WriteByte('{')
	for i := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(names[i])
		v, _ := json.Marshal(values[i])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// LogValue makes slog log the masked record.
func (m Masked) LogValue() slog.Value {
	names, values, ok := m.values()
	if !ok {
		return slog.StringValue(m.Rec.Layout().goName + "{<does not format>}")
	}
	attrs := make([]slog.Attr, len(names))
	for i := range names {
		attrs[i] = slog.String(names[i], values[i])
	}
	return slog.GroupValue(attrs...)
}
