package validate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Rule is one check of a file: a value with an id, a doc string, the level, severity and
// return code of what it finds, and the functions the validator runs as the file streams
// by (in the manner of golang.org/x/tools/go/analysis). Every check the validator makes,
// built in or of one's own, is a Rule; Options.Disable switches one off by its id and
// Options.Warn makes its findings warnings.
//
// A rule has up to three hooks, each optional:
//   - Record is called for every record of the types in Records (all when Records is
//     empty), in file order, after the checks of its fields;
//   - Group is called when a group has been read to its end: a prestatie (04) with the
//     records under it, a verzekerde (02) with its debiteur, prestaties, their details and
//     comments. Records names the head types whose groups it sees (04, 02; all when empty);
//   - End is called at the end of the file.
//
// Hooks report through the Pass. A Rule value holds no state of a file: a rule that
// needs some (counts over the file) sets NewState and finds its value in Pass.State,
// new for every file. Rules are shared between validations; treat them as read-only.
type Rule struct {
	// ID names the rule in findings (Finding.Rule) and in Options.Disable and Warn:
	// "N5-PARENT", "GZ321-N5-0417", "ACME-MACHTIGING". Unique among the rules that run.
	ID string
	// Doc says what the rule checks, in a sentence or two, citing the BER (or whatever
	// the rule comes from). `zorgcheck rules` lists it.
	Doc string
	// Level is the RBC level of the findings; the zero value means N6 (the receiver's own
	// rules). A rule whose level Options.Levels leaves out is not run.
	Level Level
	// Severity of the findings: Error (the zero value) or Warning.
	Severity Severity
	// Retourcode is the COD954 return code of the findings; "" means the field's own
	// return code (0001 only on the file, its 01 or 99; see Pass.Report). A finding may give its own.
	Retourcode string
	// Err is the sentinel the findings wrap; nil means ErrCustom.
	Err error
	// Records are the record types the rule is about ("04", "06"): the Record hook sees
	// only these, the Group hook only groups headed by them. Empty means all.
	Records []string
	// Needs are the field roles the rule reads ({Record: "04", Role: record.RoleDeclared}):
	// a rule selected for a standard whose layout lacks one of them cannot do its work.
	// Rules (and the tests over every standard of the module) refuse that: ErrMissingRole.
	Needs []RoleNeed
	// Reads are the fields the rule reads by number ("0410", "0611"): a rule selected for a
	// standard whose layout lacks one of them reads nothing there. Rules refuses that, as
	// it refuses a missing role: ErrMissingField.
	Reads []string

	// Record checks one record. It sees every record whose type is known, the file's 01
	// voorlooprecord once (a second 01 out of place is an N2 finding, not passed on) and
	// records of an unknown kenmerk whose content fits a record type (as that type).
	Record func(p *Pass, rec *Record)
	// Group checks a group read to its end (see Group), after the Record hooks of its
	// records and before those of the record that closes it (the next 04, 02 or 99).
	Group func(p *Pass, g *Group)
	// End runs at the end of the file, after every group has closed.
	End func(p *Pass)
	// NewState, when set, returns the rule's state for one file (Pass.State).
	NewState func() any
	// RecordLocal says that what the Record hook reports about a record depends only on
	// the record, the records above it (Record.Parent), the voorlooprecord (Pass.Header),
	// the standard, today and the options: its State, when it has one, is a cache and
	// nothing else. Parallel validation (Options.Workers) then runs the hook on the
	// workers, ahead of the file-order pass, for the records whose parents a worker has
	// seen, and passes its findings on in their place: the findings and their order stay
	// those of a serial run. The End hook is not affected; the Group hook only by
	// GroupLocal. Neither may read what a RecordLocal Record hook keeps.
	RecordLocal bool
	// GroupLocal says the same of the Group hook: what it reports about a group depends
	// only on the group (its head, its records and the records above them), the
	// voorlooprecord, the standard, today and the options; its State, or the state its
	// set shares, is a cache and nothing else. Parallel validation then runs the hook on
	// the workers for the groups that lie wholly in one worker's part of the file, and
	// passes its findings on in their place, in the order of a serial run.
	GroupLocal bool

	// engine: the check is made by the validator itself (the file and field checks of
	// N1 to N4 that the layouts drive); the rule has no hooks and is listed, disabled and
	// made a warning like any other.
	engine bool
	// idle, when set, reports that the Record hook does nothing on the records of a
	// layout (it has none of the fields the hook reads): the engine leaves the hook out
	// of that record type's hooks instead of calling it on every record.
	idle func(lp *layoutPlan) bool
	// groupIdle, when set, reports that the Group hook does nothing on the groups headed by
	// records of type head ("02", "04"): the engine leaves it out of that kind of group
	// (and, when no other rule has a Group hook on it, does not collect such groups).
	groupIdle func(head string) bool
	// batch, when set, is the batch the rule's Record or Group hook runs in (run.go):
	// rules whose hooks read the same things first run in a row with one call, which reads
	// those things once and runs part, the rule's own check, for each. The hook runs the
	// same check alone; the batch is only how the dispatch runs it.
	batch *batch
	part  any
}

// BuiltIn reports whether the check is made by the validator itself (the N1-N4 checks
// the layout drives) rather than by the rule's hooks.
func (r *Rule) BuiltIn() bool { return r.engine }

// public returns a copy of r to hand out (RuleSets, Rules): without its batch, so that a
// copy whose hooks the caller changes runs those hooks, not the built-in rule's part.
func (r *Rule) public() *Rule {
	c := *r
	c.batch, c.part = nil, nil
	return &c
}

func (r *Rule) level() Level {
	if r.Level == 0 {
		return N6
	}
	return r.Level
}

func (r *Rule) about(code string) bool {
	if len(r.Records) == 0 {
		return true
	}
	for _, c := range r.Records {
		if c == code {
			return true
		}
	}
	return false
}

// RuleSet is a group of rules that applies to some standards: the built-in rules of a
// standard, a Q standard's, an insurer's own. Options.RuleSets adds sets to the built-in
// ones (RuleSets).
type RuleSet struct {
	// Name of the set, for listings: "GZ321", "common", "acme".
	Name string
	// Standard says which standards the set applies to: "" every standard, a code
	// ("MZ301") every version of it, an ID ("MZ301@1.3") one version. Several are
	// separated by commas. A return standard (record.Standard.Answers) also runs the sets
	// of the declaration it answers (same version) on its records, before its own: the
	// fields it repeats from the declaration have the declaration's numbers.
	Standard string
	// Doc describes the set.
	Doc string
	// Rules of the set, run in this order.
	Rules []*Rule
	// Fields narrow the validator's own field checks (N3, N4) for fields of the standard,
	// by field number ("0408"): values the BER's constraint text allows, conditional
	// fields that are required, zero as a value. Their findings are those of the engine
	// rules N4-ALLOWED, N3-REQUIRED and N4-FUTURE.
	Fields map[string]FieldRule
}

// FieldRule narrows the checks of one field; see RuleSet.Fields.
type FieldRule struct {
	// Allowed are the values allowed, separated by spaces ("050 063"); "-" stands for an
	// empty AN field. An N field's values compare without leading zeros.
	Allowed string
	// Why says where the restriction comes from, for the finding's message.
	Why string
	// Required, when not "", makes a conditional field required, for this reason.
	Required string
	// ZeroOK: zero is a value of this mandatory N field, not "not filled".
	ZeroOK bool
	// NotFuture: the date may not lie after today.
	NotFuture bool
}

// Applies reports whether the set is for std (and not only for the declaration a return
// standard answers).
func (s *RuleSet) Applies(std *record.Standard) bool {
	return matchStandard(s.Standard, std.Code(), std.ID())
}

// appliesAsDeclaration reports whether the set is for the declaration return standard std
// answers.
func (s *RuleSet) appliesAsDeclaration(std *record.Standard) bool {
	if std.Answers() == "" || s.Standard == "" {
		return false
	}
	return matchStandard(s.Standard, std.Answers(), std.Answers()+"@"+std.VersionString())
}

func matchStandard(sel, code, id string) bool {
	if sel == "" {
		return true
	}
	for part := range strings.SplitSeq(sel, ",") {
		if part = strings.TrimSpace(part); part == code || part == id {
			return true
		}
	}
	return false
}

// RuleSets returns the built-in rule sets: the validator's own checks (set "rbc": the N1
// to N4 checks the layouts drive, with no hooks), the relations every standard shares
// ("common"), and each standard's conditions from its BER. The values (sets, rules,
// field rules) are new for every call: changing them changes nothing else.
func RuleSets() []*RuleSet {
	sets := builtinSets()
	out := make([]*RuleSet, len(sets))
	for i, s := range sets {
		c := *s
		c.Rules = make([]*Rule, len(s.Rules))
		for j, r := range s.Rules {
			c.Rules[j] = r.public()
		}
		if s.Fields != nil {
			c.Fields = make(map[string]FieldRule, len(s.Fields))
			for k, v := range s.Fields {
				c.Fields[k] = v
			}
		}
		out[i] = &c
	}
	return out
}

// Rules returns the rules that run on files of std with opts: the built-in ones and those
// of opts.RuleSets and opts.Rules that apply, in the order they run, disabled rules and
// rules of levels opts.Levels leaves out left out. They are copies; the severity of a
// rule made a warning by opts.Warn is Warning. A nil std gives the rules of every standard.
func Rules(std *record.Standard, opts Options) ([]*Rule, error) {
	if err := checkRuleIDs(opts); err != nil {
		return nil, err
	}
	sel := selectRules(std, &opts)
	if std != nil {
		if err := errors.Join(MissingRoles(std, sel.rules), MissingFields(std, sel.rules)); err != nil {
			return nil, err
		}
	}
	out := make([]*Rule, 0, len(sel.rules))
	for _, r := range sel.rules {
		if !opts.Levels.Has(r.level()) {
			continue
		}
		c := r.public()
		if sel.warn[r.ID] {
			c.Severity = Warning
		}
		out = append(out, c)
	}
	return out, nil
}

// RoleNeed is a field role a rule reads in a record type (Rule.Needs).
type RoleNeed struct {
	Record string      // record type: "04"
	Role   record.Role // e.g. record.RoleDeclared
}

// ErrMissingRole is wrapped by the error about a rule whose Needs the standard's layout
// lacks.
var ErrMissingRole = errors.New("the standard's layout lacks a role the rule reads")

// MissingRoles returns, joined, an error for every role that a rule of rules reads
// (Rule.Needs) and std's layout lacks: a record type it does not have, or one without a
// field of the role. nil when every need is met.
func MissingRoles(std *record.Standard, rules []*Rule) error {
	var errs []error
	for _, r := range rules {
		if r == nil {
			continue
		}
		for _, n := range r.Needs {
			l := std.Layout(n.Record)
			switch {
			case l == nil:
				errs = append(errs, fmt.Errorf("validate: rule %s: %w: %s has no record %s (role %s)", r.ID, ErrMissingRole, std.ID(), n.Record, n.Role))
			case l.Role(n.Role) == nil:
				errs = append(errs, fmt.Errorf("validate: rule %s: %w: record %s of %s has no field of role %s", r.ID, ErrMissingRole, n.Record, std.ID(), n.Role))
			}
		}
	}
	return errors.Join(errs...)
}

// Errors about the rules Options name.
var (
	ErrUnknownRule   = errors.New("no such rule")       // an id in Options.Disable or Warn
	ErrDuplicateRule = errors.New("rule id used twice") // a rule of Options with the id of another
)

// checkRuleIDs reports ids in opts.Disable and opts.Warn that no rule has, and rules of
// opts without an id or with the id of another rule.
func checkRuleIDs(opts Options) error {
	known := map[string]bool{}
	var errs []error
	add := func(set string, rules []*Rule, own bool) {
		for _, r := range rules {
			switch {
			case r == nil:
				errs = append(errs, fmt.Errorf("validate: rule set %q holds a nil rule", set))
			case r.ID == "":
				errs = append(errs, fmt.Errorf("validate: rule set %q: a rule has no ID", set))
			case own && known[r.ID]:
				errs = append(errs, fmt.Errorf("validate: rule set %q: %w: %q", set, ErrDuplicateRule, r.ID))
			default:
				known[r.ID] = true
			}
		}
	}
	for _, s := range builtinSets() {
		add(s.Name, s.Rules, false)
	}
	for _, s := range opts.RuleSets {
		if s != nil {
			add(s.Name, s.Rules, true)
		}
	}
	add("Options.Rules", opts.Rules, true)
	for _, list := range []struct {
		name string
		ids  []string
	}{{"Disable", opts.Disable}, {"Warn", opts.Warn}} {
		for _, id := range list.ids {
			if !known[id] {
				errs = append(errs, fmt.Errorf("validate: Options.%s: %w %q", list.name, ErrUnknownRule, id))
			}
		}
	}
	return errors.Join(errs...)
}

// selection is what runs on the files of one standard.
type selection struct {
	rules  []*Rule
	fields map[string]FieldRule
	off    map[string]bool
	warn   map[string]bool
	// ownFields: a rule set of the options narrows field checks (RuleSet.Fields), so the
	// fields are not those of the built-in sets alone (planFor).
	ownFields bool
}

// selectRules collects the rule sets that apply to std in the order they run: the
// built-in ones (for a return standard its declaration's before its own), then
// opts.RuleSets, then opts.Rules.
func selectRules(std *record.Standard, opts *Options) *selection {
	sel := &selection{}
	if len(opts.Disable) > 0 {
		sel.off = make(map[string]bool, len(opts.Disable))
		for _, id := range opts.Disable {
			sel.off[id] = true
		}
	}
	if len(opts.Warn) > 0 {
		sel.warn = make(map[string]bool, len(opts.Warn))
		for _, id := range opts.Warn {
			sel.warn[id] = true
		}
	}
	seen := map[string]bool{}
	take := func(s *RuleSet) {
		for _, r := range s.Rules {
			if r == nil || seen[r.ID] || sel.off[r.ID] {
				continue
			}
			seen[r.ID] = true
			sel.rules = append(sel.rules, r)
		}
		for number, fr := range s.Fields {
			if sel.fields == nil {
				sel.fields = map[string]FieldRule{}
			}
			sel.fields[number] = fr
		}
	}
	sets := builtinSets()
	if std != nil {
		for _, s := range sets {
			if s.appliesAsDeclaration(std) {
				take(s)
			}
		}
		for _, s := range opts.RuleSets {
			if s != nil && s.appliesAsDeclaration(std) {
				take(s)
				sel.ownFields = sel.ownFields || len(s.Fields) > 0
			}
		}
	}
	for _, s := range sets {
		if std == nil || s.Applies(std) {
			take(s)
		}
	}
	for _, s := range opts.RuleSets {
		if s != nil && (std == nil || s.Applies(std)) {
			take(s)
			sel.ownFields = sel.ownFields || len(s.Fields) > 0
		}
	}
	take(&RuleSet{Rules: opts.Rules})
	return sel
}

// Pass is what a rule's hooks get: the file being checked and the way to report. One
// Pass serves every hook of a validation; it is valid only during the call.
type Pass struct {
	src   passSource // the EI engine, or the runner of another format (run.go)
	sink  *sink
	hooks *hooks // the rules running, for the state a set shares (setState)
	// e is the EI engine, for the built-in EI rules that read its state (references,
	// the plan, the 99's totals); nil in Run, whose rules never read it.
	e *engine
}

// Rule returns the rule being run. The dispatch (hooks.record) sets only the index of the
// rule whose hook runs; the rule and its state are read from there when asked, which is
// less often than hooks run.
func (p *Pass) Rule() *Rule { return p.hooks.bound[p.hooks.running].rule }

// Standard returns the EI standard the file is checked against; nil for a format run by
// Run (VSB).
func (p *Pass) Standard() *record.Standard { return p.src.passStandard() }

// Header returns the 01 voorlooprecord of the file, or nil when it could not be read (and
// for a format run by Run).
func (p *Pass) Header() *Record { return p.src.passHeader() }

// Today returns the date that counts as today (Options.Today).
func (p *Pass) Today() record.Date { return p.src.passToday() }

// State returns the rule's state for this file: what its NewState returned, or nil.
func (p *Pass) State() any { return p.hooks.bound[p.hooks.running].state }

// Report adds a finding of the rule about rec (nil: the file as a whole). Empty Line,
// Record, FieldName and Position are taken from rec and its layout. The rule gives the
// finding its id and level; Retourcode defaults to the rule's, then the field's own (its
// layout's Field.Retourcode, the spec file's retourcode column); on
// the file as a whole, its 01 or its 99 then to 0001. A finding on a detail record never
// gets 0001: a rule that can report on one without naming a field with a code of its own
// must give its Retourcode, and retour.FromFindings refuses a finding on a detail record
// without one (ErrNoRetourcode). Err defaults to the rule's, then ErrCustom. A finding of a rule whose severity is Warning,
// or that Options.Warn names, is a warning; a finding may also be a Warning by itself.
// The message must not hold personal data from the file.
func (p *Pass) Report(rec *Record, f Finding) {
	if p.sink.stop {
		return
	}
	p.sink.emit(p.build(rec, f))
}

// build completes a finding of the rule being run about rec, as Report passes it on.
func (p *Pass) build(rec *Record, f Finding) Finding {
	r := p.Rule()
	f.Rule, f.Level = r.ID, r.level()
	if r.Severity == Warning {
		f.Severity = Warning
	}
	if f.Retourcode == "" {
		f.Retourcode = r.Retourcode
	}
	if f.Err == nil {
		f.Err = r.Err
	}
	if f.Err == nil {
		f.Err = ErrCustom
	}
	if rec != nil {
		if f.Line == 0 {
			f.Line = rec.Line
		}
		if f.Record == "" {
			f.Record = rec.Code()
		}
		if f.Field != "" {
			switch {
			case rec.lp != nil:
				if i, ok := rec.lp.index[f.Field]; ok {
					fp := &rec.lp.fields[i]
					if f.FieldName == "" {
						f.FieldName = fp.f.Name
					}
					if f.Position == 0 {
						f.Position = fp.f.Start
					}
					if f.Retourcode == "" {
						f.Retourcode = fp.retour
					}
				}
			case rec.Layout != nil:
				if fl := rec.Layout.Field(f.Field); fl != nil {
					if f.FieldName == "" {
						f.FieldName = fl.Name
					}
					if f.Position == 0 {
						f.Position = fl.Start
					}
					if f.Retourcode == "" {
						f.Retourcode = fl.Retourcode
					}
				}
			}
		}
	}
	if f.Retourcode == "" && !detailRecord(f.Record) && p.Standard() != nil {
		// The file as a whole, its 01 or 99: the file is rejected for technical reasons.
		// A finding on a detail record keeps its record-level code or none: 0001 is never
		// written on one (retour.FromFindings refuses a finding without a code). COD954 is
		// EI's: a format run by Run gets no default.
		f.Retourcode = "0001"
	}
	return f
}

// Fail reports that field (its number; "" for the record as a whole) of rec breaks the
// rule; msg says how, without personal data.
func (p *Pass) Fail(rec *Record, field, msg string) {
	p.Report(rec, Finding{Field: field, Message: msg})
}

// MustBeFilled reports field of rec when it is known (Record.Known) and not filled: a
// conditional field whose condition holds. The reason is given in parts, joined only when
// there is something to report ("when field ", "0416", " is filled").
func (p *Pass) MustBeFilled(rec *Record, field string, because ...string) {
	if filled, ok := known(rec, field); ok && !filled {
		p.Fail(rec, field, "must be filled "+strings.Join(because, ""))
	}
}

// MustBeEmpty reports field of rec when it is known and filled.
func (p *Pass) MustBeEmpty(rec *Record, field string, because ...string) {
	if filled, ok := known(rec, field); ok && filled {
		p.Fail(rec, field, "must not be filled "+strings.Join(because, ""))
	}
}

// SameAs reports field of rec when it differs from otherField of other (which may be rec
// itself), both known; it compares the positions as they are in the file.
func (p *Pass) SameAs(rec *Record, field string, other *Record, otherField string, because ...string) {
	if other == nil {
		return
	}
	v, ok := knownRaw(rec, field)
	if !ok {
		return
	}
	if ov, ok := knownRaw(other, otherField); !ok || v == ov {
		return
	}
	where := "of this record"
	if other != rec {
		name := "record"
		if other.Layout != nil {
			name = strings.ToLower(other.Layout.Name())
		}
		where = "of the " + name + " on line " + strconv.Itoa(other.Line)
	}
	of := otherField
	if other.Layout != nil {
		if f := other.Layout.Field(otherField); f != nil {
			of = f.Number + " " + f.Name
		}
	}
	p.Fail(rec, field, "must equal field "+of+" "+where+" "+strings.Join(because, ""))
}

// SameAsParent reports field of rec when it differs from parentField of the record it
// belongs to (Record.Parent); nothing when it has none.
func (p *Pass) SameAsParent(rec *Record, field, parentField string, because ...string) {
	if par := rec.Parent(); par != nil {
		p.SameAs(rec, field, par, parentField, because...)
	}
}

// Group is a group of records read to its end: a prestatie (04) with the records under
// it (tarief-, zorgactiviteit-, …records and the comments on them), or a verzekerde (02)
// with its debiteur, prestaties, their records and comments. Its records and their text
// are valid only during the call.
type Group struct {
	head     *Record
	recs     []Record
	complete bool
}

// Head returns the record that heads the group: the 04 or the 02.
func (g *Group) Head() *Record { return g.head }

// Len returns the number of records under the head.
func (g *Group) Len() int { return len(g.recs) }

// At returns record i (0 ≤ i < Len) under the head, in file order.
func (g *Group) At(i int) *Record { return &g.recs[i] }

// Complete reports whether the group holds every record under its head: false when
// there were more than MaxGroupRecords.
func (g *Group) Complete() bool { return g.complete }

// MaxGroupRecords is how many records under one head a Group holds.
const MaxGroupRecords = 1 << 14

// detailRecord reports whether code is the kenmerk of a detail record (not 01, not 99,
// not empty).
func detailRecord(code string) bool {
	return code != "" && code != record.CodeVoorloop && code != record.CodeSluit
}
