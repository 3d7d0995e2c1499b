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

// Message is the set of layouts of one eFact message (920000, 931000, 920999, …), on the
// shared core: the segments ("200", "300"), the records ("10" … "96", "91", "92") and the
// error detail ("FD") by code.
type Message struct {
	Code    string
	Name    string
	Layouts map[string]*record.Layout
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
		spec, err := specfile.Parse(strings.NewReader(string(b)), n)
		if err != nil {
			return nil, err
		}
		m := &Message{Code: spec.Code, Name: spec.Name, Layouts: map[string]*record.Layout{}}
		for _, l := range spec.Layouts() {
			m.Layouts[l.Code()] = l
		}
		var recs []*record.Layout
		switch m.Code {
		case MsgFacturatiebestand:
			recs = ef920000v20.Format().Layouts
		case MsgSettlement:
			recs = ef920900v20.Format().Layouts
		}
		for _, l := range recs {
			m.Layouts[l.Code()] = l
		}
		out[m.Code] = m
	}
	return out, nil
})

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

func msgLayouts(code string) (map[string]*record.Layout, error) {
	m, err := Spec(code)
	if err != nil {
		return nil, err
	}
	return m.Layouts, nil
}

// LayoutOf returns the core layout of a record ("10" … "96") or segment ("200", "300")
// of the facturatiebestand 920000, or nil.
func LayoutOf(code string) *record.Layout {
	L, err := msgLayouts(MsgFacturatiebestand)
	if err != nil {
		return nil
	}
	return L[code]
}

// IsPersonal reports whether a zone of a record of the facturatiebestand holds personal
// data (its spec says so: the INSZ, zones 8a,8b of records 20, 50, 51, 52 and 80).
func IsPersonal(code, zone string) bool {
	l := LayoutOf(code)
	if l == nil {
		return false
	}
	f := fieldOf(l, zone)
	return f != nil && f.Personal != record.NotPersonal
}

// fieldOf finds a zone by id; the first zone of a combined id ("5" for "5,6a") finds it
// too.
func fieldOf(l *record.Layout, id string) *record.Field {
	if f := l.Field(id); f != nil {
		return f
	}
	for i := 0; i < l.NumFields(); i++ {
		f := l.FieldIndex(i)
		if first, _, ok := strings.Cut(f.Number, ","); ok && first == id {
			return &f
		}
	}
	return nil
}
