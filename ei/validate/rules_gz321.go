package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// GZ321 (declaratie basis en gespecialiseerde GGZ), from the Constraints/condities column
// of the BER EI195v01_GZ321v1.0. Rule ids are GZ321-<level>-<field>; each comment quotes or
// paraphrases the condition of the field the rule comes from.
func gz321Set() *RuleSet {
	return &RuleSet{Name: "GZ321", Standard: "GZ321", Doc: "The conditions of the BER GZ321 v1.0 (declaratie basis en gespecialiseerde GGZ).",
		Fields: tableFields("GZ321@1.0"), Rules: ggzRules(gz321Config)}
}

// ggzConfig says which conditions of the GGZ declarations (GZ321, and EI181 version 2 with
// its DBC-behandeling, verblijf and OVP) a standard has, and in which fields.
type ggzConfig struct {
	id         string // rule id prefix: "GZ321-N5-"
	gz321      bool   // the conditions of GZ321's voorloop- and prestatierecord (0416-0437) and zorgactiviteit/tijdsbesteding
	berekend   string // BEREKEND BEDRAG of the tariefrecord
	declaratie string // DECLARATIEBEDRAG of the tariefrecord
}

var (
	gz321Config   = ggzConfig{id: "GZ321-N5-", gz321: true, berekend: "0620", declaratie: "0625"}
	ei181v2Config = ggzConfig{id: "EI181-N5-", berekend: "0623", declaratie: "0628"}
)

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
// (Pass.setState): the product of the prestatie whose group they are checking.
type ggzStateKey struct{ id string }

// ggzGroupState holds the product of the last prestatie worked out, by the line of its
// prestatierecord (0: none yet).
type ggzGroupState struct {
	line int
	pr   ggzProduct
}

// productOf returns the product the prestatie of g declares, worked out once per group for
// all the rules of c's standard.
func (c ggzConfig) productOf(p *Pass, g *Group) ggzProduct {
	st := p.setState(ggzStateKey{c.id}, func() any { return new(ggzGroupState) }).(*ggzGroupState)
	if line := g.Head().Line; st.line != line {
		st.line, st.pr = line, workOutProduct(g)
	}
	return st.pr
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

// prestatieOf returns the prestatierecord rec belongs to, or nil.
func prestatieOf(rec *Record) *Record {
	if p := rec.Parent(); p != nil && p.lp != nil && p.lp.code == record.CodePrestatie {
		return p
	}
	return nil
}

// known reports whether field of rec is known (Record.Known) and filled.
func known(rec *Record, field string) (filled, ok bool) {
	if !rec.Known(field) {
		return false, false
	}
	return rec.Filled(field), true
}

// ggzRules are the rules of a GGZ declaration standard.
func ggzRules(c ggzConfig) []*Rule {
	id := func(field string) string { return c.id + field }
	var rules []*Rule
	add := func(r *Rule) {
		if r.Level == 0 {
			r.Level = N5
		}
		if r.Err == nil {
			r.Err = ErrRelation
		}
		rules = append(rules, r)
	}
	// onProduct makes a Group rule on the prestaties whose kind of product is known.
	onProduct := func(f func(p *Pass, head *Record, pr ggzProduct)) func(*Pass, *Group) {
		return func(p *Pass, g *Group) {
			if pr := c.productOf(p, g); pr.kind != ggzUnknown {
				f(p, g.Head(), pr)
			}
		}
	}
	if c.gz321 {
		add(&Rule{ID: id("0112"), Retourcode: "8170", Records: []string{"01"},
			Doc: "0111/0112: the care is given from a praktijk or from an instelling: one of the praktijkcode and instellingscode is filled.",
			Record: func(p *Pass, rec *Record) {
				pf, ok1 := known(rec, "0111")
				inf, ok2 := known(rec, "0112")
				if ok1 && ok2 && !pf && !inf {
					p.Fail(rec, "0112", "the praktijkcode (0111) or the instellingscode (0112) must be filled")
				}
			}})
		// 0417: "vullen als zorgverlenerscode 1e hoofdbehandelaar is gevuld" (and 0419 for the
		// 2e). The BER does not say the beroep must be empty without the AGB code.
		for _, f := range [...][2]string{{"0416", "0417"}, {"0418", "0419"}} {
			add(&Rule{ID: id(f[1]), Records: []string{"04"},
				Doc: f[1] + `: "vullen als zorgverlenerscode ... hoofdbehandelaar is gevuld": the beroep is filled when the AGB code (` + f[0] + `) is.`,
				Record: func(p *Pass, rec *Record) {
					if agb, ok := known(rec, f[0]); ok && agb {
						p.MustBeFilled(rec, f[1], "when field ", f[0], " (the hoofdbehandelaar's AGB code) is filled")
					}
				}})
		}
		add(&Rule{ID: id("0421"), Retourcode: "8284", Records: []string{"04"},
			Doc: `0421: "vullen met de AGB-code van een natuurlijk persoon wanneer de code (zelf)verwijzer 01, 02, 03 of 04 is"; empty for the other codes, as the Vektis RBC test file N5_035 (0420 = 08 with 0421 filled) shows.`,
			Record: func(p *Pass, rec *Record) {
				if code, ok := rec.Int("0420"); ok {
					if code >= 1 && code <= 4 {
						p.MustBeFilled(rec, "0421", "when the code (zelf)verwijzer (0420) is 01 to 04")
					} else {
						p.MustBeEmpty(rec, "0421", "when the code (zelf)verwijzer (0420) is not 01 to 04")
					}
				}
			}})
		add(&Rule{ID: id("0411"), Retourcode: "8222", Records: []string{"04"},
			Doc: `0411: "Bij Transitie vanwege overgang ELP naar Basis GGZ, wordt 01-01-2014 gevuld": a Transitie (soort 15) begins on 2014-01-01.`,
			Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
				if d, ok := h.Date("0411"); ok && pr.kind == ggzTransitie && d != civil.NewDate(2014, 1, 1) {
					p.Fail(h, "0411", "must be 20140101 for a Transitie (soort 15): the transition from ELP to Basis GGZ is declared from 1 January 2014")
				}
			})})
	}
	add(&Rule{ID: id("0611"), Records: []string{"06"},
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
	// tarief makes a Record rule on the tariefrecords under a prestatie with a known soort.
	tarief := func(f func(p *Pass, rec, pre *Record, soort int64)) func(*Pass, *Record) {
		return func(p *Pass, rec *Record) {
			soort, ok := rec.Int("0610")
			if !ok {
				return
			}
			if pre := prestatieOf(rec); pre != nil {
				f(p, rec, pre, soort)
			}
		}
	}
	// Soorten declared as one whole with the prestatie: DBC-behandeling, OVP, Basis GGZ,
	// Transitie, ZZP (GZ321 0612/0616/0617 "Bij DBC-behandeling, ZZP Verblijf en toeslag, OVP,
	// Basis GGZ en Transitie …"; EI181 0616/0617 "Voor DBC-behandeling … Voor OVP …").
	integral := func(soort int64) bool {
		k := ggzKind(soort)
		return soort == 10 || k == ggzOVP || k == ggzBasis || k == ggzTransitie || k == ggzZZP
	}
	add(&Rule{ID: id("0612"), Records: []string{"06"},
		Doc: `0612: "Bij DBC-Behandeling, ZZP Verblijf en toeslag, OVP, Basis GGZ en Transitie dezelfde waarde invullen als 0607 Declaratiecode. Bij Verblijf of Verrichting een andere waarde vullen." (EI181: for OVP.)`,
		Record: tarief(func(p *Pass, rec, _ *Record, soort int64) {
			switch {
			case integral(soort) && (c.gz321 || ggzKind(soort) == ggzOVP):
				p.SameAs(rec, "0612", rec, "0607", "for soort ", rec.Value("0610"))
			case c.gz321 && (soort == 11 || soort == 12):
				if rec.Value("0612") == rec.Value("0607") {
					p.Fail(rec, "0612", "must differ from field 0607 for verblijf (11) and verrichting (12)")
				}
			}
		})})
	add(&Rule{ID: id("0613"), Records: []string{"06"},
		Doc: `0613: "verplicht vullen bij DBC-behandeling (altijd met code 0329)."`,
		Record: tarief(func(p *Pass, rec, _ *Record, soort int64) {
			if v, ok := rec.Int("0613"); ok && soort == 10 && v != 329 {
				p.Fail(rec, "0613", "must be 0329 for a DBC-behandeling (soort 10)")
			}
		})})
	add(&Rule{ID: id("0615"), Retourcode: "8011", Records: []string{"06"},
		Doc: `0615: "verplicht vullen bij OVP Honorarium met code van uitvoerend specialisme"; GZ321 also has it empty otherwise (Vektis test N5 062).`,
		Record: tarief(func(p *Pass, rec, _ *Record, soort int64) {
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
	add(&Rule{ID: id("0616"), Retourcode: "8007", Records: []string{"06"},
		Doc: "0616: the begindatum of a tariefrecord is the begindatum prestatie (0411, which 0608 repeats) for the soorten declared as a whole; verblijf (11) begins within the prestatie.",
		Record: tarief(func(p *Pass, rec, pre *Record, soort int64) {
			if rec.Known("0608") && pre.Known("0411") && rec.Raw("0608") != pre.Raw("0411") {
				return
			}
			switch {
			case integral(soort):
				p.SameAs(rec, "0616", pre, "0411", "for soort ", rec.Value("0610"))
			case soort == 11:
				b, okB := rec.Date("0616")
				if pb, ok := pre.Date("0411"); ok && okB && b.Before(pb) {
					p.Report(rec, Finding{Field: "0616", Retourcode: "8117", Message: "lies before the begindatum prestatie (0411): verblijf lies within the prestatie"})
				}
			}
		})})
	add(&Rule{ID: id("0617"), Retourcode: "8007", Records: []string{"06"},
		Doc: `0617: the einddatum of a tariefrecord is the einddatum prestatie (0412) for the soorten declared as a whole; "Bij Verrichting gelijk aan Begindatum deelprestatie"; verblijf (11) ends within the prestatie.`,
		Record: tarief(func(p *Pass, rec, pre *Record, soort int64) {
			switch {
			case integral(soort):
				p.SameAs(rec, "0617", pre, "0412", "for soort ", rec.Value("0610"))
			case soort == 12:
				p.SameAs(rec, "0617", rec, "0616", "for a verrichting (soort 12)")
			case soort == 11:
				end, okE := rec.Date("0617")
				if pe, ok := pre.Date("0412"); ok && okE && end.After(pe) {
					p.Report(rec, Finding{Field: "0617", Retourcode: "8118", Message: "lies after the einddatum prestatie (0412): verblijf lies within the prestatie"})
				}
			}
		})})
	add(&Rule{ID: id("0618"), Retourcode: "0638", Records: []string{"06"},
		Doc: `0618: "Voor Verblijf, ZZP Verblijf en toeslag betreft het aantal aaneengesloten dagen" from 0616 to 0617 (soorten 11, 16, 17).`,
		Record: tarief(func(p *Pass, rec, _ *Record, soort int64) {
			b, okB := rec.Date("0616")
			end, okE := rec.Date("0617")
			if n, ok := rec.Int("0618"); ok && (soort == 11 || soort == 16 || soort == 17) && okB && okE && !end.Before(b) {
				if days := daysInclusive(b, end); n != days {
					p.Fail(rec, "0618", "holds "+strconv.FormatInt(n, 10)+"; for verblijf and ZZP it is the number of days from 0616 to 0617 ("+strconv.FormatInt(days, 10)+")")
				}
			}
		})})
	add(&Rule{ID: id(c.declaratie), Retourcode: "8063", Records: []string{"06"},
		Doc: c.declaratie + `: "Het declaratiebedrag is het deel van het berekend bedrag (` + c.berekend + `) dat de zorgverlener daadwerkelijk in rekening brengt": not more than it (COD954 8063).`,
		Record: tarief(func(p *Pass, rec, _ *Record, _ int64) {
			if calc, ok1 := rec.Int(c.berekend); ok1 {
				if decl, ok2 := rec.Int(c.declaratie); ok2 && decl > calc {
					p.Fail(rec, c.declaratie, "is more than the berekend bedrag ("+c.berekend+")")
				}
			}
		})})
	add(&Rule{ID: id("0610"), Retourcode: "8257", Records: []string{"04"},
		Doc: `0610: "Voor DBC: 10, 11, 12. Voor OVP: 02; 04. Voor Basis: 14, 15. Voor ZZP: 16, 17.": the tariefrecords of a prestatie are of one kind of product; ` +
			`a first tariefrecord whose kind differs from that of the (two or more) others, which agree, is out of step (COD954 8257).`,
		Group: func(p *Pass, g *Group) {
			if pr := c.productOf(p, g); pr.odd >= 0 && pr.oddKind != ggzUnknown {
				rec := g.At(pr.odd)
				p.Fail(rec, "0610", "soort "+rec.Value("0610")+" ("+ggzNames[pr.oddKind]+") does not fit its prestatie: the other tariefrecords of the prestatie are "+
					ggzNames[pr.kind]+" (a prestatie's tariefrecords are of one kind of product)")
			}
		}})
	add(&Rule{ID: id("0410"), Retourcode: "8300", Records: []string{"04"},
		Doc: `0410: "Bij DBC verplicht vullen met DBC-prestatiecode. … Indien niet-DBC niet vullen."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if pr.kind == ggzDBC {
				p.MustBeFilled(h, "0410", "for a DBC")
			} else {
				p.MustBeEmpty(h, "0410", "for ", ggzNames[pr.kind], " (not a DBC)")
			}
		})})
	add(&Rule{ID: id("0414"), Retourcode: "8111", Records: []string{"04"},
		Doc: `0414: "verplicht vullen bij een DBC."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if pr.kind == ggzDBC {
				p.MustBeFilled(h, "0414", "for a DBC")
			}
		})})
	if !c.gz321 {
		return rules
	}
	add(&Rule{ID: id("0416"), Records: []string{"04"},
		Doc: `0416: "Verplicht vullen bij Basis GGZ en Transitie."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if pr.kind == ggzBasis || pr.kind == ggzTransitie {
				p.MustBeFilled(h, "0416", "for ", ggzNames[pr.kind])
			}
		})})
	add(&Rule{ID: id("0426"), Records: []string{"04"},
		Doc: `0426: "verplicht vullen bij Basis GGZ, anders niet vullen."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if pr.kind == ggzBasis {
				p.MustBeFilled(h, "0426", "for Basis GGZ")
			} else {
				p.MustBeEmpty(h, "0426", "except for Basis GGZ")
			}
		})})
	add(&Rule{ID: id("0430"), Records: []string{"04"},
		Doc: `0430: "Niet vullen bij DBC, ZZP, OVP en Transitie."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if pr.kind != ggzBasis {
				p.MustBeEmpty(h, "0430", "for ", ggzNames[pr.kind], " (only for Basis GGZ)")
			}
		})})
	add(&Rule{ID: id("0431"), Retourcode: "8125", Records: []string{"04"},
		Doc: `0431: "Verplicht vullen bij een DBC en Basis GGZ."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if pr.kind == ggzDBC || pr.kind == ggzBasis {
				p.MustBeFilled(h, "0431", "for ", ggzNames[pr.kind])
			}
		})})
	add(&Rule{ID: id("0432"), Retourcode: "8652", Records: []string{"04"},
		Doc: `0432: "04 (= uur) vullen bij DBC en als er zorgactiviteiten zijn, anders met '00'."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if v, ok := h.Int("0432"); ok {
				want := int64(0)
				if pr.kind == ggzDBC && pr.has16 {
					want = 4
				}
				if v != want {
					p.Fail(h, "0432", "must be "+pad2(want)+": 04 for a DBC with zorgactiviteiten, 00 otherwise")
				}
			}
		})})
	add(&Rule{ID: id("0433"), Retourcode: "8049", Records: []string{"04"},
		Doc: `0433: "Vullen met aantal tijdseenheden zorgactiviteiten die bij de DBC geregistreerd zijn": the sum of 1614 of the prestatie's zorgactiviteitrecords.`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if v, ok := h.Int("0433"); ok && pr.ok1614 && v != pr.sum1614 {
				p.Fail(h, "0433", "holds "+strconv.FormatInt(v, 10)+"; the zorgactiviteitrecords of the prestatie add up to "+strconv.FormatInt(pr.sum1614, 10))
			}
		})})
	add(&Rule{ID: id("0434"), Retourcode: "8654", Records: []string{"04"},
		Doc: `0434: "01 (= minuut) vullen bij DBC, Basis GGZ en Transitie, anders met '00'."`,
		Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
			if v, ok := h.Int("0434"); ok {
				want := int64(0)
				if pr.kind == ggzDBC || pr.kind == ggzBasis || pr.kind == ggzTransitie {
					want = 1
				}
				if v != want {
					p.Fail(h, "0434", "must be "+pad2(want)+" for "+ggzNames[pr.kind])
				}
			}
		})})
	// 0435-0437: "Verplicht vullen bij DBC, Basis GGZ en Transitie (0437: nul is ook een
	// waarde). Niet vullen bij ZZP en OVP."
	for _, f := range [...]string{"0435", "0436", "0437"} {
		add(&Rule{ID: id(f), Retourcode: "8655", Records: []string{"04"},
			Doc: f + `: "Verplicht vullen bij DBC, Basis GGZ en Transitie. Niet vullen bij ZZP en OVP." (0437: nul is ook een waarde.)`,
			Group: onProduct(func(p *Pass, h *Record, pr ggzProduct) {
				three := pr.kind == ggzDBC || pr.kind == ggzBasis || pr.kind == ggzTransitie
				switch {
				case three && f != "0437":
					p.MustBeFilled(h, f, "for ", ggzNames[pr.kind])
				case !three:
					p.MustBeEmpty(h, f, "for ", ggzNames[pr.kind])
				}
			})})
	}
	add(&Rule{ID: id("1611"), Retourcode: "8621", Records: []string{"16"},
		Doc: `1611: "Waarde is groter of gelijk aan 'Begindatum prestatie'" (1608).`,
		Record: func(p *Pass, rec *Record) {
			if b, ok := rec.Date("1611"); ok {
				if pb, ok := rec.Date("1608"); ok && b.Before(pb) {
					p.Fail(rec, "1611", "lies before the begindatum prestatie (1608)")
				}
			}
		}})
	add(&Rule{ID: id("1612"), Retourcode: "8621", Records: []string{"16"},
		Doc: `1612: "… is kleiner dan of gelijk aan 'Einddatum prestatie'" (0412).`,
		Record: func(p *Pass, rec *Record) {
			if pre := prestatieOf(rec); pre != nil {
				if end, ok := rec.Date("1612"); ok {
					if pe, ok := pre.Date("0412"); ok && end.After(pe) {
						p.Fail(rec, "1612", "lies after the einddatum prestatie (0412)")
					}
				}
			}
		}})
	add(&Rule{ID: id("1617"), Retourcode: "0563", Records: []string{"16"},
		Doc: `1617: "Indien de zorgactiviteit in een andere instelling/praktijk dan de declarerende instelling/praktijk is uitgevoerd …": it differs from the declarant's (0111, 0112).`,
		Record: func(p *Pass, rec *Record) {
			h := rec.Header()
			if h == nil {
				return
			}
			if filled, ok := known(rec, "1617"); ok && filled {
				for _, f := range []string{"0111", "0112"} {
					if hf, ok := known(h, f); ok && hf && h.Value(f) == rec.Value("1617") {
						p.Fail(rec, "1617", "equals the declaring praktijk/instelling ("+f+"): fill it only for another one")
					}
				}
			}
		}})
	// 1711: "verplicht vullen bij Soort behandelaar is Hoofdbehandelaar, anders niet vullen."
	// 1712: "verplicht vullen bij Soort behandelaar is Medebehandelaar, anders niet vullen."
	for _, f := range [...]struct {
		field, retour string
		soort         int64
		who           string
	}{{"1711", "8649", 1, "hoofdbehandelaar"}, {"1712", "8660", 2, "medebehandelaar"}} {
		because := [3]string{"", "for a hoofdbehandelaar (1710 = 01)", "for a medebehandelaar (1710 = 02)"}
		add(&Rule{ID: id(f.field), Retourcode: f.retour, Records: []string{"17"},
			Doc: f.field + `: "verplicht vullen bij Soort behandelaar is ` + f.who + `, anders niet vullen" (1710).`,
			Record: func(p *Pass, rec *Record) {
				switch soort, ok := rec.Int("1710"); {
				case !ok:
				case soort == f.soort:
					p.MustBeFilled(rec, f.field, because[soort])
				case soort == 1 || soort == 2:
					p.MustBeEmpty(rec, f.field, because[soort])
				}
			}})
	}
	// 1713/1714: "groter of gelijk aan 'Begindatum deelprestatie'", "kleiner dan of gelijk
	// aan 'Einddatum deelprestatie'". The tijdsbesteding names no tariefrecord, so it is
	// compared with the span of the prestatie's deelprestaties (the earliest 0616, the
	// latest 0617): the reading that rejects no correct file.
	add(&Rule{ID: id("1713"), Retourcode: "8661", Records: []string{"04"},
		Doc: `1713: "Waarde is groter of gelijk aan 'Begindatum deelprestatie'": not before the earliest begindatum deelprestatie (0616) of the prestatie.`,
		Group: func(p *Pass, g *Group) {
			pr := c.productOf(p, g)
			for i := range g.Len() {
				if rec := g.At(i); pr.okSpan && rec.Code() == "17" {
					if b, ok := rec.Date("1713"); ok && b.Before(pr.begin) {
						p.Fail(rec, "1713", "lies before every begindatum deelprestatie (0616) of the prestatie")
					}
				}
			}
		}})
	add(&Rule{ID: id("1714"), Retourcode: "8661", Records: []string{"04"},
		Doc: `1714: "… kleiner dan of gelijk aan 'Einddatum deelprestatie'": not after the latest einddatum deelprestatie (0617) of the prestatie.`,
		Group: func(p *Pass, g *Group) {
			pr := c.productOf(p, g)
			for i := range g.Len() {
				if rec := g.At(i); pr.okSpan && rec.Code() == "17" {
					if e, ok := rec.Date("1714"); ok && e.After(pr.end) {
						p.Fail(rec, "1714", "lies after every einddatum deelprestatie (0617) of the prestatie")
					}
				}
			}
		}})
	add(&Rule{ID: id("1716"), Retourcode: "8656", Records: []string{"17"},
		Doc: `1716/1717: "een van beide, aantal tijdseenheden direct of indirect, moet gevuld zijn."`,
		Record: func(p *Pass, rec *Record) {
			d, ok1 := known(rec, "1716")
			i, ok2 := known(rec, "1717")
			if ok1 && ok2 && !d && !i {
				p.Fail(rec, "1716", "the aantal tijdseenheden direct (1716) or indirect (1717) must be filled")
			}
		}})
	return rules
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
