package validate

import (
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/uzovi"
)

// registerSet checks the fields that hold a UZOVI-nummer (data element COD061: 0108, 0204,
// 0404 and their like) against the module's copy of the UZOVI register, which cov shares.
func registerSet() *RuleSet {
	return &RuleSet{Name: "register", Doc: "Numbers checked against the Vektis registers the module has a copy of.", Rules: []*Rule{{
		ID:    "N4-UZOVI",
		Level: N4,
		Err:   ErrValue,
		Doc: "A UZOVI-nummer (element COD061) is in the UZOVI register (the module's copy of " + uzovi.Date +
			"). An unknown number is a warning, an error with Options.StrictUZOVI (zorgcheck validate -strict-uzovi).",
		NewState: newUZOVIState,
		Record:   checkUZOVI,
	}}}
}

type uzoviState struct {
	reg    map[int]uzovi.Entry
	fields map[*layoutPlan][]int // per layout, the indexes of its UZOVI fields
}

func newUZOVIState() any {
	reg, _ := uzovi.Register() // the register is part of the module; a test checks it parses
	return &uzoviState{reg: reg, fields: map[*layoutPlan][]int{}}
}

func checkUZOVI(p *Pass, rec *Record) {
	st := p.State().(*uzoviState)
	if st.reg == nil || rec.lp == nil {
		return
	}
	idx, ok := st.fields[rec.lp]
	if !ok {
		for i := range rec.lp.fields {
			f := rec.lp.fields[i].f
			if f.Type == record.Numeric && strings.HasPrefix(f.Element, "COD061") {
				idx = append(idx, i)
			}
		}
		st.fields[rec.lp] = idx
	}
	for _, i := range idx {
		v := rec.raw(i)
		n, err := strconv.Atoi(v)
		if err != nil || n == 0 {
			continue // not digits (N3) or not filled (obligations)
		}
		if _, known := st.reg[n]; known {
			continue
		}
		f := Finding{Field: rec.lp.fields[i].f.Number,
			Message: "UZOVI-nummer " + v + " is not in the UZOVI register (the module's copy of " + uzovi.Date + ")"}
		if !p.e.opts.StrictUZOVI {
			f.Severity = Warning
		}
		p.Report(rec, f)
	}
}
