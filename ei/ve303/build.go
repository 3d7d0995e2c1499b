package ve303

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Provider is who declares and to whom: the scenario of table 2-2 and the codes it needs.
// AGB codes are 8 digits, UZOVI 4.
type Provider struct {
	Scenario      Scenario
	UZOVI         int    // the insurer the declaration is for (also 0204/0404 unless a patient has its own)
	Servicebureau string // AGB code of the servicebureau (scenarios 2x and 3x)
	Zorgverlener  string // AGB code of the zorgverlener (A and C)
	Praktijk      string // AGB code of the praktijk (A)
	Instelling    string // AGB code of the instelling (B)
	// BetalingAan is IDENTIFICATIECODE BETALING AAN (0113); zero means the first code table
	// 2-2 allows for the scenario.
	BetalingAan int
}

// Name is a person's name as NEN 1888 splits it (seed 002 §2.2.5–2.2.6).
type Name struct {
	Achternaam, Voorvoegsel               string // the own (birth) name: NAAM (01), VOORVOEGSEL (01)
	PartnerAchternaam, PartnerVoorvoegsel string // the partner's name: NAAM (02), VOORVOEGSEL (02)
	Voorletters                           string
	// Naamgebruik is NAAMCODE/NAAMGEBRUIK (03), how the person is addressed: 1 eigen naam,
	// 2 naam partner, 3 partner-eigen, 4 eigen-partner; zero means 1 towards a servicebureau
	// and 0 towards the insurer.
	Naamgebruik int
}

// Debiteur is who pays, when the declaration goes to a servicebureau (2.2.7): for a
// client who died, SoortRelatie says who they are (e.g. 23 erven van).
type Debiteur struct {
	Nummer        string
	Naam          Name
	Geboortedatum record.Date
	Geslacht      int
	Straat        string
	Huisnummer    int
	Postcode      string
	Woonplaats    string
	SoortRelatie  int // COD819 soort relatie debiteur
}

// Patient is a verzekerde with its prestaties.
type Patient struct {
	// BSN is the patient's BSN; "" means the patient has none (or it is not known): the
	// dummy 999999999 is written and Verzekerdennummer is then required (table 2-4).
	BSN               record.BSN
	UZOVI             int // zero: the provider's
	Verzekerdennummer string
	Patientnummer     string
	Geboortedatum     record.Date
	Geslacht          int // 1 man, 2 vrouw
	Naam              Name
	Postcode          string
	Huisnummer        int
	Toevoeging        string
	Overleden         bool
	Debiteur          *Debiteur // only towards a servicebureau
	Comments          []string
	Ritten            []Rit
}

// Rit is one prestatie (a ride).
type Rit struct {
	Datum            record.Date
	Codelijst        int    // AANDUIDING PRESTATIECODELIJST (COD367), e.g. 38 ambulancevervoer
	Prestatiecode    string // digits
	Vervoerder       string // AGB code of the vervoerder; "" means the provider's zorgverlener
	Eenheid, Aantal  int
	Tarief           record.Money // tarief prestatie (incl. BTW)
	Toeslag          record.Money
	Berekend         record.Money // berekend bedrag (incl. BTW); zero means Tarief × Aantal + Toeslag
	Declaratiebedrag record.Money // zero means Berekend
	// Credit makes the rit a credit: both debet/credit indicators (0438, 0441) are C and
	// Crediteert must name the rit it credits.
	Credit bool
	// Crediteert is the referentienummer voorgaande gerelateerde prestatierecord (0443):
	// the Referentie of the earlier debit rit this credit takes back. Only for a credit.
	Crediteert        string
	Machtigingsnummer string
	Referentie        string // referentienummer dit prestatierecord; "" gives one from the invoice number
	// Doorsturen is DOORSTUREN TOEGESTAAN (0407); zero means 1 (the only value towards an
	// insurer, table 2-2).
	Doorsturen int
	Comments   []string
}

// Declaratie is what a vendor declares.
type Declaratie struct {
	Provider       Provider
	Factuurnummer  string
	Dagtekening    record.Date
	Begin, End     record.Date // the declaration period; zero: from the first to the last rit
	Production     bool        // 'P' instead of 'T'; needs Options.AllowReconstructed (VE303 is reconstructed)
	Software       int         // code informatiesysteem softwareleverancier
	SoftwareVersie string
	Patients       []Patient
}

// Options steer Build.
type Options struct {
	// Today is the date validation takes as today; zero means the current date.
	Today record.Date
	// AllowReconstructed allows a production file of the reconstructed VE303.
	AllowReconstructed bool
}

// ErrInvalid is wrapped by the error of Build when the declaration it composed breaks a
// rule; the error joins the findings (errors.As with *validate.Finding).
var ErrInvalid = errors.New("ve303: the declaration is not valid")

// Build composes a VE303 4.2 declaration from d: the addressing of table 2-2 for the
// scenario, detail records numbered through the file with comments carrying their
// record's number, the dummy BSN where a patient has none, the name codes, the amounts,
// and the 99 record's counts and totals. It validates the result (the RBC checks and the
// filling rules of seed 002 chapter 2) and returns it only when valid.
func Build(ctx context.Context, d Declaratie, opts Options) ([]byte, error) {
	a, err := Table(d.Provider.Scenario)
	if err != nil {
		return nil, err
	}
	std := ve303v42.Standard()
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, std, ei.WriterOptions{AllowReconstructed: opts.AllowReconstructed})
	b := &builder{std: std, w: w, a: a, d: &d}
	if err := b.all(); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("ve303: %w", err)
	}
	vopts, err := ValidateOptions(d.Provider.Scenario)
	if err != nil {
		return nil, err
	}
	vopts.Today, vopts.Standard = opts.Today, std
	rep, err := validate.File(ctx, bytes.NewReader(buf.Bytes()), vopts)
	if err != nil {
		return nil, err
	}
	if !rep.Valid() {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, rep.Err())
	}
	return buf.Bytes(), nil
}

// ValidateOptions returns the validation options for a VE303 declaration sent in scenario
// s: a registry of VE303 4.2, the RBC checks plus the filling rules (RuleSet). Towards a servicebureau (2A–2C) the
// file does not pass VECOZO, so the fields the RBC requires for VECOZO (N3-REQUIRED: the
// UZOVI-nummer of the voorlooprecord, which table 2-2 leaves empty there) give warnings.
func ValidateOptions(s Scenario) (validate.Options, error) {
	set, err := RuleSet(s)
	if err != nil {
		return validate.Options{}, err
	}
	reg, err := ei.NewRegistry(ve303v42.Standard()) // validate takes the registry it is given
	if err != nil {
		return validate.Options{}, err
	}
	opts := validate.Options{Registry: reg, RuleSets: []*validate.RuleSet{set}}
	if s.Flow == ZAtoSB {
		opts.Warn = []string{"N3-REQUIRED"}
	}
	return opts, nil
}

// Write builds the declaration and writes it to w.
func Write(ctx context.Context, w io.Writer, d Declaratie, opts Options) error {
	data, err := Build(ctx, d, opts)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

type builder struct {
	std *record.Standard
	w   *ei.Writer
	a   Addressing
	d   *Declaratie
	n   int // rides written, for references
}

func (b *builder) put(code string, fill func(line []byte, l *record.Layout) error) error {
	l := b.std.Layout(code)
	line := record.AppendBlank(nil, l)
	if err := fill(line, l); err != nil {
		return fmt.Errorf("ve303: record %s: %w", code, err)
	}
	rec := b.std.NewRecord(code)
	if err := rec.Parse(string(line)); err != nil {
		return fmt.Errorf("ve303: record %s: %w", code, err)
	}
	if err := b.w.Write(rec); err != nil {
		return fmt.Errorf("ve303: %w", err)
	}
	return nil
}

// set writes several fields; the first error wins.
type setter struct {
	line []byte
	l    *record.Layout
	err  error
}

// index returns the index of field n of the record; a field the layout lacks is the error.
func (s *setter) index(n string) int {
	if s.err != nil {
		return -1
	}
	i := s.l.Index(n)
	if i < 0 {
		s.err = fmt.Errorf("no field %s", n)
	}
	return i
}

// text writes an AN field, or the digits of an N field (record.PutTextAt); "" leaves the
// field empty.
func (s *setter) text(n, v string) {
	if v == "" {
		return
	}
	if i := s.index(n); i >= 0 {
		s.err = record.PutTextAt(s.line, s.l, i, v)
	}
}

func (s *setter) int(n string, v int64) {
	if i := s.index(n); i >= 0 {
		s.err = record.PutIntAt(s.line, s.l, i, v)
	}
}

func (s *setter) date(n string, d record.Date) {
	if d.IsZero() {
		return
	}
	if i := s.index(n); i >= 0 {
		s.err = record.PutIntAt(s.line, s.l, i, int64(d.Year)*10000+int64(d.Month)*100+int64(d.Day))
	}
}

func (s *setter) agb(n, v string, fill Fill, what string) {
	switch {
	case fill == Filled && v == "":
		s.fail(fmt.Errorf("the scenario needs the AGB code of the %s (table 2-2)", what))
	case fill == Empty && v != "":
		s.fail(fmt.Errorf("the scenario has no AGB code of the %s (table 2-2): leave it empty", what))
	default:
		s.text(n, v)
	}
}

func (s *setter) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// amount writes the amount field of the given number with its debet/credit indicator: C
// for a credit.
func (s *setter) amount(number string, cents int64, credit bool) {
	i := s.index(number)
	if i < 0 {
		return
	}
	v := cents
	if credit {
		v = -v
	}
	s.err = record.PutSignedAt(s.line, s.l, i, v)
}

func (b *builder) all() error {
	d, p := b.d, b.d.Provider
	begin, end := d.Begin, d.End
	for _, pt := range d.Patients {
		for _, r := range pt.Ritten {
			if begin.IsZero() || r.Datum.Before(begin) {
				begin = r.Datum
			}
			if end.IsZero() || r.Datum.After(end) {
				end = r.Datum
			}
		}
	}
	betaling := p.BetalingAan
	if betaling == 0 {
		betaling = b.a.BetalingAan[0]
	}
	if !b.a.allowsBetaling(betaling) {
		return fmt.Errorf("ve303: identificatiecode betaling aan %d is not allowed in scenario %v (table 2-2): %s", betaling, p.Scenario, ints(b.a.BetalingAan))
	}
	if d.Factuurnummer == "" {
		return errors.New("ve303: the declaration needs a factuurnummer")
	}
	if err := b.put("01", func(line []byte, l *record.Layout) error {
		s := &setter{line: line, l: l}
		s.int("0102", int64(b.std.EICodes()[0]))
		s.int("0103", int64(b.std.Version()))
		s.int("0104", int64(b.std.Subversion()))
		soort := "T"
		if d.Production {
			soort = "P"
		}
		s.text("0105", soort)
		s.int("0106", int64(d.Software))
		s.text("0107", d.SoftwareVersie)
		switch {
		case b.a.UZOVI == Filled && p.UZOVI == 0:
			s.fail(errors.New("the scenario needs the UZOVI-nummer of the insurer (table 2-2)"))
		case b.a.UZOVI == Filled:
			s.int("0108", int64(p.UZOVI))
		}
		s.agb("0109", p.Servicebureau, b.a.Servicebureau, "servicebureau")
		s.agb("0110", p.Zorgverlener, b.a.Zorgverlener, "zorgverlener")
		s.agb("0111", p.Praktijk, b.a.Praktijk, "praktijk")
		s.agb("0112", p.Instelling, b.a.Instelling, "instelling")
		s.int("0113", int64(betaling))
		s.date("0114", begin)
		s.date("0115", end)
		s.text("0116", d.Factuurnummer)
		s.date("0117", d.Dagtekening)
		s.text("0119", "EUR")
		return s.err
	}); err != nil {
		return err
	}
	for i := range d.Patients {
		if err := b.patient(&d.Patients[i], i); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) comments(texts []string) error {
	for _, t := range texts {
		// A text longer than one record continues on the next line (regelnummer 2, …).
		runes := []rune(t)
		for n := 1; len(runes) > 0 || n == 1; n++ {
			part := runes[:min(140, len(runes))]
			runes = runes[len(part):]
			if err := b.put("98", func(line []byte, l *record.Layout) error {
				s := &setter{line: line, l: l}
				s.int("9803", int64(n))
				s.text("9804", string(part))
				return s.err
			}); err != nil {
				return err
			}
			if len(runes) == 0 {
				break
			}
		}
	}
	return nil
}

func (b *builder) patient(pt *Patient, i int) error {
	where := "patient " + strconv.Itoa(i+1)
	bsnv := pt.BSN.Digits()
	if bsnv == "" {
		bsnv = DummyBSN
		if pt.Verzekerdennummer == "" {
			return fmt.Errorf("ve303: %s has no BSN: the verzekerdennummer is then required (table 2-4)", where)
		}
	}
	uzovi := pt.UZOVI
	if uzovi == 0 {
		uzovi = b.d.Provider.UZOVI
	}
	toSB := b.d.Provider.Scenario.Flow == ZAtoSB
	if pt.Debiteur != nil && !b.a.Debiteur {
		return fmt.Errorf("ve303: %s: no debiteur record in scenario %v (table 2-2: only towards a servicebureau)", where, b.d.Provider.Scenario)
	}
	if toSB && pt.Overleden && (pt.Debiteur == nil || pt.Debiteur.SoortRelatie == 0) {
		return fmt.Errorf("ve303: %s died: a debiteur with soort relatie debiteur (e.g. 23 erven van) is required towards a servicebureau (2.2.7)", where)
	}
	naamcodes := func(s *setter, n Name, c1, c2, c3 string) {
		s.int(c1, 1)
		if n.PartnerAchternaam != "" {
			s.int(c2, 2)
		}
		g := n.Naamgebruik
		if g == 0 && toSB {
			g = 1
		}
		s.int(c3, int64(g))
	}
	if err := b.put("02", func(line []byte, l *record.Layout) error {
		s := &setter{line: line, l: l}
		s.text("0203", bsnv)
		s.int("0204", int64(uzovi))
		s.text("0205", pt.Verzekerdennummer)
		s.text("0206", pt.Patientnummer)
		s.date("0207", pt.Geboortedatum)
		s.int("0208", int64(pt.Geslacht))
		naamcodes(s, pt.Naam, "0209", "0212", "0216")
		s.text("0210", pt.Naam.Achternaam)
		s.text("0211", pt.Naam.Voorvoegsel)
		s.text("0213", pt.Naam.PartnerAchternaam)
		s.text("0214", pt.Naam.PartnerVoorvoegsel)
		s.text("0215", pt.Naam.Voorletters)
		s.text("0217", pt.Postcode)
		s.int("0219", int64(pt.Huisnummer))
		s.text("0220", pt.Toevoeging)
		if pt.Debiteur != nil {
			s.text("0222", pt.Debiteur.Nummer)
		}
		if pt.Overleden {
			s.int("0223", 1)
		} else {
			s.int("0223", 2)
		}
		return s.err
	}); err != nil {
		return fmt.Errorf("%w (%s)", err, where)
	}
	if err := b.comments(pt.Comments); err != nil {
		return err
	}
	if db := pt.Debiteur; db != nil {
		if err := b.put("03", func(line []byte, l *record.Layout) error {
			s := &setter{line: line, l: l}
			s.text("0303", db.Nummer)
			s.date("0304", db.Geboortedatum)
			s.int("0305", int64(db.Geslacht))
			naamcodes(s, db.Naam, "0306", "0309", "0313")
			s.text("0307", db.Naam.Achternaam)
			s.text("0308", db.Naam.Voorvoegsel)
			s.text("0310", db.Naam.PartnerAchternaam)
			s.text("0311", db.Naam.PartnerVoorvoegsel)
			s.text("0312", db.Naam.Voorletters)
			s.text("0315", db.Straat)
			s.int("0316", int64(db.Huisnummer))
			s.text("0318", db.Postcode)
			s.text("0320", db.Woonplaats)
			s.int("0326", int64(db.SoortRelatie))
			return s.err
		}); err != nil {
			return fmt.Errorf("%w (%s, debiteur)", err, where)
		}
	}
	for j := range pt.Ritten {
		r := &pt.Ritten[j]
		b.n++
		berekend := r.Berekend.Cents()
		if berekend == 0 {
			berekend = r.Tarief.Cents()*int64(max(r.Aantal, 1)) + r.Toeslag.Cents()
		}
		decl := r.Declaratiebedrag.Cents()
		if decl == 0 {
			decl = berekend
		}
		if decl > berekend {
			return fmt.Errorf("ve303: %s, rit %d: the declaratiebedrag is higher than the berekend bedrag (2.2.10, 8063)", where, j+1)
		}
		ref := r.Referentie
		if ref == "" {
			ref = b.d.Factuurnummer + "-" + strconv.Itoa(b.n)
		}
		switch {
		case r.Credit && r.Crediteert == "":
			return fmt.Errorf("ve303: %s, rit %d: a credit names the referentie of the rit it credits (Crediteert, 0443; 8193)", where, j+1)
		case !r.Credit && r.Crediteert != "":
			return fmt.Errorf("ve303: %s, rit %d: only a credit names a rit it credits (Crediteert, 0443)", where, j+1)
		case r.Crediteert == ref:
			return fmt.Errorf("ve303: %s, rit %d: a credit cannot credit itself: Crediteert equals its own referentie", where, j+1)
		}
		door := r.Doorsturen
		if door == 0 {
			door = 1
		}
		vervoerder := r.Vervoerder
		if vervoerder == "" {
			vervoerder = b.d.Provider.Zorgverlener
		}
		if err := b.put("04", func(line []byte, l *record.Layout) error {
			s := &setter{line: line, l: l}
			s.text("0403", bsnv)
			s.int("0404", int64(uzovi))
			s.text("0405", pt.Verzekerdennummer)
			s.text("0406", r.Machtigingsnummer)
			s.int("0407", int64(door))
			s.int("0410", int64(r.Codelijst))
			s.text("0411", r.Prestatiecode)
			s.text("0413", vervoerder)
			s.date("0414", r.Datum)
			s.int("0433", int64(r.Eenheid))
			s.int("0434", int64(r.Aantal))
			s.int("0435", r.Tarief.Cents())
			s.int("0436", r.Toeslag.Cents())
			s.amount("0437", berekend, r.Credit) // with its indicatie debet/credit 0438
			s.amount("0440", decl, r.Credit)     // with 0441
			s.text("0442", ref)
			s.text("0443", r.Crediteert)
			return s.err
		}); err != nil {
			return fmt.Errorf("%w (%s, rit %d)", err, where, j+1)
		}
		if err := b.comments(r.Comments); err != nil {
			return err
		}
	}
	return nil
}
