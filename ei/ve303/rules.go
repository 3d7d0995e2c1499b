package ve303

import (
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/bsn"
)

// DummyBSN is filled when the patient has no BSN or it is not known (seed 002 table 2-4).
const DummyBSN = "999999999"

// Rule is one filling rule of seed 002 chapter 2: a validate.Rule with a name and a
// description, so that it can be listed and switched off by name.
type Rule struct {
	Name    string // e.g. "VE303-ADDRESS"
	Section string // of seed 002, e.g. "2.2.2"
	Doc     string
	check   func(rec *validate.Record, r *validate.Reporter)
	end     func(header *validate.Record, r *validate.Reporter)
}

// Check runs the rule on one record.
func (r *Rule) Check(rec *validate.Record, rep *validate.Reporter) { r.check(rec, rep) }

// End runs the rule's checks at the end of the file.
func (r *Rule) End(h *validate.Record, rep *validate.Reporter) {
	if r.end != nil {
		r.end(h, rep)
	}
}

// Rules returns the filling rules of seed 002 chapter 2 for declarations sent in scenario s
// (a column of table 2-2). The rules keep state: give every validation its own.
func Rules(s Scenario) ([]*Rule, error) {
	a, err := Table(s)
	if err != nil {
		return nil, err
	}
	num := &numbering{}
	deb := &debiteur{flow: s.Flow}
	return []*Rule{
		{Name: "VE303-ADDRESS", Section: "2.2.2", Doc: "address fields 0108-0113, 0222, 0407 and the debiteur record as table 2-2 asks for the scenario",
			check: func(rec *validate.Record, r *validate.Reporter) { address(a, s, rec, r) }},
		{Name: "VE303-NUMBERING", Section: "2.2.3", Doc: "detail records numbered 1, 2, 3, … through the file; a comment has the number of its record; 99 counts comments as detail records",
			check: num.check},
		{Name: "VE303-BSN", Section: "2.2.4", Doc: "BSN filled, with the dummy 999999999 when the patient has none; then the verzekerdennummer is mandatory (table 2-4)",
			check: bsnRule},
		{Name: "VE303-NAMECODE", Section: "2.2.5", Doc: "naamcode/naamgebruik (01) 1, (02) 2 or 0 (no partner), (03) 0 to the insurer, 1-4 to a servicebureau (table 2-5)",
			check: func(rec *validate.Record, r *validate.Reporter) { nameCodes(s.Flow, rec, r) }},
		{Name: "VE303-DEBITEUR", Section: "2.2.7", Doc: "a client who died (0223 = 1) gets a debiteur record with soort relatie debiteur (0326) when the declaration goes to a servicebureau",
			check: deb.check, end: deb.end},
		{Name: "VE303-AMOUNT", Section: "2.2.10", Doc: "the declaratiebedrag is at most the berekend bedrag (8063)",
			check: amount},
	}, nil
}

// ValidateRules returns Rules(s) as validate.Rule values for validate.Options.Rules.
func ValidateRules(s Scenario) ([]validate.Rule, error) {
	rs, err := Rules(s)
	if err != nil {
		return nil, err
	}
	out := make([]validate.Rule, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out, nil
}

func report(r *validate.Reporter, rule, field, code, msg string) {
	r.Report(validate.Finding{Level: validate.N5, Rule: rule, Field: field, Retourcode: code, Err: validate.ErrRelation, Message: msg})
}

func intOf(rec *validate.Record, n string) (int, bool) {
	v, ok := rec.Int(n)
	return int(v), ok
}

func address(a Addressing, s Scenario, rec *validate.Record, r *validate.Reporter) {
	col := "in scenario " + s.String() + " (table 2-2)"
	switch rec.Code() {
	case record.CodeVoorloop:
		for _, f := range []struct {
			n    string
			fill Fill
			what string
		}{{"0108", a.UZOVI, "UZOVI-nummer"}, {"0109", a.Servicebureau, "AGB-code servicebureau"},
			{"0110", a.Zorgverlener, "AGB-code zorgverlener"}, {"0111", a.Praktijk, "AGB-code praktijk"}, {"0112", a.Instelling, "AGB-code instelling"}} {
			switch filled := rec.Filled(f.n); {
			case f.fill == Filled && !filled:
				report(r, "VE303-ADDRESS", f.n, "", "must hold the "+f.what+" "+col)
			case f.fill == Empty && filled:
				report(r, "VE303-ADDRESS", f.n, "", "must not be filled "+col)
			}
		}
		if v, ok := intOf(rec, "0113"); ok && !a.allowsBetaling(v) {
			report(r, "VE303-ADDRESS", "0113", "", "holds "+strconv.Itoa(v)+"; allowed "+col+": "+ints(a.BetalingAan))
		}
	case record.CodeVerzekerde:
		if !a.Debiteur && rec.Filled("0222") {
			report(r, "VE303-ADDRESS", "0222", "", "the debiteurnummer is not filled "+col)
		}
	case record.CodeDebiteur:
		if !a.Debiteur {
			report(r, "VE303-ADDRESS", "", "", "no debiteur record "+col+": it is used only towards a servicebureau")
		}
	case record.CodePrestatie:
		if v, ok := intOf(rec, "0407"); ok && !a.allowsDoorsturen(v) {
			report(r, "VE303-ADDRESS", "0407", "", "doorsturen toegestaan holds "+strconv.Itoa(v)+"; allowed "+col+": "+ints(a.Doorsturen))
		}
	}
}

func ints(vs []int) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ", ")
}

type numbering struct {
	last, details int64
}

func (n *numbering) check(rec *validate.Record, r *validate.Reporter) {
	code := rec.Code()
	switch {
	case code == record.CodeCommentaar:
		n.details++
		p := rec.Parent()
		if p == nil || p.Code() == record.CodeVoorloop {
			report(r, "VE303-NUMBERING", "9802", "", "a comment record belongs to a detail record before it")
			return
		}
		if rec.Raw("9802") != p.Raw(p.Code()+"02") {
			report(r, "VE303-NUMBERING", "9802", "", "must equal the identificatie detailrecord of the "+p.Code()+" record it comments on (line "+strconv.Itoa(p.Line)+")")
		}
	case code == record.CodeVoorloop:
	case code == record.CodeSluit:
		if v, ok := rec.Int("9906"); ok && v != n.details {
			report(r, "VE303-NUMBERING", "9906", "", "holds "+strconv.FormatInt(v, 10)+"; the file has "+strconv.FormatInt(n.details, 10)+" detail records, comment records included")
		}
	default:
		n.details++
		v, ok := rec.Int(code + "02")
		if !ok {
			return
		}
		if v != n.last+1 {
			report(r, "VE303-NUMBERING", code+"02", "", "holds "+strconv.FormatInt(v, 10)+"; detail records are numbered through the file, this one is "+strconv.FormatInt(n.last+1, 10))
		}
		n.last = v
	}
}

func bsnRule(rec *validate.Record, r *validate.Reporter) {
	code := rec.Code()
	if code != record.CodeVerzekerde && code != record.CodePrestatie {
		return
	}
	b := rec.Raw(code + "03")
	switch {
	case b == DummyBSN:
		if !rec.Filled(code + "05") {
			report(r, "VE303-BSN", code+"05", "", "must be filled when the BSN is the dummy 999999999 (table 2-4)")
		}
	case !rec.Filled(code + "03"):
		report(r, "VE303-BSN", code+"03", "", "is mandatory: the BSN, or the dummy 999999999 when the patient has none (table 2-4)")
	case !bsn.Valid(b):
		report(r, "VE303-BSN", code+"03", "", "is not a BSN (elfproef) nor the dummy 999999999 (table 2-4)")
	}
}

func nameCodes(flow Flow, rec *validate.Record, r *validate.Reporter) {
	var c1, c2, name2, c3 string
	switch rec.Code() {
	case record.CodeVerzekerde:
		c1, c2, name2, c3 = "0209", "0212", "0213", "0216"
	case record.CodeDebiteur:
		c1, c2, name2, c3 = "0306", "0309", "0310", "0313"
	default:
		return
	}
	if v, ok := intOf(rec, c1); ok && v != 1 {
		report(r, "VE303-NAMECODE", c1, "", "holds "+strconv.Itoa(v)+"; naamcode/naamgebruik (01) is 1, eigen naam (table 2-5)")
	}
	if v, ok := intOf(rec, c2); ok {
		switch {
		case v != 0 && v != 2:
			report(r, "VE303-NAMECODE", c2, "", "holds "+strconv.Itoa(v)+"; naamcode/naamgebruik (02) is 2, or 0 without partner (table 2-5)")
		case v == 2 && !rec.Filled(name2):
			report(r, "VE303-NAMECODE", name2, "8181", "must be filled when naamcode/naamgebruik (02) is 2")
		case v == 0 && rec.Filled(name2):
			report(r, "VE303-NAMECODE", c2, "", "is 0 (no partner) but a partner's name is given: use 2 (table 2-5)")
		}
	}
	if v, ok := intOf(rec, c3); ok {
		switch {
		case flow == ZAtoSB && (v < 1 || v > 4):
			report(r, "VE303-NAMECODE", c3, "", "holds "+strconv.Itoa(v)+"; towards a servicebureau naamcode/naamgebruik (03) is 1, 2, 3 or 4 (table 2-5)")
		case flow != ZAtoSB && v > 4:
			report(r, "VE303-NAMECODE", c3, "", "holds "+strconv.Itoa(v)+"; allowed 0 (to the insurer) or 1-4 (table 2-5)")
		}
	}
}

type debiteur struct {
	flow    Flow
	pending *validate.Record // a 02 of a client who died, without a debiteur record yet
	line    int
}

func (d *debiteur) check(rec *validate.Record, r *validate.Reporter) {
	if d.flow != ZAtoSB {
		return
	}
	switch rec.Code() {
	case record.CodeVerzekerde:
		d.flush(r)
		if v, ok := rec.Int("0223"); ok && v == 1 {
			d.pending, d.line = rec, rec.Line
		}
	case record.CodeDebiteur:
		if d.pending != nil {
			if !rec.Filled("0326") {
				report(r, "VE303-DEBITEUR", "0326", "", "the client died (0223 = 1): fill soort relatie debiteur, e.g. 23 erven van (2.2.7)")
			}
			d.pending = nil
		}
	case record.CodePrestatie, record.CodeSluit:
		d.flush(r)
	}
}

func (d *debiteur) flush(r *validate.Reporter) {
	if d.pending == nil {
		return
	}
	r.Report(validate.Finding{Level: validate.N5, Rule: "VE303-DEBITEUR", Line: d.line, Record: record.CodeVerzekerde, Field: "0223",
		FieldName: "INDICATIE CLIENT OVERLEDEN", Retourcode: "0630", Err: validate.ErrRelation,
		Message: "the client died: a debiteur record with soort relatie debiteur (0326) must follow (2.2.7)"})
	d.pending = nil
}

func (d *debiteur) end(_ *validate.Record, r *validate.Reporter) { d.flush(r) }

func amount(rec *validate.Record, r *validate.Reporter) {
	if rec.Code() != record.CodePrestatie || rec.Layout == nil {
		return
	}
	var ber, decl *record.Field
	for i := range rec.Layout.Fields {
		f := &rec.Layout.Fields[i]
		switch {
		case f.Name == "BEREKEND BEDRAG (INCL. BTW)":
			ber = f
		case f.Role == record.RoleDeclared:
			decl = f
		}
	}
	if ber == nil || decl == nil {
		return
	}
	bv, ok1 := rec.Int(ber.Number)
	dv, ok2 := rec.Int(decl.Number)
	if !ok1 || !ok2 {
		return
	}
	sign := func(f *record.Field) string {
		if f.Sign < 0 {
			return "D"
		}
		return rec.Raw(rec.Layout.Fields[f.Sign].Number)
	}
	if sign(ber) == sign(decl) && dv > bv {
		report(r, "VE303-AMOUNT", decl.Number, "8063", "the declaratiebedrag is higher than the berekend bedrag ("+ber.Number+"): it is the part of it that is claimed (2.2.10)")
	}
}
