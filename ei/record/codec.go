package record

import (
	"strconv"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
)

// Record is a typed record of a layout, as generated from a spec file.
type Record interface {
	// Layout returns the layout of the record type. It cannot be changed.
	Layout() *Layout
	// Parse fills the record from one record of a file, without line break. The text
	// must have the record length and start with the record's code. String fields share
	// memory with text.
	Parse(text string) error
	// AppendTo appends the formatted record (without line break) to dst. A value that
	// does not fit its field is an error, never truncated.
	AppendTo(dst []byte) ([]byte, error)
}

// Decoder reads the fields of one record by their index in a Layout. It keeps the first
// error; later calls return zero values. Generated Parse methods use it for a record that
// is not well formed, to find the first wrong field (see fast.go for their fast path).
type Decoder struct {
	line   string
	layout *Layout
	err    error
}

// NewDecoder returns a decoder for line, which must have the layout's length and start
// with its record code (field 0), unless the layout is positional.
func NewDecoder(line string, l *Layout) Decoder {
	d := Decoder{line: line, layout: l}
	switch {
	case len(line) != l.length:
		d.err = &Error{Record: l.code, Err: ErrRecordLength,
			Detail: "want " + strconv.Itoa(l.length) + " positions, have " + strconv.Itoa(len(line))}
	case !l.positional && len(l.fields) > 0 && line[l.fields[0].Start-1:l.fields[0].End] != l.code:
		d.err = &Error{Record: l.code, Position: l.fields[0].Start, Err: ErrRecordCode,
			Detail: "record does not start with its code " + l.code}
	}
	return d
}

// Err returns the first error met, or nil.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) raw(i int) (span, string) {
	sp := d.layout.spans[i]
	return sp, d.line[sp.start:sp.end]
}

// Text returns AN field i without its trailing spaces, converted from Latin-1 to UTF-8.
func (d *Decoder) Text(i int) string {
	if d.err != nil {
		return ""
	}
	_, s := d.raw(i)
	return DecodeText(s)
}

// Int returns N field i as an integer (SN: signed).
func (d *Decoder) Int(i int) int64 {
	if d.err != nil {
		return 0
	}
	sp, s := d.raw(i)
	return d.number(i, sp, s)
}

// number reads the digits of field i (with its sign for SN), keeping the first error.
func (d *Decoder) number(i int, sp span, s string) int64 {
	neg, off := false, 0
	if sp.signed {
		switch s[0] {
		case '+':
		case '-':
			neg = true
		default:
			f := &d.layout.fields[i]
			d.err = FieldError(d.layout, f, f.Start, ErrSign, "SN field starts with its sign")
			return 0
		}
		s, off = s[1:], 1
	}
	v, bad := ParseDigits(s)
	if bad >= 0 {
		f := &d.layout.fields[i]
		d.err = FieldError(d.layout, f, f.Start+off+bad, ErrNotDigit, f.Type.String()+" field holds a non-digit")
		return 0
	}
	if tooBig(s) {
		f := &d.layout.fields[i]
		d.err = FieldError(d.layout, f, f.Start+off, ErrTooLong, "more than 18 significant digits: read the field as Digits")
		return 0
	}
	if neg {
		v = -v
	}
	return v
}

// Date returns date field i (EEJJMMDD).
func (d *Decoder) Date(i int) civil.Date {
	if d.err != nil {
		return civil.Date{}
	}
	_, s := d.raw(i)
	if _, bad := ParseDigits(s); bad >= 0 {
		f := &d.layout.fields[i]
		d.err = FieldError(d.layout, f, f.Start+bad, ErrNotDigit, "date EEJJMMDD holds a non-digit")
		return civil.Date{}
	}
	if len(s) != 8 {
		f := &d.layout.fields[i]
		d.err = FieldError(d.layout, f, f.Start, ErrDate, "a date field has 8 positions")
		return civil.Date{}
	}
	return civil.FromDigits(s)
}

// Amount returns amount field i (cents; N unsigned, SN signed) as Money.
func (d *Decoder) Amount(i int) money.Money {
	if d.err != nil {
		return 0
	}
	sp, s := d.raw(i)
	v := d.number(i, sp, s)
	if d.err != nil {
		return 0
	}
	for n := sp.scale; n > 0; n-- { // whole euros or tenths: scale to cents
		v *= 10
	}
	return money.Money(v)
}

// BSN returns BSN field i; a field of zeros is the empty BSN.
func (d *Decoder) BSN(i int) bsn.BSN {
	if d.err != nil {
		return ""
	}
	_, s := d.raw(i)
	if _, bad := ParseDigits(s); bad >= 0 {
		f := &d.layout.fields[i]
		d.err = FieldError(d.layout, f, f.Start+bad, ErrNotDigit, "a BSN holds digits only")
		return ""
	}
	for j := 0; j < len(s); j++ {
		if s[j] != '0' {
			return bsn.BSN(s)
		}
	}
	return ""
}

// ParseDigits parses a run of ASCII digits. bad is the 0-based offset of the first
// non-digit, or -1. It holds at most MaxIntDigits digits exactly: longer N fields are
// read as Digits (FieldDigits, Decoder.Digits).
func ParseDigits[T ~string | ~[]byte](s T) (v int64, bad int) {
	i := 0
	// Eight digits at a time: most N fields (dates, amounts, numbers) are 8 to 12 long.
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if !eightDigits(w) {
			break // the loop below finds the offending byte
		}
		v = v*100_000_000 + int64(eightDigitsValue(w))
	}
	for ; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, i
		}
		v = v*10 + int64(c)
	}
	return v, -1
}

// eightDigits reports whether all eight bytes of w (little-endian) are ASCII digits: each
// byte's high nibble is 3, and adding 6 to it does not carry into the high nibble.
func eightDigits(w uint64) bool {
	return w&0xF0F0F0F0F0F0F0F0 == 0x3030303030303030 &&
		(w+0x0606060606060606)&0xF0F0F0F0F0F0F0F0 == 0x3030303030303030
}

// eightDigitsValue is the value of eight ASCII digits held little-endian in w (the first
// digit in the lowest byte), combined pairwise: 2-digit, 4-digit, then 8-digit groups.
func eightDigitsValue(w uint64) uint64 {
	w -= 0x3030303030303030
	w = (w * 10) + (w >> 8) // pairs in the low byte of each 16 bits
	w = ((w & 0x000000FF000000FF) * (100 + (1000000 << 32))) +
		(((w >> 16) & 0x000000FF000000FF) * (1 + (10000 << 32)))
	return w >> 32
}

// DecodeText returns an AN value without trailing spaces, converted from Latin-1 to
// UTF-8. ASCII values are returned without copying.
func DecodeText(s string) string {
	end := len(s)
	for end >= 8 && s[end-8:end] == "        " {
		end -= 8
	}
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	s = s[:end]
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7] >= utf8.RuneSelf {
			return latin1ToUTF8(s)
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return latin1ToUTF8(s)
		}
	}
	return s
}

func latin1ToUTF8(s string) string {
	b := make([]byte, 0, len(s)+8)
	for j := 0; j < len(s); j++ {
		b = utf8.AppendRune(b, rune(s[j]))
	}
	return string(b)
}

// Encoder appends the fields of one record, in order, by their index in a Layout. It
// keeps the first error. Generated AppendTo methods use it for what their fast path
// leaves (Latin-1 text, values that do not fit: see fast.go).
type Encoder struct {
	buf    []byte
	start  int
	layout *Layout
	next   int // index of the next field to write
	err    error
}

// NewEncoder starts a record of layout l at the end of dst and writes its record code
// (field 0, which must start the record). Of a positional layout it writes nothing: the
// caller writes every field, field 0 too.
func NewEncoder(dst []byte, l *Layout) Encoder {
	if l.positional {
		return Encoder{buf: dst, start: len(dst), layout: l}
	}
	e := Encoder{buf: dst, start: len(dst), layout: l, next: 1}
	e.buf = append(e.buf, l.code...)
	return e
}

func (e *Encoder) field(i int) *Field {
	if e.err != nil {
		return nil
	}
	if i != e.next {
		e.err = &Error{Record: e.layout.code, Field: e.layout.fields[i].Number, Err: ErrRecordCode, Detail: "fields written out of order"}
		return nil
	}
	e.next++
	return &e.layout.fields[i]
}

// Text writes AN field i: v left-aligned and padded with spaces.
func (e *Encoder) Text(i int, v string) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendText(e.buf, e.layout, f, v)
		e.setErr(err)
	}
}

// Int writes N field i: v right-aligned and padded with zeros (SN: with its sign).
func (e *Encoder) Int(i int, v int64) {
	if f := e.field(i); f != nil {
		var err *Error
		e.buf, err = appendNumber(e.buf, e.layout, f, v)
		e.setErr(err)
	}
}

// Date writes date field i as EEJJMMDD (00000000 for the empty date).
func (e *Encoder) Date(i int, v civil.Date) {
	if f := e.field(i); f != nil {
		if f.Length != 8 {
			e.setErr(FieldError(e.layout, f, f.Start, ErrDate, "a date field has 8 positions"))
			return
		}
		var ok bool
		if e.buf, ok = v.AppendDigits(e.buf); !ok {
			e.setErr(FieldError(e.layout, f, f.Start, ErrDate, "date does not fit EEJJMMDD"))
		}
	}
}

// Amount writes amount field i in cents. An N amount must not be negative (EI puts the
// sign in a debet/credit field); an SN amount carries its sign.
func (e *Encoder) Amount(i int, v money.Money) {
	if f := e.field(i); f != nil {
		c := int64(v)
		for n := f.Decimals; n < 2; n++ {
			if c%10 != 0 {
				e.setErr(FieldError(e.layout, f, f.Start, ErrFraction, "the field holds fewer decimals than the amount has"))
				return
			}
			c /= 10
		}
		var err *Error
		e.buf, err = appendNumber(e.buf, e.layout, f, c)
		e.setErr(err)
	}
}

// BSN writes BSN field i: its digits right-aligned and padded with zeros (zeros for the
// empty BSN).
func (e *Encoder) BSN(i int, v bsn.BSN) {
	if f := e.field(i); f != nil {
		s := v.Digits()
		if len(s) > f.Length {
			e.setErr(FieldError(e.layout, f, f.Start, ErrTooLong, "BSN has more digits than the field has positions"))
			return
		}
		if _, bad := ParseDigits(s); bad >= 0 {
			e.setErr(FieldError(e.layout, f, f.Start, ErrBSN, "a BSN holds digits only"))
			return
		}
		for n := len(s); n < f.Length; n++ {
			e.buf = append(e.buf, '0')
		}
		e.buf = append(e.buf, s...)
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
	if e.err == nil && e.next != len(e.layout.fields) {
		e.err = &Error{Record: e.layout.code, Err: ErrRecordLength, Detail: "not every field was written"}
	}
	if e.err != nil {
		return e.buf[:e.start], e.err
	}
	return e.buf, nil
}

// spaces and zeros pad fields without a loop per position.
const (
	spaces = "                                                                                                                                "
	zeros  = "0000000000000000000000000000000000000000"
)

func pad(dst []byte, with string, n int) []byte {
	if n <= 4 { // a call to copy costs more than a few appends
		for ; n > 0; n-- {
			dst = append(dst, with[0])
		}
		return dst
	}
	for n > len(with) {
		dst = append(dst, with...)
		n -= len(with)
	}
	return append(dst, with[:n]...)
}

func appendText(dst []byte, l *Layout, f *Field, v string) ([]byte, *Error) {
	if len(v) <= f.Length {
		ascii := true
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c >= 0x7f {
				ascii = false
				break
			}
		}
		if ascii { // the common case: printable ASCII that fits
			return pad(append(dst, v...), spaces, f.Length-len(v)), nil
		}
	}
	n := 0
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return dst, FieldError(l, f, f.Start+n, ErrCharset, "control character in AN value")
			}
			dst = append(dst, c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(v[i:])
			if r == utf8.RuneError && size == 1 || r > 0xff || r < 0xa0 {
				return dst, FieldError(l, f, f.Start+n, ErrCharset, "character outside Latin-1")
			}
			dst = append(dst, byte(r))
			i += size
		}
		n++
		if n > f.Length {
			return dst, FieldError(l, f, f.Start, ErrTooLong,
				"value longer than "+strconv.Itoa(f.Length)+" positions")
		}
	}
	return pad(dst, spaces, f.Length-n), nil
}

func appendNumber(dst []byte, l *Layout, f *Field, v int64) ([]byte, *Error) {
	if v == 0 && f.Type != Signed { // the common case of reserves and empty zones: zeros
		return pad(dst, zeros, f.Length), nil
	}
	orig := len(dst)
	width := f.Length
	if f.Type == Signed {
		if v < 0 {
			dst = append(dst, '-')
			v = -v
		} else {
			dst = append(dst, '+')
		}
		width--
	} else if v < 0 {
		return dst, FieldError(l, f, f.Start, ErrNegative, "an N field cannot hold a negative number")
	}
	// Zeros first, then the digits from the right: no conversion buffer.
	start := len(dst)
	dst = pad(dst, zeros, width)
	i := len(dst) - 1
	for u := uint64(v); u > 0; u /= 10 {
		if i < start {
			digits := len(strconv.FormatUint(uint64(v), 10))
			return dst[:orig], FieldError(l, f, f.Start, ErrTooLong,
				"number has "+strconv.Itoa(digits)+" digits, field has "+strconv.Itoa(width)+" positions for digits")
		}
		dst[i] = byte('0' + u%10)
		i--
	}
	return dst, nil
}

// Field-level access to formatted records, by field index. Writers and validators use
// these to read and patch records without knowing their Go types.

// FieldTextAt returns the raw text of field i of rec (no trimming, no conversion).
func FieldTextAt[T ~string | ~[]byte](rec T, l *Layout, i int) T {
	f := &l.fields[i]
	return rec[f.Start-1 : f.End]
}

// FieldIntAt returns N or SN field i of rec as an integer.
func FieldIntAt[T ~string | ~[]byte](rec T, l *Layout, i int) (int64, error) {
	f := &l.fields[i]
	s := rec[f.Start-1 : f.End]
	neg, pos := false, f.Start
	if f.Type == Signed {
		switch s[0] {
		case '+':
		case '-':
			neg = true
		default:
			return 0, FieldError(l, f, f.Start, ErrSign, "SN field starts with its sign")
		}
		s, pos = s[1:], pos+1
	}
	v, bad := ParseDigits(s)
	if bad >= 0 {
		return 0, FieldError(l, f, pos+bad, ErrNotDigit, f.Type.String()+" field holds a non-digit")
	}
	if tooBig(s) {
		return 0, FieldError(l, f, pos, ErrTooLong, "more than 18 significant digits: read the field as Digits")
	}
	if neg {
		v = -v
	}
	return v, nil
}

// PutIntAt overwrites N or SN field i of the formatted record rec with v.
func PutIntAt(rec []byte, l *Layout, i int, v int64) error {
	f := &l.fields[i]
	var tmp [32]byte
	// The fast path of generated code (order and check numbers of every VSB record come
	// here); appendNumber for the rest and for the errors.
	if f.Type == Signed && f.Length >= 2 && f.Length <= MaxIntDigits+1 {
		if PutSigned(tmp[:], f.Length, v) == 0 {
			copy(rec[f.Start-1:f.End], tmp[:f.Length])
			return nil
		}
	} else if f.Type != Signed && f.Length >= 1 && f.Length <= MaxIntDigits {
		if PutNum(tmp[:], f.Length, v) == 0 {
			copy(rec[f.Start-1:f.End], tmp[:f.Length])
			return nil
		}
	}
	b, err := appendNumber(tmp[:0], l, f, v)
	if err != nil {
		return err
	}
	copy(rec[f.Start-1:f.End], b)
	return nil
}

// PutTextAt overwrites field i of the formatted record rec with the text v: an AN field
// left-aligned and padded with spaces; an N field takes digits only, right-aligned and
// padded with zeros ("" writes zeros), as PutDigits. A value longer than the field, a
// non-digit in an N field or text for an SN field is an error.
func PutTextAt(rec []byte, l *Layout, i int, v string) error {
	f := &l.fields[i]
	switch f.Type {
	case Numeric:
		return PutDigits(rec, l, i, Digits(v))
	case Signed:
		return FieldError(l, f, f.Start, ErrSign, "an SN field is written as a number (PutIntAt)")
	}
	b, err := appendText(make([]byte, 0, f.Length), l, f, v)
	if err != nil {
		return err
	}
	copy(rec[f.Start-1:f.End], b)
	return nil
}
