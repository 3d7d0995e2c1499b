package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The conditions the GGZ declarations share: GZ321 (rules_gz321.go) and EI181 version 2
// with its DBC-behandeling, verblijf and OVP (rules_ei181.go).

// ggzConfig says how a GGZ standard words the conditions they share, and in which fields.
type ggzConfig struct {
	id         string       // rule id prefix: "GZ321-N5-"
	key        *ggzStateKey // names the state the standard's rules share over a file (Pass.setState)
	gz321      bool         // GZ321's 0612 (every soort declared as a whole, verblijf and verrichting) and 0615 (empty but for OVP honorarium)
	berekend   string       // BEREKEND BEDRAG of the tariefrecord
	declaratie string       // DECLARATIEBEDRAG of the tariefrecord
}

// The kinds of GGZ product a prestatie is, by the soort prestatie/tarief (0610) of its
// tariefrecords.
const (
	ggzUnknown = iota
	ggzDBC
	ggzOVP
	ggzBasis
	ggzTransitie
	ggzZZP
)

var ggzNames = [...]string{"", "DBC", "OVP", "Basis GGZ", "Transitie", "ZZP"}

func ggzKind(soort int64) int {
	switch soort {
	case 10, 11, 12:
		return ggzDBC
	case 2, 4:
		return ggzOVP
	case 14:
		return ggzBasis
	case 15:
		return ggzTransitie
	case 16, 17:
		return ggzZZP
	}
	return ggzUnknown
}

// ggzProduct is what the tariefrecords of a prestatie declare, and what its
// zorgactiviteiten add up to. The kind of product is that of the first tariefrecord with a
// soort: the BER names the soorten per kind (0610), and the Vektis test files N5_041,
// N5_052 and N5_055 change the first tariefrecord's soort to test the conditions of the
// new kind. But when at least two other tariefrecords follow and all agree on another
// kind, the first one is out of step with its prestatie (LEVELS.md: the finding names the
// record the relation makes wrong; Vektis N5_053 changes only its soort): the kind is
// theirs, and odd is the first tariefrecord's index in the group.
type ggzProduct struct {
	kind    int
	odd     int // index in the group of a first tariefrecord out of step, else -1
	oddKind int
	has16   bool
	sum1614 int64
	ok1614  bool
	// begin and end are the earliest begindatum and the latest einddatum deelprestatie
	// (0616, 0617) of the tariefrecords; okSpan when every tariefrecord has both.
	begin, end record.Date
	okSpan     bool
}

// ggzStateKey names the state the rules of a GGZ standard share over a file
// (Pass.setState): the product of the prestatie whose group they are checking. A pointer
// to one is the key, so that asking costs no allocation.
type ggzStateKey struct{ standard string }

// ggzGroupState holds the product of the last prestatie worked out, by the line of its
// prestatierecord (0: none yet).
type ggzGroupState struct {
	line int
	pr   ggzProduct
}

// ggzMemo is the state of a GGZ set's rules (Pass.setState) by its key, the last one
// asked for in a run (hooks.ggz): a pointer comparison instead of the look-up by key.
type ggzMemo struct {
	key *ggzStateKey
	st  *ggzGroupState
}

// productOf returns the product the prestatie of g declares, worked out once per group for
// all the rules of c's standard.
// The product is the state's, not a copy (a prestatie has a dozen such rules): the rules
// read it and do not change it.
func (c ggzConfig) productOf(p *Pass, g *Group) *ggzProduct {
	m := &p.hooks.ggz
	if m.key != c.key {
		m.key, m.st = c.key, p.setState(c.key, func() any { return new(ggzGroupState) }).(*ggzGroupState)
	}
	st := m.st
	if line := g.Head().Line; st.line != line {
		st.line, st.pr = line, workOutProduct(g)
	}
	return &st.pr
}

func workOutProduct(g *Group) ggzProduct {
	pr := ggzProduct{ok1614: true, okSpan: true, odd: -1}
	tariefs := 0
	first, rest, restAgree := -1, ggzUnknown, true
	for i := range g.Len() {
		rec := g.At(i)
		switch rec.Code() {
		case "06":
			tariefs++
			b, ok1 := rec.Date("0616")
			e, ok2 := rec.Date("0617")
			switch {
			case !ok1 || !ok2:
				pr.okSpan = false
			case tariefs == 1:
				pr.begin, pr.end = b, e
			default:
				if b.Before(pr.begin) {
					pr.begin = b
				}
				if e.After(pr.end) {
					pr.end = e
				}
			}
			soort, ok := rec.Int("0610")
			k := ggzUnknown
			if ok {
				k = ggzKind(soort)
			}
			switch {
			case tariefs == 1:
				pr.kind, first = k, i
			case tariefs == 2:
				rest = k
			case k != rest:
				restAgree = false
			}
		case "16":
			pr.has16 = true
			if n, ok := rec.Int("1614"); ok {
				pr.sum1614 += n
			} else {
				pr.ok1614 = false
			}
		}
	}
	pr.okSpan = pr.okSpan && tariefs > 0
	// Basis GGZ and Transitie are both "Basis" in 0610: a mix of them is not out of step.
	family := func(k int) int {
		if k == ggzTransitie {
			return ggzBasis
		}
		return k
	}
	if tariefs >= 3 && restAgree && rest != ggzUnknown && family(rest) != family(pr.kind) {
		pr.odd, pr.oddKind, pr.kind = first, pr.kind, rest
	}
	return pr
}

// tariefCheck is a GGZ rule's check of a tariefrecord under a prestatie, with a soort
// prestatie/tarief (0610) of digits: the soort as a number and as it is in the file. It is
// the rule's part in tariefBatch, which reads the prestatie and the soort once for the
// rules of a tariefrecord.
type tariefCheck func(p *Pass, rec, pre *Record, soort int64, soortText string)

// tariefBatch runs the GGZ rules on a tariefrecord (ggzRule: those with a tariefCheck).
var tariefBatch = &batch{record: runTariefChecks}

// readTarief reads what a tariefCheck is given about rec: its prestatie and its soort
// (0610); ok is false when it has no prestatie or the soort is not digits.
func readTarief(rec *Record) (pre *Record, soort int64, soortText string, ok bool) {
	if pre = prestatieOf(rec); pre == nil {
		return nil, 0, "", false
	}
	soortText, soort, ok = intRaw(rec, "0610")
	return pre, soort, soortText, ok
}

// tariefMemo is what readTarief read of the record of line, layout and text.
type tariefMemo struct {
	line      int
	lp        *layoutPlan
	text      string
	pre       *Record
	soort     int64
	soortText string
	ok        bool
}

// tariefOf returns the tariefMemo of rec, read once for the hooks that run on it in a
// row on their own (hooks.tarief: the copies of the rules RuleSets hands out have no
// batch and run so): a record is the one read before when its line, layout and text are.
func tariefOf(p *Pass, rec *Record) *tariefMemo {
	m := &p.hooks.tarief
	if m.lp == nil || m.line != rec.Line || m.lp != rec.lp || m.text != rec.text {
		*m = tariefMemo{line: rec.Line, lp: rec.lp, text: rec.text}
		m.pre, m.soort, m.soortText, m.ok = readTarief(rec)
	}
	return m
}

// hook is the check as a Record hook of its own.
func (t tariefCheck) hook() func(*Pass, *Record) {
	return func(p *Pass, rec *Record) {
		if m := tariefOf(p, rec); m.ok {
			t(p, rec, m.pre, m.soort, m.soortText)
		}
	}
}

// runTariefChecks runs the tariefChecks of the rules idx on rec (tariefBatch).
func runTariefChecks(h *hooks, idx []int32, rec *Record) {
	pre, soort, soortText, ok := readTarief(rec)
	if !ok {
		return
	}
	p := &h.pass
	for _, i := range idx {
		if p.sink.stop {
			return
		}
		h.running = i
		h.bound[i].part.(tariefCheck)(p, rec, pre, soort, soortText)
	}
}

// productCheck is a GGZ Group rule's check of the product of a prestatie (productOf):
// onHead on the prestaties whose kind of product is known, or onGroup on every one. It
// is the rule's part in productBatch, which works out the product once for the rules of
// a prestatie.
type productCheck struct {
	c       ggzConfig
	onHead  func(p *Pass, head *Record, pr *ggzProduct)
	onGroup func(p *Pass, g *Group, pr *ggzProduct)
}

// productBatch runs the GGZ rules on the product of a prestatie (ggzRule: those with a
// productCheck).
var productBatch = &batch{group: runProductChecks}

// run makes the check on g, whose product is pr.
func (pc *productCheck) run(p *Pass, g *Group, pr *ggzProduct) {
	switch {
	case pc.onGroup != nil:
		pc.onGroup(p, g, pr)
	case pr.kind != ggzUnknown:
		pc.onHead(p, g.Head(), pr)
	}
}

// hook is the check as a Group hook of its own.
func (pc *productCheck) hook() func(*Pass, *Group) {
	return func(p *Pass, g *Group) { pc.run(p, g, pc.c.productOf(p, g)) }
}

// runProductChecks runs the productChecks of the rules idx on g (productBatch).
func runProductChecks(h *hooks, idx []int32, g *Group) {
	p := &h.pass
	var key *ggzStateKey
	var pr *ggzProduct
	for _, i := range idx {
		if p.sink.stop {
			return
		}
		h.running = i
		pc := h.bound[i].part.(*productCheck)
		if pc.c.key != key { // one standard's rules: worked out once
			key, pr = pc.c.key, pc.c.productOf(p, g)
		}
		switch { // pc.run, without the call
		case pc.onGroup != nil:
			pc.onGroup(p, g, pr)
		case pr.kind != ggzUnknown:
			pc.onHead(p, g.head, pr)
		}
	}
}

// intRaw returns field of rec as it is in the file (Record.Raw) and as a number
// (Record.Int), with one look-up; false when Int would give false.
func intRaw(rec *Record, field string) (string, int64, bool) {
	s := rec.Raw(field)
	v, ok := intOf(s)
	if !ok {
		return "", 0, false
	}
	return s, v, true
}

// ruleID is the id of the rule on field: "GZ321-N5-0410".
func (c ggzConfig) ruleID(field string) string { return c.id + field }

// ggzRule gives r the level and error of a GGZ condition, N5 and ErrRelation, unless it
// has its own; a rule whose part is a tariefCheck or a productCheck gets the hook that
// runs it and its batch.
func ggzRule(r *Rule) *Rule {
	if r.Level == 0 {
		r.Level = N5
	}
	if r.Err == nil {
		r.Err = ErrRelation
	}
	switch part := r.part.(type) {
	case tariefCheck:
		r.Record, r.batch = part.hook(), tariefBatch
	case *productCheck:
		r.Group, r.batch = part.hook(), productBatch
	}
	return r
}

// productReads are the fields a rule on the product of a prestatie reads (productOf: 0610,
// 0616 and 0617 of its tariefrecords, in GZ321 1614 of its zorgactiviteitrecords), and
// more.
func (c ggzConfig) productReads(more ...string) []string {
	reads := []string{"0610", "0616", "0617"}
	if c.gz321 {
		reads = append(reads, "1614")
	}
	return append(reads, more...)
}

// onProduct makes the part of a Group rule on the prestaties whose kind of product is
// known (Rule.part, ggzRule).
func (c ggzConfig) onProduct(f func(p *Pass, head *Record, pr *ggzProduct)) *productCheck {
	return &productCheck{c: c, onHead: f}
}

// onAnyProduct makes the part of a Group rule on every prestatie and its product.
func (c ggzConfig) onAnyProduct(f func(p *Pass, g *Group, pr *ggzProduct)) *productCheck {
	return &productCheck{c: c, onGroup: f}
}

// ggzRules are the rules GZ321 and EI181 version 2 share: those on the tariefrecord
// (0611-0618, the declaratiebedrag) and the kind of product (0610, 0410, 0414). GZ321 has
// more (rules_gz321.go).
func ggzRules(c ggzConfig) []*Rule {
	id := c.ruleID
	var rules []*Rule
	add := func(r *Rule) { rules = append(rules, ggzRule(r)) }
	onProduct := c.onProduct
	add(&Rule{ID: id("0611"), Reads: []string{"0611", "0408"}, Records: []string{"06"},
		Doc: `0611: "Alleen invullen als de prestatiecodelijst van dit tariefrecord afwijkt van die in het prestatierecord" (0408).`,
		Record: func(p *Pass, rec *Record) {
			pre := prestatieOf(rec)
			if pre == nil {
				return
			}
			if filled, ok := known(rec, "0611"); ok && filled && pre.Known("0408") && rec.Value("0611") == pre.Value("0408") {
				p.Fail(rec, "0611", "equals the prestatiecodelijst of the prestatierecord (0408): fill it only when this tariefrecord's list differs")
			}
		}})
	// A rule on the tariefrecords under a prestatie with a known soort has a tariefCheck
	// for its part: it gets the soort as a number and as it is in the file (its Value: the
	// field is digits).
	// Soorten declared as one whole with the prestatie: DBC-behandeling, OVP, Basis GGZ,
	// Transitie, ZZP (GZ321 0612/0616/0617 "Bij DBC-behandeling, ZZP Verblijf en toeslag, OVP,
	// Basis GGZ en Transitie …"; EI181 0616/0617 "Voor DBC-behandeling … Voor OVP …").
	integral := func(soort int64) bool {
		k := ggzKind(soort)
		return soort == 10 || k == ggzOVP || k == ggzBasis || k == ggzTransitie || k == ggzZZP
	}
	add(&Rule{ID: id("0612"), Reads: []string{"0610", "0612", "0607"}, Records: []string{"06"},
		Doc: `0612: "Bij DBC-Behandeling, ZZP Verblijf en toeslag, OVP, Basis GGZ en Transitie dezelfde waarde invullen als 0607 Declaratiecode. Bij Verblijf of Verrichting een andere waarde vullen." (EI181: for OVP.)`,
		part: tariefCheck(func(p *Pass, rec, _ *Record, soort int64, soortText string) {
			switch {
			case integral(soort) && (c.gz321 || ggzKind(soort) == ggzOVP):
				p.SameAs(rec, "0612", rec, "0607", "for soort ", soortText)
			case c.gz321 && (soort == 11 || soort == 12):
				if rec.Value("0612") == rec.Value("0607") {
					p.Fail(rec, "0612", "must differ from field 0607 for verblijf (11) and verrichting (12)")
				}
			}
		})})
	add(&Rule{ID: id("0613"), Reads: []string{"0610", "0613"}, Records: []string{"06"},
		Doc: `0613: "verplicht vullen bij DBC-behandeling (altijd met code 0329)."`,
		part: tariefCheck(func(p *Pass, rec, _ *Record, soort int64, _ string) {
			if v, ok := rec.Int("0613"); ok && soort == 10 && v != 329 {
				p.Fail(rec, "0613", "must be 0329 for a DBC-behandeling (soort 10)")
			}
		})})
	add(&Rule{ID: id("0615"), Reads: []string{"0610", "0615"}, Retourcode: "8011", Records: []string{"06"},
		Doc: `0615: "verplicht vullen bij OVP Honorarium met code van uitvoerend specialisme"; GZ321 also has it empty otherwise (Vektis test N5 062).`,
		part: tariefCheck(func(p *Pass, rec, _ *Record, soort int64, _ string) {
			switch {
			case soort == 4:
				p.MustBeFilled(rec, "0615", "for OVP honorarium (soort 04)")
			case c.gz321:
				p.MustBeEmpty(rec, "0615", "except for OVP honorarium (soort 04)")
			}
		})})
	// 0616 is compared with the begindatum prestatie (0411) when the tariefrecord repeats it
	// (0608): when it does not, N5-PARENT reports that relation — on the 04 when it is out of
	// step with all its records — and 0616 is not reported on top of it (LEVELS.md).
	add(&Rule{ID: id("0616"), Reads: []string{"0610", "0616", "0608", "0411"}, Retourcode: "8007", Records: []string{"06"},
		Doc: "0616: the begindatum of a tariefrecord is the begindatum prestatie (0411, which 0608 repeats) for the soorten declared as a whole; verblijf (11) begins within the prestatie.",
		part: tariefCheck(func(p *Pass, rec, pre *Record, soort int64, soortText string) {
			begin, okBegin := knownRaw(pre, "0411")
			if repeat, ok := knownRaw(rec, "0608"); ok && okBegin && repeat != begin {
				return
			}
			switch {
			case integral(soort):
				// SameAs, which reads 0411 again, only to report a 0616 that differs.
				if v, ok := knownRaw(rec, "0616"); ok && okBegin && v != begin {
					p.SameAs(rec, "0616", pre, "0411", "for soort ", soortText)
				}
			case soort == 11:
				b, okB := rec.Date("0616")
				if pb, ok := pre.Date("0411"); ok && okB && b.Before(pb) {
					p.Report(rec, Finding{Field: "0616", Retourcode: "8117", Message: "lies before the begindatum prestatie (0411): verblijf lies within the prestatie"})
				}
			}
		})})
	add(&Rule{ID: id("0617"), Reads: []string{"0610", "0617", "0616", "0412"}, Retourcode: "8007", Records: []string{"06"},
		Doc: `0617: the einddatum of a tariefrecord is the einddatum prestatie (0412) for the soorten declared as a whole; "Bij Verrichting gelijk aan Begindatum deelprestatie"; verblijf (11) ends within the prestatie.`,
		part: tariefCheck(func(p *Pass, rec, pre *Record, soort int64, soortText string) {
			switch {
			case integral(soort):
				p.SameAs(rec, "0617", pre, "0412", "for soort ", soortText)
			case soort == 12:
				p.SameAs(rec, "0617", rec, "0616", "for a verrichting (soort 12)")
			case soort == 11:
				end, okE := rec.Date("0617")
				if pe, ok := pre.Date("0412"); ok && okE && end.After(pe) {
					p.Report(rec, Finding{Field: "0617", Retourcode: "8118", Message: "lies after the einddatum prestatie (0412): verblijf lies within the prestatie"})
				}
			}
		})})
	add(&Rule{ID: id("0618"), Reads: []string{"0610", "0618", "0616", "0617"}, Retourcode: "0638", Records: []string{"06"},
		Doc: `0618: "Voor Verblijf, ZZP Verblijf en toeslag betreft het aantal aaneengesloten dagen" from 0616 to 0617 (soorten 11, 16, 17).`,
		part: tariefCheck(func(p *Pass, rec, _ *Record, soort int64, _ string) {
			if soort != 11 && soort != 16 && soort != 17 {
				return
			}
			b, okB := rec.Date("0616")
			end, okE := rec.Date("0617")
			if n, ok := rec.Int("0618"); ok && okB && okE && !end.Before(b) {
				if days := daysInclusive(b, end); n != days {
					p.Fail(rec, "0618", "holds "+strconv.FormatInt(n, 10)+"; for verblijf and ZZP it is the number of days from 0616 to 0617 ("+strconv.FormatInt(days, 10)+")")
				}
			}
		})})
	add(&Rule{ID: id(c.declaratie), Reads: []string{"0610", c.berekend, c.declaratie}, Retourcode: "8063", Records: []string{"06"},
		Doc: c.declaratie + `: "Het declaratiebedrag is het deel van het berekend bedrag (` + c.berekend + `) dat de zorgverlener daadwerkelijk in rekening brengt": not more than it (COD954 8063).`,
		part: tariefCheck(func(p *Pass, rec, _ *Record, _ int64, _ string) {
			if calc, ok1 := rec.Int(c.berekend); ok1 {
				if decl, ok2 := rec.Int(c.declaratie); ok2 && decl > calc {
					p.Fail(rec, c.declaratie, "is more than the berekend bedrag ("+c.berekend+")")
				}
			}
		})})
	add(&Rule{ID: id("0610"), Reads: c.productReads(), Retourcode: "8257", Records: []string{"04"},
		Doc: `0610: "Voor DBC: 10, 11, 12. Voor OVP: 02; 04. Voor Basis: 14, 15. Voor ZZP: 16, 17.": the tariefrecords of a prestatie are of one kind of product; ` +
			`a first tariefrecord whose kind differs from that of the (two or more) others, which agree, is out of step (COD954 8257).`,
		part: c.onAnyProduct(func(p *Pass, g *Group, pr *ggzProduct) {
			if pr.odd >= 0 && pr.oddKind != ggzUnknown {
				rec := g.At(pr.odd)
				p.Fail(rec, "0610", "soort "+rec.Value("0610")+" ("+ggzNames[pr.oddKind]+") does not fit its prestatie: the other tariefrecords of the prestatie are "+
					ggzNames[pr.kind]+" (a prestatie's tariefrecords are of one kind of product)")
			}
		})})
	add(&Rule{ID: id("0410"), Reads: c.productReads("0410"), Retourcode: "8300", Records: []string{"04"},
		Doc: `0410: "Bij DBC verplicht vullen met DBC-prestatiecode. … Indien niet-DBC niet vullen."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if pr.kind == ggzDBC {
				p.MustBeFilled(h, "0410", "for a DBC")
			} else {
				p.MustBeEmpty(h, "0410", "for ", ggzNames[pr.kind], " (not a DBC)")
			}
		})})
	add(&Rule{ID: id("0414"), Reads: c.productReads("0414"), Retourcode: "8111", Records: []string{"04"},
		Doc: `0414: "verplicht vullen bij een DBC."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if pr.kind == ggzDBC {
				p.MustBeFilled(h, "0414", "for a DBC")
			}
		})})
	return rules
}
