package vsb

import (
	"fmt"
	"strings"
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/segments/seg920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/segments/segreplyv20"
)

// The spec files are the one description of the layouts. The records (10 to 96, 91 and
// 92) are generated from specs/records into package vsb/efact, the positional segments
// 200 and 300 and the 450-character error detail from specs/segments (framing
// positional: no record code, known by their place in the message) into
// vsb/efact/segments, by the project's generator on the shared core (ei/record).

// Message is the set of layouts of one eFact message (920000, 931000, 920999, …), on the
// shared core: the segments ("200", "300"), the records ("10" … "96", "91", "92") and the
// error detail ("FD") by code.
type Message struct {
	Code    string
	Name    string
	Layouts map[string]*record.Layout
}

// messageNames are the messages and what they are.
var messageNames = map[string]string{
	MsgFacturatiebestand: "facturatiebestand 920000: segments 200 and 300",
	MsgFileRefused:       "reply 920999: weigering facturatiebestand (DF012), segments",
	MsgSendingAccepted:   "reply 920098: aanvaarding zending (DF014), segments",
	MsgSendingRefused:    "reply 920099: weigering zending (DF013), segments",
	MsgSettlement:        "reply 920900: afrekenbestand (DF015), segments",
	MsgFileAccepted:      "reply 931000: aanvaarding facturatiebestand (DF011), segments",
}

var loadMessages = sync.OnceValue(func() map[string]*Message {
	out := map[string]*Message{}
	for code, name := range messageNames {
		m := &Message{Code: code, Name: name, Layouts: map[string]*record.Layout{}}
		var ls []*record.Layout
		switch code {
		case MsgFacturatiebestand:
			ls = append(seg920000v20.Layouts(), ef920000v20.Format().Layouts...)
		case MsgSettlement:
			ls = append(segreplyv20.Layouts(), ef920900v20.Format().Layouts...)
		default:
			ls = segreplyv20.Layouts()
		}
		for _, l := range ls {
			m.Layouts[l.Code()] = l
		}
		out[code] = m
	}
	return out
})

// Spec returns the layouts of a message ("920000", "920098", …).
func Spec(code string) (*Message, error) {
	m, ok := loadMessages()[code]
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
