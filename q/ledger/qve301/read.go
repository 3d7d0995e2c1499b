package qve301

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q/internal/ahead"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// ErrStructure is wrapped by errors about the order and count of records.
var ErrStructure = errors.New("file structure")

// Read reads a QVE301 file. name is kept as the delivery's name.
func Read(r io.Reader, name string) (*ledger.Delivery, error) {
	var recs []ledger.Record
	dl, err := read(r, name, func(r *ledger.Record) error {
		recs = append(recs, *r)
		return nil
	}, false)
	if err != nil {
		return nil, err
	}
	dl.Records = recs
	return dl, nil
}

// Stream returns the delivery of the QVE301 file that open opens, holding none of its
// records: its Source opens and reads the file each time it is called, and returns the
// errors Read would (a structure error stops it, before the 99's count is checked when
// the file is cut short). Stream itself reads the voorlooprecord only, and sets Count
// from size (the file's size in bytes, 0 when unknown). The ledger applies such a
// delivery in memory that does not grow with the file.
func Stream(open func() (io.ReadCloser, error), name string, size int64) (*ledger.Delivery, error) {
	in, err := open()
	if err != nil {
		return nil, err
	}
	dl, err := read(in, name, nil, true)
	in.Close()
	if err != nil {
		return nil, err
	}
	if width := int64(qve301v10.Standard().RecordLength()) + 1; size > 0 {
		dl.Count = int(size/width) - 2 // less the 01 and the 99
	}
	dl.Source = func(fn func(*ledger.Record) error) error {
		in, err := open()
		if err != nil {
			return err
		}
		defer in.Close()
		return readAhead(in, name, fn)
	}
	return dl, nil
}

// The read-ahead of a streamed delivery: batches of aheadBatch records, at most aheadDepth
// of them read and waiting.
const (
	aheadBatch = 1024
	aheadDepth = 4
)

// readAhead reads the QVE301 file r as read does, calling fn with each prestatierecord in
// file order, but reads and parses on a goroutine of its own, a few batches of records
// ahead of fn (ahead.Batches): an apply then reads and parses the file on one core while
// the database takes the records on another (the wall time is the slower of the two, not
// their sum). What fn sees is what read gives it: the same records in the same order, an
// error of the file after the records before it, and the first error of fn ends the
// reading and is returned. The memory is that of the batches in flight (aheadDepth+2 of
// aheadBatch records), whatever the file's size; the goroutine has ended when readAhead
// returns.
func readAhead(r io.Reader, name string, fn func(*ledger.Record) error) error {
	return ahead.Batches(aheadBatch, aheadDepth,
		func(emit func(*ledger.Record) error) error {
			_, err := read(r, name, emit, false)
			return err
		},
		func(batch []ledger.Record) error {
			for i := range batch {
				if err := fn(&batch[i]); err != nil {
					return err
				}
			}
			return nil
		})
}

// read reads a QVE301 file, calling keep with each prestatierecord (its strings its
// own). With headerOnly it stops after the voorlooprecord.
func read(r io.Reader, name string, keep func(*ledger.Record) error, headerOnly bool) (*ledger.Delivery, error) {
	std := qve301v10.Standard()
	l01, l04, l99 := std.Layout("01"), std.Layout("04"), std.Layout("99")
	width := std.RecordLength()
	f04 := make([]*record.Field, len(f04Numbers))
	for i, n := range f04Numbers {
		f04[i] = l04.Field(n)
	}
	dl := &ledger.Delivery{Name: name}
	lines := ei.NewLineScanner(r)
	var header, closed bool
	uzovi := interner{}
	var closing int
	var n04 int64
	for {
		ln, err := lines.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		text := ln.Text
		if closed {
			return nil, &record.Error{Line: ln.Number, Record: recordCode(text), Err: ErrStructure, Detail: fmt.Sprintf("a record after the sluitrecord (line %d)", closing)}
		}
		if len(text) < 2 {
			return nil, &record.Error{Line: ln.Number, Err: ErrStructure, Detail: "empty line"}
		}
		code := text[:2]
		if len(text) != width {
			return nil, &record.Error{Line: ln.Number, Record: code, Err: ErrStructure, Detail: fmt.Sprintf("%d characters, want the record length %d", len(text), width)}
		}
		// Field text, AN fields from Latin-1 to UTF-8. It shares the memory of the scanner's
		// block: what is kept (the strings of a Record) is copied below.
		get := func(l *record.Layout, number string) string {
			f := l.Field(number)
			if f.Type == record.Alphanumeric {
				return record.DecodeText(record.FieldText(text, f))
			}
			return record.FieldText(text, f)
		}
		// structure and fail place an error at the line: a *record.Error with the line, the
		// record type and, for a field, its position from the layout.
		structure := func(detail string) error {
			return &record.Error{Line: ln.Number, Record: code, Err: ErrStructure, Detail: detail}
		}
		fail := func(err error) error { return place(err, std.Layout(code), ln.Number) }
		switch {
		case code == "01" && !header:
			if ei := get(l01, "0102"); ei != "542" {
				return nil, fail(&record.Error{Record: code, Field: "0102", FieldName: "code externe-integratiebericht", Err: ledger.ErrValue, Detail: fmt.Sprintf("%q: want 542 (QVE301)", ei)})
			}
			h, err := ledger.NewHeader(ledger.HeaderValues{
				Indiener:           get(l01, "0106"),
				DagtekeningAanmaak: get(l01, "0107"),
				Begin:              get(l01, "0108"),
				Eind:               get(l01, "0109"),
				Referentienummer:   get(l01, "0110"),
				BronID:             get(l01, "0111"),
			})
			if err != nil {
				return nil, fail(err)
			}
			h.Indiener, h.BronID = strings.Clone(h.Indiener), strings.Clone(h.BronID)
			dl.Header, header = h, true
			if headerOnly {
				return dl, nil
			}
		case code == "01":
			return nil, structure("a second voorlooprecord; one file holds one indiener and one bron-id")
		case !header:
			return nil, structure("the file must start with a voorlooprecord (01)")
		case code == "04":
			var v ledger.RecordValues
			vals := f04Values(&v)
			for i, f := range f04 {
				*vals[i] = fieldText(text, f)
			}
			rec, err := ledger.NewRecord(v)
			if err != nil {
				return nil, fail(err)
			}
			// The strings kept, copied off the scanner's block; the UZOVI-nummers, a
			// handful per file, once.
			rec.Identificatie = strings.Clone(rec.Identificatie)
			rec.GerelateerdDebet = strings.Clone(rec.GerelateerdDebet)
			rec.Risicodrager, rec.Volmacht = uzovi.intern(rec.Risicodrager), uzovi.intern(rec.Volmacht)
			if err := keep(&rec); err != nil {
				return nil, err
			}
			n04++
		case code == "99":
			n, err := record.FieldInt(text, l99, l99.Field("9902"))
			if err != nil {
				return nil, fail(err)
			}
			if n != n04 {
				return nil, structure(fmt.Sprintf("9902 aantal prestatierecords %d, the file has %d", n, n04))
			}
			closed, closing = true, ln.Number
		default:
			return nil, structure(fmt.Sprintf("record code %q is not a QVE301 record (01, 04, 99)", code))
		}
	}
	if !header {
		return nil, fmt.Errorf("%s: %w: the file is empty", name, ErrStructure)
	}
	if !closed {
		return nil, fmt.Errorf("%s: %w: no sluitrecord (99) at the end", name, ErrStructure)
	}
	return dl, nil
}

// place returns err, a *record.Error about a record of layout l, with its line and, for a
// field of the layout, the field's position; any other error is wrapped in one at the line.
func place(err error, l *record.Layout, line int) error {
	var e *record.Error
	if !errors.As(err, &e) {
		code := ""
		if l != nil {
			code = l.Code()
		}
		return &record.Error{Line: line, Record: code, Err: err}
	}
	c := *e
	if c.Line == 0 {
		c.Line = line
	}
	if l != nil && c.Field != "" && c.Position == 0 {
		if f := l.Field(c.Field); f != nil {
			c.Position = f.Start
		}
	}
	return &c
}

// recordCode returns the record code at the start of text, "" when it has none.
func recordCode(text string) string {
	if len(text) < 2 {
		return ""
	}
	return text[:2]
}

// interner keeps one copy of each distinct string (a file names a handful of UZOVI-nummers
// in 300,000 records).
type interner map[string]string

func (m interner) intern(s string) string {
	if v, ok := m[s]; ok {
		return v
	}
	if len(m) >= 4096 {
		return strings.Clone(s) // not a handful: no table that grows with the file
	}
	v := strings.Clone(s)
	m[v] = v
	return v
}

// f04Numbers are the prestatierecord fields the ledger reads, in the order of f04Values.
var f04Numbers = [...]string{"0402", "0404", "0406", "0438", "0439", "0440", "0441", "0442", "0443", "0444", "0445", "0449", "0450", "0451"}

func f04Values(v *ledger.RecordValues) [len(f04Numbers)]*string {
	return [...]*string{&v.Detail, &v.Risicodrager, &v.Volmacht, &v.Declaratiebedrag, &v.DCDeclaratiebedrag,
		&v.VergoedBasis, &v.DCVergoedBasis, &v.VergoedAanvullend, &v.DCVergoedAanvullend, &v.EigenRisico,
		&v.DCEigenRisico, &v.Verwerkingsdatum, &v.Identificatie, &v.GerelateerdDebet}
}

// fieldText is the text of field f of the line, AN fields from Latin-1 to UTF-8. It
// shares the line's memory.
func fieldText(text string, f *record.Field) string {
	if f.Type == record.Alphanumeric {
		return record.DecodeText(record.FieldText(text, f))
	}
	return record.FieldText(text, f)
}
