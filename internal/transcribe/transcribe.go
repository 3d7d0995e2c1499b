package transcribe

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

// Finding is what a check found in a transcribed layout.
type Finding struct {
	// Check is the check that found it: "consistency" (specfile.Check: gaps, overlaps,
	// lengths, repeated numbers), "source" (the transcription itself: rows that disagree
	// on record length or EI code, a second transcription that differs), "return" (a
	// return record does not repeat its declaration record), "generic" (a field differs
	// from the same field of an official BER), "element" (an element code that is not a
	// Vektis code) or "eicode" (an EI code not in COD002).
	Check  string
	Record string
	Field  string
	Msg    string
}

func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Check + ": ")
	if f.Record != "" {
		b.WriteString("record " + f.Record)
		if f.Field != "" {
			b.WriteString(" field " + f.Field)
		}
		b.WriteString(": ")
	}
	b.WriteString(f.Msg)
	return b.String()
}

// Applied is a repair as it was applied: what it changed from what to what.
type Applied struct {
	Repair
	Change string // e.g. "start 324 → 311"
}

// Judged is a finding on the repaired layout with the acceptance that judges it.
type Judged struct {
	Finding
	Reason string
}

// Completion says where the facts a transcription lacks came from, for one field.
type Completion struct {
	Record, Field, Name string
	// From is the standard (ID) whose field gave the obligation, key and pattern, or ""
	// when the obligation follows the rule (kenmerk record M, reserve S, otherwise C).
	From string
	// ElementFrom is the standard whose field gave the element's organisation and the
	// value list, "code list" when the value list is the published Vektis code list with
	// the element's number, or "".
	ElementFrom string
}

// Result is a transcribed standard with everything the notes say about it.
type Result struct {
	Plan        Plan
	Standard    *specfile.Spec
	Defects     []Finding // found in the transcription as it is, and repaired
	Repairs     []Applied
	Judged      []Judged // found in the repaired layout and judged not to be defects
	Completions []Completion
	Decisions   []Decision // facts the transcription leaves open, decided from the evidence
	EIName      string     // the COD002 description of the EI code, when known
	Sources     []string
}

// Input is what Transcribe works from.
type Input struct {
	// Rows of the transcription (ReadFlat), for every standard; Transcribe picks its own.
	Rows []Row
	// Second holds the rows of a second transcription (ReadTypesJSON) for some standards;
	// where it has the standard, the two are compared field by field.
	Second []Row
	// SourceName and SecondName name the two transcriptions in the notes.
	SourceName, SecondName string
	// References are the official standards (by ID) that plans name.
	References map[string]*specfile.Spec
	// Declarations are the standards already transcribed (by ID), for returns.
	Declarations map[string]*specfile.Spec
	// CodeLists reports whether Vektis publishes a code list with the given number
	// ("027" for COD027); nil means none is known.
	CodeLists func(number string) bool
	// ReturnCodes is COD954: the retourcode column is derived from it
	// (specfile.DeriveRetourcodes); nil leaves the column empty.
	ReturnCodes []specfile.ReturnCode
	// MessageCodes maps EI codes to their COD002 description; nil skips the check.
	MessageCodes map[int]string
	// Repairs and Acceptances; nil means Repairs() and Acceptances().
	Repairs     []Repair
	Acceptances []Acceptance
}

// ErrUnjudged is wrapped by the error for findings that are neither repaired nor judged,
// and ErrStale by the error for a repair or acceptance that no longer applies.
var (
	ErrUnjudged = errors.New("finding neither repaired nor judged")
	ErrStale    = errors.New("repair or acceptance does not apply")
)

// Transcribe converts the transcription of plan.ID into a checked spec: it runs the checks
// on the transcription as it is (reporting its defects), applies the repairs listed for
// it, runs the checks again (the consistency check must then pass, and every other
// finding must be judged by an acceptance), and completes what the transcription lacks
// (obligations, keys, patterns, organisations of element codes, value lists) from the
// official references or, for the declaration part of a return, from its declaration.
func Transcribe(plan Plan, in Input) (*Result, error) {
	if in.Repairs == nil {
		in.Repairs = Repairs()
	}
	if in.Acceptances == nil {
		in.Acceptances = Acceptances()
	}
	rows := pick(in.Rows, plan.ID)
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: the transcription has no rows for it", plan.ID)
	}
	res := &Result{Plan: plan, Sources: []string{in.SourceName}}
	var refs []*specfile.Spec
	for _, id := range plan.References {
		ref, ok := in.References[id]
		if !ok {
			return nil, fmt.Errorf("%s: reference %s is not available", plan.ID, id)
		}
		refs = append(refs, ref)
	}
	var decl *specfile.Spec
	if plan.Answers != "" {
		_, version, _ := strings.Cut(plan.ID, "@")
		if decl = in.Declarations[plan.Answers+"@"+version]; decl == nil {
			return nil, fmt.Errorf("%s: answers %s %s, which is not transcribed yet", plan.ID, plan.Answers, version)
		}
	}
	second := pick(in.Second, plan.ID)
	if len(second) > 0 {
		res.Sources = append(res.Sources, in.SecondName)
	}

	checks := func(rs []Row) (*specfile.Spec, []Finding) {
		std, fs := build(rs, plan)
		var probs []Finding
		if err := specfile.Check(std, ""); err != nil {
			for _, e := range unjoin(err) {
				var p specfile.Problem
				if errors.As(e, &p) {
					probs = append(probs, Finding{Check: "consistency", Record: p.Record, Field: p.Field, Msg: p.Msg})
				} else {
					probs = append(probs, Finding{Check: "consistency", Msg: e.Error()})
				}
			}
		}
		fs = append(probs, fs...)
		if len(second) > 0 {
			fs = append(fs, compareSources(rs, second, in.SecondName)...)
		}
		if decl != nil {
			fs = append(fs, checkReturn(std, decl)...)
		}
		declLen := 0
		if decl != nil {
			declLen = decl.RecordLength
		}
		fs = append(fs, checkGeneric(std, refs, declLen)...)
		fs = append(fs, checkElements(std, in.References)...)
		if in.MessageCodes != nil {
			for _, c := range std.EICodes {
				if d, ok := in.MessageCodes[c]; ok {
					res.EIName = d
				} else {
					fs = append(fs, Finding{Check: "eicode", Msg: fmt.Sprintf("EI code %03d is not in COD002", c)})
				}
			}
		}
		return std, dedupe(fs)
	}

	_, before := checks(rows)
	repaired, applied, err := applyRepairs(rows, plan.ID, in.Repairs)
	if err != nil {
		return nil, err
	}
	res.Repairs = applied
	std, after := checks(repaired)
	for _, f := range before {
		if !slices.Contains(after, f) {
			res.Defects = append(res.Defects, f)
		}
	}
	var unjudged []string
	used := map[int]bool{}
	for _, f := range after {
		if f.Check == "consistency" {
			unjudged = append(unjudged, f.String())
			continue
		}
		i := slices.IndexFunc(in.Acceptances, func(a Acceptance) bool { return a.judges(plan.ID, f) })
		if i < 0 {
			unjudged = append(unjudged, f.String())
			continue
		}
		used[i] = true
		res.Judged = append(res.Judged, Judged{Finding: f, Reason: in.Acceptances[i].Reason})
	}
	if len(unjudged) > 0 {
		return res, fmt.Errorf("%s: %w:\n\t%s", plan.ID, ErrUnjudged, strings.Join(unjudged, "\n\t"))
	}
	for i, a := range in.Acceptances {
		if a.ID == plan.ID && !used[i] {
			return res, fmt.Errorf("%s: %w: acceptance of %s findings in record %q field %q judges nothing", plan.ID, ErrStale, a.Check, a.Record, a.Field)
		}
	}
	res.Completions = complete(std, decl, refs, in.CodeLists)
	for _, d := range Decisions() {
		if d.ID != plan.ID {
			continue
		}
		l := std.Layout(d.Record)
		if l == nil || l.Field(d.Field) == nil || l.Field(d.Field).Obligation.String() != d.Obligation {
			return res, fmt.Errorf("%s: %w: decision on record %s field %s (obligation %s) does not match the layout", plan.ID, ErrStale, d.Record, d.Field, d.Obligation)
		}
		res.Decisions = append(res.Decisions, d)
	}
	if err := specfile.Check(std, plan.ID); err != nil {
		return res, err
	}
	std.Source = Source(std)
	specfile.Derive(std)
	if in.ReturnCodes != nil {
		specfile.DeriveRetourcodes(std, in.ReturnCodes)
	}
	res.Standard = std
	return res, nil
}

func (a Acceptance) judges(id string, f Finding) bool {
	return a.ID == id && (a.Check == "" || a.Check == f.Check) && (a.Record == "" || a.Record == f.Record) &&
		(a.Field == "" || a.Field == f.Field)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func pick(rows []Row, id string) []Row {
	var out []Row
	for _, r := range rows {
		if r.ID() == id {
			out = append(out, r)
		}
	}
	return out
}

// build turns rows into a standard as they are (repaired or not), with findings about
// the rows that the layout model cannot hold: record lengths or EI codes that differ
// between rows, record types whose rows are not together, unknown types.
func build(rows []Row, plan Plan) (*specfile.Spec, []Finding) {
	var fs []Finding
	code, version, _ := strings.Cut(plan.ID, "@")
	std := &specfile.Spec{Info: record.Info{Code: code, Name: plan.Name, Status: record.StatusTranscribed, Answers: plan.Answers}}
	std.Version, std.Subversion = splitVersion(version)
	std.RecordLength, std.EICodes = rows[0].RecordLength, []int{rows[0].EICode}
	for _, r := range rows {
		if r.RecordLength != std.RecordLength {
			fs = append(fs, Finding{Check: "source", Record: r.Record, Field: r.Number,
				Msg: fmt.Sprintf("record length %d, earlier rows say %d", r.RecordLength, std.RecordLength)})
		}
		if r.EICode != std.EICodes[0] {
			fs = append(fs, Finding{Check: "source", Record: r.Record, Field: r.Number,
				Msg: fmt.Sprintf("EI code %d, earlier rows say %d", r.EICode, std.EICodes[0])})
		}
		var l *specfile.Layout
		if n := len(std.Records); n > 0 && std.Records[n-1].Code == r.Record {
			l = &std.Records[n-1]
		} else {
			if std.Layout(r.Record) != nil {
				fs = append(fs, Finding{Check: "source", Record: r.Record, Msg: "the rows of the record are not together"})
			}
			std.Records = append(std.Records, specfile.Layout{Code: r.Record, Name: strings.ToUpper(r.RecordName)})
			l = &std.Records[len(std.Records)-1]
		}
		f := record.Field{Number: specfile.NormaliseNumber(r.Number), Name: strings.Join(strings.Fields(r.Name), " "),
			Start: r.Start, Length: r.Length, End: r.End, Element: r.Element, Sign: -1}
		t, err := record.ParseDataType(r.Type)
		if err != nil {
			fs = append(fs, Finding{Check: "source", Record: r.Record, Field: f.Number, Msg: err.Error()})
		}
		f.Type = t
		l.Fields = append(l.Fields, f)
	}
	if std.Layout(record.CodeVoorloop) == nil {
		// A shared record layout (SB311) is not a message: it has no EI message code,
		// whatever number the transcription gives it.
		std.EICodes = nil
	}
	return std, fs
}

func splitVersion(v string) (int, int) {
	a, b, _ := strings.Cut(v, ".")
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	return x, y
}

// applyRepairs applies the repairs of standard id to a copy of rows.
func applyRepairs(rows []Row, id string, repairs []Repair) ([]Row, []Applied, error) {
	rows = slices.Clone(rows)
	var applied []Applied
	for _, rp := range repairs {
		if rp.ID != id {
			continue
		}
		stale := func(format string, args ...any) error {
			return fmt.Errorf("%s: %w: %s of record %s field %s: %s", id, ErrStale, rp.Op, rp.Record, rp.Field, fmt.Sprintf(format, args...))
		}
		change := ""
		switch rp.Op {
		case OpRecordOrder:
			sorted := slices.Clone(rows)
			slices.SortStableFunc(sorted, func(a, b Row) int { return cmp.Compare(a.Record, b.Record) })
			if slices.EqualFunc(sorted, rows, func(a, b Row) bool { return a.Source == b.Source }) {
				return nil, nil, stale("the record types are in order already")
			}
			var from, to []string
			for _, r := range rows {
				if len(from) == 0 || from[len(from)-1] != r.Record {
					from = append(from, r.Record)
				}
			}
			for _, r := range sorted {
				if len(to) == 0 || to[len(to)-1] != r.Record {
					to = append(to, r.Record)
				}
			}
			rows = sorted
			change = "order " + strings.Join(from, " ") + " → " + strings.Join(to, " ")
		case OpRecordName:
			n := 0
			old := ""
			for i := range rows {
				if rows[i].Record == rp.Record {
					old = rows[i].RecordName
					rows[i].RecordName = rp.Value
					n++
				}
			}
			if n == 0 || strings.ToUpper(old) == rp.Value {
				return nil, nil, stale("no such record, or the name is %q already", rp.Value)
			}
			change = fmt.Sprintf("record name %q → %q", old, rp.Value)
		case OpDropRepeats:
			var kept []Row
			dropped := 0
			for _, r := range rows {
				if r.Record == rp.Record && slices.ContainsFunc(kept, func(k Row) bool { return sameRow(k, r) }) {
					dropped++
					continue
				}
				kept = append(kept, r)
			}
			if dropped == 0 {
				return nil, nil, stale("no row is repeated")
			}
			rows = kept
			change = fmt.Sprintf("%d repeated rows dropped", dropped)
		default:
			idx := -1
			for i, r := range rows {
				if r.Record == rp.Record && specfile.NormaliseNumber(r.Number) == rp.Field && (rp.At == 0 || r.Start == rp.At) {
					if idx >= 0 {
						return nil, nil, stale("more than one row matches: give At")
					}
					idx = i
				}
			}
			if idx < 0 {
				return nil, nil, stale("no row matches")
			}
			r := &rows[idx]
			var err error
			change, err = applyField(r, rp)
			if err != nil {
				return nil, nil, stale("%v", err)
			}
			if rp.Op == OpDrop {
				rows = slices.Delete(rows, idx, idx+1)
			}
		}
		applied = append(applied, Applied{Repair: rp, Change: change})
	}
	return rows, applied, nil
}

func sameRow(a, b Row) bool {
	a.Source, b.Source = "", ""
	return a == b
}

// applyField applies a field repair to r and describes the change.
func applyField(r *Row, rp Repair) (string, error) {
	num := func() (int, error) {
		n, err := strconv.Atoi(rp.Value)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("value %q is not a position or length", rp.Value)
		}
		return n, nil
	}
	same := fmt.Errorf("the field has %s %q already", rp.Op, rp.Value)
	switch rp.Op {
	case OpDrop:
		return fmt.Sprintf("row %s %s at %d-%d dropped", r.Number, r.Name, r.Start, r.End), nil
	case OpStart:
		n, err := num()
		if err != nil {
			return "", err
		}
		if n == r.Start {
			return "", same
		}
		old := fmt.Sprintf("%d-%d", r.Start, r.End)
		r.Start, r.End = n, n+r.Length-1
		return fmt.Sprintf("positions %s → %d-%d", old, r.Start, r.End), nil
	case OpLength:
		n, err := num()
		if err != nil {
			return "", err
		}
		if n == r.Length {
			return "", same
		}
		old := fmt.Sprintf("length %d (%d-%d)", r.Length, r.Start, r.End)
		r.Length, r.End = n, r.Start+n-1
		return fmt.Sprintf("%s → length %d (%d-%d)", old, r.Length, r.Start, r.End), nil
	case OpType:
		if r.Type == rp.Value {
			return "", same
		}
		old := r.Type
		r.Type = rp.Value
		return fmt.Sprintf("type %s → %s", old, r.Type), nil
	case OpName:
		if r.Name == rp.Value {
			return "", same
		}
		old := r.Name
		r.Name = rp.Value
		return fmt.Sprintf("name %q → %q", old, r.Name), nil
	case OpElement:
		if r.Element == rp.Value {
			return "", same
		}
		old := r.Element
		r.Element = rp.Value
		if r.Element == "" {
			return fmt.Sprintf("element %s → none", old), nil
		}
		return fmt.Sprintf("element %s → %s", old, r.Element), nil
	}
	return "", fmt.Errorf("unknown operation %q", rp.Op)
}

// compareSources compares two transcriptions of the same standard field by field.
func compareSources(rows, second []Row, secondName string) []Finding {
	var fs []Finding
	// Rows that repeat an earlier row exactly are counted, then left out of the comparison.
	var kept []Row
	repeats := map[string]int{}
	for _, r := range rows {
		if slices.ContainsFunc(kept, func(k Row) bool { return sameRow(k, r) }) {
			repeats[r.Record]++
			continue
		}
		kept = append(kept, r)
	}
	for _, code := range sortedKeys(repeats) {
		fs = append(fs, Finding{Check: "source", Record: code,
			Msg: fmt.Sprintf("%d rows repeat earlier rows of the record exactly; %s lists each once", repeats[code], secondName)})
	}
	key := func(r Row) string { return r.Record + "/" + specfile.NormaliseNumber(r.Number) }
	other := map[string]Row{}
	for _, r := range second {
		other[key(r)] = r
	}
	seen := map[string]bool{}
	for _, r := range kept {
		k := key(r)
		seen[k] = true
		o, ok := other[k]
		if !ok {
			fs = append(fs, Finding{Check: "source", Record: r.Record, Field: specfile.NormaliseNumber(r.Number),
				Msg: fmt.Sprintf("%s at %d-%d: %s has no such field", r.Name, r.Start, r.End, secondName)})
			continue
		}
		if o.Start != r.Start || o.Length != r.Length || o.Type != r.Type || o.Element != r.Element || o.Name != r.Name {
			fs = append(fs, Finding{Check: "source", Record: r.Record, Field: specfile.NormaliseNumber(r.Number),
				Msg: fmt.Sprintf("%s %s %s%d at %d; %s has %s %s %s%d at %d", r.Name, r.Element, r.Type, r.Length, r.Start,
					secondName, o.Name, o.Element, o.Type, o.Length, o.Start)})
		}
	}
	for _, r := range second {
		if !seen[key(r)] {
			fs = append(fs, Finding{Check: "source", Record: r.Record, Field: specfile.NormaliseNumber(r.Number),
				Msg: fmt.Sprintf("%s has %s, the transcription not", secondName, r.Name)})
		}
	}
	return fs
}

func elementBase(e string) string {
	b, _, _ := strings.Cut(e, "-")
	return b
}

func describe(f *record.Field) string {
	return fmt.Sprintf("%s %s%d at %d-%d, element %s", f.Name, f.Type, f.Length, f.Start, f.End, cmp.Or(elementBase(f.Element), "none"))
}

// checkReturn checks the return pattern: every record of the declaration but the
// sluitrecord is repeated by the return record of the same code, field for field, and the
// return part follows the declaration's record length.
func checkReturn(ret, decl *specfile.Spec) []Finding {
	var fs []Finding
	for _, d := range decl.Records {
		if d.Code == record.CodeSluit {
			continue
		}
		r := ret.Layout(d.Code)
		if r == nil {
			fs = append(fs, Finding{Check: "return", Record: d.Code, Msg: fmt.Sprintf("the return has no record %s (%s) of %s", d.Code, d.Name, decl.ID())})
			continue
		}
		for i := range d.Fields {
			df := &d.Fields[i]
			if i >= len(r.Fields) {
				fs = append(fs, Finding{Check: "return", Record: d.Code, Field: df.Number, Msg: "missing: " + decl.ID() + " has " + describe(df)})
				continue
			}
			rf := &r.Fields[i]
			if rf.Number != df.Number || rf.Name != df.Name || rf.Type != df.Type || rf.Start != df.Start || rf.Length != df.Length ||
				elementBase(rf.Element) != elementBase(df.Element) {
				fs = append(fs, Finding{Check: "return", Record: d.Code, Field: rf.Number,
					Msg: fmt.Sprintf("%s %s; %s has %s %s", rf.Number, describe(rf), decl.ID(), df.Number, describe(df))})
			}
		}
		if n := len(d.Fields); n < len(r.Fields) && r.Fields[n].Start != decl.RecordLength+1 {
			fs = append(fs, Finding{Check: "return", Record: d.Code, Field: r.Fields[n].Number,
				Msg: fmt.Sprintf("the return part starts at %d, not after the declaration's %d positions", r.Fields[n].Start, decl.RecordLength)})
		}
	}
	for _, r := range ret.Records {
		if r.Code != record.CodeSluit && decl.Layout(r.Code) == nil {
			fs = append(fs, Finding{Check: "return", Record: r.Code, Msg: fmt.Sprintf("%s has no record %s (%s)", decl.ID(), r.Code, r.Name)})
		}
	}
	return fs
}

// genericRecords are the record types every standard of a generation shares.
var genericRecords = []string{record.CodeVoorloop, record.CodeVerzekerde, record.CodeDebiteur, record.CodeCommentaar, record.CodeSluit}

// checkGeneric compares the generic records (01, 02, 03, 98, 99) field by field with the
// same record of the first reference that has it. For a return (declLen > 0) the
// declaration part is left out (checkReturn compares it with the declaration): only the
// return part and the sluitrecord are compared with the reference return's.
func checkGeneric(std *specfile.Spec, refs []*specfile.Spec, declLen int) []Finding {
	var fs []Finding
	for _, code := range genericRecords {
		l := std.Layout(code)
		if l == nil {
			continue
		}
		var ref *specfile.Spec
		var rl *specfile.Layout
		for _, r := range refs {
			if rl = r.Layout(code); rl != nil {
				ref = r
				break
			}
		}
		if rl == nil {
			continue
		}
		// skip reports whether a field belongs to the declaration part of a return.
		skip := func(f *record.Field, recLen int) bool {
			return declLen > 0 && code != record.CodeSluit && f.Start <= recLen-(std.RecordLength-declLen)
		}
		for i := range l.Fields {
			f := &l.Fields[i]
			if skip(f, std.RecordLength) {
				continue
			}
			rf := rl.Field(f.Number)
			if rf == nil {
				fs = append(fs, Finding{Check: "generic", Record: code, Field: f.Number, Msg: fmt.Sprintf("%s; %s has no field %s", describe(f), ref.ID(), f.Number)})
				continue
			}
			var diff []string
			if f.Name != rf.Name {
				diff = append(diff, fmt.Sprintf("name %q", rf.Name))
			}
			if f.Type != rf.Type || f.Length != rf.Length {
				diff = append(diff, fmt.Sprintf("%s%d", rf.Type, rf.Length))
			}
			if f.Start != rf.Start {
				diff = append(diff, fmt.Sprintf("start %d", rf.Start))
			}
			if elementBase(f.Element) != elementBase(rf.Element) {
				diff = append(diff, "element "+cmp.Or(rf.Element, "none"))
			}
			if diff != nil {
				fs = append(fs, Finding{Check: "generic", Record: code, Field: f.Number,
					Msg: fmt.Sprintf("%s; %s has %s", describe(f), ref.ID(), strings.Join(diff, ", "))})
			}
		}
		for i := range rl.Fields {
			if rf := &rl.Fields[i]; l.Field(rf.Number) == nil && !skip(rf, ref.RecordLength) {
				fs = append(fs, Finding{Check: "generic", Record: code, Field: rf.Number, Msg: fmt.Sprintf("missing; %s has %s", ref.ID(), describe(rf))})
			}
		}
	}
	return fs
}

// vektisPrefixes are the prefixes of the element codes of the official BERs at hand
// (ANT aantal, BED bedrag, COD code, DAT datum, NAM naam, NUM nummer, OMS omschrijving,
// TEC technisch).
var vektisPrefixes = []string{"ANT", "BED", "COD", "DAT", "NAM", "NUM", "OMS", "TEC"}

// checkElements reports element codes whose prefix no official BER uses.
func checkElements(std *specfile.Spec, refs map[string]*specfile.Spec) []Finding {
	prefixes := map[string]bool{}
	for _, p := range vektisPrefixes {
		prefixes[p] = true
	}
	for _, r := range refs {
		for _, l := range r.Records {
			for _, f := range l.Fields {
				if len(f.Element) >= 3 {
					prefixes[f.Element[:3]] = true
				}
			}
		}
	}
	var fs []Finding
	for _, l := range std.Records {
		for i := range l.Fields {
			f := &l.Fields[i]
			e := elementBase(f.Element)
			ok := len(e) == 6 && prefixes[e[:3]] && strings.Trim(e[3:], "0123456789") == ""
			if e != "" && !ok {
				fs = append(fs, Finding{Check: "element", Record: l.Code, Field: f.Number,
					Msg: fmt.Sprintf("%s: element code %q is not a Vektis element code (three letters any BER uses and three digits)", f.Name, e)})
			}
		}
	}
	return fs
}

// complete fills in what a transcription lacks. The declaration part of a return takes
// everything from the declaration (it repeats it); other fields take obligation, key and
// pattern from the first reference with the same field (same record, number, type and
// length, and the same element or name), and the organisation of the element code and
// the value list from a reference field with the same element, type and length. What no
// reference gives follows rules: obligation M for the kenmerk record, S for a reserve, C
// (not known) otherwise; value list: the element code when Vektis publishes a code list
// with its number.
func complete(std *specfile.Spec, decl *specfile.Spec, refs []*specfile.Spec, codeLists func(string) bool) []Completion {
	var out []Completion
	for ri := range std.Records {
		l := &std.Records[ri]
		for fi := range l.Fields {
			f := &l.Fields[fi]
			c := Completion{Record: l.Code, Field: f.Number, Name: f.Name}
			f.Obligation = 0
			if decl != nil && l.Code != record.CodeSluit && f.End <= decl.RecordLength {
				if dl := decl.Layout(l.Code); dl != nil {
					if df := dl.Field(f.Number); df != nil && df.Start == f.Start && df.Length == f.Length && df.Type == f.Type {
						f.Obligation, f.Key, f.Pattern, f.Element, f.ValueList = df.Obligation, df.Key, df.Pattern, df.Element, df.ValueList
						c.From, c.ElementFrom = decl.ID(), decl.ID()
					}
				}
			}
			if f.Obligation == 0 {
				if rf, ref := sameField(l.Code, f, refs); rf != nil {
					f.Obligation, f.Key, f.Pattern = rf.Obligation, rf.Key, rf.Pattern
					c.From = ref.ID()
				}
			}
			if c.ElementFrom == "" && f.Element != "" {
				if rf, ref := sameElement(f, refs); rf != nil {
					f.Element, f.ValueList = rf.Element, rf.ValueList
					if f.Pattern == "" {
						f.Pattern = rf.Pattern
					}
					c.ElementFrom = ref.ID()
				} else if e := f.Element; codeLists != nil && strings.HasPrefix(e, "COD") && codeLists(e[3:]) {
					f.ValueList = e
					c.ElementFrom = "code list"
				}
			}
			if f.Obligation == 0 {
				switch {
				case fi == 0:
					f.Obligation = record.Mandatory
				case f.Name == "RESERVE" || elementBase(f.Element) == "TEC007":
					f.Obligation = record.Reserve
				default:
					f.Obligation = record.Conditional
				}
			}
			out = append(out, c)
		}
	}
	return out
}

func sameField(code string, f *record.Field, refs []*specfile.Spec) (*record.Field, *specfile.Spec) {
	for _, ref := range refs {
		l := ref.Layout(code)
		if l == nil {
			continue
		}
		rf := l.Field(f.Number)
		if rf != nil && rf.Type == f.Type && rf.Length == f.Length &&
			(rf.Name == f.Name || f.Element != "" && elementBase(rf.Element) == f.Element) {
			return rf, ref
		}
	}
	return nil, nil
}

func sameElement(f *record.Field, refs []*specfile.Spec) (*record.Field, *specfile.Spec) {
	// The field of the same number first, then any field.
	for pass := 0; pass < 2; pass++ {
		for _, ref := range refs {
			for _, l := range ref.Records {
				for i := range l.Fields {
					rf := &l.Fields[i]
					if (pass == 1 || rf.Number == f.Number) && elementBase(rf.Element) == f.Element && rf.Type == f.Type && rf.Length == f.Length {
						return rf, ref
					}
				}
			}
		}
	}
	return nil, nil
}

func dedupe(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Fold groups findings that say the same of several fields of a record, for reports:
// "record 03: field number repeated (also in record 03): fields 0301, 0302, ...".
func Fold(fs []Finding) []string {
	type key struct{ check, record, msg string }
	var order []key
	fields := map[key][]string{}
	for _, f := range fs {
		k := key{f.Check, f.Record, f.Msg}
		if _, ok := fields[k]; !ok {
			order = append(order, k)
		}
		fields[k] = append(fields[k], f.Field)
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		fl := fields[k]
		if len(fl) == 1 {
			out = append(out, Finding{Check: k.check, Record: k.record, Field: fl[0], Msg: k.msg}.String())
			continue
		}
		out = append(out, Finding{Check: k.check, Record: k.record, Msg: k.msg}.String()+" (fields "+strings.Join(fl, ", ")+")")
	}
	return out
}
