package main

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
)

// registry returns the one registry every command uses: every standard the module knows,
// the EI standards (ei/standards) and the Q standards (q.Standards: QVE301, QVE302), so
// that describe, rules, dump, validate, report, retour and outcome know them all.
func registry() *ei.Registry {
	r, err := ei.NewRegistry(append(standards.All(), q.Standards()...)...)
	if err != nil {
		// The two lists are generated from checked spec files; a clash is a defect of
		// the module, found by TestRegistryKnowsEveryStandard.
		panic(fmt.Sprintf("zorgcheck: the EI and Q standards clash: %v", err))
	}
	return r
}

// ruleSets returns the rule sets beyond the validator's built-in ones that the CLI runs:
// the Q rules, which apply to QVE301 files only.
func ruleSets() []*validate.RuleSet {
	return []*validate.RuleSet{q.RuleSet(q.RuleOptions{})}
}
