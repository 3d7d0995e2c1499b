package ei

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/linecut"
)

// Entry is one record read from a file, with its line number.
type Entry struct {
	Line   int
	Record record.Record
}

// Code returns the record code of the entry ("04"), or "" for an empty entry.
func (e Entry) Code() string {
	if e.Record == nil {
		return ""
	}
	return e.Record.Layout().Code()
}

// ReaderOptions steer a Reader. Give a Registry to recognise the standard from the 01
// record (standards.Registry() knows every standard of the module), or a Standard.
type ReaderOptions struct {
	// Registry to recognise the standard with.
	Registry *Registry
	// Standard, when set, is used instead of recognising the standard from the 01 record.
	Standard *record.Standard
	// ReuseRecord makes Next return the same record value for every record of one record
	// type, overwritten by the next read of that type (like encoding/csv's ReuseRecord):
	// reading then allocates nothing per record. Copy what you keep.
	ReuseRecord bool
}

// ErrNoRegistry is returned by a Reader given neither a Registry nor a Standard.
var ErrNoRegistry = errors.New("ei: no registry to recognise the standard: set ReaderOptions.Registry (standards.Registry() knows every standard) or ReaderOptions.Standard")

// Reader reads the records of an EI file one at a time, with constant memory whatever the
// size of the file. It accepts LF and CR/LF line breaks and a last line without one.
//
// String fields of the records it returns share memory with a block of the input (see
// record.LineScanner), and new records are allocated a batch of a type at a time; copy
// them when keeping few records of a large file for long.
type Reader struct {
	lines    *record.LineScanner
	opts     ReaderOptions
	std      *record.Standard
	err      error       // sticky
	first    *record.Raw // the 01 line, read by Standard before Next
	lastText string      // the line of the last record
	// lastBreak is the length of the last line's break (0, 1 for "\n", 2 for "\r\n"): a
	// number, not the string, to store no second pointer per line.
	lastBreak uint8
	reuse     map[string]record.Record // ReuseRecord: the record of each type (codes not of two digits)
	// reuseByCode holds the reused records of two-digit codes (all of EI), by code.
	reuseByCode [100]record.Record
	batches     [100]*recordBatch // new records, by record code (two digits)
}

// recordBatch hands out new records of one type, made batchRecords at a time by the
// standard's NewRecords from one allocation (record.Batch): one allocation per batch
// instead of one per record, which is the larger part of what reading costs after the
// parsing itself. A record a caller keeps keeps its batch alive (some kilobytes), as its
// string fields keep a block of the input alive.
type recordBatch struct {
	recs [batchRecords]record.Record
	n    int // records in the current batch, recs[:n]
	left int // records of it not yet handed out, the last ones
}

// A type's first batch holds firstBatch records, each next one twice as many, up to
// batchRecords: a file of a few records of a type does not get 32 of each (a small
// GZ321 file read 97 KB of records for its 9 KB).
const (
	batchRecords = 32
	firstBatch   = 4
)

// NewReader returns a Reader of the EI file in r.
func NewReader(r io.Reader, opts ReaderOptions) *Reader {
	rd := &Reader{lines: NewLineScanner(r), opts: opts, std: opts.Standard}
	if opts.ReuseRecord {
		rd.reuse = map[string]record.Record{}
	}
	return rd
}

// Standard returns the standard of the file, reading its first record if needed.
func (r *Reader) Standard() (*record.Standard, error) {
	if r.std != nil || r.err != nil {
		return r.std, r.err
	}
	line, err := r.lines.Next()
	if err == io.EOF {
		r.err = fmt.Errorf("%w: the file is empty", io.ErrUnexpectedEOF)
		return nil, r.err
	}
	if err != nil {
		r.err = err
		return nil, err
	}
	reg := r.opts.Registry
	if reg == nil {
		r.err = ErrNoRegistry
		return nil, r.err
	}
	r.std, r.err = reg.Detect([]byte(line.Text))
	r.first = &line
	return r.std, r.err
}

// Next returns the next record, or io.EOF after the last. An error about the input says
// where (line, record, field, position) and what was expected; after an error Next
// returns the same error again.
func (r *Reader) Next() (Entry, error) {
	if r.err != nil {
		return Entry{}, r.err
	}
	if r.std == nil {
		if _, err := r.Standard(); err != nil {
			return Entry{}, err
		}
	}
	var text string
	var brk, n int
	if r.first != nil {
		text, brk, n = r.first.Text, len(r.first.Break), r.first.Number
		r.first = nil
	} else {
		var err error
		if text, brk, n, err = r.lines.NextText(); err != nil {
			if err != io.EOF {
				r.err = err
			}
			return Entry{}, err
		}
	}
	r.lastText, r.lastBreak = text, uint8(brk)
	var rec record.Record
	var err error
	if r.reuse != nil {
		rec, err = r.parseReuse(text)
	} else {
		rec, err = r.parseNew(text)
	}
	if err != nil {
		r.err = record.WithLine(err, n)
		return Entry{}, r.err
	}
	return Entry{Line: n, Record: rec}, nil
}

// Text returns the line of the last record Next returned, without its line break. It
// shares memory with a block of the input, as the record's string fields do.
func (r *Reader) Text() string { return r.lastText }

// LastBreak returns the line break of the last line read: "\r\n", "\n", or "" when the
// file's last line had none.
func (r *Reader) LastBreak() string { return linecut.Break(int(r.lastBreak)) }

// All returns an iterator over the records. It stops after the first error, which it
// yields.
func (r *Reader) All() iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		for {
			e, err := r.Next()
			if err == io.EOF {
				return
			}
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

// parseNew parses line into a new record, taken from the batch of its type.
func (r *Reader) parseNew(line string) (record.Record, error) {
	if len(line) != r.std.RecordLength() || !isDigit(line[0]) || !isDigit(line[1]) {
		return ParseRecord(r.std, line)
	}
	slot := &r.batches[int(line[0]-'0')*10+int(line[1]-'0')]
	b := *slot
	if b == nil {
		b = new(recordBatch)
		*slot = b
	}
	if b.left == 0 {
		n := min(max(2*b.n, firstBatch), batchRecords)
		if !r.std.NewRecords(line[:2], b.recs[:n]) {
			return ParseRecord(r.std, line) // no such record type: its error
		}
		b.n, b.left = n, n
	}
	rec := b.recs[b.n-b.left]
	b.left--
	if err := rec.Parse(line); err != nil {
		return nil, err
	}
	return rec, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (r *Reader) parseReuse(line string) (record.Record, error) {
	if len(line) < 2 {
		return ParseRecord(r.std, line)
	}
	var rec record.Record
	if isDigit(line[0]) && isDigit(line[1]) { // EI record codes: an array, not the map
		slot := &r.reuseByCode[int(line[0]-'0')*10+int(line[1]-'0')]
		if *slot == nil {
			*slot = r.std.NewRecord(line[:2])
		}
		rec = *slot
	} else if rec = r.reuse[line[:2]]; rec == nil {
		rec = r.std.NewRecord(line[:2])
		r.reuse[line[:2]] = rec
	}
	if rec == nil {
		return ParseRecord(r.std, line)
	}
	if len(line) != r.std.RecordLength() {
		return ParseRecord(r.std, line)
	}
	if err := rec.Parse(line); err != nil {
		return nil, err
	}
	return rec, nil
}

// ParseRecord parses one line (without line break) of a file of standard std into a typed
// record of the right type.
func ParseRecord(std *record.Standard, line string) (record.Record, error) {
	if len(line) != std.RecordLength() {
		code := ""
		if len(line) >= 2 {
			code = line[:2]
		}
		return nil, &record.Error{Record: code, Err: record.ErrRecordLength,
			Detail: "want " + strconv.Itoa(std.RecordLength()) + " positions, have " + strconv.Itoa(len(line))}
	}
	rec := std.NewRecord(line[:2])
	if rec == nil {
		return nil, &record.Error{Record: line[:2], Position: 1, Err: record.ErrRecordCode,
			Detail: fmt.Sprintf("%s has no record type %q", std.ID(), line[:2])}
	}
	if err := rec.Parse(line); err != nil {
		return nil, err
	}
	return rec, nil
}

// IsInputError reports whether err is about the content of the input (as opposed to an
// I/O error).
func IsInputError(err error) bool {
	var re *record.Error
	return errors.As(err, &re) || errors.Is(err, ErrUnknownStandard) || errors.Is(err, record.ErrLineTooLong) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.ErrNoProgress)
}
