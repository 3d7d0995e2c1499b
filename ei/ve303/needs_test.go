package ve303_test

import (
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve304v42"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
)

// The VE303 rules find the roles they read in VE303 and in its return VE304, in every scenario.
func TestRulesFindTheirRoles(t *testing.T) {
	for _, name := range []string{"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C"} {
		s, err := ve303.ParseScenario(name)
		if err != nil {
			t.Fatal(err)
		}
		set, err := ve303.RuleSet(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, std := range []*record.Standard{ve303v42.Standard(), ve304v42.Standard()} {
			if _, err := validate.Rules(std, validate.Options{RuleSets: []*validate.RuleSet{set}}); err != nil {
				t.Errorf("%v %s: %v", s, std.ID(), err)
			}
		}
	}
}
