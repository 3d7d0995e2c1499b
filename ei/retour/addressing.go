package retour

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/uzovi"
)

// CodeNietAangesloten is COD954 8198: the zorgverzekeraar the file is addressed to is not
// connected (seed 002 example 2a: the portal answers 0001 + 8198).
const CodeNietAangesloten = "8198"

// Addressing says which zorgverzekeraars a receiver passes a declaration on to.
type Addressing struct {
	// Connected, when not empty, are the only UZOVI numbers that may receive a
	// declaration; it narrows what the role allows.
	Connected []int64
}

// NotConnected reports whether decl is addressed to a zorgverzekeraar that cannot receive
// it, by the UZOVI-nummer of its 01 voorlooprecord (the field of data element COD061): in
// the portal role (VECOZO) a number that is not in the UZOVI register (its copy of
// uzovi.Date) is not connected, nor is an empty one; in both roles, with
// Addressing.Connected given, a number not in that list. The answer is then a file-level
// rejection with CodeNietAangesloten. A declaration whose 01 has no UZOVI field is
// connected (there is nothing to route on).
func NotConnected(decl *ei.File, role Role, a Addressing) (bool, error) {
	if decl == nil || decl.Voorloop.Record == nil {
		return false, fmt.Errorf("retour: NotConnected needs the declaration's voorlooprecord")
	}
	l := decl.Voorloop.Record.Layout()
	var f *record.Field
	for i := 0; i < l.NumFields(); i++ {
		if fi := l.FieldIndex(i); strings.HasPrefix(fi.Element, "COD061") {
			f = &fi
			break
		}
	}
	if f == nil {
		return false, nil
	}
	hdr, err := decl.Voorloop.Record.AppendTo(nil)
	if err != nil {
		return false, fmt.Errorf("retour: %w", err)
	}
	n, err := record.FieldInt(hdr, l, f)
	if err != nil || n <= 0 {
		return role == Portal || len(a.Connected) > 0, nil
	}
	if len(a.Connected) > 0 && !slices.Contains(a.Connected, n) {
		return true, nil
	}
	if role == Portal {
		_, ok, err := uzovi.Lookup(int(n))
		if err != nil {
			return false, fmt.Errorf("retour: UZOVI register: %w", err)
		}
		if !ok {
			return true, nil
		}
	}
	return false, nil
}
