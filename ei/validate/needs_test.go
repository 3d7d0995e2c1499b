package validate_test

import (
	"errors"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	qstandards "github.com/zorgbericht/zorgbericht/q/standards"
)

// Every rule the validator selects for a standard of the module finds the roles it reads
// (Rule.Needs) in that standard's layout.
func TestBuiltinRulesFindTheirRoles(t *testing.T) {
	stds := append(standards.Registry().All(), qstandards.Registry().All()...)
	for _, std := range stds {
		if _, err := validate.Rules(std, validate.Options{}); err != nil {
			t.Errorf("%s: %v", std.ID(), err)
		}
	}
}

// A rule that reads a role the layout lacks is refused when it is selected, with the rule,
// the record and the role in the message.
func TestRuleNeedingMissingRole(t *testing.T) {
	std := mz301v13.Standard()
	needs := &validate.Rule{ID: "ACME-TOEGEKEND", Records: []string{"04"},
		Needs:  []validate.RoleNeed{{Record: "04", Role: record.RoleAllowed}}, // a declaration has no toegekend bedrag
		Record: func(*validate.Pass, *validate.Record) {}}
	_, err := validate.Rules(std, validate.Options{Rules: []*validate.Rule{needs}})
	if !errors.Is(err, validate.ErrMissingRole) {
		t.Fatalf("got %v, want ErrMissingRole", err)
	}
	want := "validate: rule ACME-TOEGEKEND: the standard's layout lacks a role the rule reads: record 04 of MZ301@1.3 has no field of role allowed"
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err, want)
	}
	noRecord := &validate.Rule{ID: "ACME-TARIEF", Needs: []validate.RoleNeed{{Record: "06", Role: record.RoleDeclared}},
		Record: func(*validate.Pass, *validate.Record) {}}
	if err := validate.MissingRoles(std, []*validate.Rule{noRecord}); !errors.Is(err, validate.ErrMissingRole) {
		t.Errorf("a record type the standard lacks: got %v", err)
	}
	met := &validate.Rule{ID: "ACME-DECLARED", Needs: []validate.RoleNeed{{Record: "04", Role: record.RoleDeclared}, {Record: "99", Role: record.RoleTotalDeclared}},
		Record: func(*validate.Pass, *validate.Record) {}}
	if err := validate.MissingRoles(std, []*validate.Rule{met}); err != nil {
		t.Errorf("needs MZ301 meets: %v", err)
	}
}
