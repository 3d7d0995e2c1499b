package ei

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Errors of the Writer.
var (
	// ErrOrder: records written in an order the file cannot have (nothing before the 01
	// record, nothing after the 99 record, one 01 and one 99).
	ErrOrder = errors.New("record out of order")
	// ErrWrongStandard: a record of another standard than the writer's.
	ErrWrongStandard = errors.New("record of another standard")
	// ErrTrailerMismatch: with CheckTrailer, a count or total in the given 99 record
	// differs from what was written.
	ErrTrailerMismatch = errors.New("sluitrecord does not match the records written")
	// ErrReconstructed: a production file ('P' in the 01 record) of a standard whose layout
	// is a reconstruction, without WriterOptions.AllowReconstructed.
	ErrReconstructed = errors.New("production file from a reconstructed layout")
)

// WriterOptions steer a Writer. The zero value writes CR/LF after every record, numbers
// the detail records and fills the 99 record's counts and totals.
type WriterOptions struct {
	// LF writes LF line breaks instead of CR/LF.
	LF bool
	// OmitFinalBreak leaves out the line break after the last record. The standard asks for
	// one; this exists to reproduce a file exactly as it was received.
	OmitFinalBreak bool
	// KeepNumbers writes the identificatie detailrecord of each record as given instead of
	// numbering detail records 1, 2, 3, … (and giving comment records their parent's number).
	KeepNumbers bool
	// CheckTrailer checks the counts and totals of a given 99 record against what was
	// written (ErrTrailerMismatch) instead of filling them in.
	CheckTrailer bool
	// AllowReconstructed allows writing a production file ('P') of a standard whose layout
	// is a reconstruction (record.StatusReconstructed). Test files ('T') are always allowed.
	AllowReconstructed bool
}

// Writer writes the records of one EI file. Records go out in the order given; the Writer
// numbers detail records, keeps counts and totals, and writes (or checks) the 99 record.
type Writer struct {
	w     *bufio.Writer
	std   *record.Standard
	opts  WriterOptions
	brk   string
	buf   []byte
	lines int

	started, closed bool
	lastID          int64
	counts          map[string]int64
	declared        int64 // cents, signed
	allowed         int64
	err             error
}

// NewWriter returns a Writer of a file of standard std to w.
func NewWriter(w io.Writer, std *record.Standard, opts WriterOptions) *Writer {
	brk := "\r\n"
	if opts.LF {
		brk = "\n"
	}
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), std: std, opts: opts, brk: brk,
		buf: make([]byte, 0, std.RecordLength+2), counts: map[string]int64{}}
}

// Write writes one record. For a detail record the Writer sets its identificatie
// detailrecord (unless KeepNumbers); for a 99 record it fills in (or, with CheckTrailer,
// checks) the counts and totals. The caller's record is updated to what was written.
func (w *Writer) Write(rec record.Record) error {
	if w.err != nil {
		return w.err
	}
	w.err = w.write(rec)
	return w.err
}

func (w *Writer) write(rec record.Record) error {
	l := rec.Layout()
	if w.std.Layout(l.Code) != l {
		return fmt.Errorf("%w: record %s is not of %s", ErrWrongStandard, l.Code, w.std.ID())
	}
	switch {
	case w.closed:
		return fmt.Errorf("%w: record %s after the 99 sluitrecord", ErrOrder, l.Code)
	case !w.started && l.Code != record.CodeVoorloop:
		return fmt.Errorf("%w: the first record must be the 01 voorlooprecord, not %s", ErrOrder, l.Code)
	case w.started && l.Code == record.CodeVoorloop:
		return fmt.Errorf("%w: a second 01 voorlooprecord", ErrOrder)
	}
	if !w.opts.KeepNumbers {
		switch d, ok := rec.(record.Detail); {
		case ok && l.IsDetail():
			w.lastID++
			d.SetDetailID(w.lastID)
		case ok && l.Code == record.CodeCommentaar:
			d.SetDetailID(w.lastID)
		}
	}
	var err error
	w.buf, err = rec.AppendTo(w.buf[:0])
	if err != nil {
		return record.WithLine(err, w.lines+1)
	}
	line := w.buf
	switch l.Code {
	case record.CodeVoorloop:
		if err := w.checkReconstructed(l, line); err != nil {
			return err
		}
		w.started = true
	case record.CodeSluit:
		if err := w.trailer(l, line); err != nil {
			return err
		}
		if !w.opts.CheckTrailer {
			if err := rec.Parse(string(line)); err != nil {
				return err
			}
		}
		w.closed = true
	default:
		w.counts[l.Code]++
		w.declared += signedAmount(l, line, record.RoleDeclared)
		w.allowed += signedAmount(l, line, record.RoleAllowed)
	}
	if w.lines > 0 {
		w.w.WriteString(w.brk)
	}
	w.w.Write(line)
	w.lines++
	return nil
}

func (w *Writer) checkReconstructed(l *record.Layout, line []byte) error {
	if w.std.Status != record.StatusReconstructed || w.opts.AllowReconstructed {
		return nil
	}
	for i := range l.Fields {
		if f := &l.Fields[i]; f.Name == "SOORT BERICHT" && string(record.FieldText(line, f)) == "P" {
			return fmt.Errorf("%w: %s is a reconstruction, not the official Vektis layout; write a test file ('T') or set AllowReconstructed",
				ErrReconstructed, w.std.ID())
		}
	}
	return nil
}

// signedAmount sums the fields of role in a formatted record, in cents, signed by their
// debet/credit fields.
func signedAmount(l *record.Layout, line []byte, role record.Role) int64 {
	var sum int64
	for i := range l.Fields {
		f := &l.Fields[i]
		if f.Role != role {
			continue
		}
		v, err := record.FieldInt(line, l, f)
		if err != nil {
			continue // AppendTo writes digits only
		}
		if f.Sign >= 0 && string(record.FieldText(line, &l.Fields[f.Sign])) == "C" {
			v = -v
		}
		sum += v
	}
	return sum
}

// trailer fills the counts and totals of a formatted 99 record, or checks them.
func (w *Writer) trailer(l *record.Layout, line []byte) error {
	var detail int64
	for code, n := range w.counts {
		if code != record.CodeVoorloop && code != record.CodeSluit {
			detail += n
		}
	}
	var mismatches []error
	put := func(f *record.Field, v int64) error {
		if w.opts.CheckTrailer {
			got, err := record.FieldInt(line, l, f)
			if err != nil {
				return err
			}
			if got != v {
				mismatches = append(mismatches, fmt.Errorf("%w: field %s (%s) holds %d, the file has %d",
					ErrTrailerMismatch, f.Number, f.Name, got, v))
			}
			return nil
		}
		return record.PutInt(line, l, f, v)
	}
	putSign := func(f *record.Field, v int64) error {
		if f.Sign < 0 {
			return nil
		}
		want := "D"
		if v < 0 {
			want = "C"
		}
		sf := &l.Fields[f.Sign]
		if w.opts.CheckTrailer {
			if got := string(record.FieldText(line, sf)); got != want {
				mismatches = append(mismatches, fmt.Errorf("%w: field %s (%s) holds %q, the total is %s",
					ErrTrailerMismatch, sf.Number, sf.Name, got, want))
			}
			return nil
		}
		return record.PutText(line, l, sf, want)
	}
	for i := range l.Fields {
		f := &l.Fields[i]
		var err error
		switch f.Role {
		case record.RoleCount:
			err = put(f, w.counts[f.Counts])
		case record.RoleDetailCount:
			err = put(f, detail)
		case record.RoleTotalDeclared:
			if err = put(f, abs(w.declared)); err == nil {
				err = putSign(f, w.declared)
			}
		case record.RoleTotalAllowed:
			if err = put(f, abs(w.allowed)); err == nil {
				err = putSign(f, w.allowed)
			}
		}
		if err != nil {
			return record.WithLine(err, w.lines+1)
		}
	}
	if len(mismatches) > 0 {
		return fmt.Errorf("line %d: %w", w.lines+1, errors.Join(mismatches...))
	}
	return nil
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Close writes the 99 sluitrecord if none was written, the final line break, and flushes.
// It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.err = fmt.Errorf("%w: nothing written: a file needs a 01 voorlooprecord", ErrOrder)
		return w.err
	}
	if !w.closed {
		sluit := w.std.NewRecord(record.CodeSluit)
		if sluit == nil {
			return fmt.Errorf("%s has no 99 record", w.std.ID())
		}
		saved := w.opts.CheckTrailer
		w.opts.CheckTrailer = false
		err := w.Write(sluit)
		w.opts.CheckTrailer = saved
		if err != nil {
			return err
		}
	}
	if !w.opts.OmitFinalBreak {
		w.w.WriteString(w.brk)
	}
	w.err = w.w.Flush()
	if w.err == nil {
		w.err = errClosed
		return nil
	}
	return w.err
}

var errClosed = errors.New("ei: writer closed")

// Lines returns the number of records written so far.
func (w *Writer) Lines() int { return w.lines }

// String describes the writer's progress, for logs.
func (w *Writer) String() string {
	return "ei.Writer(" + w.std.ID() + ", " + strconv.Itoa(w.lines) + " records)"
}
