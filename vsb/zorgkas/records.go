package zorgkas

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// The records of a facturatiebestand are the shared core's (record.Raw, with the layouts
// of vsb.LayoutOf): these read their zones by the ids of the layout, as the eFact error
// dictionary names them.

// code is the record type of a record of the facturatiebestand.
func code(r record.Raw) string {
	if len(r.Text) < 2 {
		return r.Text
	}
	return r.Text[:2]
}

// zone is the characters of zone id of r (layout l), "" if l has no such zone.
func zone(l *record.Layout, r record.Raw, id string) string {
	if l == nil {
		return ""
	}
	f := l.Field(id)
	if f == nil || f.End > len(r.Text) {
		return ""
	}
	return record.FieldText(r.Text, f)
}

// zoneInt reads N or SN zone id of r (layout l) with the core; 0 if it holds no number.
func zoneInt(l *record.Layout, r record.Raw, id string) int64 {
	if l == nil {
		return 0
	}
	f := l.Field(id)
	if f == nil || f.End > len(r.Text) {
		return 0
	}
	v, _ := record.FieldInt(r.Text, l, f)
	return v
}

// recordZone and recordInt read a zone of a record 10 … 96 by its own layout.
func recordZone(r record.Raw, id string) string { return zone(vsb.LayoutOf(code(r)), r, id) }
func recordInt(r record.Raw, id string) int64   { return zoneInt(vsb.LayoutOf(code(r)), r, id) }
