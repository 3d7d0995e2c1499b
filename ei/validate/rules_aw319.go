package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// AW319 (declaratie Wlz, WV, ELV en ZG): the BER's regular expressions carry most of its
// value restrictions (they are in the spec file); these are the conditions beyond them
// that can be checked from the file alone.

// aw319v14Set: the conditions of the BER AW319 v1.4 (declaratie Wlz, WV, ELV en ZG) that its
// regular expressions do not carry.
func aw319v14Set() *RuleSet {
	const id = "AW319-N5-"
	return &RuleSet{Name: "AW319@1.4", Standard: "AW319@1.4", Doc: "The conditions of the BER AW319 v1.4 (AW319v1.4_BERu7) beyond its regular expressions.",
		Rules: []*Rule{
			// A restriction of the dates the field may hold, of no other field: N4 (LEVELS.md).
			{ID: "AW319-N4-0414", Reads: []string{"0414"}, Level: N4, Err: ErrValue, Retourcode: "8222", Records: []string{record.CodePrestatie},
				Doc: `0414 BEGINDATUM PRESTATIE: "vullen met een datum, die na 31-12-2012 en niet in de toekomst ligt".`,
				Record: func(p *Pass, rec *Record) {
					if d, ok := rec.Date("0414"); ok && !d.After(civil.NewDate(2012, 12, 31)) {
						p.Fail(rec, "0414", "must lie after 2012-12-31")
					}
				}},
			n5Rule(id+"0410", "", []string{record.CodePrestatie}, []string{"0410", "0411"},
				`0410/0411: "Indien Wlz-aanspraak en indicatiebesluit aanwezig is, dan verplicht vullen. Anders 9 nullen vullen": the aanvraagnummer and the besluitnummer are filled together.`,
				func(p *Pass, rec *Record) {
					a, ok1 := known(rec, "0410")
					b, ok2 := known(rec, "0411")
					if ok1 && ok2 && a != b {
						if b {
							p.MustBeFilled(rec, "0410", "when the indicatiebesluitnummer (0411) is: both are filled when there is an indicatiebesluit")
						} else {
							p.MustBeEmpty(rec, "0410", "when the indicatiebesluitnummer (0411) is not: both are filled only when there is an indicatiebesluit")
						}
					}
				}),
			n5Rule(id+"0412", "", []string{record.CodePrestatie}, []string{"0411", "0412", "0413"},
				`0412/0413: "Indien Wlz-aanspraak en indicatiebesluit aanwezig is, dan 0412 FUNCTIECODE en/of 0413 ZORGZWAARTEPAKKETCODE vullen. Anders 00 (000) vullen": `+
					`with an indicatiebesluit (0411 filled) one of them is filled, without one neither.`,
				func(p *Pass, rec *Record) {
					besluit, ok := known(rec, "0411")
					f, ok1 := known(rec, "0412")
					z, ok2 := known(rec, "0413")
					switch {
					case !ok || !ok1 || !ok2:
					case besluit && !f && !z:
						p.Fail(rec, "0412", "the functiecode (0412) or the zorgzwaartepakketcode (0413) must be filled when there is an indicatiebesluit (0411 is filled)")
					case !besluit && f:
						p.MustBeEmpty(rec, "0412", "without an indicatiebesluit (0411 is not filled)")
					case !besluit && z:
						p.MustBeEmpty(rec, "0413", "without an indicatiebesluit (0411 is not filled)")
					}
				}),
		}}
}
