package qve301

import (
	"context"
	"io"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/ledger"
)

// CheckOptions steer Check.
type CheckOptions struct {
	// Validate are the validator's options (Today, StrictUZOVI, ...). Registry and
	// RuleSets are set to the Q ones.
	Validate validate.Options
	// Rules steer the Q rule set; Rules.History is set from the ledger.
	Rules q.RuleOptions
}

// Check checks a QVE301 file with the one Q rule set that zorgcheck q validate, q plan
// and q apply share: the layout's checks (N1-N5), the rules of the invulinstructie and,
// when l is not nil, the rules against what the ledger holds: a credit's debit delivered
// before (2.3.21), an identificatie prestatierecord reused while its record stays active
// (2.3.7). d is the delivery read from the file (Read), or nil when the file could not be
// read as one: the rules then check it on its own and say what is wrong with it. data is
// the file's text.
func Check(ctx context.Context, l *ledger.Ledger, d *ledger.Delivery, data io.Reader, opts CheckOptions) (*validate.Report, error) {
	ro := opts.Rules
	if d != nil && ro.Records == 0 {
		ro.Records = d.Count
	}
	if l != nil && d != nil {
		h, err := History(ctx, l, d)
		if err != nil {
			return nil, err
		}
		ro.History = h
	}
	vo := opts.Validate
	vo.Registry = q.Registry()
	vo.RuleSets = []*validate.RuleSet{q.RuleSet(ro)}
	return validate.File(ctx, data, vo)
}
