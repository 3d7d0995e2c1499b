package vsb

import (
	"errors"

	"fmt"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
	"strconv"
	"strings"
)

// ErrInvalid is wrapped by every error about the content of a record or message.
var ErrInvalid = errors.New("vsb: invalid input")

// ZoneError says which zone of which record is wrong and why. It never holds the
// zone's value, which may be personal data (the INSZ, dates).
type ZoneError struct {
	Offset int    // 0-based byte offset of the record in the message (-1 if unknown)
	Order  int    // record order number (zone 2), 0 if none
	Record string // record type or segment ("10", "200", "FD")
	Zone   string // zone id
	Pos    int    // 1-based position of the zone in the record
	Msg    string
	Err    error // the core's error (ei/record), if any
}

func (e *ZoneError) Error() string {
	var b strings.Builder
	if e.Offset >= 0 {
		fmt.Fprintf(&b, "offset %d: ", e.Offset)
	}
	if e.Record != "" { // empty when the record type could not be read
		fmt.Fprintf(&b, "record %s", e.Record)
		if e.Order > 0 {
			fmt.Fprintf(&b, " (order %06d)", e.Order)
		}
		if e.Zone != "" {
			fmt.Fprintf(&b, " zone %s (position %d)", e.Zone, e.Pos)
		}
		b.WriteString(": ")
	}
	return b.String() + e.Msg
}

// Unwrap gives ErrInvalid and the core's error, so errors.Is works with both.
func (e *ZoneError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalid, e.Err}
	}
	return []error{ErrInvalid}
}

// Record is one record or segment: its layout and its characters.
type Record struct {
	Layout *Layout
	raw    []byte
}

// NewRecord returns a record of the layout with every N zone zeros, every other zone
// spaces, and fixed values (the record type) filled in.
func NewRecord(l *Layout) *Record {
	r := &Record{Layout: l, raw: make([]byte, l.Length)}
	for _, f := range l.Fields {
		fill := byte(' ')
		if f.Type == N {
			fill = '0'
		}
		for i := f.Start - 1; i < f.End(); i++ {
			r.raw[i] = fill
		}
		if f.Type == SN {
			r.raw[f.Start-1] = '+'
			for i := f.Start; i < f.End(); i++ {
				r.raw[i] = '0'
			}
		}
		if f.Fixed != "" && len(f.Fixed) == f.Length {
			copy(r.raw[f.Start-1:], f.Fixed)
		}
	}
	return r
}

// ParseRecord wraps the characters of one record (copied) in its layout.
func ParseRecord(l *Layout, b []byte) (*Record, error) {
	if len(b) != l.Length {
		return nil, &ZoneError{Offset: -1, Record: l.Code, Msg: fmt.Sprintf("%d characters, want %d", len(b), l.Length)}
	}
	return &Record{Layout: l, raw: append([]byte(nil), b...)}, nil
}

// Code is the record type ("10") or segment ("200").
func (r *Record) Code() string { return r.Layout.Code }

// Bytes returns the characters of the record (not a copy).
func (r *Record) Bytes() []byte { return r.raw }

func (r *Record) field(id string) (Field, error) {
	f, ok := r.Layout.Field(id)
	if !ok {
		return Field{}, fmt.Errorf("vsb: record %s has no zone %q", r.Layout.Code, id)
	}
	return f, nil
}

// Raw returns the characters of a zone as they are.
func (r *Record) Raw(id string) string {
	f, err := r.field(id)
	if err != nil {
		return ""
	}
	return string(r.raw[f.Start-1 : f.End()])
}

// Text returns an AN zone without its trailing spaces.
func (r *Record) Text(id string) string { return strings.TrimRight(r.Raw(id), " ") }

func (r *Record) zoneErr(f Field, msg string) error {
	e := &ZoneError{Offset: -1, Record: r.Layout.Code, Zone: f.ID, Pos: f.Start, Msg: msg}
	if o, ok := r.Layout.Field("2"); ok && o.Role == "order" {
		e.Order, _ = strconv.Atoi(string(r.raw[o.Start-1 : o.End()]))
	}
	return e
}

// Int reads an N zone (or an SN zone, with its sign), with the shared core.
func (r *Record) Int(id string) (int64, error) {
	f, err := r.field(id)
	if err != nil {
		return 0, err
	}
	v, err := record.FieldIntAt(r.raw, r.Layout.fw, f.index)
	if err != nil {
		return 0, r.coreErr(f, err)
	}
	return v, nil
}

func (r *Record) coreErr(f Field, err error) error {
	ze := r.zoneErr(f, err.Error()).(*ZoneError)
	ze.Err = err
	return ze
}

// Digits reads an N zone of any length as its digits, checked one by one.
func (r *Record) Digits(id string) (record.Digits, error) {
	f, err := r.field(id)
	if err != nil {
		return "", err
	}
	d, err := record.FieldDigits(r.raw, r.Layout.fw, f.index)
	if err != nil {
		return "", r.coreErr(f, err)
	}
	return d, nil
}

// Money reads an amount zone in euro cents (SN, or N for the unsigned amounts of 95/96/91/92).
func (r *Record) Money(id string) (Money, error) {
	v, err := r.Int(id)
	return Money(v), err
}

// SetText writes a zone from text: an AN zone padded with spaces on the right, an N zone
// from its digits (zero-padded on the left). Too long is an error; characters outside
// printable ASCII are refused (the format removes diacritics before writing).
func (r *Record) SetText(id, v string) error {
	f, err := r.field(id)
	if err != nil {
		return err
	}
	for i := 0; i < len(v); i++ {
		if v[i] < ' ' || v[i] > '~' {
			return r.zoneErr(f, fmt.Sprintf("the character at %d of the value is not printable ASCII", i+1))
		}
	}
	if f.Type == N {
		if v == "" {
			return r.zoneErr(f, fmt.Sprintf("want a number of at most %d digits", f.Length))
		}
		if err := record.PutDigits(r.raw, r.Layout.fw, f.index, record.Digits(v)); err != nil {
			return r.coreErr(f, err)
		}
		return nil
	}
	if f.Type != AN {
		n, bad := record.ParseDigits(v)
		if bad >= 0 || len(v) > f.Length || v == "" {
			return r.zoneErr(f, fmt.Sprintf("want a number of at most %d digits", f.Length))
		}
		return r.SetInt(id, n)
	}
	if err := record.PutTextAt(r.raw, r.Layout.fw, f.index, v); err != nil {
		return r.coreErr(f, err)
	}
	return nil
}

// SetInt writes an N zone zero-padded, or an SN zone as sign and digits, with the shared core.
func (r *Record) SetInt(id string, v int64) error {
	f, err := r.field(id)
	if err != nil {
		return err
	}
	if err := record.PutIntAt(r.raw, r.Layout.fw, f.index, v); err != nil {
		return r.coreErr(f, err)
	}
	return nil
}

// SetMoney writes an amount in cents.
func (r *Record) SetMoney(id string, m Money) error { return r.SetInt(id, int64(m)) }

// setSigned writes a separate sign zone and an unsigned amount zone (records 95, 96, 91, 92).
func (r *Record) setSigned(signID, amountID string, m Money) error {
	s := "+"
	if m < 0 {
		s, m = "-", -m
	}
	if err := r.SetText(signID, s); err != nil {
		return err
	}
	return r.SetMoney(amountID, m)
}

// signed reads a separate sign zone and an unsigned amount zone.
func (r *Record) signed(signID, amountID string) (Money, error) {
	m, err := r.Money(amountID)
	if err != nil {
		return 0, err
	}
	switch s := r.Raw(signID); s {
	case "+", " ":
		return m, nil
	case "-":
		return -m, nil
	default:
		f, _ := r.field(signID)
		return 0, r.zoneErr(f, fmt.Sprintf("sign %q, want + or -", s))
	}
}

// Order is the record order number (zone 2), 0 if the record has none.
func (r *Record) Order() int {
	if f, ok := r.Layout.FieldByRole("order"); ok && f.ID == "2" {
		v, _ := r.Int("2")
		return int(v)
	}
	return 0
}

// CheckNumber is the check number zone 99 should hold for the record's content.
func (r *Record) CheckNumber() int { return CheckNumber(r.raw) }

// SealCheck writes zone 99 (only for layouts that have one), with the core's Seal.
func (r *Record) SealCheck() {
	_ = record.Seal(r.raw, r.Layout.fw, Check97)
}

// VerifyCheck checks zone 99 with the core's Verify (an error wrapping
// record.ErrCheck when it is wrong).
func (r *Record) VerifyCheck() error { return record.Verify(r.raw, r.Layout.fw, Check97) }

// Typed parses the record into its generated type (package vsb/efact): an
// *ef920000v20.Prestatie for a 50, an *ef920900v20.AfrekeningMutualiteit for a 91, …
// Segments and error details have no generated type.
func (r *Record) Typed() (record.Record, error) {
	for _, f := range []*record.Format{ef920000v20.Format(), ef920900v20.Format()} {
		if f.Layout(r.Code()) == nil || len(r.raw) != f.Layout(r.Code()).Length() {
			continue
		}
		t := f.New(r.Code())
		if t == nil {
			break
		}
		if err := t.Parse(string(r.raw)); err != nil {
			return nil, err
		}
		return t, nil
	}
	return nil, fmt.Errorf("vsb: record %s has no generated type", r.Code())
}
