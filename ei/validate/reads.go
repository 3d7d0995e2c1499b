package validate

import (
	"errors"
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ErrMissingField is wrapped by the error about a rule that reads a field (Rule.Reads) the
// standard's layout lacks.
var ErrMissingField = errors.New("the standard's layout lacks a field the rule reads")

// MissingFields returns, joined, an error for every field that a rule of rules reads
// (Rule.Reads) and std's layout lacks: a field number whose record type (its first two
// digits) std does not have, or whose record has no such field. nil when every field is
// there.
func MissingFields(std *record.Standard, rules []*Rule) error {
	var errs []error
	for _, r := range rules {
		if r == nil {
			continue
		}
		for _, n := range r.Reads {
			var l *record.Layout
			if len(n) == 4 {
				l = std.Layout(n[:2])
			}
			switch {
			case l == nil:
				errs = append(errs, fmt.Errorf("validate: rule %s: %w: %s has no record for field %q", r.ID, ErrMissingField, std.ID(), n))
			case l.Field(n) == nil:
				errs = append(errs, fmt.Errorf("validate: rule %s: %w: record %s of %s has no field %s", r.ID, ErrMissingField, l.Code(), std.ID(), n))
			}
		}
	}
	return errors.Join(errs...)
}
