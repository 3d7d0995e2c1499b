package insurer

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Source is where the insurer looks up insured persons: the insurer implements it over its
// own administration. Errors are I/O errors, not "not found".
type Source interface {
	// ByBSN returns the person with this BSN (it masks itself when printed; Digits gives
	// the 9 digits).
	ByBSN(ctx context.Context, bsn record.BSN) (Person, bool, error)
	// ByNumber returns the person with this verzekerdennummer; used when the BSN is the
	// dummy 999999999 (seed 002 table 2-4).
	ByNumber(ctx context.Context, verzekerdennummer string) (Person, bool, error)
}

// Providers is the insurer's knowledge of providers, contracts and treatments.
type Providers interface {
	// Treatment describes the treatment of a prestatie (a 04 record) declared by the
	// declarant with AGB code agb (from the voorlooprecord).
	Treatment(agb string, prestatie *validate.Record) Treatment
}

// Config is an insurer's policy. The zero value checks the submission deadline of seed 004
// against the dagtekening factuur; the other checks run when their source is set.
type Config struct {
	// Received is the date the declaration was submitted; zero means its dagtekening
	// factuur (0117).
	Received record.Date
	// Deadline is the submission deadline and its date of effect; the zero value is seed
	// 004's (30 April Y+1, for declarations submitted from 1 January 2022).
	Deadline Deadline
	// OpeningField names the date field of a prestatie that counts as its opening date;
	// "" takes the first the layout has of the begindatum zorgtraject (data element DAT291),
	// begindatum prestatie (DAT001), datum prestatie (DAT272) and begindatum (DAT282).
	OpeningField string
	// Source, when set, checks BSN and date of birth (8004) and insurance on the date of
	// the prestatie (0320).
	Source Source
	// Providers, when set, checks prior authorisation (0551).
	Providers Providers
	// MachtigingLimit is the length of treatment in minutes above which a self-employed
	// provider needs a machtiging; zero means 3000 (seed 004).
	MachtigingLimit int
}

// Checker runs an insurer's checks through the validator's rule hook
// (validate.Options.RuleSets). Give every validation its own Checker.
type Checker struct {
	ctx context.Context
	cfg Config

	mu      sync.Mutex
	err     error
	current struct { // the last verzekerde looked up
		line   int
		person Person
		ok     bool
	}
}

// New returns a Checker of the policy cfg; ctx is passed to the Source.
func New(ctx context.Context, cfg Config) *Checker {
	return &Checker{ctx: ctx, cfg: cfg}
}

// Err returns the first error of the Source (the checks that needed it were skipped).
func (c *Checker) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *Checker) fail(err error) {
	c.mu.Lock()
	if c.err == nil {
		c.err = err
	}
	c.mu.Unlock()
}

// Rule ids of the checks.
const (
	RulePerson     = "INSURER-PERSON"
	RuleInsured    = "INSURER-INSURED"
	RuleDeadline   = "INSURER-DEADLINE"
	RuleMachtiging = "INSURER-MACHTIGING"
)

// Rules returns the checks the configuration asks for as validator rules, in this order:
// INSURER-PERSON (8004/0307), INSURER-INSURED (0320), INSURER-DEADLINE (0586),
// INSURER-MACHTIGING (0551). They report on level N6; switch one off with
// validate.Options.Disable.
func (c *Checker) Rules() []*validate.Rule {
	var rules []*validate.Rule
	if c.cfg.Source != nil {
		rules = append(rules,
			&validate.Rule{ID: RulePerson, Retourcode: CodeBSNGeboortedatum, Records: []string{record.CodeVerzekerde}, Record: c.person,
				Doc: "BSN and date of birth of the verzekerde must be those the insurer knows (8004; 0307 for the dummy BSN by verzekerdennummer, seed 002 table 2-4)"},
			&validate.Rule{ID: RuleInsured, Retourcode: CodeNietVerzekerd, Records: []string{record.CodePrestatie}, Record: c.insured,
				Doc: "the verzekerde must be insured with the insurer on the date of the prestatie (0320)"})
	}
	rules = append(rules, &validate.Rule{ID: RuleDeadline, Retourcode: CodeTeLaat, Records: []string{record.CodePrestatie}, Record: c.deadline,
		Doc: "a prestatie opened in year Y must be submitted by 30 April of Y+1, or as configured (0586, seed 004)"})
	if c.cfg.Providers != nil {
		rules = append(rules, &validate.Rule{ID: RuleMachtiging, Retourcode: CodeGeenMachtiging, Records: []string{record.CodePrestatie}, Record: c.machtiging,
			Doc: "a referral for specialised GGZ to a non-contracted institution, or a self-employed provider's treatment that may exceed 3000 minutes, needs a machtiging (0551, seed 004)"})
	}
	return rules
}

// RuleSet returns Rules as a rule set for validate.Options.RuleSets, for every standard.
func (c *Checker) RuleSet() *validate.RuleSet {
	return &validate.RuleSet{Name: "insurer", Doc: "an insurer's own checks (level N6): seed 004 policy and the insured persons", Rules: c.Rules()}
}

// lookup finds the verzekerde of a 02 record (once per record).
func (c *Checker) lookup(verz *validate.Record) (Person, bool, bool) {
	if c.current.line == verz.Line && c.current.line != 0 {
		return c.current.person, c.current.ok, true
	}
	bsn := verz.Raw(verz.Code() + "03")
	var (
		pers  Person
		found bool
		err   error
	)
	if bsn == DummyBSN {
		pers, found, err = c.cfg.Source.ByNumber(c.ctx, verz.Value(verz.Code()+"05"))
	} else {
		pers, found, err = c.cfg.Source.ByBSN(c.ctx, record.BSN(bsn))
	}
	if err != nil {
		c.fail(fmt.Errorf("insurer: looking up the verzekerde of line %d: %w", verz.Line, err))
		return Person{}, false, false
	}
	c.current.line, c.current.person, c.current.ok = verz.Line, pers, found
	return pers, found, true
}

func (c *Checker) person(p *validate.Pass, rec *validate.Record) {
	if rec.Code() != record.CodeVerzekerde {
		return
	}
	pers, found, ok := c.lookup(rec)
	if !ok {
		return
	}
	birth, _ := civil.ParseEEJJMMDD(rec.Raw("0207"))
	byNumber := rec.Raw("0203") == DummyBSN
	if code := CheckPerson(found, pers, birth, byNumber); code != "" {
		field, what := "0203", "BSN"
		if byNumber {
			field, what = "0205", "verzekerdennummer"
		}
		p.Report(rec, validate.Finding{Field: field, Retourcode: code,
			Message: "the combination of " + what + " and date of birth is not known to the insurer"})
	}
}

func (c *Checker) insured(p *validate.Pass, rec *validate.Record) {
	if rec.Code() != record.CodePrestatie || rec.Parent() == nil || rec.Parent().Code() != record.CodeVerzekerde {
		return
	}
	pers, found, ok := c.lookup(rec.Parent())
	if !ok || !found {
		return // INSURER-PERSON reports an unknown person
	}
	f, d, ok := c.opening(rec)
	if !ok {
		return
	}
	if code := CheckInsured(pers, d); code != "" {
		p.Report(rec, validate.Finding{Field: f, Retourcode: code,
			Message: "the verzekerde is not insured with the insurer on the date of the prestatie"})
	}
}

// openingElements are the data elements of the date a prestatie opens, first found first:
// begindatum zorgtraject (DAT291), begindatum prestatie (DAT001), datum prestatie (DAT272),
// and the begindatum of EI181 version 1 (DAT282).
var openingElements = []string{"DAT291", "DAT001", "DAT272", "DAT282"}

// opening returns the opening date of a prestatie and its field: Config.OpeningField's,
// else the first of openingElements the layout has.
func (c *Checker) opening(rec *validate.Record) (string, record.Date, bool) {
	fs := rec.Layout.Fields()
	if c.cfg.OpeningField != "" {
		for i := range fs {
			if f := &fs[i]; f.Name == strings.ToUpper(c.cfg.OpeningField) && f.Kind == record.KindDate {
				d, ok := rec.Date(f.Number)
				return f.Number, d, ok
			}
		}
		return "", record.Date{}, false
	}
	for _, elem := range openingElements {
		for i := range fs {
			if f := &fs[i]; strings.HasPrefix(f.Element, elem) && f.Kind == record.KindDate {
				d, ok := rec.Date(f.Number)
				return f.Number, d, ok
			}
		}
	}
	return "", record.Date{}, false
}

func (c *Checker) deadline(p *validate.Pass, rec *validate.Record) {
	if rec.Code() != record.CodePrestatie {
		return
	}
	submitted := c.cfg.Received
	if submitted.IsZero() && rec.Header() != nil {
		submitted, _ = rec.Header().Date("0117")
	}
	f, opened, ok := c.opening(rec)
	if !ok || !c.cfg.Deadline.Late(opened, submitted) {
		return
	}
	term, _ := c.cfg.Deadline.For(submitted)
	last := term.Last(opened)
	p.Report(rec, validate.Finding{Field: f, Retourcode: CodeTeLaat,
		Message: fmt.Sprintf("submitted after the deadline of %d-%02d-%02d for prestaties opened in %d", last.Year, last.Month, last.Day, opened.Year)})
}

func (c *Checker) machtiging(p *validate.Pass, rec *validate.Record) {
	if rec.Code() != record.CodePrestatie || rec.Header() == nil {
		return
	}
	h := rec.Header()
	agb := ""
	for _, n := range []string{"0112", "0111", "0110"} {
		if h.Filled(n) {
			agb = h.Raw(n)
			break
		}
	}
	t := c.cfg.Providers.Treatment(agb, rec)
	if !NeedsMachtiging(t, c.cfg.MachtigingLimit) {
		return
	}
	fs := rec.Layout.Fields()
	for i := range fs {
		f := &fs[i]
		if strings.HasPrefix(f.Element, elementMachtigingsnummer) {
			if !rec.Filled(f.Number) {
				p.Report(rec, validate.Finding{Field: f.Number, Retourcode: CodeGeenMachtiging,
					Message: "the treatment needs a machtiging (prior authorisation) and none is given"})
			}
			return
		}
	}
	p.Report(rec, validate.Finding{Retourcode: CodeGeenMachtiging,
		Message: "the treatment needs a machtiging (prior authorisation); the standard has no field for it"})
}

// elementMachtigingsnummer is the data element of the machtigingsnummer (field 0406 of
// every declaration standard's prestatierecord): the field is found by this fact of the
// spec files, not by its name.
const elementMachtigingsnummer = "NUM013"
