package vsb

import (
	"bytes"
	"fmt"
	"io"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// File is a 920000 message as records: segment 200, segment 300 and the records 10 to 96
// in the order of the message.
type File struct {
	Message    string
	Segment200 *Record
	Segment300 *Record
	Records    []*Record
	Offsets    []int // byte offset of each record of Records in the message
}

// Bytes is the message as written: every segment and record concatenated.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	b.Write(f.Segment200.Bytes())
	b.Write(f.Segment300.Bytes())
	for _, r := range f.Records {
		b.Write(r.Bytes())
	}
	return b.Bytes()
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
		return nil, fmt.Errorf("%w: message longer than %d bytes", ErrInvalid, maxMessage)
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
// first two characters) is 10, 20, 50, 51, 52, 80, 90, 95 or 96. It checks the framing
// only; Check verifies the content.
func Decode(b []byte) (*File, error) {
	L, err := msgLayouts("920000")
	if err != nil {
		return nil, err
	}
	b = trimEnd(b)
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return nil, &ZoneError{Offset: i, Record: "", Msg: "line break inside the message: the facturatiebestand has none"}
	}
	f := &File{Message: "920000"}
	if len(b) < 67+160 {
		return nil, &ZoneError{Offset: 0, Record: "200", Msg: fmt.Sprintf("message of %d characters is shorter than segments 200 and 300 (227)", len(b))}
	}
	if string(b[:6]) != "920000" {
		return nil, &ZoneError{Offset: 0, Record: "200", Zone: "200", Pos: 1, Msg: fmt.Sprintf("message type %q, want 920000", b[:6])}
	}
	f.Segment200, _ = ParseRecord(L["200"], b[:67])
	f.Segment300, _ = ParseRecord(L["300"], b[67:227])
	// The records: framed by the shared core's scanner, by the length of each record
	// type's layout.
	format := Format()
	sc := record.NewFixedScanner(bytes.NewReader(b[227:]), format.CodeStart-1+format.CodeWidth, format.Length)
	for {
		raw, err := sc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The core counts records and offsets from the first record, after the 227
			// characters of the segments.
			ze := &ZoneError{Offset: -1, Record: "", Msg: "records after the segments 200 and 300 (offset 227): " + err.Error(), Err: err}
			// The scanner hands out every complete record before the one it cannot
			// read: reading stopped right after the last record read.
			ze.Offset = 227
			if n := len(f.Offsets); n > 0 {
				ze.Offset = f.Offsets[n-1] + len(f.Records[n-1].Bytes())
			}
			return nil, ze
		}
		code := format.Code(raw.Text)
		l := L[code]
		if l == nil || len(raw.Text) != l.Length {
			return nil, &ZoneError{Offset: 227 + int(raw.Offset), Record: code, Msg: "record of the wrong type or length"}
		}
		r, _ := ParseRecord(l, []byte(raw.Text))
		f.Records = append(f.Records, r)
		f.Offsets = append(f.Offsets, 227+int(raw.Offset))
	}
	return f, nil
}

// Zending reads the model back from the records (the inverse of Build). It does not
// verify derived zones; use Check for that.
func (f *File) Zending() (*Zending, error) {
	var e fieldReader
	s2, s3 := f.Segment200, f.Segment300
	z := &Zending{
		Test:         e.int(s2, "202") == 92,
		MessageRef:   int64(e.int(s2, "204")),
		FileRef:      s3.Text("303"),
		ContactName:  s3.Text("305"),
		ContactFirst: s3.Text("306"),
		ContactPhone: s3.Raw("307"),
		InvoiceType:  e.int(s3, "308"),
		Mode:         e.int(s3, "309"),
	}
	var fa *Factuur
	var p *Prestatie
	for _, r := range f.Records {
		switch r.Code() {
		case "10":
			z.Number = e.int(r, "7")
			z.Content = e.int(r, "13")
			z.ThirdParty = r.Raw("14")
			z.Year = e.int(r, "22")
			z.Month = e.int(r, "23")
			z.Created = e.date(r, "25,26")
			z.BCE = r.Raw("27")
			z.Reference = r.Text("28")
			z.BIC = r.Text("31,32,33,34")
			z.IBAN = r.Text("36,37,38,39,40,41")
		case "20":
			z.Facturen = append(z.Facturen, Factuur{
				Mutualiteit: r.Raw("7"), INSZ: r.Raw("8a,8b"), Sex: e.int(r, "9"), Type: e.int(r, "10"),
				Billing: e.int(r, "11"), Establishment: r.Raw("14"), Cause: e.int(r, "17"),
				Destination: r.Raw("18"), Number: int64(e.int(r, "24,25")), Date: e.date(r, "47"),
				Reference: r.Text("28"),
			})
			fa = &z.Facturen[len(z.Facturen)-1]
			p = nil
		case "50":
			if fa == nil {
				return nil, f.structErr(r, "record 50 outside an invoice")
			}
			fa.Prestaties = append(fa.Prestaties, Prestatie{
				Code: e.int(r, "4"), First: e.date(r, "5"), Last: e.date(r, "6a,6b"), Account: e.int(r, "11"),
				Provider: r.Raw("15"), Amount: Money(e.int(r, "19")), Units: e.int(r, "22"),
				PatientShare: Money(e.int(r, "27")), Supplement: Money(e.int(r, "30,31")), Reference: r.Text("28"),
			})
			p = &fa.Prestaties[len(fa.Prestaties)-1]
		case "51":
			if p == nil {
				return nil, f.structErr(r, "record 51 does not follow a 50")
			}
			p.Tussenkomst = &Tussenkomst{Code: e.int(r, "4"), Date: e.date(r, "5"), Provider: r.Raw("15"),
				Amount: Money(e.int(r, "19")), Network: r.Text("42,43a,43b,44,45"), InfoDate: e.date(r, "55")}
		case "52":
			if p == nil {
				return nil, f.structErr(r, "record 52 does not follow a 50")
			}
			p.EID = &EIDLezing{Code: e.int(r, "4"), Date: e.date(r, "5"), ReadDate: e.date(r, "6a,6b"),
				Support: r.Text("10"), ReadType: r.Text("11"), Hour: e.int(r, "12,13"), Provider: r.Raw("15")}
		case "80":
			fa, p = nil, nil
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	return z, nil
}

func (f *File) structErr(r *Record, msg string) error {
	off := -1
	for i, x := range f.Records {
		if x == r {
			off = f.Offsets[i]
		}
	}
	return &ZoneError{Offset: off, Order: r.Order(), Record: r.Code(), Msg: msg}
}

type fieldReader struct{ err error }

func (e *fieldReader) int(r *Record, id string) int {
	v, err := r.Int(id)
	if err != nil && e.err == nil {
		e.err = err
	}
	return int(v)
}

func (e *fieldReader) date(r *Record, id string) Date {
	d, err := ParseDate(r.Raw(id))
	if err != nil && e.err == nil {
		f, _ := r.field(id)
		e.err = r.zoneErr(f, "want a date YYYYMMDD or 00000000")
	}
	return d
}
