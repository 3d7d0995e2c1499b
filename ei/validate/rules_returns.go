package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// returnSets: the return part of the official return standards (MZ302 1.3, AP305 7.2,
// EP302 1.2). Their declared part runs the declaration's rules (RuleSet.Standard).
func returnSets() []*RuleSet {
	var out []*RuleSet
	// table is the conditions table whose narrowing of the fields (0106; AP305 0481, 0482)
	// the set carries: that of the one version of the standard the module has.
	for _, ret := range [...]struct{ code, table string }{{"MZ302", "MZ302@1.3"}, {"AP305", "AP305@7.2"}, {"EP302", "EP302@1.2"}} {
		code := ret.code
		s := &RuleSet{Name: code, Standard: code, Doc: "The conditions of the return part of " + code + " (referentienummer zorgverzekeraar, berekend and toegekend bedrag).",
			Fields: tableFields(ret.table),
			Rules: []*Rule{
				{ID: code + "-N5-0181", Reads: []string{"0181", "9909"}, Level: N5, Err: ErrRelation, Records: []string{record.CodeSluit},
					Doc: `0181 REFERENTIENUMMER ZORGVERZEKERAAR: "in geval van een volledig afgekeurd (declaratie)bestand kan de zorgverzekeraar dit veld leeg laten": ` +
						`filled when something is allowed (9909 TOTAAL TOEGEKEND BEDRAG is not zero), as the file is then not wholly rejected.`,
					Record: func(p *Pass, rec *Record) {
						h := p.Header()
						if h == nil || !h.Known("0181") || h.Filled("0181") {
							return
						}
						if n, ok := rec.Int("9909"); ok && n != 0 {
							p.Fail(h, "0181", "must be filled: the file is not wholly rejected (the sluitrecord allows "+strconv.FormatInt(n, 10)+" cents)")
						}
					}},
			}}
		out = append(out, s)
	}
	return out
}
