package validate

import (
	"strconv"
	"strings"

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
		idle:     func(lp *layoutPlan) bool { return len(lp.uzovi) == 0 },
	}}}
}

type uzoviState struct {
	known int // the last number found in the register (a file repeats one or a few), 0 for none
	// knownText is that number as it was in the file (a copy): the same text is the same
	// number, found, without reading it again.
	knownText string
}

func newUZOVIState() any { return &uzoviState{} }

func checkUZOVI(p *Pass, rec *Record) {
	st := p.State().(*uzoviState)
	if rec.lp == nil {
		return
	}
	for _, i := range rec.lp.uzovi { // the N fields of element COD061 (plan.go)
		v := rec.raw(i)
		if v == st.knownText && v != "" {
			continue
		}
		var n int
		var err error
		if isDigits(v) && len(v) <= 18 {
			n = int(digitsValue(v))
		} else {
			n, err = strconv.Atoi(v)
		}
		if err != nil || n == 0 {
			continue // not digits (N3) or not filled (obligations)
		}
		if n == st.known {
			continue
		}
		_, known, err := uzovi.Lookup(n)
		if err != nil {
			return // the module's copy of the register does not parse (a test checks it does)
		}
		if known {
			st.known, st.knownText = n, strings.Clone(v)
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
