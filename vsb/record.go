package vsb

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
)

// ErrInvalid is wrapped by every error about the content of a record or message that
// is not an error of the shared core (record.Error, whose sentinels say what is wrong).
var ErrInvalid = errors.New("vsb: invalid input")

// Records and segments are the shared core's: a record.Raw holds the characters of one
// record or segment (Text), its byte offset in the message (Offset) and its place
// (Number: 1 for the first record after the segments); its layout is LayoutOf(code),
// its generated type Typed. Every error that says where is a *record.Error, whose Line
// is that place and Offset that byte offset.

// Typed parses a record of the facturatiebestand or the afrekenbestand into its
// generated type (package vsb/efact): an *ef920000v20.Prestatie for a 50, an
// *ef920900v20.AfrekeningMutualiteit for a 91, … The segments and error details, which
// have no record code, have generated types too (package vsb/efact/segments: File's
// Segment200 parses into a seg920000v20.Segment200Berichtheader), known by their place.
func Typed(r record.Raw) (record.Record, error) {
	code := codeOf(r.Text)
	for _, f := range []*record.Format{ef920000v20.Format(), ef920900v20.Format()} {
		l := f.Layout(code)
		if l == nil || len(r.Text) != l.Length() {
			continue
		}
		t := f.New(code)
		if t == nil {
			break
		}
		if err := t.Parse(r.Text); err != nil {
			return nil, record.WithPlace(err, r.Number, r.Offset)
		}
		return t, nil
	}
	return nil, fmt.Errorf("%w: record %s has no generated type", ErrInvalid, record.Escape(code))
}

// Order is the record order number (zone 2) of a record 10 … 90, 0 for any other
// record or one whose zone 2 is not a number.
func Order(r record.Raw) int {
	l := LayoutOf(codeOf(r.Text))
	if l == nil || len(r.Text) != l.Length() {
		return 0
	}
	i := l.RoleIndex(record.RoleOrder)
	if i < 0 {
		return 0
	}
	v, err := record.FieldIntAt(r.Text, l, i)
	if err != nil {
		return 0
	}
	return int(v)
}

// codeOf is the record code of a record of 350 characters (its first two).
func codeOf(text string) string {
	if len(text) < 2 {
		return text
	}
	return text[:2]
}

// zones reads the zones of one record or segment by id, for the checks and the replies:
// the zone ids are the layout's, as the error dictionary and the spec files name them.
type zones struct {
	l    *record.Layout
	text string
}

func zonesOf(l *record.Layout, r record.Raw) zones { return zones{l: l, text: r.Text} }

// raw is the zone's characters as they are ("" for an unknown zone).
func (z zones) raw(id string) string {
	f := fieldOf(z.l, id)
	if f == nil || f.End > len(z.text) {
		return ""
	}
	return z.text[f.Start-1 : f.End]
}

// text is an AN zone without its trailing spaces.
func (z zones) trimmed(id string) string { return strings.TrimRight(z.raw(id), " ") }

// int reads an N zone (or an SN zone, with its sign) with the shared core.
func (z zones) int(id string) (int64, error) {
	f := fieldOf(z.l, id)
	if f == nil {
		return 0, fmt.Errorf("%w: record %s has no zone %q", ErrInvalid, z.l.Code(), id)
	}
	return record.FieldInt(z.text, z.l, f)
}

// money reads an amount zone in euro cents.
func (z zones) money(id string) (Money, error) {
	v, err := z.int(id)
	return Money(v), err
}

// signed reads a separate sign zone and an unsigned amount zone (records 95, 96, 91, 92).
func (z zones) signed(signID, amountID string) (Money, error) {
	m, err := z.money(amountID)
	if err != nil {
		return 0, err
	}
	switch s := z.raw(signID); s {
	case "+", " ":
		return m, nil
	case "-":
		return -m, nil
	default:
		f := fieldOf(z.l, signID)
		return 0, record.FieldError(z.l, f, f.Start, record.ErrSign, "want + or -")
	}
}

// placeErr gives a core error about a record of a message its place.
func placeErr(err error, r record.Raw) error { return record.WithPlace(err, r.Number, r.Offset) }

// messageErr is an error about a message at a byte offset, before or between records.
func messageErr(offset int, rec, detail string, sentinel error) *record.Error {
	e := &record.Error{Offset: int64(offset), Record: rec, Err: sentinel, Detail: detail}
	if e.Detail != "" {
		e.Detail = "byte offset " + strconv.Itoa(offset) + ": " + e.Detail
	}
	return e
}
