package record

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors for what can be wrong with a record or a value. Errors returned by
// this package and by generated code wrap one of them; test with errors.Is.
var (
	ErrNotDigit     = errors.New("expected a digit")
	ErrSign         = errors.New("expected a sign '+' or '-'")
	ErrTooLong      = errors.New("value does not fit the field")
	ErrNegative     = errors.New("negative value in an unsigned field")
	ErrFraction     = errors.New("amount has more than two decimals")
	ErrCharset      = errors.New("character not allowed (control character, or not in Latin-1)")
	ErrDate         = errors.New("date out of range")
	ErrRecordLength = errors.New("wrong record length")
	ErrRecordCode   = errors.New("wrong or unknown record type")
	ErrCheck        = errors.New("wrong check number")
	ErrBSN          = errors.New("a BSN field holds nine digits")
)

// Error is an error about a record or one of its fields, saying where: the line (or, in
// a stream without line breaks, the record number) and byte offset when known, the record
// type, the field and the 1-based position in the record. It never holds the field's
// value, which may be personal data.
type Error struct {
	Line      int    // line (record number in a stream without breaks), 1-based; 0 when not known
	Offset    int64  // byte offset of the record in the stream, when known (Line > 0)
	Record    string // record code, e.g. "04"
	Field     string // field id, e.g. "0403"; "" when the error is about the record
	FieldName string // field name, e.g. "BURGERSERVICENUMMER (BSN) VERZEKERDE"
	Position  int    // position in the record, 1-based; 0 when not relevant
	Detail    string // what was expected or found, without the value
	Err       error  // one of the sentinel errors
}

func (e *Error) Error() string {
	var loc strings.Builder // record, field, position
	where := func(s string) {
		if loc.Len() > 0 {
			loc.WriteByte(' ')
		}
		loc.WriteString(s)
	}
	if e.Record != "" {
		where("record " + Escape(e.Record))
	}
	if e.Field != "" {
		where("field " + e.Field)
		if e.FieldName != "" {
			loc.WriteString(" (" + e.FieldName + ")")
		}
	}
	if e.Position > 0 {
		where("position " + strconv.Itoa(e.Position))
	}
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line " + strconv.Itoa(e.Line))
		if loc.Len() > 0 {
			b.WriteString(": ")
		}
	}
	b.WriteString(loc.String())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Detail != "" {
		if e.Err != nil {
			b.WriteString(": ")
		}
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Escape returns s with bytes that are not printable ASCII written as escapes ("\x1b",
// "\xef"), so that a message never carries raw control bytes. Printable text is returned
// as it is.
func Escape(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '\\' {
			var b strings.Builder
			for j := 0; j < len(s); j++ {
				c := s[j]
				switch {
				case c == '\\':
					b.WriteString(`\\`)
				case c < 0x20 || c >= 0x7f:
					b.WriteString(`\x`)
					b.WriteByte("0123456789abcdef"[c>>4])
					b.WriteByte("0123456789abcdef"[c&15])
				default:
					b.WriteByte(c)
				}
			}
			return b.String()
		}
	}
	return s
}

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// WithLine returns err with the line number set when it is an *Error without one;
// other errors are returned unchanged.
func WithLine(err error, line int) error {
	var e *Error
	if errors.As(err, &e) && e.Line == 0 {
		c := *e
		c.Line = line
		return &c
	}
	return err
}

// WithPlace returns err with line and offset set when it is an *Error without a line.
func WithPlace(err error, line int, offset int64) error {
	var e *Error
	if errors.As(err, &e) && e.Line == 0 {
		c := *e
		c.Line, c.Offset = line, offset
		return &c
	}
	return err
}

// FieldError returns an error about field f of layout l at the 1-based position pos.
func FieldError(l *Layout, f *Field, pos int, sentinel error, detail string) *Error {
	return &Error{Record: l.code, Field: f.Number, FieldName: f.Name, Position: pos, Err: sentinel, Detail: detail}
}
