package qve301

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// ErrStructure is wrapped by errors about the order and count of records.
var ErrStructure = errors.New("file structure")

// Error places an error at a line of the file.
type Error struct {
	Line   int    // 1-based
	Record string // record code, "" when unknown
	Err    error
}

func (e *Error) Error() string {
	if e.Record != "" {
		return fmt.Sprintf("line %d (record %s): %v", e.Line, e.Record, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Read reads a QVE301 file. name is kept as the delivery's name.
func Read(r io.Reader, name string) (*ledger.Delivery, error) {
	std := qve301v10.Standard()
	l01, l04, l99 := std.Layout("01"), std.Layout("04"), std.Layout("99")
	width := std.RecordLength()
	dl := &ledger.Delivery{Name: name}
	lines := ei.NewLineScanner(r)
	var header, closed bool
	var closing int
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
			return nil, &Error{Line: ln.Number, Err: fmt.Errorf("%w: a record after the sluitrecord (line %d)", ErrStructure, closing)}
		}
		if len(text) < 2 {
			return nil, &Error{Line: ln.Number, Err: fmt.Errorf("%w: empty line", ErrStructure)}
		}
		code := text[:2]
		if len(text) != width {
			return nil, &Error{Line: ln.Number, Record: code, Err: fmt.Errorf("%w: %d characters, want the record length %d", ErrStructure, len(text), width)}
		}
		// Field text, copied (lines share memory), AN fields from Latin-1 to UTF-8.
		get := func(l *record.Layout, number string) string {
			f := l.Field(number)
			if f.Type == record.Alphanumeric {
				return strings.Clone(record.DecodeText(record.FieldText(text, f)))
			}
			return strings.Clone(record.FieldText(text, f))
		}
		fail := func(err error) error { return &Error{Line: ln.Number, Record: code, Err: err} }
		switch {
		case code == "01" && !header:
			if ei := get(l01, "0102"); ei != "542" {
				return nil, fail(fmt.Errorf("0102 code externe-integratiebericht %q: want 542 (QVE301)", ei))
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
			dl.Header, header = h, true
		case code == "01":
			return nil, fail(fmt.Errorf("%w: a second voorlooprecord; one file holds one indiener and one bron-id", ErrStructure))
		case !header:
			return nil, fail(fmt.Errorf("%w: the file must start with a voorlooprecord (01)", ErrStructure))
		case code == "04":
			rec, err := ledger.NewRecord(ledger.RecordValues{
				Detail:              get(l04, "0402"),
				Risicodrager:        get(l04, "0404"),
				Volmacht:            get(l04, "0406"),
				Declaratiebedrag:    get(l04, "0438"),
				DCDeclaratiebedrag:  get(l04, "0439"),
				VergoedBasis:        get(l04, "0440"),
				DCVergoedBasis:      get(l04, "0441"),
				VergoedAanvullend:   get(l04, "0442"),
				DCVergoedAanvullend: get(l04, "0443"),
				EigenRisico:         get(l04, "0444"),
				DCEigenRisico:       get(l04, "0445"),
				Verwerkingsdatum:    get(l04, "0449"),
				Identificatie:       get(l04, "0450"),
				GerelateerdDebet:    get(l04, "0451"),
			})
			if err != nil {
				return nil, fail(err)
			}
			dl.Records = append(dl.Records, rec)
		case code == "99":
			n, err := record.FieldInt(text, l99, l99.Field("9902"))
			if err != nil {
				return nil, fail(err)
			}
			if n != int64(len(dl.Records)) {
				return nil, fail(fmt.Errorf("%w: 9902 aantal prestatierecords %d, the file has %d", ErrStructure, n, len(dl.Records)))
			}
			closed, closing = true, ln.Number
		default:
			return nil, fail(fmt.Errorf("%w: record code %q is not a QVE301 record (01, 04, 99)", ErrStructure, code))
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
