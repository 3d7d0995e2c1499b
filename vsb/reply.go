package vsb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	segreply "github.com/zorgbericht/zorgbericht/vsb/efact/segments/segreplyv20"
)

// The reply messages and their DF numbers in Vlaamse Sociale Bescherming.
const (
	MsgFacturatiebestand = "920000" // the facturatiebestand (outbound)
	MsgFileAccepted      = "931000" // DF011 aanvaarding facturatiebestand
	MsgFileRefused       = "920999" // DF012 weigering facturatiebestand
	MsgSendingAccepted   = "920098" // DF014 aanvaarding zending (errors listed)
	MsgSendingRefused    = "920099" // DF013 weigering zending
	MsgSettlement        = "920900" // DF015 afrekenbestand
)

// DF returns the VSB DF number of an eFact message type ("" if it has none).
func DF(msg string) string {
	return map[string]string{
		MsgFileAccepted: "DF011", MsgFileRefused: "DF012", MsgSendingRefused: "DF013",
		MsgSendingAccepted: "DF014", MsgSettlement: "DF015",
	}[msg]
}

// Rejection is one letter+code pair of an error detail.
type Rejection struct {
	Letter string // B, F, R, E, S
	Code   string // six digits
}

// Echo is a record the VI sends back with its 450-character error detail.
type Echo struct {
	// Record is the echoed record: its 350 characters (Text) as the shared core's raw
	// record. LayoutOf gives its layout when its type is one of the 920000's, Order its
	// order number.
	Record      record.Raw
	Sending     int    // detail d1: zending number
	Created     string // detail d2: creation date as written (YYYYMMDD; the sample has 9s)
	Period      string // detail d3: month and year of the invoicing as written
	Mutualiteit string // detail d4
	Rejections  []Rejection
	Result      string // detail d13: result of the VI
	Comment     string // detail d14
	Index       int    // detail d16
}

// CodeErreur is the value of a "code erreur" zone of segment 200 or 300 (2001, 3011, …):
// SegmentNotNumeric (01), SegmentNotAllowed (03), or whatever code a VI writes there. It
// is the Err of the *record.Error a Reply lists in SegmentErrors (NewSegmentError);
// errors.As gives it back, and errors.Is(err, record.ErrNotDigit) holds for 01.
type CodeErreur int

func (c CodeErreur) Error() string { return fmt.Sprintf("code erreur %02d", int(c)) }

// Is reports that code erreur 01 (niet numeriek) is the core's record.ErrNotDigit.
func (c CodeErreur) Is(target error) bool { return c == 1 && target == record.ErrNotDigit }

// NewSegmentError returns the error a non-zero code erreur says about a zone of segment
// 200 or 300: the core's positioned error, with the segment as Record, the zone as Field
// (the zone the code is about: "201" for code zone "2011"), its name and position from
// the segment's layout when it has the zone, and the code as Err (CodeErreur).
func NewSegmentError(segment, zone string, code int) *record.Error {
	e := &record.Error{Record: segment, Field: zone, Err: CodeErreur(code)}
	if l := LayoutOf(segment); l != nil {
		if f := l.Field(zone); f != nil {
			e.FieldName, e.Position = f.Name, f.Start
		}
	}
	return e
}

// codeErreurIndex returns the index in segment layout l of the code erreur field of zone:
// the field of role return-code that follows the zone (2011 after 201); -1 when the zone
// has none (a reserve).
func codeErreurIndex(l *record.Layout, zone string) int {
	i := l.Index(zone)
	if i < 0 || i+1 >= l.NumFields() || l.FieldIndex(i+1).Role != record.RoleReturnCode {
		return -1
	}
	return i + 1
}

// SegmentCode returns the code erreur of an error of Reply.SegmentErrors; false when err
// carries none.
func SegmentCode(err error) (int, bool) {
	var c CodeErreur
	if errors.As(err, &c) {
		return int(c), true
	}
	return 0, false
}

// Reply is any reply message: 931000, 920999, 920098, 920099 or 920900.
type Reply struct {
	Type         string // the message type in zone 200
	Test         bool   // zone 202 = 92
	Status       int    // zone 203
	MessageRef   int64  // zone 204: the provider's reference of the message answered
	OARef        int64  // zone 205: the VI's reference
	Year, Month  int    // zone 300
	Sending      int    // zone 301
	Created      Date   // zone 302
	FileRef      string // zone 303
	Version      int    // zone 304
	ContactName  string // zone 305 (the VI's contact)
	ContactFirst string // zone 306
	Phone        string // zone 307
	InvoiceType  int    // zone 308
	Mode         int    // zone 309
	// ErrorPercentage is zone 310 in hundredths of a percent (00500 = 5.00 %: the scaling
	// is an inference, the sources do not state it).
	ErrorPercentage int
	RefusalType     int // zone 311 (01 = blocking error, 02 = error percentage: inference)

	// SegmentErrors are the non-zero code erreur zones of segments 200 and 300, each the
	// core's positioned error (NewSegmentError; SegmentCode gives the code).
	SegmentErrors []*record.Error
	Echoes        []Echo
	Settlement    []Afrekening // 920900: the 91 records and the 92
}

// DF is the DF number of the reply.
func (r *Reply) DF() string { return DF(r.Type) }

// Afrekening is a settlement record of a 920900: 91 per mutualiteit, 92 for the total.
type Afrekening struct {
	Record      string `json:"record"`                  // "91" or "92"
	Mutualiteit string `json:"mutualiteit"`             // zone 401/501
	Invoice     int64  `json:"invoice"`                 // zone 402/502: summary invoice number
	AskedA      Money  `json:"asked_a"`                 // 404
	AskedB      Money  `json:"asked_b"`                 // 406
	Asked       Money  `json:"asked"`                   // 408
	Records     int    `json:"records"`                 // 409
	Control     int    `json:"control"`                 // 410
	AcceptedA   Money  `json:"accepted_a"`              // 412
	RefusedA    Money  `json:"refused_a"`               // 414
	AcceptedB   Money  `json:"accepted_b"`              // 416
	RefusedB    Money  `json:"refused_b"`               // 418
	Accepted    Money  `json:"accepted"`                // 420
	Refused     Money  `json:"refused"`                 // 422
	PaymentRefA string `json:"payment_ref_a,omitempty"` // 423 (91 only)
	PaymentRefB string `json:"payment_ref_b,omitempty"` // 424 (91 only)
}

// ReadReply reads any reply message; see DecodeReply.
func ReadReply(r io.Reader) (*Reply, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxMessage+1))
	if err != nil {
		return nil, fmt.Errorf("vsb: read reply: %w", err)
	}
	return DecodeReply(b)
}

// DecodeReply reads a reply: segment 200 (67), the 300 error segment (610), then for
// 920999/920098/920099/920900 units of an echoed record (350) and its error detail (450),
// and for 920900 the settlement records 91 and 92 (800 each). The type is taken from zone
// 200, whatever the file is called.
func DecodeReply(b []byte) (*Reply, error) {
	b = trimEnd(b)
	if len(b) < 6 {
		return nil, messageErr(0, "200", fmt.Sprintf("%d characters: not a reply", len(b)), record.ErrPartialRecord)
	}
	typ := string(b[:6])
	m, err := Spec(typ)
	if err != nil || typ == MsgFacturatiebestand {
		e := messageErr(0, "200", fmt.Sprintf("message type %q is not a reply (931000, 920999, 920098, 920099, 920900)", record.Escape(typ)), record.ErrRecordCode)
		e.Field, e.Position = "200", 1
		return nil, e
	}
	L := m.Layouts
	if len(b) < 677 {
		return nil, messageErr(0, "300", fmt.Sprintf("reply of %d characters is shorter than segments 200 and 300 (677)", len(b)), record.ErrPartialRecord)
	}
	msg := string(b)
	var h2 segreply.Segment200Berichtheader
	var h3 segreply.Segment300Foutsegment
	if err := h2.Parse(msg[:67]); err != nil {
		return nil, record.WithPlace(err, 0, 0)
	}
	if err := h3.Parse(msg[67:677]); err != nil {
		return nil, record.WithPlace(err, 0, 67)
	}
	r := &Reply{
		Type: typ, Test: h2.TypeMessage12Prod92Test == testMessage, Status: int(h2.StatutMessageCodeErreurSiErreurInOut),
		MessageRef: h2.ReferenceNumeriqueMessagePrestataire, OARef: h2.ReferenceMessageOa,
		Year: int(h3.LienT10Z2223AnneEtMoisFacturation / 100), Month: int(h3.LienT10Z2223AnneEtMoisFacturation % 100),
		Sending: int(h3.LienT10Z7NumroDEnvoi), Created: h3.LienT10Z25DateCrationFacture,
		FileRef: h3.ReferenceFacture, Version: int(h3.LienT10Z4NumroVersionInstructions),
		ContactName: h3.NomPersonneContactOa, ContactFirst: h3.PrenomPersonneDeContactOa,
		Phone:       fmt.Sprintf("%010d", h3.NumeroTelephonePersonneContactOa),
		InvoiceType: int(h3.TypeDeFacture), Mode: int(h3.ModeFacturation),
		ErrorPercentage: int(h3.PourcentageDErreur), RefusalType: int(h3.TypeRefusFacturation),
	}
	s2 := zonesOf(h2.Layout(), record.Raw{Text: msg[:67]})
	s3 := zonesOf(h3.Layout(), record.Raw{Offset: 67, Text: msg[67:677]})
	for _, seg := range []zones{s2, s3} {
		for i := 0; i < seg.l.NumFields(); i++ {
			if f := seg.l.FieldIndex(i); f.Role == record.RoleReturnCode && i > 0 {
				// The code erreur follows the zone it is about (2011 after 201).
				if v, err := record.FieldIntAt(seg.text, seg.l, i); err == nil && v != 0 {
					r.SegmentErrors = append(r.SegmentErrors, NewSegmentError(seg.l.Code(), seg.l.FieldIndex(i-1).Number, int(v)))
				}
			}
		}
	}
	for off := 677; off < len(b); {
		code := msg[off:min(off+2, len(msg))]
		if l, ok := L[code]; ok && (code == "91" || code == "92") {
			if off+l.Length() > len(b) {
				return nil, messageErr(off, code, fmt.Sprintf("record of %d characters, want %d", len(b)-off, l.Length()), record.ErrPartialRecord)
			}
			a, err := afrekening(code, msg[off:off+l.Length()])
			if err != nil {
				return nil, record.WithPlace(err, len(r.Settlement)+1, int64(off))
			}
			r.Settlement = append(r.Settlement, a)
			off += l.Length()
			continue
		}
		if off+800 > len(b) {
			return nil, messageErr(off, record.Escape(code), fmt.Sprintf("echoed record and detail of %d characters, want 800", len(b)-off), record.ErrPartialRecord)
		}
		var d segreply.Foutdetail
		if err := d.Parse(msg[off+350 : off+800]); err != nil {
			return nil, record.WithPlace(err, len(r.Echoes)+1, int64(off+350))
		}
		ech := Echo{Record: record.Raw{Text: msg[off : off+350]},
			Sending: int(d.IdentificatieZending), Created: fmt.Sprintf("%08d", d.DatumCreatieZending),
			Period: fmt.Sprintf("%06d", d.MaandEnJaarFacturatie), Mutualiteit: fmt.Sprintf("%03d", d.Mutualiteit),
			Result: d.ResultaatVi, Comment: d.Foutcommentaar, Index: int(d.Index)}
		for _, rj := range [...]Rejection{{d.Verwerpingsletter1, d.Verwerpingscode1}, {d.Verwerpingsletter2, d.Verwerpingscode2}, {d.Verwerpingsletter3, d.Verwerpingscode3}} {
			if rj.Letter == "" && strings.Trim(rj.Code, "0 ") == "" {
				continue
			}
			ech.Rejections = append(ech.Rejections, rj)
		}
		r.Echoes = append(r.Echoes, ech)
		off += 800
	}
	return r, nil
}

// noRejection is the code zone of an error detail that holds no rejection.
const noRejection = "000000"

// EncodeReply writes a reply message. Echoed records are written as they are.
func EncodeReply(w io.Writer, r *Reply) error {
	m, err := Spec(r.Type)
	if err != nil || r.Type == MsgFacturatiebestand {
		return fmt.Errorf("vsb: %q is not a reply message type", r.Type)
	}
	L := m.Layouts
	typ, err := strconv.ParseInt(r.Type, 10, 64)
	if err != nil {
		return fmt.Errorf("vsb: %q is not a reply message type", r.Type)
	}
	var m3 modelErr
	phone := m3.num("Phone", r.Phone)
	fileRef := m3.text("FileRef", r.FileRef)
	name := m3.text("ContactName", r.ContactName)
	first := m3.text("ContactFirst", r.ContactFirst)
	if m3.err != nil {
		return fmt.Errorf("vsb: reply %s: %w", r.Type, m3.err)
	}
	s2, err := (&segreply.Segment200Berichtheader{
		Type: typ, NVersionFormatMessagePremiereVersion01: formatVersion, TypeMessage12Prod92Test: messageKind(r.Test),
		StatutMessageCodeErreurSiErreurInOut: int64(r.Status),
		ReferenceNumeriqueMessagePrestataire: r.MessageRef, ReferenceMessageOa: r.OARef,
	}).AppendTo(nil)
	if err != nil {
		return fmt.Errorf("vsb: reply %s: %w", r.Type, err)
	}
	s3, err := (&segreply.Segment300Foutsegment{
		LienT10Z2223AnneEtMoisFacturation: int64(r.Year*100 + r.Month), LienT10Z7NumroDEnvoi: int64(r.Sending),
		LienT10Z25DateCrationFacture: r.Created, ReferenceFacture: fileRef,
		LienT10Z4NumroVersionInstructions: int64(r.Version),
		NomPersonneContactOa:              name, PrenomPersonneDeContactOa: first,
		NumeroTelephonePersonneContactOa: phone, TypeDeFacture: int64(r.InvoiceType), ModeFacturation: int64(r.Mode),
		PourcentageDErreur: int64(r.ErrorPercentage), TypeRefusFacturation: int64(r.RefusalType),
	}).AppendTo(nil)
	if err != nil {
		return fmt.Errorf("vsb: reply %s: %w", r.Type, err)
	}
	segs := map[string][]byte{"200": s2, "300": s3}
	for _, se := range r.SegmentErrors {
		seg, l := segs[se.Record], L[se.Record]
		if seg == nil {
			return fmt.Errorf("vsb: segment error in segment %q, want 200 or 300", se.Record)
		}
		code, ok := SegmentCode(se)
		if !ok {
			return fmt.Errorf("vsb: segment %s zone %s: the error carries no code erreur (CodeErreur)", se.Record, se.Field)
		}
		i := codeErreurIndex(l, se.Field)
		if i < 0 {
			return fmt.Errorf("vsb: segment %s zone %s has no code erreur zone", se.Record, se.Field)
		}
		if err := record.PutIntAt(seg, l, i, int64(code)); err != nil {
			return fmt.Errorf("vsb: reply %s: segment %s zone %s: %w", r.Type, se.Record, se.Field, err)
		}
	}
	var out bytes.Buffer
	out.Write(s2)
	out.Write(s3)
	for i, ech := range r.Echoes {
		if len(ech.Record.Text) != RecordLength {
			return fmt.Errorf("vsb: echo %d: the echoed record must have 350 characters", i+1)
		}
		if len(ech.Rejections) > 3 {
			return fmt.Errorf("vsb: echo %d: %d rejections, the detail holds 3", i+1, len(ech.Rejections))
		}
		d := segreply.Foutdetail{Verwerpingscode1: noRejection, Verwerpingscode2: noRejection, Verwerpingscode3: noRejection}
		d.IdentificatieZending = int64(ech.Sending)
		var m modelErr
		d.DatumCreatieZending = m.num("Created", ech.Created)
		d.MaandEnJaarFacturatie = m.num("Period", ech.Period)
		d.Mutualiteit = m.num("Mutualiteit", ech.Mutualiteit)
		letters := [...]*string{&d.Verwerpingsletter1, &d.Verwerpingsletter2, &d.Verwerpingsletter3}
		codes := [...]*string{&d.Verwerpingscode1, &d.Verwerpingscode2, &d.Verwerpingscode3}
		for j, rj := range ech.Rejections {
			*letters[j] = m.text("Rejection.Letter", rj.Letter)
			*codes[j] = m.text("Rejection.Code", rj.Code)
		}
		d.ResultaatVi = m.text("Result", ech.Result)
		d.Foutcommentaar = m.text("Comment", ech.Comment)
		d.Index = int64(ech.Index)
		detail, err := d.AppendTo(nil)
		if err == nil {
			err = m.err
		}
		if err != nil {
			return fmt.Errorf("vsb: reply %s: echo %d: %w", r.Type, i+1, err)
		}
		out.WriteString(ech.Record.Text)
		out.Write(detail)
	}
	for i, a := range r.Settlement {
		if L[a.Record] == nil || (a.Record != "91" && a.Record != "92") {
			return fmt.Errorf("vsb: settlement record %q, want 91 or 92", a.Record)
		}
		rec, err := appendAfrekening(nil, a)
		if err != nil {
			return fmt.Errorf("vsb: reply %s: settlement %d: %w", r.Type, i+1, err)
		}
		out.Write(rec)
	}
	_, err = w.Write(out.Bytes())
	return err
}
