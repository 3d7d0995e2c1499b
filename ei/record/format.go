package record

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// CheckFunc computes the check number of a formatted record. check is the field that
// holds it (role RoleCheck); the function must ignore that field's content.
type CheckFunc func(rec []byte, check Field) int64

// Format describes a fixed-width format as a whole: its record types, how records are
// framed in a stream and where their code is, and the check number it computes, if any.
// EI and Q are framed by line breaks; VSB (eFact) by fixed lengths without breaks.
type Format struct {
	Name      string    // for messages, e.g. "eFact facturatiebestand"
	Layouts   []*Layout // the record types
	CodeStart int       // 1-based position of the record code
	CodeWidth int       // width of the record code
	Breaks    bool      // records end with a line break; else they follow each other without one
	Check     CheckFunc // computes the RoleCheck field of every record that has one; nil: none
	// New returns a new typed record of the given code, or nil for records read as Raw only.
	New func(code string) Record
}

// Layout returns the layout of the record type with the given code, or nil.
func (f *Format) Layout(code string) *Layout {
	for _, l := range f.Layouts {
		if l.code == code {
			return l
		}
	}
	return nil
}

// Code returns the record code at the start of text, or "" when text is too short.
func (f *Format) Code(text string) string {
	end := f.CodeStart - 1 + f.CodeWidth
	if f.CodeStart < 1 || len(text) < end {
		return ""
	}
	return text[f.CodeStart-1 : end]
}

// Length is the LengthFunc of the format's records: the length of the layout of the code
// in head.
func (f *Format) Length(head string) (int, error) {
	code := f.Code(head)
	if code == "" {
		return 0, fmt.Errorf("%w: the stream ends before the record code", ErrPartialRecord)
	}
	l := f.Layout(code)
	if l == nil {
		return 0, &Error{Record: printable(code), Position: f.CodeStart, Err: ErrRecordCode,
			Detail: "no record type " + strconv.Quote(code) + " in " + f.Name}
	}
	return l.length, nil
}

func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return strconv.QuoteToASCII(s)
		}
	}
	return s
}

// Seal computes the check number of the formatted record rec of layout l and writes it
// into its check field. A layout without a check field is left as it is.
func Seal(rec []byte, l *Layout, check CheckFunc) error {
	i := l.RoleIndex(RoleCheck)
	if i < 0 || check == nil {
		return nil
	}
	return PutIntAt(rec, l, i, check(rec, l.fields[i]))
}

// Verify checks the check number of record rec of layout l (ErrCheck, at the check field).
func Verify(rec []byte, l *Layout, check CheckFunc) error {
	i := l.RoleIndex(RoleCheck)
	if i < 0 || check == nil {
		return nil
	}
	got, err := FieldIntAt(rec, l, i)
	if err != nil {
		return err
	}
	if want := check(rec, l.fields[i]); got != want {
		f := &l.fields[i]
		return FieldError(l, f, f.Start, ErrCheck, "the record's check number is "+strconv.FormatInt(want, 10))
	}
	return nil
}

// ReaderOptions steer a Reader. The zero value allocates a new record for every record
// read.
type ReaderOptions struct {
	// ReuseRecord makes Next return the same record value for every record of one type,
	// overwritten by each read (like encoding/csv's ReuseRecord): no allocation per
	// record. Copy what you keep.
	ReuseRecord bool
	// MaxLine caps a line of a format with breaks (0: twice the longest record).
	MaxLine int
}

// Reader reads the records of a stream of a Format: framing, typed parsing and the check
// number of every record.
type Reader struct {
	f     *Format
	next  func() (Raw, error)
	opts  ReaderOptions
	reuse map[string]Record
	buf   []byte
	err   error
}

// NewReader returns a Reader of the stream r in format f.
func NewReader(r io.Reader, f *Format, opts ReaderOptions) *Reader {
	rd := &Reader{f: f, opts: opts}
	if f.Breaks {
		maxLine := opts.MaxLine
		if maxLine <= 0 {
			for _, l := range f.Layouts {
				maxLine = max(maxLine, 2*l.length+2)
			}
		}
		rd.next = NewLineScanner(r, maxLine).Next
	} else {
		rd.next = NewFixedScanner(r, f.CodeStart-1+f.CodeWidth, f.Length).Next
	}
	if opts.ReuseRecord {
		rd.reuse = map[string]Record{}
	}
	return rd
}

// Next returns the next record as text and, when the format has typed records, parsed;
// io.EOF after the last. An error says where; after it Next returns it again.
func (r *Reader) Next() (Raw, Record, error) {
	if r.err != nil {
		return Raw{}, nil, r.err
	}
	raw, err := r.next()
	if err != nil {
		r.err = err
		return Raw{}, nil, err
	}
	rec, err := r.parse(raw)
	if err != nil {
		r.err = WithPlace(err, raw.Number, raw.Offset)
		return raw, nil, r.err
	}
	return raw, rec, nil
}

func (r *Reader) parse(raw Raw) (Record, error) {
	code := r.f.Code(raw.Text)
	l := r.f.Layout(code)
	if l == nil {
		return nil, &Error{Record: printable(code), Position: r.f.CodeStart, Err: ErrRecordCode,
			Detail: "no record type " + strconv.Quote(code) + " in " + r.f.Name}
	}
	if len(raw.Text) != l.length {
		return nil, &Error{Record: code, Err: ErrRecordLength,
			Detail: "want " + strconv.Itoa(l.length) + " positions, have " + strconv.Itoa(len(raw.Text))}
	}
	if r.f.Check != nil && l.RoleIndex(RoleCheck) >= 0 {
		r.buf = append(r.buf[:0], raw.Text...)
		if err := Verify(r.buf, l, r.f.Check); err != nil {
			return nil, err
		}
	}
	if r.f.New == nil {
		return nil, nil
	}
	var rec Record
	if r.reuse != nil {
		rec = r.reuse[code]
	}
	if rec == nil {
		if rec = r.f.New(code); rec == nil {
			return nil, &Error{Record: code, Err: ErrRecordCode, Detail: "no typed record for this record type"}
		}
		if r.reuse != nil {
			r.reuse[code] = rec
		}
	}
	return rec, rec.Parse(raw.Text)
}

// ErrWrongFormat is returned by a Writer given a record of another format.
var ErrWrongFormat = errors.New("record of another format")

// Writer writes the records of a Format: each record formatted, its check number
// computed, a line break after it when the format has breaks. A record it refuses is
// not written, and the writer stays usable for the next.
type Writer struct {
	f     *Format
	w     *bufio.Writer
	brk   string
	buf   []byte
	n     int
	err   error // sticky I/O error
	order int64
}

// NewWriter returns a Writer of format f to w; brk is the line break ("\r\n" or "\n")
// for formats with breaks.
func NewWriter(w io.Writer, f *Format, brk string) *Writer {
	return &Writer{f: f, w: bufio.NewWriterSize(w, 64<<10), brk: brk}
}

// Format formats rec as the writer would write it (numbered, sealed) without writing it.
// The slice is valid until the next call.
func (w *Writer) Format(rec Record) ([]byte, error) {
	l := rec.Layout()
	if w.f.Layout(l.code) != l {
		return nil, fmt.Errorf("%w: record %s is not of %s", ErrWrongFormat, l.code, w.f.Name)
	}
	var err error
	if w.buf, err = rec.AppendTo(w.buf[:0]); err != nil {
		return nil, WithLine(err, w.n+1)
	}
	if _, err := w.f.finish(w.buf, l, w.order, w.n); err != nil {
		return nil, err
	}
	return w.buf, nil
}

// finish numbers the formatted record b of layout l, the n+1-th record of a stream, with
// order+1 when it has an order number (role RoleOrder; numbered says so) and computes its
// check number. An error says the record's line (n+1).
func (f *Format) finish(b []byte, l *Layout, order int64, n int) (numbered bool, err error) {
	if i := l.RoleIndex(RoleOrder); i >= 0 {
		numbered = true
		if err := PutIntAt(b, l, i, order+1); err != nil {
			return true, WithLine(err, n+1)
		}
	}
	if err := Seal(b, l, f.Check); err != nil {
		return numbered, WithLine(err, n+1)
	}
	return numbered, nil
}

// Write writes one record: formatted, its order number (role RoleOrder) set to its place
// in the stream, its check number computed.
func (w *Writer) Write(rec Record) error {
	if w.err != nil {
		return w.err
	}
	b, err := w.Format(rec)
	if err != nil {
		return err
	}
	return w.WriteRaw(b, rec.Layout().RoleIndex(RoleOrder) >= 0)
}

// WriteRaw writes an already formatted record as it is; numbered says whether it took an
// order number.
func (w *Writer) WriteRaw(b []byte, numbered bool) error {
	if w.err != nil {
		return w.err
	}
	if w.n > 0 && w.f.Breaks {
		w.w.WriteString(w.brk)
	}
	if _, err := w.w.Write(b); err != nil {
		w.err = err
		return err
	}
	w.n++
	if numbered {
		w.order++
	}
	return nil
}

// Records returns the number of records written.
func (w *Writer) Records() int { return w.n }

// Flush writes the final line break (formats with breaks) and flushes.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if w.n > 0 && w.f.Breaks {
		w.w.WriteString(w.brk)
	}
	w.err = w.w.Flush()
	return w.err
}

// Appender formats the records of a Format onto the end of a byte slice as a Writer
// writes them (numbered, sealed, a line break between records for formats with breaks),
// each record formatted in place by its AppendTo: no copy through a buffer. For a
// message that is built whole in memory (an eFact sending); a Writer streams to an
// io.Writer. A record it refuses is not appended, and the appender stays usable.
type Appender struct {
	f     *Format
	brk   string
	out   []byte
	n     int
	order int64
}

// NewAppender returns an Appender of format f that appends to dst; brk is the line break
// ("\r\n" or "\n") for formats with breaks.
func NewAppender(dst []byte, f *Format, brk string) *Appender {
	return &Appender{f: f, brk: brk, out: dst}
}

// Append appends one record: formatted, its order number (role RoleOrder) set to its
// place in the stream, its check number computed. On an error nothing is appended.
func (a *Appender) Append(rec Record) error {
	l := rec.Layout()
	if a.f.Layout(l.code) != l {
		return fmt.Errorf("%w: record %s is not of %s", ErrWrongFormat, l.code, a.f.Name)
	}
	out := a.out
	if a.n > 0 && a.f.Breaks {
		out = append(out, a.brk...)
	}
	at := len(out)
	out, err := rec.AppendTo(out)
	if err != nil {
		return WithLine(err, a.n+1)
	}
	numbered, err := a.f.finish(out[at:], l, a.order, a.n)
	if err != nil {
		return err
	}
	a.out = out
	a.n++
	if numbered {
		a.order++
	}
	return nil
}

// AppendRaw appends an already formatted record as it is; numbered says whether it took
// an order number.
func (a *Appender) AppendRaw(b []byte, numbered bool) {
	if a.n > 0 && a.f.Breaks {
		a.out = append(a.out, a.brk...)
	}
	a.out = append(a.out, b...)
	a.n++
	if numbered {
		a.order++
	}
}

// Records returns the number of records appended.
func (a *Appender) Records() int { return a.n }

// Bytes returns the slice with every record appended (dst and what followed), without a
// final line break.
func (a *Appender) Bytes() []byte { return a.out }
