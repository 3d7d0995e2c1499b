package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz302v13"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The generate step passes on the module as it is.
func TestBuiltinRulesPass(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "every rule finds the roles and fields it reads") {
		t.Errorf("output %q", out.String())
	}
}

// A rule that reads a role a standard it applies to lacks fails the step, with the
// standard, the set, the rule, the record and the role in the message; the same rule on a
// standard that has the role passes.
func TestRuleWithMissingNeedFails(t *testing.T) {
	set := &validate.RuleSet{Name: "acme", Standard: "MZ301,MZ302", Rules: []*validate.Rule{{
		ID: "ACME-TOEGEKEND", Records: []string{"04"}, Level: validate.N5,
		Needs:  []validate.RoleNeed{{Record: "04", Role: record.RoleAllowed}}, // only a return has a toegekend bedrag
		Record: func(*validate.Pass, *validate.Record) {},
	}}}
	err := check([]*record.Standard{mz302v13.Standard(), mz301v13.Standard()}, []*validate.RuleSet{set})
	if !errors.Is(err, validate.ErrMissingRole) {
		t.Fatalf("got %v, want ErrMissingRole", err)
	}
	want := "MZ301@1.3: rule set acme: validate: rule ACME-TOEGEKEND: the standard's layout lacks a role the rule reads: record 04 of MZ301@1.3 has no field of role allowed"
	if err.Error() != want {
		t.Errorf("got  %q\nwant %q", err, want)
	}
	if err := check([]*record.Standard{mz302v13.Standard()}, []*validate.RuleSet{set}); err != nil {
		t.Errorf("MZ302 has the role: %v", err)
	}
}
