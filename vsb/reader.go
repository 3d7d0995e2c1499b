package vsb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
	seg "github.com/zorgbericht/zorgbericht/vsb/efact/segments/seg920000v20"
)

// File is a 920000 message as the shared core's records: segment 200, segment 300 and
// the records 10 to 96 in the order of the message. Each is a record.Raw: its characters
// (Text), its byte offset in the message (Offset) and, for the records, its place
// (Number: 1 for the first record after the segments). LayoutOf gives the layout of
// each, Typed the generated record of a record 10 … 96.
type File struct {
	Message    string
	Segment200 record.Raw
	Segment300 record.Raw
	Records    []record.Raw
}

// Bytes is the message as written: every segment and record concatenated.
func (f *File) Bytes() []byte {
	n := len(f.Segment200.Text) + len(f.Segment300.Text) + len(f.Records)*RecordLength
	b := make([]byte, 0, n)
	b = append(b, f.Segment200.Text...)
	b = append(b, f.Segment300.Text...)
	for _, r := range f.Records {
		b = append(b, r.Text...)
	}
	return b
}

// maxMessage bounds what ReadFile reads (a facturatiebestand of a large facility is a
// few megabytes).
const maxMessage = 256 << 20

// ReadAll reads a 920000 message; see Decode.
func ReadAll(r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxMessage+1))
	if err != nil {
		return nil, fmt.Errorf("vsb: read: %w", err)
	}
	if len(b) > maxMessage {
		return nil, messageErr(maxMessage, "", "message longer than "+strconv.Itoa(maxMessage)+" bytes", record.ErrLineTooLong)
	}
	return Decode(b)
}

// trimEnd drops one final line break, which some transports add; the format itself has none.
func trimEnd(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// Decode splits a 920000 message into its segments and records by length: 67 characters
// of segment 200, 160 of segment 300, then records of 350 characters whose type (the
// first two characters) is 10, 20, 50, 51, 52, 80, 90, 95 or 96, framed by the shared
// core's scanner. It checks the framing only; Check verifies the content. An error is a
// *record.Error whose Offset is the byte offset where reading stopped.
func Decode(b []byte) (*File, error) {
	b = trimEnd(b)
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return nil, messageErr(i, "", "line break inside the message: the facturatiebestand has none", ErrInvalid)
	}
	if len(b) < segmentsLength {
		return nil, messageErr(0, "200", fmt.Sprintf("message of %d characters is shorter than segments 200 and 300 (227)", len(b)), record.ErrPartialRecord)
	}
	if string(b[:6]) != MsgFacturatiebestand {
		e := messageErr(0, "200", fmt.Sprintf("message type %q, want 920000", b[:6]), record.ErrRecordCode)
		e.Field, e.Position = "200", 1
		return nil, e
	}
	msg := string(b)
	f := &File{Message: MsgFacturatiebestand,
		Segment200: record.Raw{Text: msg[:67]},
		Segment300: record.Raw{Offset: 67, Text: msg[67:segmentsLength]},
		Records:    make([]record.Raw, 0, (len(msg)-segmentsLength)/RecordLength),
	}
	format := Format()
	sc := record.NewFixedScanner(bytes.NewReader(b[segmentsLength:]), format.CodeStart-1+format.CodeWidth, format.Length)
	for {
		raw, err := sc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The scanner hands out every complete record before the one it cannot
			// read: reading stopped right after the last record read. It counts
			// offsets from the first record, after the 227 characters of the segments.
			off := segmentsLength
			if n := len(f.Records); n > 0 {
				off = int(f.Records[n-1].Offset) + RecordLength
			}
			var ce *record.Error
			if errors.As(err, &ce) {
				c := *ce
				c.Line, c.Offset = len(f.Records)+1, int64(off)
				c.Detail = "byte offset " + strconv.Itoa(off) + ": " + c.Detail
				return nil, &c
			}
			return nil, fmt.Errorf("%w: %w", messageErr(off, "", "records after the segments 200 and 300", record.ErrPartialRecord), err)
		}
		raw.Offset += segmentsLength
		raw.Text = msg[raw.Offset : raw.Offset+int64(len(raw.Text))] // the message's memory, not the scanner's
		f.Records = append(f.Records, raw)
	}
	return f, nil
}

// Zending reads the model back from the segments and records (the inverse of Encode).
// Segments 200 and 300 are read whole by their generated types, so a non-digit in any of
// their N zones is an error; of the records only the zones the model holds are read. It
// does not verify derived zones; use Check for that.
func (f *File) Zending() (*Zending, error) {
	L, err := msgLayouts(MsgFacturatiebestand)
	if err != nil {
		return nil, err
	}
	var s2 seg.Segment200Berichtheader
	var s3 seg.Segment300Facturatieheader
	if err := s2.Parse(f.Segment200.Text); err != nil {
		return nil, record.WithPlace(err, 0, f.Segment200.Offset)
	}
	if err := s3.Parse(f.Segment300.Text); err != nil {
		return nil, record.WithPlace(err, 0, f.Segment300.Offset)
	}
	z := &Zending{
		Test:         s2.TypeMessage12Prod92Test == testMessage,
		MessageRef:   s2.ReferenceNumeriqueMessagePrestataire,
		FileRef:      s3.ReferenceFacture,
		ContactName:  s3.NomPersonneContact,
		ContactFirst: s3.PrenomPersonneDeContact,
		ContactPhone: fmt.Sprintf("%010d", s3.NumroTelephonePersonneContact),
		InvoiceType:  int(s3.TypeDeFacture01Hospit03Ambulatoire09Mixte),
		Mode:         int(s3.TypeFacturation011Fichier1Compte021Fichier2Comptes),
	}
	var e fieldReader
	var fa *Factuur
	var p *Prestatie
	// Only the zones the model holds are read: a file whose other zones are wrong (a
	// content finding, letter F or R) still reads back.
	for _, rec := range f.Records {
		code := codeOf(rec.Text)
		r := zonesOf(L[code], rec)
		date := func(id string) Date { return e.date(r, id) }
		num := func(id string) int { return e.int(r, id) }
		money := func(id string) Money { return Money(e.int64(r, id)) }
		switch code {
		case "10":
			z.Number = num("7")
			z.Content = num("13")
			z.ThirdParty = r.raw("14")
			z.Year = num("22")
			z.Month = num("23")
			z.Created = date("25,26")
			z.BCE = r.raw("27")
			z.Reference = r.trimmed("28")
			z.BIC = r.trimmed("31,32,33,34")
			z.IBAN = r.trimmed("36,37,38,39,40,41")
		case "20":
			z.Facturen = append(z.Facturen, Factuur{
				Mutualiteit: r.raw("7"), INSZ: r.raw("8a,8b"), Sex: num("9"), Type: num("10"),
				Billing: num("11"), Establishment: r.raw("14"), Cause: num("17"),
				Destination: r.raw("18"), Number: e.int64(r, "24,25"), Date: date("47"),
				Reference: r.trimmed("28"),
			})
			fa = &z.Facturen[len(z.Facturen)-1]
			p = nil
		case "50":
			if fa == nil {
				return nil, structErr(rec, "record 50 outside an invoice")
			}
			fa.Prestaties = append(fa.Prestaties, Prestatie{
				Code: num("4"), First: date("5"), Last: date("6a,6b"), Account: num("11"),
				Provider: r.raw("15"), Amount: money("19"), Units: num("22"),
				PatientShare: money("27"), Supplement: money("30,31"), Reference: r.trimmed("28"),
			})
			p = &fa.Prestaties[len(fa.Prestaties)-1]
		case "51":
			if p == nil {
				return nil, structErr(rec, "record 51 does not follow a 50")
			}
			p.Tussenkomst = &Tussenkomst{Code: num("4"), Date: date("5"), Provider: r.raw("15"),
				Amount: money("19"), Network: r.trimmed("42,43a,43b,44,45"), InfoDate: date("55")}
		case "52":
			if p == nil {
				return nil, structErr(rec, "record 52 does not follow a 50")
			}
			p.EID = &EIDLezing{Code: num("4"), Date: date("5"), ReadDate: date("6a,6b"),
				Support: r.trimmed("10"), ReadType: r.trimmed("11"), Hour: num("12,13"), Provider: r.raw("15")}
		case "80":
			fa, p = nil, nil
		}
		if e.err != nil {
			return nil, placeErr(e.err, rec)
		}
	}
	return z, nil
}

// structErr is an error about where a record stands in the message.
func structErr(r record.Raw, msg string) error {
	return &record.Error{Line: r.Number, Offset: r.Offset, Record: codeOf(r.Text), Err: ErrStructure, Detail: msg}
}

// ErrStructure is the sentinel of an error about the order of the records of a message.
var ErrStructure = errors.New("record out of place")

// fieldReader reads N zones of segments and error details, keeping the first error.
type fieldReader struct{ err error }

func (e *fieldReader) int(z zones, id string) int { return int(e.int64(z, id)) }

func (e *fieldReader) int64(z zones, id string) int64 {
	v, err := z.int(id)
	if err != nil && e.err == nil {
		e.err = err
	}
	return v
}

func (e *fieldReader) date(z zones, id string) Date {
	d, err := ParseDate(z.raw(id))
	if err != nil && e.err == nil {
		f := fieldOf(z.l, id)
		e.err = record.FieldError(z.l, f, f.Start, record.ErrDate, "want a date YYYYMMDD or 00000000")
	}
	return d
}
