package record

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Record is a typed record of a standard, as generated from its spec.
type Record interface {
	// Layout returns the layout of the record type.
	Layout() *Layout
	// Parse fills the record from one line of a file, without its line break. The line
	// must have the record length and start with the record's code.
	Parse(line string) error
	// AppendTo appends the formatted record (without line break) to dst. A value that
	// does not fit its field is an error, never truncated.
	AppendTo(dst []byte) ([]byte, error)
}

// Detail is implemented by records that carry an identificatie detailrecord.
type Detail interface {
	Record
	DetailID() int64
	SetDetailID(int64)
}

// Decoder reads the fields of one line by their index in a Layout. It keeps the first
// error; later calls return zero values. Generated Parse methods use it.
type Decoder struct {
	line   string
	layout *Layout
	err    error
}

// NewDecoder returns a decoder for line, which must have the layout's length and code.
func NewDecoder(line string, l *Layout) Decoder {
	d := Decoder{line: line, layout: l}
	switch {
	case len(line) != l.Length():
		d.err = &Error{Record: l.Code, Err: ErrRecordLength,
			Detail: "want " + strconv.Itoa(l.Length()) + " positions, have " + strconv.Itoa(len(line))}
	case line[:len(l.Code)] != l.Code:
		d.err = &Error{Record: l.Code, Position: 1, Err: ErrRecordCode, Detail: "line does not start with " + l.Code}
	}
	return d
}

// Err returns the first error met, or nil.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) raw(i int) (*Field, string) {
	f := &d.layout.Fields[i]
	return f, d.line[f.Start-1 : f.End]
}

// Text returns AN field i without its trailing spaces, converted from Latin-1 to UTF-8.
func (d *Decoder) Text(i int) string {
	if d.err != nil {
		return ""
	}
	_, s := d.raw(i)
	return DecodeText(s)
}

// Int returns N field i as an integer.
func (d *Decoder) Int(i int) int64 {
	if d.err != nil {
		return 0
	}
	f, s := d.raw(i)
	v, bad := parseDigits(s)
	if bad >= 0 {
		d.err = fieldError(d.layout, f, f.Start+bad, ErrNotDigit, "N field holds a non-digit")
	}
	return v
}

// Date returns date field i (EEJJMMDD).
func (d *Decoder) Date(i int) Date {
	if d.err != nil {
		return Date{}
	}
	f, s := d.raw(i)
	if _, bad := parseDigits(s); bad >= 0 {
		d.err = fieldError(d.layout, f, f.Start+bad, ErrNotDigit, "date EEJJMMDD holds a non-digit")
		return Date{}
	}
	if len(s) != 8 {
		d.err = fieldError(d.layout, f, f.Start, ErrDate, "a date field has 8 positions")
		return Date{}
	}
	return dateFromDigits(s)
}

// Amount returns amount field i (euro cents) as euros.
func (d *Decoder) Amount(i int) decimal.Decimal {
	if d.err != nil {
		return decimal.Decimal{}
	}
	f, s := d.raw(i)
	v, bad := parseDigits(s)
	if bad >= 0 {
		d.err = fieldError(d.layout, f, f.Start+bad, ErrNotDigit, "amount holds a non-digit")
		return decimal.Decimal{}
	}
	return CentsToEuros(v)
}

// CentsToEuros returns an amount in euro cents as a decimal amount in euros.
func CentsToEuros(cents int64) decimal.Decimal {
	if cents == 0 {
		return decimal.Decimal{}
	}
	return decimal.New(cents, -2)
}

// EurosToCents returns a decimal amount in euros as euro cents. An amount with more than
// two decimals is an error (ErrFraction), as is one out of the int64 range (ErrTooLong).
func EurosToCents(d decimal.Decimal) (int64, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, ErrFraction
	}
	if c.GreaterThan(decimal.NewFromInt(math.MaxInt64)) || c.LessThan(decimal.NewFromInt(math.MinInt64)) {
		return 0, ErrTooLong
	}
	return c.IntPart(), nil
}

// parseDigits parses a run of ASCII digits. bad is the 0-based offset of the first
// non-digit, or -1. N fields longer than 18 digits are refused by the spec checks.
func parseDigits[T ~string | ~[]byte](s T) (v int64, bad int) {
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, i
		}
		v = v*10 + int64(c)
	}
	return v, -1
}

// DecodeText returns an AN value without trailing spaces, converted from Latin-1
// (the character set of EI files) to UTF-8. ASCII values are returned without copying.
func DecodeText(s string) string {
	end := len(s)
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	s = s[:end]
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return latin1ToUTF8(s)
		}
	}
	return s
}

func latin1ToUTF8(s string) string {
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		b = utf8.AppendRune(b, rune(s[i]))
	}
	return string(b)
}

// Encoder appends the fields of one record, in order, by their index in a Layout. It
// keeps the first error. Generated AppendTo methods use it.
type Encoder struct {
	buf    []byte
	start  int
	layout *Layout
	next   int // index of the next field to write
	err    error
}

// NewEncoder starts a record of layout l at the end of dst and writes its record code.
func NewEncoder(dst []byte, l *Layout) Encoder {
	e := Encoder{buf: dst, start: len(dst), layout: l, next: 1}
	e.buf = append(e.buf, l.Code...)
	return e
}

func (e *Encoder) field(i int) *Field {
	if e.err != nil {
		return nil
	}
	if i != e.next {
		e.err = &Error{Record: e.layout.Code, Field: e.layout.Fields[i].Number, Err: ErrRecordCode, Detail: "fields written out of order"}
		return nil
	}
	e.next++
	return &e.layout.Fields[i]
}

// Text writes AN field i: v left-aligned and padded with spaces.
func (e *Encoder) Text(i int, v string) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendText(e.buf, e.layout, f, v)
		e.setErr(err)
	}
}

// Int writes N field i: v right-aligned and padded with zeros.
func (e *Encoder) Int(i int, v int64) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendInt(e.buf, e.layout, f, v)
		e.setErr(err)
	}
}

// Date writes date field i as EEJJMMDD (00000000 for the empty date).
func (e *Encoder) Date(i int, v Date) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendDate(e.buf, e.layout, f, v)
		e.setErr(err)
	}
}

// Amount writes amount field i in euro cents. The amount must not be negative (the sign
// goes in the D/C field) and must not have more than two decimals.
func (e *Encoder) Amount(i int, v decimal.Decimal) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendAmount(e.buf, e.layout, f, v)
		e.setErr(err)
	}
}

func (e *Encoder) setErr(err *Error) {
	if err != nil && e.err == nil {
		e.err = err
	}
}

// Bytes returns the buffer with the record appended, or the first error. On error the
// buffer is returned as it was given to NewEncoder.
func (e *Encoder) Bytes() ([]byte, error) {
	if e.err == nil && e.next != len(e.layout.Fields) {
		e.err = &Error{Record: e.layout.Code, Err: ErrRecordLength, Detail: "not every field was written"}
	}
	if e.err != nil {
		return e.buf[:e.start], e.err
	}
	return e.buf, nil
}

func appendText(dst []byte, l *Layout, f *Field, v string) ([]byte, *Error) {
	n := 0
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return dst, fieldError(l, f, f.Start+n, ErrCharset, "control character in AN value")
			}
			dst = append(dst, c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(v[i:])
			if r == utf8.RuneError && size == 1 || r > 0xff || r < 0xa0 {
				return dst, fieldError(l, f, f.Start+n, ErrCharset, "character outside Latin-1")
			}
			dst = append(dst, byte(r))
			i += size
		}
		n++
		if n > f.Length {
			return dst, fieldError(l, f, f.Start, ErrTooLong,
				"value longer than "+strconv.Itoa(f.Length)+" positions")
		}
	}
	for ; n < f.Length; n++ {
		dst = append(dst, ' ')
	}
	return dst, nil
}

func appendInt(dst []byte, l *Layout, f *Field, v int64) ([]byte, *Error) {
	if v < 0 {
		return dst, fieldError(l, f, f.Start, ErrNegative, "N field cannot hold a negative number")
	}
	var tmp [20]byte
	digits := strconv.AppendInt(tmp[:0], v, 10)
	if len(digits) > f.Length {
		return dst, fieldError(l, f, f.Start, ErrTooLong,
			"number has "+strconv.Itoa(len(digits))+" digits, field has "+strconv.Itoa(f.Length)+" positions")
	}
	for n := len(digits); n < f.Length; n++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...), nil
}

func appendDate(dst []byte, l *Layout, f *Field, v Date) ([]byte, *Error) {
	if f.Length != 8 {
		return dst, fieldError(l, f, f.Start, ErrDate, "a date field has 8 positions")
	}
	if v.Year < 0 || v.Year > 9999 || v.Month < 0 || v.Month > 99 || v.Day < 0 || v.Day > 99 {
		return dst, fieldError(l, f, f.Start, ErrDate, "date does not fit EEJJMMDD")
	}
	y, m, d := v.Year, int(v.Month), v.Day
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+m/10), byte('0'+m%10), byte('0'+d/10), byte('0'+d%10)), nil
}

func appendAmount(dst []byte, l *Layout, f *Field, v decimal.Decimal) ([]byte, *Error) {
	if v.Sign() < 0 {
		return dst, fieldError(l, f, f.Start, ErrNegative, "amounts are unsigned; put C in the debet/credit field")
	}
	cents, err := EurosToCents(v)
	if err != nil {
		return dst, fieldError(l, f, f.Start, err, "amount in euros with at most two decimals")
	}
	return appendInt(dst, l, f, cents)
}

// Field-level access to formatted records, by field. The writer and the validator use
// these to read and patch records without knowing their Go types.

// FieldText returns the raw bytes of field f in line (no trimming, no conversion).
func FieldText[T ~string | ~[]byte](line T, f *Field) T { return line[f.Start-1 : f.End] }

// FieldInt returns N field f of line (a string or a formatted record) as an integer.
func FieldInt[T ~string | ~[]byte](line T, l *Layout, f *Field) (int64, error) {
	v, bad := parseDigits(line[f.Start-1 : f.End])
	if bad >= 0 {
		return 0, fieldError(l, f, f.Start+bad, ErrNotDigit, "N field holds a non-digit")
	}
	return v, nil
}

// PutInt overwrites N field f of the formatted record rec with v.
func PutInt(rec []byte, l *Layout, f *Field, v int64) error {
	tmp, err := appendInt(make([]byte, 0, 20), l, f, v)
	if err != nil {
		return err
	}
	copy(rec[f.Start-1:f.End], tmp)
	return nil
}

// PutText overwrites AN field f of the formatted record rec with v.
func PutText(rec []byte, l *Layout, f *Field, v string) error {
	tmp, err := appendText(make([]byte, 0, f.Length), l, f, v)
	if err != nil {
		return err
	}
	copy(rec[f.Start-1:f.End], tmp)
	return nil
}
