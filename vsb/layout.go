package vsb

import (
	"embed"

	"fmt"

	"io/fs"
	"strings"
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
)

// The spec files are the one description of the layouts. The records (10 to 96, 91 and
// 92) are generated from specs/records into package efact by the project's generator on
// the shared core (ei/record). The positional segments 200 and 300 and the
// 450-character error detail have no record code, which the generator requires; their
// spec files (specs/segments, framing positional) are read here at first use by the
// project's spec reader into layouts of the same core.
//
//go:embed specs/segments/*.csv
var specFS embed.FS

// DataType is the type of a zone: N (digits), AN (any characters), SN (a sign + or -
// followed by digits).
type DataType string

// The zone types.
const (
	N  DataType = "N"
	AN DataType = "AN"
	SN DataType = "SN"
)

// Field is one zone of a record layout.
type Field struct {
	ID       string   // the zone id as the layout names it: "2", "8a,8b", "404", "d7"
	Name     string   // the label of the layout
	Type     DataType // N, AN or SN
	Start    int      // 1-based position in the record
	Length   int
	Decimals int    // digits after the decimal point of an amount (2: euro cents)
	Role     string // what the format derives or checks: order, check, control, total-declared, …
	Fixed    string // the fixed value, if the layout gives one
	// Personal says whether the zone holds personal data (the INSZ: record.PersonalID),
	// masked by Personal.Mask in every default output.
	Personal record.Personal
	index    int    // index in the core layout
	pattern  string // the layout's pattern ("EEJJMMDD" for a date)
}

// End is the last position of the field (1-based, inclusive).
func (f Field) End() int { return f.Start + f.Length - 1 }

// Layout is the layout of one record or segment.
type Layout struct {
	Code   string // "10", "50", "200", "300", "91", "FD" (error detail)
	Name   string
	Length int
	Fields []Field
	fw     *record.Layout
	byID   map[string]int
}

// Core returns the layout of the shared fixed-width core.
func (l *Layout) Core() *record.Layout { return l.fw }

// Field finds a zone by id; the first zone of a combined id ("5" for "5,6a") finds it too.
func (l *Layout) Field(id string) (Field, bool) {
	i, ok := l.byID[id]
	if !ok {
		return Field{}, false
	}
	return l.Fields[i], true
}

// FieldByRole returns the first zone with the given role.
func (l *Layout) FieldByRole(role string) (Field, bool) {
	for _, f := range l.Fields {
		if f.Role == role {
			return f, true
		}
	}
	return Field{}, false
}

// Message is the set of layouts of one eFact message (920000, 931000, 920999, …).
type Message struct {
	Code    string
	Name    string
	Layouts map[string]*Layout
}

var loadMessages = sync.OnceValues(func() (map[string]*Message, error) {
	names, err := fs.Glob(specFS, "specs/segments/*.csv")
	if err != nil {
		return nil, err
	}
	out := map[string]*Message{}
	for _, n := range names {
		b, err := specFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		m, err := parseSpec(string(b), n)
		if err != nil {
			return nil, err
		}
		recs := ef920000v20.Format().Layouts
		if m.Code == MsgSettlement {
			recs = ef920900v20.Format().Layouts
		}
		if m.Code == MsgSettlement || m.Code == MsgFacturatiebestand {
			for _, fl := range recs {
				m.Layouts[fl.Code()] = wrapLayout(fl)
			}
		}
		out[m.Code] = m
	}
	return out, nil
})

// wrapLayout describes a layout of the shared core with this package's Field values.
func wrapLayout(fl *record.Layout) *Layout {
	l := &Layout{Code: fl.Code(), Name: fl.Name(), Length: fl.Length(), fw: fl, byID: map[string]int{}}
	for i, f := range fl.Fields() {
		t := map[record.DataType]DataType{record.Numeric: N, record.Alphanumeric: AN, record.Signed: SN}[f.Type]
		l.Fields = append(l.Fields, Field{ID: f.Number, Name: f.Name, Type: t, Start: f.Start, Length: f.Length,
			Decimals: f.Decimals, Role: f.Role.String(), Fixed: f.ValueList, Personal: f.Personal, index: i, pattern: f.Pattern})
		l.byID[f.Number] = i
		if first, _, ok := strings.Cut(f.Number, ","); ok {
			if _, dup := l.byID[first]; !dup {
				l.byID[first] = i
			}
		}
	}
	return l
}

// Spec returns the layouts of a message ("920000", "920098", …).
func Spec(code string) (*Message, error) {
	ms, err := loadMessages()
	if err != nil {
		return nil, err
	}
	m, ok := ms[code]
	if !ok {
		return nil, fmt.Errorf("vsb: no spec for message %q", code)
	}
	return m, nil
}

// parseSpec reads a segment spec file with the project's spec reader (internal/specfile,
// framing positional) into layouts of the shared core.
func parseSpec(src, name string) (*Message, error) {
	spec, err := specfile.Parse(strings.NewReader(src), name)
	if err != nil {
		return nil, err
	}
	m := &Message{Code: spec.Code, Name: spec.Name, Layouts: map[string]*Layout{}}
	for _, l := range spec.Layouts() {
		m.Layouts[l.Code()] = wrapLayout(l)
	}
	return m, nil
}

// IsPersonal reports whether a zone of a record of the facturatiebestand holds personal
// data (its spec says so: the INSZ, zones 8a,8b of records 20, 50, 51, 52 and 80).
func IsPersonal(code, zone string) bool {
	m, err := Spec(MsgFacturatiebestand)
	if err != nil {
		return false
	}
	l := m.Layouts[code]
	if l == nil {
		return false
	}
	f, ok := l.Field(zone)
	return ok && f.Personal != record.NotPersonal
}
