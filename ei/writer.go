package ei

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/money"
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
// the detail records of a declaration (a return standard keeps the numbers of the
// declaration it answers), fills an empty 01 identification and the 99 record's counts
// and totals (a return's totals repeat its declaration's and are written as given).
type WriterOptions struct {
	// LF writes LF line breaks instead of CR/LF.
	LF bool
	// OmitFinalBreak leaves out the line break after the last record. The standard asks for
	// one; this exists to reproduce a file exactly as it was received.
	OmitFinalBreak bool
	// KeepNumbers writes the identificatie detailrecord of each record as given instead of
	// numbering detail records 1, 2, 3, … (and giving comment records their parent's
	// number). Return standards always keep the numbers: a return repeats the declaration's
	// records, numbers included, and returns only some of them.
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
//
// A record the Writer refuses (a value that does not fit, a record out of order, a 01
// naming another standard) is not written and its error concerns that record only: the
// Writer stays usable, and the caller may correct the record and write it again. Only an
// error of the underlying writer is final.
type Writer struct {
	w     *bufio.Writer
	std   *record.Standard
	opts  WriterOptions
	brk   string
	buf   []byte
	lines int

	started, closed bool
	lastID          int64
	totals          *Totals // of the records written, for the 99
	err             error
}

// NewWriter returns a Writer of a file of standard std to w.
func NewWriter(w io.Writer, std *record.Standard, opts WriterOptions) *Writer {
	brk := "\r\n"
	if opts.LF {
		brk = "\n"
	}
	wr := &Writer{w: bufio.NewWriterSize(w, 64<<10), std: std, opts: opts, brk: brk,
		buf: make([]byte, 0, std.RecordLength()+2), totals: NewTotals(std)}
	return wr
}

// Write writes one record. For a detail record the Writer sets its identificatie
// detailrecord (unless KeepNumbers); for a 99 record it fills in (or, with CheckTrailer,
// checks) the counts and totals. The caller's record is updated to what was written.
func (w *Writer) Write(rec record.Record) error {
	if w.err != nil {
		return w.err
	}
	l := rec.Layout()
	if w.std.Layout(l.Code()) != l {
		return fmt.Errorf("%w: record %s is not of %s", ErrWrongStandard, l.Code(), w.std.ID())
	}
	if d, ok := rec.(record.Detail); ok {
		old := d.DetailID()
		err := w.write(rec, l, d)
		if err != nil {
			d.SetDetailID(old) // the record is as it was given
		}
		return err
	}
	return w.write(rec, l, nil)
}

func (w *Writer) write(rec record.Record, l *record.Layout, d record.Detail) error {
	code := l.Code()
	switch {
	case w.closed:
		return fmt.Errorf("%w: record %s after the 99 sluitrecord", ErrOrder, code)
	case !w.started && code != record.CodeVoorloop:
		return fmt.Errorf("%w: the first record must be the 01 voorlooprecord, not %s", ErrOrder, code)
	case w.started && code == record.CodeVoorloop:
		return fmt.Errorf("%w: a second 01 voorlooprecord", ErrOrder)
	}
	lastID := w.lastID
	switch {
	case d == nil || w.opts.KeepNumbers:
	case w.std.IsReturn():
		// A return keeps the declaration's numbers; only a record without one is numbered.
		switch id := d.DetailID(); {
		case id != 0:
			if l.IsDetail() {
				lastID = id
			}
		case l.IsDetail():
			lastID++
			d.SetDetailID(lastID)
		case l.RoleIndex(record.RoleParentRef) >= 0:
			d.SetDetailID(lastID)
		}
	case l.IsDetail():
		lastID++
		d.SetDetailID(lastID)
	case l.RoleIndex(record.RoleParentRef) >= 0:
		d.SetDetailID(lastID)
	}
	var err error
	w.buf, err = rec.AppendTo(w.buf[:0])
	if err != nil {
		return record.WithLine(err, w.lines+1)
	}
	line := w.buf
	switch code {
	case record.CodeVoorloop:
		if err := w.identification(rec, l, line); err != nil {
			return record.WithLine(err, w.lines+1)
		}
		if err := w.checkReconstructed(l, line); err != nil {
			return err
		}
	case record.CodeSluit:
		if err := w.trailer(l, line); err != nil {
			return err
		}
		if !w.opts.CheckTrailer {
			if err := rec.Parse(string(line)); err != nil {
				return err
			}
		}
	}
	// From here on the record is written: commit the writer's state.
	switch code {
	case record.CodeVoorloop:
		w.started = true
	case record.CodeSluit:
		w.closed = true
	default:
		w.totals.Add(l, line)
	}
	w.lastID = lastID
	if w.lines > 0 {
		w.w.WriteString(w.brk)
	}
	if _, err := w.w.Write(line); err != nil {
		w.err = err
		return err
	}
	w.lines++
	return nil
}

// identification fills an empty identification of a 01 record (EI code, version and
// subversion all zero) from the writer's standard, and refuses one that names another
// standard. The caller's record is updated to what is written.
func (w *Writer) identification(rec record.Record, l *record.Layout, line []byte) error {
	idx := [3]int{l.Index("0102"), l.Index("0103"), l.Index("0104")}
	if idx[0] < 0 || idx[1] < 0 || idx[2] < 0 {
		return nil
	}
	var got [3]int64
	for i, fi := range idx {
		v, err := record.FieldIntAt(line, l, fi)
		if err != nil {
			return err
		}
		got[i] = v
	}
	codes := w.std.EICodes()
	if got == [3]int64{} && len(codes) > 0 {
		want := [3]int64{int64(codes[0]), int64(w.std.Version()), int64(w.std.Subversion())}
		for i, fi := range idx {
			if err := record.PutIntAt(line, l, fi, want[i]); err != nil {
				return err
			}
		}
		return rec.Parse(string(line))
	}
	if !w.std.HasEICode(int(got[0])) || got[1] != int64(w.std.Version()) || got[2] != int64(w.std.Subversion()) {
		return &record.Error{Record: record.CodeVoorloop, Field: "0102", Position: l.FieldIndex(idx[0]).Start, Err: ErrWrongStandard,
			Detail: fmt.Sprintf("the 01 record names EI code %03d version %02d.%02d; this writer writes %s (EI code %s): leave the identification empty to have it filled in",
				got[0], got[1], got[2], w.std.ID(), codeList(codes))}
	}
	return nil
}

func codeList(codes []int) string {
	s := ""
	for i, c := range codes {
		if i > 0 {
			s += " or "
		}
		s += fmt.Sprintf("%03d", c)
	}
	return s
}

func (w *Writer) checkReconstructed(l *record.Layout, line []byte) error {
	if w.std.Status() != record.StatusReconstructed || w.opts.AllowReconstructed {
		return nil
	}
	if i := l.Index("0105"); i >= 0 {
		if string(record.FieldTextAt(line, l, i)) == "P" {
			return fmt.Errorf("%w: %s is a reconstruction, not the official Vektis layout; write a test file ('T') or set AllowReconstructed",
				ErrReconstructed, w.std.ID())
		}
	}
	return nil
}

// trailer fills the counts and totals of a formatted 99 record, or checks them.
func (w *Writer) trailer(l *record.Layout, line []byte) error {
	var mismatches []error
	put := func(i int, v int64, isMoney bool) error {
		f := l.FieldIndex(i)
		if w.opts.CheckTrailer {
			got, err := record.FieldIntAt(line, l, i)
			if err != nil {
				return err
			}
			if got != v {
				if isMoney {
					mismatches = append(mismatches, fmt.Errorf("%w: field %s (%s) holds %s euro, the file adds up to %s euro",
						ErrTrailerMismatch, f.Number, f.Name, money.Cents(got), money.Cents(v)))
				} else {
					mismatches = append(mismatches, fmt.Errorf("%w: field %s (%s) holds %d, the file has %d",
						ErrTrailerMismatch, f.Number, f.Name, got, v))
				}
			}
			return nil
		}
		return record.PutIntAt(line, l, i, v)
	}
	putSign := func(i int, v int64) error {
		f := l.FieldIndex(i)
		if f.Sign < 0 {
			return nil
		}
		want := "D"
		if v < 0 {
			want = "C"
		}
		sf := l.FieldIndex(f.Sign)
		if w.opts.CheckTrailer {
			if got := string(record.FieldTextAt(line, l, f.Sign)); got != want {
				mismatches = append(mismatches, fmt.Errorf("%w: field %s (%s) holds %q, the total is %s",
					ErrTrailerMismatch, sf.Number, sf.Name, got, want))
			}
			return nil
		}
		return record.PutTextAt(line, l, f.Sign, want)
	}
	for i := 0; i < l.NumFields(); i++ {
		f := l.FieldIndex(i)
		var err error
		switch f.Role {
		case record.RoleCount, record.RoleDetailCount:
			n, _ := w.totals.Want(&f)
			err = put(i, n, false)
		case record.RoleTotalDeclared, record.RoleTotalAllowed, record.RoleTotal:
			if w.std.IsReturn() {
				// A return repeats the declaration's totaal ingediend and gives the totaal
				// toegekend over every accepted prestatie, returned or not (seed 002 tables
				// 3-2 to 3-4): neither is the sum of the records it returns, so the caller's
				// totals are written as given. Only the sign of a zero total left blank is
				// filled in: D (COD043), as for every zero total.
				if v, ferr := record.FieldIntAt(line, l, i); ferr == nil && v == 0 && f.Sign >= 0 &&
					string(record.FieldTextAt(line, l, f.Sign)) == " " && !w.opts.CheckTrailer {
					err = record.PutTextAt(line, l, f.Sign, "D")
				}
				break
			}
			sum, _ := w.totals.Want(&f)
			if err = put(i, abs(sum), true); err == nil {
				err = putSign(i, sum)
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
		return fmt.Errorf("%w: nothing written: a file needs a 01 voorlooprecord", ErrOrder)
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
