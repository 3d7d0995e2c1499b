package ve303

import (
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// DummyBSN is filled when the patient has no BSN or it is not known (seed 002 table 2-4).
const DummyBSN = "999999999"

// The ids of the filling rules.
const (
	RuleAddress   = "VE303-ADDRESS"
	RuleNumbering = "VE303-NUMBERING"
	RuleBSN       = "VE303-BSN"
	RuleNameCode  = "VE303-NAMECODE"
	RuleDebiteur  = "VE303-DEBITEUR"
	RuleAmount    = "VE303-AMOUNT"
)

// RuleSet returns the filling rules of seed 002 chapter 2 for declarations sent in
// scenario s (a column of table 2-2), as a rule set of the validator for VE303 (and the
// declaration part of VE304). They report on level N5 (relations), with the field's own
// return code unless the seed names one.
func RuleSet(s Scenario) (*validate.RuleSet, error) {
	a, err := Table(s)
	if err != nil {
		return nil, err
	}
	return &validate.RuleSet{Name: "VE303-invulinstructie", Standard: "VE303",
		Doc: "the filling rules of the VE303/VE304 invulinstructie (seed 002 chapter 2), scenario " + s.String(),
		Rules: []*validate.Rule{
			{ID: RuleAddress, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"01", "02", "03", "04"},
				Doc:    "2.2.2: address fields 0108-0113, 0222, 0407, the debiteur record, and 0303 equal to the verzekerdenrecord, as table 2-2 asks for the scenario (0403-0405: N5-PARENT)",
				Record: func(p *validate.Pass, rec *validate.Record) { address(a, s, p, rec) }},
			{ID: RuleNumbering, Level: validate.N5, Err: validate.ErrRelation, NewState: func() any { return &numbering{} },
				Doc:    "2.2.3: detail records numbered 1, 2, 3, … through the file; a comment has the number of its record; 99 counts comments as detail records",
				Record: func(p *validate.Pass, rec *validate.Record) { p.State().(*numbering).check(p, rec) }},
			{ID: RuleBSN, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"02", "04"},
				Doc:    "2.2.4: BSN filled, with the dummy 999999999 when the patient has none; then the verzekerdennummer is mandatory (table 2-4)",
				Record: bsnRule},
			{ID: RuleNameCode, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"02", "03"},
				Doc:    "2.2.5: naamcode/naamgebruik (01) 1, (02) 2 or 0 (no partner), (03) 0 to the insurer, 1-4 to a servicebureau (table 2-5)",
				Record: func(p *validate.Pass, rec *validate.Record) { nameCodes(s.Flow, p, rec) }},
			{ID: RuleDebiteur, Level: validate.N5, Err: validate.ErrRelation, NewState: func() any { return &debiteur{flow: s.Flow} },
				Doc:    "2.2.7: a client who died (0223 = 1) gets a debiteur record with soort relatie debiteur (0326) when the declaration goes to a servicebureau",
				Record: func(p *validate.Pass, rec *validate.Record) { p.State().(*debiteur).check(p, rec) },
				End:    func(p *validate.Pass) { p.State().(*debiteur).flush(p) }},
			{ID: RuleAmount, Level: validate.N5, Err: validate.ErrRelation, Retourcode: "8063", Records: []string{"04"},
				Needs:  []validate.RoleNeed{{Record: "04", Role: record.RoleProviderCalculated}, {Record: "04", Role: record.RoleDeclared}},
				Doc:    "2.2.8-2.2.12: the declaratiebedrag is at most the berekend bedrag (8063)",
				Record: amount},
		}}, nil
}

func report(p *validate.Pass, rec *validate.Record, field, code, msg string) {
	p.Report(rec, validate.Finding{Field: field, Retourcode: code, Message: msg})
}

func intOf(rec *validate.Record, n string) (int, bool) {
	v, ok := rec.Int(n)
	return int(v), ok
}

func address(a Addressing, s Scenario, p *validate.Pass, rec *validate.Record) {
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
				report(p, rec, f.n, "", "must hold the "+f.what+" "+col)
			case f.fill == Empty && filled:
				report(p, rec, f.n, "", "must not be filled "+col)
			}
		}
		if v, ok := intOf(rec, "0113"); ok && !a.allowsBetaling(v) {
			report(p, rec, "0113", "", "holds "+strconv.Itoa(v)+"; allowed "+col+": "+ints(a.BetalingAan))
		}
	case record.CodeVerzekerde:
		if !a.Debiteur && rec.Filled("0222") {
			report(p, rec, "0222", "", "the debiteurnummer is not filled "+col)
		}
	case record.CodeDebiteur:
		if !a.Debiteur {
			report(p, rec, "", "8075", "no debiteur record "+col+": it is used only towards a servicebureau")
			return
		}
		p.SameAsParent(rec, "0303", "0222", col) // = debiteurnummer verzekerdenrecord
	case record.CodePrestatie:
		if v, ok := intOf(rec, "0407"); ok && !a.allowsDoorsturen(v) {
			report(p, rec, "0407", "", "doorsturen toegestaan holds "+strconv.Itoa(v)+"; allowed "+col+": "+ints(a.Doorsturen))
		}
		// BSN, UZOVI-nummer and verzekerdennummer equal to the verzekerdenrecord's (0403-0405)
		// are the common relation N5-PARENT, which answers as seed 002 example 6 does: the
		// fields' own codes (0435, 0423) when the prestatie belongs to no other verzekerde
		// of the file, 8150 when it carries another one's key.
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

func (n *numbering) check(p *validate.Pass, rec *validate.Record) {
	code := rec.Code()
	switch {
	case code == record.CodeCommentaar:
		n.details++
		par := rec.Parent()
		if par == nil || par.Code() == record.CodeVoorloop {
			report(p, rec, "9802", "", "a comment record belongs to a detail record before it")
			return
		}
		if rec.Raw("9802") != par.Raw(par.Code()+"02") {
			report(p, rec, "9802", "", "must equal the identificatie detailrecord of the "+par.Code()+" record it comments on (line "+strconv.Itoa(par.Line)+")")
		}
	case code == record.CodeVoorloop:
	case code == record.CodeSluit:
		if v, ok := rec.Int("9906"); ok && v != n.details {
			report(p, rec, "9906", "", "holds "+strconv.FormatInt(v, 10)+"; the file has "+strconv.FormatInt(n.details, 10)+" detail records, comment records included")
		}
	default:
		n.details++
		v, ok := rec.Int(code + "02")
		if !ok {
			return
		}
		if v != n.last+1 {
			report(p, rec, code+"02", "", "holds "+strconv.FormatInt(v, 10)+"; detail records are numbered through the file, this one is "+strconv.FormatInt(n.last+1, 10))
		}
		n.last = v
	}
}

func bsnRule(p *validate.Pass, rec *validate.Record) {
	code := rec.Code()
	if code != record.CodeVerzekerde && code != record.CodePrestatie {
		return
	}
	b := rec.Raw(code + "03")
	switch {
	case b == DummyBSN:
		if !rec.Filled(code + "05") {
			report(p, rec, code+"05", "", "must be filled when the BSN is the dummy 999999999 (table 2-4)")
		}
	case !rec.Filled(code + "03"):
		report(p, rec, code+"03", "", "is mandatory: the BSN, or the dummy 999999999 when the patient has none (table 2-4)")
	case !bsn.Valid(b):
		report(p, rec, code+"03", "", "is not a BSN (elfproef) nor the dummy 999999999 (table 2-4)")
	}
}

func nameCodes(flow Flow, p *validate.Pass, rec *validate.Record) {
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
		report(p, rec, c1, "", "holds "+strconv.Itoa(v)+"; naamcode/naamgebruik (01) is 1, eigen naam (table 2-5)")
	}
	if v, ok := intOf(rec, c2); ok {
		switch {
		case v != 0 && v != 2:
			report(p, rec, c2, "", "holds "+strconv.Itoa(v)+"; naamcode/naamgebruik (02) is 2, or 0 without partner (table 2-5)")
		case v == 2 && !rec.Filled(name2):
			report(p, rec, name2, "8181", "must be filled when naamcode/naamgebruik (02) is 2")
		case v == 0 && rec.Filled(name2):
			report(p, rec, c2, "", "is 0 (no partner) but a partner's name is given: use 2 (table 2-5)")
		}
	}
	if v, ok := intOf(rec, c3); ok {
		switch {
		case flow == ZAtoSB && (v < 1 || v > 4):
			report(p, rec, c3, "", "holds "+strconv.Itoa(v)+"; towards a servicebureau naamcode/naamgebruik (03) is 1, 2, 3 or 4 (table 2-5)")
		case flow != ZAtoSB && v > 4:
			report(p, rec, c3, "", "holds "+strconv.Itoa(v)+"; allowed 0 (to the insurer) or 1-4 (table 2-5)")
		}
	}
}

type debiteur struct {
	flow    Flow
	pending bool // a 02 of a client who died, without a debiteur record yet
	line    int
}

func (d *debiteur) check(p *validate.Pass, rec *validate.Record) {
	if d.flow != ZAtoSB {
		return
	}
	switch rec.Code() {
	case record.CodeVerzekerde:
		d.flush(p)
		if v, ok := rec.Int("0223"); ok && v == 1 {
			d.pending, d.line = true, rec.Line
		}
	case record.CodeDebiteur:
		if d.pending {
			if !rec.Filled("0326") {
				report(p, rec, "0326", "", "the client died (0223 = 1): fill soort relatie debiteur, e.g. 23 erven van (2.2.7)")
			}
			d.pending = false
		}
	case record.CodePrestatie, record.CodeSluit:
		d.flush(p)
	}
}

func (d *debiteur) flush(p *validate.Pass) {
	if !d.pending {
		return
	}
	var name string // the layout's name of 0223, indicatie cliënt overleden
	if l := p.Standard().Layout(record.CodeVerzekerde); l != nil {
		if f := l.Field("0223"); f != nil {
			name = f.Name
		}
	}
	p.Report(nil, validate.Finding{Line: d.line, Record: record.CodeVerzekerde, Field: "0223",
		FieldName: name, Retourcode: "0630",
		Message: "the client died: a debiteur record with soort relatie debiteur (0326) must follow (2.2.7)"})
	d.pending = false
}

func amount(p *validate.Pass, rec *validate.Record) {
	if rec.Code() != record.CodePrestatie || rec.Layout == nil {
		return
	}
	var ber, decl *record.Field
	fs := rec.Layout.Fields()
	for i := range fs {
		f := &fs[i]
		switch f.Role {
		case record.RoleProviderCalculated:
			ber = f
		case record.RoleDeclared:
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
		return rec.Raw(rec.Layout.FieldIndex(f.Sign).Number)
	}
	if sign(ber) == sign(decl) && dv > bv {
		report(p, rec, decl.Number, "8063", "the declaratiebedrag is higher than the berekend bedrag ("+ber.Number+"): it is the part of it that is claimed (2.2.10)")
	}
}
