package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei/insurer"
	"github.com/zorgbericht/zorgbericht/ei/record"
	eistandards "github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
	"github.com/zorgbericht/zorgbericht/q"
	qstandards "github.com/zorgbericht/zorgbericht/q/standards"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "needscheck:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	stds := append(eistandards.Registry().All(), qstandards.Registry().All()...)
	sets, err := builtinSets()
	if err != nil {
		return err
	}
	if err := check(stds, sets); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "needscheck: every rule finds the roles and fields it reads in %d standards (%d rule sets beside the built-in rules)\n", len(stds), len(sets))
	return err
}

// builtinSets returns the module's rule sets beside the validator's own built-in rules.
func builtinSets() ([]*validate.RuleSet, error) {
	sets := []*validate.RuleSet{q.RuleSet(q.RuleOptions{}), insurer.New(context.Background(), insurer.Config{}).RuleSet()}
	for _, flow := range []ve303.Flow{ve303.ZAtoZV, ve303.ZAtoSB, ve303.SBtoZV} {
		for _, setting := range []ve303.Setting{ve303.Praktijk, ve303.Instelling, ve303.Vervoer} {
			set, err := ve303.RuleSet(ve303.Scenario{Flow: flow, Setting: setting})
			if err != nil {
				return nil, err
			}
			sets = append(sets, set)
		}
	}
	return sets, nil
}

// check selects, for every standard of stds, the built-in rules and those of each set
// that apply to it (one set at a time: sets may share rule ids), and returns every rule
// whose Needs the standard's layout does not meet, joined; the same message once (the
// VE303 sets of the nine scenarios share their rules).
func check(stds []*record.Standard, sets []*validate.RuleSet) error {
	var errs []error
	seen := map[string]bool{}
	add := func(err error) {
		if !seen[err.Error()] {
			seen[err.Error()] = true
			errs = append(errs, err)
		}
	}
	for _, std := range stds {
		if _, err := validate.Rules(std, validate.Options{}); err != nil {
			add(fmt.Errorf("%s: built-in rules: %w", std.ID(), err))
		}
		for _, set := range sets {
			if _, err := validate.Rules(std, validate.Options{RuleSets: []*validate.RuleSet{set}}); err != nil {
				add(fmt.Errorf("%s: rule set %s: %w", std.ID(), set.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}
