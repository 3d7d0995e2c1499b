package ledger

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Header holds the facts of a Q file's voorlooprecord that the warehouse works with.
type Header struct {
	Indiener           string `json:"indiener"`            // 0106 UZOVI-nummer indiener
	BronID             string `json:"bron_id"`             // 0111 bron-id declaratieverwerkingssysteem
	Referentienummer   int64  `json:"referentienummer"`    // 0110 referentienummer dit schadebestand
	DagtekeningAanmaak Date   `json:"dagtekening_aanmaak"` // 0107 dagtekening aanmaak
	Begin              Date   `json:"begin"`               // 0108 begindatum verwerkingsperiode zorgverzekeraar
	Eind               Date   `json:"eind"`                // 0109 einddatum verwerkingsperiode zorgverzekeraar
}

// Period returns the verwerkingsperiode of the file.
func (h Header) Period() Period { return Period{h.Begin, h.Eind} }

// Period is a range of days, both ends included.
type Period struct{ From, To Date }

// Contains reports whether d lies in p.
func (p Period) Contains(d Date) bool { return !d.Before(p.From) && !p.To.Before(d) }

// Overlaps reports whether p and q have a day in common.
func (p Period) Overlaps(q Period) bool { return !p.To.Before(q.From) && !q.To.Before(p.From) }

// Days is the number of days in p.
func (p Period) Days() int { return daysInclusive(p.From, p.To) }

func (p Period) String() string { return p.From.String() + " t/m " + p.To.String() }

// DebetCredit is the debit/credit indicator of a prestatierecord.
type DebetCredit byte

// The indicator values.
const (
	Debet  DebetCredit = 'D'
	Credit DebetCredit = 'C'
)

func (dc DebetCredit) String() string { return string(rune(dc)) }

// MarshalText writes "D" or "C".
func (dc DebetCredit) MarshalText() ([]byte, error) { return []byte{byte(dc)}, nil }

// UnmarshalText reads "D" or "C".
func (dc *DebetCredit) UnmarshalText(b []byte) error {
	if len(b) != 1 || (b[0] != 'D' && b[0] != 'C') {
		return fmt.Errorf("debet/credit %q: %w: want D or C", b, ErrValue)
	}
	*dc = DebetCredit(b[0])
	return nil
}

// Record is one prestatierecord as the warehouse keeps it. Amounts are integer cents with
// their sign: a credit amount is negative.
type Record struct {
	Detail            int64       `json:"detail,omitempty"`            // 0402 identificatie detailrecord (its number in the file)
	Identificatie     string      `json:"identificatie"`               // 0450 identificatie prestatierecord
	GerelateerdDebet  string      `json:"gerelateerd_debet,omitempty"` // 0451 identificatie gerelateerd debet prestatierecord (credit records)
	Risicodrager      string      `json:"risicodrager"`                // 0404 UZOVI-nummer risicodrager
	Volmacht          string      `json:"volmacht,omitempty"`          // 0406 UZOVI-nummer volmacht ("" or 0000 when none)
	Verwerkingsdatum  Date        `json:"verwerkingsdatum"`            // verwerkingsdatum zorgverzekeraar of the prestatie
	DebetCredit       DebetCredit `json:"debet_credit"`                // debit/credit of the declaratiebedrag
	Declaratiebedrag  money.Money `json:"declaratiebedrag"`            // 0438 declaratiebedrag (incl. btw), negative for credit; JSON "125.50"
	VergoedBasis      money.Money `json:"vergoed_basis"`               // 0440 vergoed bedrag basisverzekering (incl. btw)
	VergoedAanvullend money.Money `json:"vergoed_aanvullend"`          // 0442 vergoed bedrag aanvullende verzekering (incl. btw)
	EigenRisico       money.Money `json:"eigen_risico"`                // 0444 bedrag eigen risico
}

// Delivery is one Q file: its header and its prestatierecords in file order, held in
// Records or, for a file of any size, read by Source.
type Delivery struct {
	Name    string // where it came from (a file name), for messages only
	Header  Header
	Records []Record
	// Source, when set, is used instead of Records: it calls fn with each record in file
	// order and stops at the first error fn returns, returning it. The *Record is valid
	// only during the call (its strings may be kept). Source may be called more than once
	// and gives the same records each time. The ledger then holds none of the records:
	// Plan and Apply take memory that does not grow with the file: the check that each
	// identificatie is unique in the file keeps an 8-byte fingerprint of each in a
	// temporary file (os.TempDir; removed at the end). They read the records once (twice
	// when two records share a fingerprint).
	Source func(fn func(*Record) error) error
	// Count is the number of records when it is known before they are read (Records:
	// len(Records)); a guess is fine. It is only the total of Options.Progress.
	Count int
}

// Each calls fn for each record of d in file order (Source or Records).
func (d *Delivery) Each(fn func(*Record) error) error {
	if d.Source != nil {
		return d.Source(fn)
	}
	for i := range d.Records {
		if err := fn(&d.Records[i]); err != nil {
			return err
		}
	}
	return nil
}

// count is the total for progress reports.
func (d *Delivery) count() int {
	if d.Source == nil {
		return len(d.Records)
	}
	return d.Count
}

// Unit is the unit of the seed's selection, "risicodrager/volmacht" (§2.3.5.1): the
// UZOVI-nummer risicodrager (0404) and, for schade booked on a volmacht, the UZOVI-nummer
// volmacht (0406). The schade a volmacht delivers is another unit than the schade the
// risicodrager delivers itself.
type Unit struct {
	Risicodrager string
	Volmacht     string // "" when none (0406 empty or 0000)
}

// String returns "7119", or "7119/8971" for a volmacht.
func (u Unit) String() string {
	if u.Volmacht == "" {
		return u.Risicodrager
	}
	return u.Risicodrager + "/" + u.Volmacht
}

// ParseUnit reads what String writes.
func ParseUnit(s string) Unit {
	rd, vm, _ := strings.Cut(s, "/")
	return Unit{Risicodrager: rd, Volmacht: normVolmacht(vm)}
}

// normVolmacht returns "" for a volmacht field that names none.
func normVolmacht(v string) string {
	if v == "0000" || strings.Trim(v, "0 ") == "" {
		return ""
	}
	return v
}

// Unit returns the risicodrager/volmacht of the record.
func (r *Record) Unit() Unit {
	return Unit{Risicodrager: r.Risicodrager, Volmacht: normVolmacht(r.Volmacht)}
}

// Units returns the distinct risicodrager/volmacht units of Records, sorted.
func (d *Delivery) Units() []Unit {
	seen := map[Unit]bool{}
	var out []Unit
	for i := range d.Records {
		u := d.Records[i].Unit()
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func unitStrings(us []Unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.String()
	}
	return out
}

// Risicodragers returns the distinct UZOVI-nummers risicodrager of Records, sorted.
func (d *Delivery) Risicodragers() []string {
	seen := map[string]bool{}
	for i := range d.Records {
		seen[d.Records[i].Risicodrager] = true
	}
	return sortedKeys(seen)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// HeaderValues are the voorlooprecord values of a QVE301 file as a reader gives them: the
// text of each field as it stands in the file.
type HeaderValues struct {
	Indiener, BronID, Referentienummer, DagtekeningAanmaak, Begin, Eind string
}

// NewHeader converts the plain values of a voorlooprecord. It is the one place where the
// record layout meets the ledger.
func NewHeader(v HeaderValues) (Header, error) {
	var h Header
	var err error
	h.Indiener = strings.TrimSpace(v.Indiener)
	h.BronID = strings.TrimSpace(v.BronID)
	if h.Indiener == "" {
		return h, fieldError("01", "0106", "UZOVI-nummer indiener", ErrMissing, "")
	}
	if h.BronID == "" {
		return h, fieldError("01", "0111", "bron-id declaratieverwerkingssysteem", ErrMissing, "")
	}
	if h.Referentienummer, err = strconv.ParseInt(strings.TrimSpace(v.Referentienummer), 10, 64); err != nil || h.Referentienummer <= 0 {
		return h, fieldError("01", "0110", "referentienummer dit schadebestand", ErrValue, "want a number above 0")
	}
	dates := []struct {
		id, name, s string
		d           *Date
	}{
		{"0107", "dagtekening aanmaak", v.DagtekeningAanmaak, &h.DagtekeningAanmaak},
		{"0108", "begindatum verwerkingsperiode zorgverzekeraar", v.Begin, &h.Begin},
		{"0109", "einddatum verwerkingsperiode zorgverzekeraar", v.Eind, &h.Eind},
	}
	for _, f := range dates {
		if *f.d, err = ParseDate(strings.TrimSpace(f.s)); err != nil {
			return h, fieldError("01", f.id, f.name, ErrValue, err.Error())
		}
	}
	return h, nil
}

// RecordValues are the prestatierecord values of a QVE301 file as a reader gives them.
// Each amount comes with its debit/credit indicator ("D" or "C").
type RecordValues struct {
	Detail, Identificatie, GerelateerdDebet, Risicodrager, Volmacht, Verwerkingsdatum string
	Declaratiebedrag, DCDeclaratiebedrag                                              string
	VergoedBasis, DCVergoedBasis                                                      string
	VergoedAanvullend, DCVergoedAanvullend                                            string
	EigenRisico, DCEigenRisico                                                        string
}

// NewRecord converts the plain values of a prestatierecord.
func NewRecord(v RecordValues) (Record, error) {
	var r Record
	var err error
	if s := strings.TrimSpace(v.Detail); s != "" {
		if r.Detail, err = strconv.ParseInt(s, 10, 64); err != nil {
			return r, fieldError("04", "0402", "identificatie detailrecord", ErrValue, "want digits")
		}
	}
	r.Identificatie = strings.TrimSpace(v.Identificatie)
	if r.Identificatie == "" {
		return r, fieldError("04", "0450", "identificatie prestatierecord", ErrMissing, "")
	}
	r.GerelateerdDebet = strings.TrimSpace(v.GerelateerdDebet)
	r.Risicodrager = strings.TrimSpace(v.Risicodrager)
	if r.Risicodrager == "" {
		return r, fieldError("04", "0404", "UZOVI-nummer risicodrager", ErrMissing, "")
	}
	r.Volmacht = strings.TrimSpace(v.Volmacht)
	if r.Verwerkingsdatum, err = ParseDate(strings.TrimSpace(v.Verwerkingsdatum)); err != nil {
		return r, fieldError("04", "0449", "verwerkingsdatum zorgverzekeraar", ErrValue, err.Error())
	}
	amounts := [...]struct {
		id, dcID, name, s, dc string
		first                 bool
	}{
		{"0438", "0439", "declaratiebedrag", v.Declaratiebedrag, v.DCDeclaratiebedrag, true},
		{"0440", "0441", "vergoed bedrag basisverzekering", v.VergoedBasis, v.DCVergoedBasis, false},
		{"0442", "0443", "vergoed bedrag aanvullende verzekering", v.VergoedAanvullend, v.DCVergoedAanvullend, false},
		{"0444", "0445", "bedrag eigen risico", v.EigenRisico, v.DCEigenRisico, false},
	}
	var cents [len(amounts)]int64
	r.DebetCredit = Debet
	for i, a := range amounts {
		s := strings.TrimSpace(a.s)
		if s == "" {
			continue
		}
		if !allDigits(s) {
			return r, fieldError("04", a.id, a.name, ErrValue, "want digits (cents)")
		}
		c, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return r, fieldError("04", a.id, a.name, ErrValue, "too large")
		}
		switch strings.TrimSpace(a.dc) {
		case "", "D":
		case "C":
			c = -c
			if a.first {
				r.DebetCredit = Credit
			}
		default:
			return r, fieldError("04", a.dcID, "indicatie debet/credit bij "+a.name, ErrValue, "want D or C")
		}
		cents[i] = c
	}
	r.Declaratiebedrag, r.VergoedBasis = money.Cents(cents[0]), money.Cents(cents[1])
	r.VergoedAanvullend, r.EigenRisico = money.Cents(cents[2]), money.Cents(cents[3])
	return r, nil
}

// fieldError is the error about field number of record code (name as the invulinstructie
// writes it): sentinel ErrMissing or ErrValue, and what was expected. The reader adds the
// line and the position (qve301.Read).
func fieldError(code, number, name string, sentinel error, expected string) *record.Error {
	return &record.Error{Record: code, Field: number, FieldName: name, Err: sentinel, Detail: expected}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
