package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/civil"
)

// GZ321 (declaratie basis en gespecialiseerde GGZ), from the Constraints/condities column
// of the BER EI195v01_GZ321v1.0. Rule ids are GZ321-<level>-<field>; each comment quotes or
// paraphrases the condition of the field the rule comes from.
func gz321Set() *RuleSet {
	return &RuleSet{Name: "GZ321", Standard: "GZ321", Doc: "The conditions of the BER GZ321 v1.0 (declaratie basis en gespecialiseerde GGZ).",
		Fields: tableFields("GZ321@1.0"), Rules: gz321Rules(gz321Config)}
}

// gz321Config: GZ321's fields of the GGZ conditions it shares with EI181 version 2.
var gz321Config = ggzConfig{key: &ggzStateKey{"GZ321"}, id: "GZ321-N5-", gz321: true, berekend: "0620", declaratie: "0625"}

// gz321Rules are the rules of GZ321: those of its voorlooprecord and prestatierecord, then
// the GGZ rules it shares with EI181 version 2 (ggzRules), then those on the kind of
// product, the zorgactiviteit and the tijdsbesteding. The order is the order they run in.
func gz321Rules(c ggzConfig) []*Rule {
	id := c.ruleID
	var rules []*Rule
	add := func(r *Rule) { rules = append(rules, ggzRule(r)) }
	onProduct := c.onProduct
	add(&Rule{ID: id("0112"), Reads: []string{"0111", "0112"}, Retourcode: "8170", Records: []string{"01"},
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
		add(&Rule{ID: id(f[1]), Reads: []string{f[0], f[1]}, Records: []string{"04"},
			Doc: f[1] + `: "vullen als zorgverlenerscode ... hoofdbehandelaar is gevuld": the beroep is filled when the AGB code (` + f[0] + `) is.`,
			Record: func(p *Pass, rec *Record) {
				if agb, ok := known(rec, f[0]); ok && agb {
					p.MustBeFilled(rec, f[1], "when field ", f[0], " (the hoofdbehandelaar's AGB code) is filled")
				}
			}})
	}
	add(&Rule{ID: id("0421"), Reads: []string{"0420", "0421"}, Retourcode: "8284", Records: []string{"04"},
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
	add(&Rule{ID: id("0411"), Reads: c.productReads("0411"), Retourcode: "8222", Records: []string{"04"},
		Doc: `0411: "Bij Transitie vanwege overgang ELP naar Basis GGZ, wordt 01-01-2014 gevuld": a Transitie (soort 15) begins on 2014-01-01.`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if d, ok := h.Date("0411"); ok && pr.kind == ggzTransitie && d != civil.NewDate(2014, 1, 1) {
				p.Fail(h, "0411", "must be 20140101 for a Transitie (soort 15): the transition from ELP to Basis GGZ is declared from 1 January 2014")
			}
		})})
	rules = append(rules, ggzRules(c)...)
	add(&Rule{ID: id("0416"), Reads: c.productReads("0416"), Records: []string{"04"},
		Doc: `0416: "Verplicht vullen bij Basis GGZ en Transitie."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if pr.kind == ggzBasis || pr.kind == ggzTransitie {
				p.MustBeFilled(h, "0416", "for ", ggzNames[pr.kind])
			}
		})})
	add(&Rule{ID: id("0426"), Reads: c.productReads("0426"), Records: []string{"04"},
		Doc: `0426: "verplicht vullen bij Basis GGZ, anders niet vullen."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if pr.kind == ggzBasis {
				p.MustBeFilled(h, "0426", "for Basis GGZ")
			} else {
				p.MustBeEmpty(h, "0426", "except for Basis GGZ")
			}
		})})
	add(&Rule{ID: id("0430"), Reads: c.productReads("0430"), Records: []string{"04"},
		Doc: `0430: "Niet vullen bij DBC, ZZP, OVP en Transitie."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if pr.kind != ggzBasis {
				p.MustBeEmpty(h, "0430", "for ", ggzNames[pr.kind], " (only for Basis GGZ)")
			}
		})})
	add(&Rule{ID: id("0431"), Reads: c.productReads("0431"), Retourcode: "8125", Records: []string{"04"},
		Doc: `0431: "Verplicht vullen bij een DBC en Basis GGZ."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if pr.kind == ggzDBC || pr.kind == ggzBasis {
				p.MustBeFilled(h, "0431", "for ", ggzNames[pr.kind])
			}
		})})
	add(&Rule{ID: id("0432"), Reads: c.productReads("0432"), Retourcode: "8652", Records: []string{"04"},
		Doc: `0432: "04 (= uur) vullen bij DBC en als er zorgactiviteiten zijn, anders met '00'."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
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
	add(&Rule{ID: id("0433"), Reads: c.productReads("0433"), Retourcode: "8049", Records: []string{"04"},
		Doc: `0433: "Vullen met aantal tijdseenheden zorgactiviteiten die bij de DBC geregistreerd zijn": the sum of 1614 of the prestatie's zorgactiviteitrecords.`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
			if v, ok := h.Int("0433"); ok && pr.ok1614 && v != pr.sum1614 {
				p.Fail(h, "0433", "holds "+strconv.FormatInt(v, 10)+"; the zorgactiviteitrecords of the prestatie add up to "+strconv.FormatInt(pr.sum1614, 10))
			}
		})})
	add(&Rule{ID: id("0434"), Reads: c.productReads("0434"), Retourcode: "8654", Records: []string{"04"},
		Doc: `0434: "01 (= minuut) vullen bij DBC, Basis GGZ en Transitie, anders met '00'."`,
		part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
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
		add(&Rule{ID: id(f), Reads: c.productReads(f), Retourcode: "8655", Records: []string{"04"},
			Doc: f + `: "Verplicht vullen bij DBC, Basis GGZ en Transitie. Niet vullen bij ZZP en OVP." (0437: nul is ook een waarde.)`,
			part: onProduct(func(p *Pass, h *Record, pr *ggzProduct) {
				three := pr.kind == ggzDBC || pr.kind == ggzBasis || pr.kind == ggzTransitie
				switch {
				case three && f != "0437":
					p.MustBeFilled(h, f, "for ", ggzNames[pr.kind])
				case !three:
					p.MustBeEmpty(h, f, "for ", ggzNames[pr.kind])
				}
			})})
	}
	add(&Rule{ID: id("1611"), Reads: []string{"1611", "1608"}, Retourcode: "8621", Records: []string{"16"},
		Doc: `1611: "Waarde is groter of gelijk aan 'Begindatum prestatie'" (1608).`,
		Record: func(p *Pass, rec *Record) {
			if b, ok := rec.Date("1611"); ok {
				if pb, ok := rec.Date("1608"); ok && b.Before(pb) {
					p.Fail(rec, "1611", "lies before the begindatum prestatie (1608)")
				}
			}
		}})
	add(&Rule{ID: id("1612"), Reads: []string{"1612", "0412"}, Retourcode: "8621", Records: []string{"16"},
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
	add(&Rule{ID: id("1617"), Reads: []string{"1617", "0111", "0112"}, Retourcode: "0563", Records: []string{"16"},
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
		add(&Rule{ID: id(f.field), Reads: []string{f.field, "1710"}, Retourcode: f.retour, Records: []string{"17"},
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
	add(&Rule{ID: id("1713"), Reads: c.productReads("1713"), Retourcode: "8661", Records: []string{"04"},
		Doc: `1713: "Waarde is groter of gelijk aan 'Begindatum deelprestatie'": not before the earliest begindatum deelprestatie (0616) of the prestatie.`,
		part: c.onAnyProduct(func(p *Pass, g *Group, pr *ggzProduct) {
			if !pr.okSpan {
				return
			}
			for i := range g.Len() {
				if rec := g.At(i); rec.Code() == "17" {
					if b, ok := rec.Date("1713"); ok && b.Before(pr.begin) {
						p.Fail(rec, "1713", "lies before every begindatum deelprestatie (0616) of the prestatie")
					}
				}
			}
		})})
	add(&Rule{ID: id("1714"), Reads: c.productReads("1714"), Retourcode: "8661", Records: []string{"04"},
		Doc: `1714: "… kleiner dan of gelijk aan 'Einddatum deelprestatie'": not after the latest einddatum deelprestatie (0617) of the prestatie.`,
		part: c.onAnyProduct(func(p *Pass, g *Group, pr *ggzProduct) {
			if !pr.okSpan {
				return
			}
			for i := range g.Len() {
				if rec := g.At(i); rec.Code() == "17" {
					if e, ok := rec.Date("1714"); ok && e.After(pr.end) {
						p.Fail(rec, "1714", "lies after every einddatum deelprestatie (0617) of the prestatie")
					}
				}
			}
		})})
	add(&Rule{ID: id("1716"), Reads: []string{"1716", "1717"}, Retourcode: "8656", Records: []string{"17"},
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
