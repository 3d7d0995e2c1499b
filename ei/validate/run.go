package validate

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"
	"unsafe"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The rule runner: what runs the hooks of the rules (Pass, the Record, Group and End
// dispatch, the rules' state) and passes their findings on (Options Levels, Disable,
// Warn, MaxFindings, FailFast), whatever the format. The EI engine (engine.go) does the
// line work of an EI file (N1 to N4, its nesting 01/02/04/99) and calls it; Run calls it
// for the records of any other fixed-width format (VSB/eFact), grouped by a Hierarchy.

// sink passes findings on, minding the levels, the rules switched off or made warnings,
// the cap and fail-fast.
type sink struct {
	levels    LevelSet
	off, warn map[string]bool
	failFast  bool
	max       int // 0 or less: no cap
	yield     func(Finding) bool

	// shared is the memory of a file its owner may change once the run is done (a
	// bytes.Reader's, read in place: inplace.Read): the findings passed on keep no part
	// of it (emit copies the strings that lie in it).
	shared string

	found, errs int
	stop        bool // no more findings are wanted
	quit        bool // the caller stopped taking findings
	truncated   bool // stopped at the cap or at the first error (FailFast)
}

func newSink(opts Options, yield func(Finding) bool) sink {
	max := opts.MaxFindings
	if max == 0 {
		max = DefaultMaxFindings
	}
	return sink{levels: opts.Levels, failFast: opts.FailFast, max: max, yield: yield}
}

// emit passes a finding on, minding the levels, the rules switched off or made warnings,
// the cap and fail-fast.
func (s *sink) emit(f Finding) {
	if s.stop || !s.levels.Has(f.Level) {
		return
	}
	if s.off[f.Rule] {
		return
	}
	if s.warn[f.Rule] {
		f.Severity = Warning
	}
	if f.Severity == Error {
		s.errs++
	}
	s.found++
	if s.shared != "" {
		f.copyFrom(s.shared)
	}
	if !s.yield(f) {
		s.stop, s.quit = true, true
		return
	}
	if f.Severity == Error && s.failFast {
		s.stop, s.truncated = true, true
	}
	if s.max > 0 && s.found >= s.max {
		s.truncated = true
		s.stop = true
	}
}

// copyFrom replaces the strings of f that are parts of mem by copies of them.
func (f *Finding) copyFrom(mem string) {
	for _, p := range [...]*string{&f.Rule, &f.Record, &f.Field, &f.FieldName, &f.Retourcode, &f.Letter, &f.Message, &f.Detail} {
		if within(*p, mem) {
			*p = strings.Clone(*p)
		}
	}
}

// within reports whether s is a part of mem (its bytes lie in mem's).
func within(s, mem string) bool {
	if s == "" || mem == "" {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	lo := uintptr(unsafe.Pointer(unsafe.StringData(mem)))
	return p >= lo && p-lo < uintptr(len(mem))
}

// passSource is what a Pass tells a rule about the file: the EI engine, or the runner of
// another format.
type passSource interface {
	passStandard() *record.Standard
	passHeader() *Record
	passToday() record.Date
}

// hooks holds the rules that run on one file, their states and the Pass, and runs their
// hooks by index.
type hooks struct {
	rules  []*Rule
	states []any
	// bound holds, by rule index, the rule's hooks, the rule and its state side by side:
	// the dispatch sets running and calls the hook; Pass.Rule and Pass.State read the
	// rest by running.
	bound []boundRule
	pass  Pass
	// setStates is the state the rules of one set share over the file, by the set's key
	// (Pass.setState); nil until a rule asks.
	setStates []setState
	// ggz keeps the state of the GGZ set last asked for (ggzConfig.productOf), so that the
	// dozen rules on a prestatie's product find it without the look-up by key.
	ggz ggzMemo
	// tarief keeps what the GGZ rules on a tariefrecord read first (tariefOf), for the
	// record they ran on last, when they run on their own (not as tariefBatch).
	tarief  tariefMemo
	running int32 // the index of the rule whose hook runs
	// row: the rules of the sharedHook batch running (failAs reports as one of them).
	row []int32
}

// boundRule is a rule as the dispatch runs it: its Record and Group hooks, the rule and
// its state for the Pass, and its part in its batch (Rule.batch).
type boundRule struct {
	record func(*Pass, *Record)
	group  func(*Pass, *Group)
	rule   *Rule
	state  any
	part   any
}

// batch runs the hooks of a row of rules that read the same things first (the prestatie
// and soort of a tariefrecord, the product of a prestatie) with one call: it reads those
// things once and then, for each rule in turn, sets running (Pass.Rule and Pass.State
// read it) and runs the rule's part (Rule.part). The serial run's dispatch compiles a
// record type's hooks into steps (compileSteps), a row of one batch into one step: one
// call of the part per rule and the shared reading once, instead of the dispatch, a
// wrapper and the shared reading per rule. The rules' order, Disable, Warn and the cap
// stay as they are: a batch runs exactly the rules of the row it is given, in order, and
// stops when the sink stops. Where hooks run from a list of rule indexes (hooks.record,
// hooks.group: the parallel run's workers and its hand-over of their findings, Run) a
// row of one batch that follows in the list runs as the batch too; a rule handed out
// (Rule.public) has no batch and runs by its own hook, which makes the same check.
type batch struct {
	record func(h *hooks, idx []int32, rec *Record) // the rules idx, all of the batch, on rec
	group  func(h *hooks, idx []int32, g *Group)    // the rules idx, all of the batch, on g
}

// add adds a rule (with a new state) and returns its index.
func (h *hooks) add(r *Rule) int32 {
	i := int32(len(h.rules))
	h.rules = append(h.rules, r)
	var st any
	if r.NewState != nil {
		st = r.NewState()
	}
	h.states = append(h.states, st)
	h.bound = append(h.bound, boundRule{record: r.Record, group: r.Group, rule: r, state: st, part: r.part})
	return i
}

// record runs the Record hooks of the rules idx on rec, in order: a row of rules of one
// batch that follow each other in idx runs as that batch (as the serial run's steps do,
// compileSteps), which makes the same checks. The parallel run's workers, its file-order
// pass on the records the workers did not check, and Run dispatch through it.
func (h *hooks) record(idx []int32, rec *Record) {
	p := &h.pass
	for k := 0; k < len(idx); {
		if p.sink.stop {
			return
		}
		i := idx[k]
		b := &h.bound[i]
		if bt := b.rule.batch; bt != nil && bt.record != nil {
			n := k + 1
			for n < len(idx) && h.bound[idx[n]].rule.batch == bt {
				n++
			}
			bt.record(h, idx[k:n:n], rec)
			k = n
			continue
		}
		h.running = i
		b.record(p, rec)
		k++
	}
}

// group runs the Group hooks of the rules idx on g, in order, a row of one batch as that
// batch (as record does).
func (h *hooks) group(idx []int32, g *Group) {
	p := &h.pass
	for k := 0; k < len(idx); {
		if p.sink.stop {
			return
		}
		i := idx[k]
		b := &h.bound[i]
		if bt := b.rule.batch; bt != nil && bt.group != nil {
			n := k + 1
			for n < len(idx) && h.bound[idx[n]].rule.batch == bt {
				n++
			}
			bt.group(h, idx[k:n:n], g)
			k = n
			continue
		}
		h.running = i
		b.group(p, g)
		k++
	}
}

// hookStep is one step of a list of hooks compiled for the serial run (compileSteps): the
// hook of one rule, or a batch with the rules of its row.
type hookStep struct {
	i      int32 // the rule, when batch is nil
	record func(*Pass, *Record)
	group  func(*Pass, *Group)
	batch  *batch
	row    []int32 // the rules the batch runs, in order
}

// compileSteps compiles the Record hooks (or, with group, the Group hooks) of the rules
// idx into steps: each row of rules of one batch that follow each other in idx becomes
// one step. Running the steps (recordSteps, groupSteps) runs the same hooks in the same
// order as running idx (record, group); nil for no hooks.
func (h *hooks) compileSteps(idx []int32, group bool) []hookStep {
	var steps []hookStep
	for k := 0; k < len(idx); {
		i := idx[k]
		b := h.bound[i].rule.batch
		if b != nil && (group && b.group != nil || !group && b.record != nil) {
			n := 1
			for n < len(idx[k:]) && h.bound[idx[k+n]].rule.batch == b {
				n++
			}
			steps = append(steps, hookStep{i: i, batch: b, row: idx[k : k+n : k+n]})
			k += n
			continue
		}
		steps = append(steps, hookStep{i: i, record: h.bound[i].record, group: h.bound[i].group})
		k++
	}
	return steps
}

// recordSteps runs the Record hooks compiled into steps on rec.
func (h *hooks) recordSteps(steps []hookStep, rec *Record) {
	p := &h.pass
	for k := range steps {
		if p.sink.stop {
			return
		}
		s := &steps[k]
		if s.batch != nil {
			s.batch.record(h, s.row, rec)
			continue
		}
		h.running = s.i
		s.record(p, rec)
	}
}

// groupSteps runs the Group hooks compiled into steps on g.
func (h *hooks) groupSteps(steps []hookStep, g *Group) {
	p := &h.pass
	for k := range steps {
		if p.sink.stop {
			return
		}
		s := &steps[k]
		if s.batch != nil {
			s.batch.group(h, s.row, g)
			continue
		}
		h.running = s.i
		s.group(p, g)
	}
}

// end runs the End hooks of the rules idx, in order.
func (h *hooks) end(idx []int32) {
	for _, i := range idx {
		if h.pass.sink.stop {
			return
		}
		h.running = i
		h.rules[i].End(&h.pass)
	}
}

// The EI engine as a pass source.
func (e *engine) passStandard() *record.Standard { return e.std }
func (e *engine) passToday() record.Date         { return e.today }
func (e *engine) passHeader() *Record {
	if e.hdrOK {
		return &e.hdr
	}
	return nil
}

// Hierarchy says how the records of a format nest into groups, from the outermost depth
// inwards: for VSB/eFact the sending (10 … 90) and in it the invoice (20 … 80, with its
// 50/51/52 under the 20); for EI (which the EI engine nests itself) the verzekerde (02)
// and in it the prestatie (04).
type Hierarchy []Tier

// Tier is one depth of a Hierarchy.
type Tier struct {
	// Heads are the record types that open a group at this depth ("10"; "20"). A head
	// closes the open group of its depth and of every depth inside it first.
	Heads []string
	// Ends are the record types that close the group of this depth and belong to it, as
	// its last record ("90"; "80"). Empty: the group closes at the next head of its depth
	// or above, or at the end of the records.
	Ends []string
}

func (h Hierarchy) headDepth(code string) int {
	for d, t := range h {
		for _, c := range t.Heads {
			if c == code {
				return d
			}
		}
	}
	return -1
}

func (h Hierarchy) endDepth(code string) int {
	for d, t := range h {
		for _, c := range t.Ends {
			if c == code {
				return d
			}
		}
	}
	return -1
}

// NewRecord returns a Record of any fixed-width format for the rules: its layout (nil
// when the record fits none), its text as in the file without a line break, and its line
// (for a format without lines, its place: VSB gives the record order number, zone 2).
// Parent is set when Run passes it to the rules.
func NewRecord(l *record.Layout, text string, line int) *Record {
	return &Record{Line: line, text: text, Layout: l}
}

// Run checks a sequence of records of a format other than EI (VSB/eFact) with rule sets
// and yields the findings in the order found. The rules are those of opts.RuleSets whose
// Standard is "" or names format (RuleSet.Standard: "920000"), then opts.Rules, minus
// opts.Disable; opts.Warn, Levels, Today, MaxFindings and FailFast work as for an EI file.
// Registry, Standard, Declaration, Workers, MaxReferences and StrictUZOVI are EI's and not
// used.
//
// Each record is passed to the Record hooks of the rules about its type, in file order;
// a record with no layout, or whose text is not its layout's length, only to the rules of
// every type (Rule.Records empty), and it takes no part in the hierarchy. The records
// are grouped by h: a head opens a group (closing the open ones of its depth and below),
// an end closes its depth's group after its Record hooks; the Group hooks of the rules
// about the head's type run when a group closes, the End hooks after the last record.
// Record.Parent is the head of the innermost group open (for a head: of the group around
// it). Pass.Standard and Pass.Header are nil. The error is ctx's or about the rules: a
// nil rule, a rule without an ID, an id used twice, or an id in Disable or Warn no rule
// has (ErrUnknownRule, ErrDuplicateRule).
func Run(ctx context.Context, format string, h Hierarchy, recs iter.Seq[*Record], opts Options, yield func(Finding) bool) error {
	var rules []*Rule
	known := map[string]bool{}
	var errs []error
	addSet := func(name string, rs []*Rule) {
		for _, r := range rs {
			switch {
			case r == nil:
				errs = append(errs, fmt.Errorf("validate: rule set %q holds a nil rule", name))
			case r.ID == "":
				errs = append(errs, fmt.Errorf("validate: rule set %q: a rule has no ID", name))
			case known[r.ID]:
				errs = append(errs, fmt.Errorf("validate: rule set %q: %w: %q", name, ErrDuplicateRule, r.ID))
			default:
				known[r.ID] = true
				rules = append(rules, r)
			}
		}
	}
	for _, s := range opts.RuleSets {
		if s != nil && matchStandard(s.Standard, format, format) {
			addSet(s.Name, s.Rules)
		}
	}
	addSet("Options.Rules", opts.Rules)
	off, warn := map[string]bool{}, map[string]bool{}
	for _, list := range []struct {
		name string
		ids  []string
		set  map[string]bool
	}{{"Disable", opts.Disable, off}, {"Warn", opts.Warn, warn}} {
		for _, id := range list.ids {
			if !known[id] {
				errs = append(errs, fmt.Errorf("validate: Options.%s: %w %q", list.name, ErrUnknownRule, id))
			}
			list.set[id] = true
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r := &runner{h: h, sink: newSink(opts, yield), today: opts.Today}
	r.off, r.warn = off, warn
	if r.today.IsZero() {
		r.today = civil.DateOf(time.Now())
	}
	r.pass.src, r.pass.sink, r.pass.hooks = r, &r.sink, &r.hooks
	for _, rule := range rules {
		if off[rule.ID] || !opts.Levels.Has(rule.level()) {
			continue
		}
		if warn[rule.ID] {
			c := *rule
			c.Severity = Warning
			rule = &c
		}
		r.add(rule)
	}
	for i, rule := range r.rules {
		if rule.Record != nil && len(rule.Records) == 0 {
			r.anyCode = append(r.anyCode, int32(i))
		}
		if rule.End != nil {
			r.ends = append(r.ends, int32(i))
		}
	}
	n := 0
	for rec := range recs {
		if r.stop {
			break
		}
		if n++; n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r.next(rec)
	}
	if !r.stop {
		r.closeTo(0)
		r.end(r.ends)
	}
	return ctx.Err()
}

// runner runs the rules over the records of a format other than EI (Run).
type runner struct {
	h Hierarchy
	sink
	hooks
	today   record.Date
	byCode  map[string][]int32 // Record hooks by record type
	anyCode []int32            // Record hooks of every record type
	groupBy map[string][]int32 // Group hooks by head type
	ends    []int32            // End hooks
	open    []*openGroup       // the groups open, outermost first
}

// openGroup is a group being read: its head and the records under it (only when a rule
// has a Group hook for its head type).
type openGroup struct {
	head  *Record
	hooks []int32
	g     Group
}

func (r *runner) passStandard() *record.Standard { return nil }
func (r *runner) passHeader() *Record            { return nil }
func (r *runner) passToday() record.Date         { return r.today }

// hookKind is a kind of hook the runner looks up by record type (hooksOf).
type hookKind uint8

const (
	recordHook hookKind = iota // Rule.Record, about records of the type
	groupHook                  // Rule.Group, about groups headed by records of the type
)

// hooksOf returns the indexes of the rules with a hook of kind about record type code, in
// the order of the rules, looked up once per type and kept.
func (r *runner) hooksOf(kind hookKind, code string) []int32 {
	cache := &r.byCode
	if kind == groupHook {
		cache = &r.groupBy
	}
	if h, ok := (*cache)[code]; ok {
		return h
	}
	var h []int32
	for i, rule := range r.rules {
		has := rule.Record != nil
		if kind == groupHook {
			has = rule.Group != nil
		}
		if has && rule.about(code) {
			h = append(h, int32(i))
		}
	}
	if *cache == nil {
		*cache = map[string][]int32{}
	}
	(*cache)[code] = h
	return h
}

// next passes one record to the rules and keeps the groups.
func (r *runner) next(rec *Record) {
	if rec.Layout == nil || len(rec.text) != rec.Layout.Length() {
		rec.parent = nil
		r.record(r.anyCode, rec)
		return
	}
	code := rec.Layout.Code()
	if d := r.h.headDepth(code); d >= 0 {
		r.closeTo(d)
		rec.parent = r.top()
		r.record(r.hooksOf(recordHook, code), rec)
		r.addToOpen(rec)
		head := *rec
		head.text = rec.text
		head.lastNumber = ""
		og := &openGroup{head: &head, hooks: r.hooksOf(groupHook, code)}
		og.g = Group{head: og.head, complete: true}
		for len(r.open) < d {
			r.open = append(r.open, nil) // a depth with no group open
		}
		r.open = append(r.open, og)
		return
	}
	d := r.h.endDepth(code)
	if d >= 0 && d < len(r.open) && r.open[d] != nil {
		r.closeTo(d + 1)
		rec.parent = r.open[d].head
		r.record(r.hooksOf(recordHook, code), rec)
		r.addToOpen(rec)
		r.closeTo(d)
		return
	}
	rec.parent = r.top()
	r.record(r.hooksOf(recordHook, code), rec)
	r.addToOpen(rec)
}

// top returns the head of the innermost group open, or nil.
func (r *runner) top() *Record {
	for i := len(r.open) - 1; i >= 0; i-- {
		if r.open[i] != nil {
			return r.open[i].head
		}
	}
	return nil
}

// addToOpen adds rec to every open group a rule wants to see.
func (r *runner) addToOpen(rec *Record) {
	for _, og := range r.open {
		if og == nil || len(og.hooks) == 0 {
			continue
		}
		if len(og.g.recs) >= MaxGroupRecords {
			og.g.complete = false
			continue
		}
		c := *rec
		c.lastNumber = ""
		og.g.recs = append(og.g.recs, c)
	}
}

// closeTo closes the groups of depth d and deeper, innermost first, running their Group
// hooks.
func (r *runner) closeTo(d int) {
	for len(r.open) > d {
		og := r.open[len(r.open)-1]
		r.open = r.open[:len(r.open)-1]
		if og != nil && len(og.hooks) > 0 && !r.stop {
			r.group(og.hooks, &og.g)
		}
	}
}
