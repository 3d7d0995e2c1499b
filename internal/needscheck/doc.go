// Command needscheck is a step of `go generate ./...` (q/standards/doc.go runs it after
// the last generated standard): it loads every generated standard (EI and Q) and every
// built-in rule set — the validator's own, Q's, the VE303 filling rules of every scenario
// and the insurer's checks — and fails, naming the rule, the standard, the record and the
// role or field, when a rule reads a field role (validate.Rule.Needs) or a field
// (Rule.Reads) that a standard it applies to lacks. validate.Rules refuses such a rule
// when it is selected (validate.ErrMissingRole, ErrMissingField); this step refuses it
// when the code is generated, before a program meets it.
package main
