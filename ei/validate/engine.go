package validate

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"weak"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// engine checks one file, line by line, holding only the records the relations need (the
// 01, the current 02 and 04, the last detail record) and counters: constant memory, the
// whole-file sets of N5-UNIQUE and N5-PARENT within Options.MaxSetMemory.
type engine struct {
	ctx   context.Context
	opts  Options
	reg   *ei.Registry
	today record.Date
	// sink passes the findings on (run.go): levels, rules off or made warnings, the
	// cap and fail-fast; its stop and truncated are the engine's.
	sink

	std      *record.Standard
	pl       *plan
	scanning bool // the file did not start with a 01: looking for one
	// cands are the standards a voorlooprecord with malformed code or version may be of;
	// the first lines are held back (lookahead) to see which one the records fit.
	cands     []*record.Standard
	lookahead []record.Raw
	lines     int
	pending   []Finding
	// readTo: the offset after the last line a run read from a source in place (where
	// the reader is left: inplace.Read).
	readTo int64
	// chunks: the chunks the file-order pass of runParallel took (0: the run read a line
	// at a time).
	chunks int

	cur   Record // the record being checked
	hdr   Record // the 01 voorlooprecord (its text copied)
	hdrOK bool
	// badInvoice: the 01's dagtekening lies before its period's end (reported there); the
	// dates of care are then only held against the period.
	badInvoice  bool
	invoice     record.Date // dagtekening factuur of the 01
	periodEnd   record.Date // einddatum declaratieperiode of the 01
	okInvoice   bool
	okPeriodEnd bool
	// The nesting: the Nester (lenient) places each record, and its steps open and close
	// the groups; the engine holds the records a record may hang under.
	nest       *ei.Nester
	step       ei.Step // the current record's
	cur02      Record  // the open 02 (ei.ParentVerzekerde)
	cur04      Record  // the open 04 (ei.ParentPrestatie)
	lastDetail Record  // the last record other than 01, 99 and 98 (ei.ParentRecord)
	hasDetail  bool
	cur02Has04 bool

	seen01, seen99 int  // lines of the first 01 and 99
	after99        bool // records after the 99 were reported: their order is not reported further
	lastID         int64
	prev98         bool  // the record before was a 98
	regel          int64 // its regelnummer vrije tekst

	// totals: the 99's counts and totals of the records read, amounts signed.
	totals *ei.Totals

	// wholeFile: the reference numbers seen (N5-UNIQUE), the state of N5-PARENT and the
	// findings they settle at the end of the file (spill.go).
	wholeFile
	// refSeed seeds the fingerprints of the reference numbers: a seed of its own per run,
	// so that no file can be made of numbers that crowd one part of the set.
	refSeed  maphash.Seed
	refCount int
	refsFull bool
	// refAhead is the fingerprint prefetchRef computed for the record coming in, by the
	// reference number it was computed from (where its text is and its record type):
	// uniqueRefs takes it from here when it looks at the same number.
	refAhead refAhead

	// The rules that run on the file (selectRules), by hook; hooks (run.go) holds them,
	// their states and the Pass, and runs them.
	sel *selection
	hooks
	byCode   [100][]int32 // Record hooks by record code (those of every type included)
	anyCode  []int32      // Record hooks of every record type (records with another code)
	groups04 []int32      // Group hooks of prestaties
	groups02 []int32      // Group hooks of verzekerden
	ends     []int32
	// The same hooks compiled for the serial run (hooks.compileSteps): by record code,
	// of every type, of prestaties and of verzekerden.
	stepsByCode      [100][]hookStep
	anySteps         []hookStep
	steps04, steps02 []hookStep
	g04, g02         groupBuf
	// the declaration a return message answers (Options.Declaration), or nil.
	decl *Declaration
	care lateCare // careDates
	// dates: the dates the field checks read in the current record (dateCache).
	dates dateCache
	// codes: the codes the field checks found in their sets (codeCache).
	codes codeCache
	// lastBSN: the last BSN that passed the elfproef (knownBSN).
	lastBSN [9]byte
	// clean: a worker of the parallel run found that the field checks of the current
	// line, read as the type its kenmerk names, find nothing (parallel.go).
	clean bool
	// cleanLine, cleanDateMarks and cleanDates: the worker's hand-over of the current
	// clean line, the dates its field checks read (nil on a chunk run ahead) and the
	// chunk's dates they point into (aheadDates).
	cleanLine      *aheadLine
	cleanDateMarks *lineDates
	cleanDates     []record.Date
	// ahead: what a worker of the parallel run found with the RecordLocal hooks on the
	// current line (parallel.go), the number of that line (aheadNumber), and the line of
	// the voorlooprecord the worker ran them with in the current chunk (aheadHeader: 0
	// none); ahead is nil in a serial run.
	ahead       *aheadLine
	aheadNumber int
	aheadHeader int32
	// aheadFound: what the workers' hooks found in the current chunk (aheadLine's
	// from/to and gfrom/gto index it).
	aheadFound []aheadFinding
	// compiled: the field checks of the standard the workers check against, compiled once
	// for the parallel run (parallel.go), which adopt takes for that standard.
	compiled *plan
	// split: the hooks split into those a worker runs and the rest (parallel.go).
	split *aheadHooks
}

// groupBuf collects the records of an open group.
type groupBuf struct {
	open   bool
	g      Group
	parent []int32 // per record: index of its parent in g.recs, -1 the head, -2 none
	// ahead: the line heading the group, when a worker of the parallel run ran the
	// GroupLocal hooks on the same group (parallel.go); nil in a serial run.
	ahead *aheadLine
}

func newEngine(ctx context.Context, opts Options, yield func(Finding) bool) *engine {
	e := &engine{ctx: ctx, opts: opts, today: opts.Today, sink: newSink(opts, yield)}
	e.reg, _ = opts.registry() // Validator.Findings does not run an engine without one
	if e.today.IsZero() {
		e.today = civil.DateOf(time.Now())
	}
	e.pass.src, e.pass.sink, e.pass.hooks, e.pass.e = e, &e.sink, &e.hooks, e
	e.refSeed = maphash.MakeSeed()
	e.wholeFile = newWholeFile(&opts)
	if opts.MaxReferences <= 0 { // else the cap bounds the set (newWholeFile)
		e.refs.mem.hint = &e.hint
	}
	e.decl = opts.Declaration
	return e
}

// run reads r to the end (or until the cap, fail-fast or the caller stop it). The error is
// an I/O error or the context's; what is wrong with the input is reported as findings.
func (e *engine) run(src source) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	sc := src.scanner()
	// A block of lines at a time (NextLines): the lines of a block are cut in one loop,
	// and the slice that holds them is used again for the next block.
	var lines []record.Raw
	for !e.stop {
		var err error
		_, lines, err = sc.NextLines(lines[:0])
		if n := len(lines); n > 0 {
			last := &lines[n-1]
			e.readTo = last.Offset + int64(len(last.Text)+len(last.Break))
		}
		for i := 0; i < len(lines) && !e.stop; i++ {
			ln := &lines[i]
			e.lines = ln.Number
			if ln.Number&1023 == 0 {
				if err := e.ctx.Err(); err != nil {
					return err
				}
			}
			e.line(*ln)
		}
		if err == io.EOF || e.stop {
			break
		}
		if err != nil {
			return e.readFailed(err)
		}
	}
	if e.cands != nil && !e.stop {
		e.decide()
	}
	if !e.stop {
		e.finish()
	}
	return nil
}

// readFailed ends a run whose lines were ended by err (not io.EOF), after the lines
// before it: a line too long for a record is a finding (N2-LINEBREAK, or N1-UNREADABLE
// when it is the first line) and the run ends without error; any other error (a read
// error) is the run's. The serial and the parallel run end so alike.
func (e *engine) readFailed(err error) error {
	if !errors.Is(err, record.ErrLineTooLong) {
		return err
	}
	lvl, rule, rc := N2, "N2-LINEBREAK", "8095"
	if e.lines == 0 {
		lvl, rule, rc = N1, "N1-UNREADABLE", "0001"
	}
	e.emit(Finding{Level: lvl, Rule: rule, Line: e.lines + 1, Retourcode: rc, Err: ErrLineBreak,
		Message: "no line break within " + strconv.Itoa(ei.MaxLineLength) + " bytes: records must each end with a line break"})
	return nil
}

func (e *engine) flush() {
	for _, f := range e.pending {
		e.emit(f)
	}
	e.pending = e.pending[:0]
}

// report emits a finding about a record or one of its fields.
func (e *engine) report(level Level, rule string, rec *Record, field int, retour string, err error, msg string) {
	if e.stop || !e.opts.Levels.Has(level) {
		return
	}
	f := Finding{Level: level, Rule: rule, Line: rec.Line, Record: rec.Code(), Retourcode: retour, Err: err, Message: msg}
	if rec.lp != nil && field >= 0 && field < len(rec.lp.fields) {
		fp := &rec.lp.fields[field]
		f.Field, f.FieldName, f.Position = fp.f.Number, fp.f.Name, fp.f.Start
		if f.Retourcode == "" {
			f.Retourcode = fp.retour
		}
	}
	if f.Retourcode == "" && !detailRecord(f.Record) {
		f.Retourcode = "0001" // never on a detail record (Pass.Report)
	}
	e.emit(f)
}

func (e *engine) line(ln record.Raw) {
	e.hint.at = ln.Offset // how far the run has read (fpSet.hint)
	switch {
	case ln.Text == "" && ln.Break != "":
		e.emit(Finding{Level: N2, Rule: "N2-LINEBREAK", Line: ln.Number, Retourcode: "8095", Err: ErrLineBreak,
			Message: "line break without a record (empty line)"})
		return
	case ln.Break == "":
		e.emit(Finding{Level: N2, Rule: "N2-LINEBREAK", Line: ln.Number, Retourcode: "8095", Err: ErrLineBreak,
			Message: "the last record has no line break after it"})
	}
	switch {
	case e.std != nil:
		e.process(ln)
	case e.cands != nil:
		e.lookahead = append(e.lookahead, ln)
		if len(e.lookahead) == lookaheadLines {
			e.decide()
		}
	case e.scanning:
		if s := e.identify(ln.Text); s != nil && strings.HasPrefix(ln.Text, record.CodeVoorloop) {
			e.adopt(s)
			e.process(ln)
		}
	default:
		e.first(ln)
	}
}

// first recognises the standard from the first record.
func (e *engine) first(ln record.Raw) {
	text := ln.Text
	if e.opts.Standard != nil {
		e.adopt(e.opts.Standard)
		e.identification(ln)
		e.process(ln)
		return
	}
	code := text[:min(2, len(text))]
	if len(text) >= 10 {
		eiCode, ver, sub := text[2:5], text[5:7], text[7:9]
		if s := e.identify(text); s != nil {
			e.adopt(s)
			e.process(ln)
			return
		}
		wellFormed := isDigits(eiCode) && isDigits(ver) && isDigits(sub) && !allZero(eiCode) && !allZero(ver)
		switch {
		case wellFormed && code == record.CodeVoorloop:
			e.unknownStandard(ln.Number, eiCode, ver, sub)
			e.stop = true
			return
		case !wellFormed && (code == record.CodeVoorloop || !isDigits(code)):
			cands := e.candidates(eiCode, ver, sub)
			if len(cands) == 1 {
				e.adopt(cands[0])
				e.process(ln)
				return
			}
			if len(cands) > 1 {
				e.cands, e.lookahead = cands, append(e.lookahead, ln)
				return
			}
			if code == record.CodeVoorloop {
				e.headerParts(ln)
				e.emit(Finding{Level: N1, Rule: "N1-STANDARD", Line: ln.Number, Record: code, Field: "0102", Position: 3,
					Retourcode: "8165", Err: ErrUnknownStandard,
					Message: "the voorlooprecord does not name a standard: EI code (0102), version (0103) and subversion (0104) must be digits, 0102 and 0103 not zero"})
				e.stop = true
				return
			}
		}
	}
	if len(code) == 2 && isDigits(code) && code != record.CodeVoorloop {
		e.emit(Finding{Level: N2, Rule: "N2-FIRST", Line: ln.Number, Record: code, Position: 1, Retourcode: "8026", Err: ErrOrder,
			Message: "the file must start with the 01 voorlooprecord, not with a record of type " + code})
		e.scanning = true
		return
	}
	msg := "the first line is not a voorlooprecord (01): the file is not an EI file"
	if strings.HasPrefix(ln.Text, "\xef\xbb\xbf") {
		msg = "the file starts with a UTF-8 byte-order mark (\\ufeff): EI files have none, and are Latin-1"
	}
	e.emit(Finding{Level: N1, Rule: "N1-UNREADABLE", Line: ln.Number, Position: 1, Retourcode: "0001", Err: ErrUnreadable,
		Message: msg})
	e.stop = true
}

// identification checks that the first record of a file checked against a given standard
// (Options.Standard) is a voorlooprecord naming that standard (N1): its EI code, version
// and subversion. The file is then checked against the standard given all the same.
func (e *engine) identification(ln record.Raw) {
	text, std := ln.Text, e.std
	if len(text) < 9 || text[:2] != record.CodeVoorloop {
		e.emit(Finding{Level: N1, Rule: "N1-IDENTIFICATION", Line: ln.Number, Record: printable(text[:min(2, len(text))]), Position: 1,
			Retourcode: "8165", Err: ErrUnknownStandard,
			Message: "the first record is not a voorlooprecord (01) naming " + std.ID() + ", the standard the file is checked against"})
		return
	}
	eiOK := false
	for _, c := range std.EICodes() {
		if text[2:5] == pad(c, 3) {
			eiOK = true
		}
	}
	want := "EI code " + pad(std.EICodes()[0], 3)
	if len(std.EICodes()) > 1 {
		want = "EI code " + pad(std.EICodes()[0], 3) + " or " + pad(std.EICodes()[1], 3)
	}
	parts := []struct {
		ok                bool
		field, name, what string
		pos, end          int
		retour            string
	}{
		{eiOK, "0102", "CODE EXTERNE-INTEGRATIEBERICHT", want, 3, 5, "0010"},
		{text[5:7] == pad(std.Version(), 2), "0103", "VERSIENUMMER BERICHTSTANDAARD", "version " + pad(std.Version(), 2), 6, 7, "0011"},
		{text[7:9] == pad(std.Subversion(), 2), "0104", "SUBVERSIENUMMER BERICHTSTANDAARD", "subversion " + pad(std.Subversion(), 2), 8, 9, "8027"},
	}
	for _, p := range parts {
		if p.ok {
			continue
		}
		e.emit(Finding{Level: N1, Rule: "N1-IDENTIFICATION", Line: ln.Number, Record: record.CodeVoorloop, Field: p.field, FieldName: p.name,
			Position: p.pos, Retourcode: p.retour, Err: ErrUnknownStandard,
			Message: "holds " + strconv.Quote(printable(text[p.pos-1:p.end])) + "; the file is checked against " + std.ID() + ", which has " + p.what})
	}
}

// pad writes n with leading zeros to width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// lookaheadLines is how many lines are read to choose between standards.
const lookaheadLines = 32

// decide chooses among e.cands the standard whose layouts the lines read ahead fit best,
// and checks those lines. When none stands out, the file cannot be checked (N1).
func (e *engine) decide() {
	lines, cands := e.lookahead, e.cands
	e.lookahead, e.cands = nil, nil
	var best *record.Standard
	bestScore, tie := 0, false
	for _, s := range cands {
		pl := compile(s)
		score := 0
		for _, ln := range lines {
			lp := pl.layout(ln.Text[:min(2, len(ln.Text))])
			switch {
			case len(ln.Text) != s.RecordLength() || lp == nil:
				score += 100
			default:
				score += fitErrors(ln.Text, lp)
			}
		}
		switch {
		case best == nil || score < bestScore:
			best, bestScore, tie = s, score, false
		case score == bestScore:
			tie = true
		}
	}
	if tie {
		names := make([]string, len(cands))
		for i, s := range cands {
			names[i] = s.ID()
		}
		e.headerParts(lines[0])
		e.emit(Finding{Level: N1, Rule: "N1-STANDARD", Line: lines[0].Number, Record: "01", Field: "0102", Position: 3,
			Retourcode: "8165", Err: ErrUnknownStandard,
			Message: "the voorlooprecord does not name its standard clearly (EI code, version or subversion are not digits or zero) and the records fit " + strings.Join(names, " and ") + " alike"})
		e.stop = true
		return
	}
	e.adopt(best)
	for _, ln := range lines {
		if e.stop {
			return
		}
		e.process(ln)
	}
}

// headerParts reports the parts of a voorlooprecord that name the standard (EI code,
// version, subversion) when they are not digits or, where a value is needed, zero (N3).
func (e *engine) headerParts(ln record.Raw) {
	parts := []struct {
		field, name string
		start, end  int
		zeroOK      bool
		retour      string
	}{
		{"0102", "CODE EXTERNE-INTEGRATIEBERICHT", 2, 5, false, "0010"},
		{"0103", "VERSIENUMMER BERICHTSTANDAARD", 5, 7, false, "0011"},
		{"0104", "SUBVERSIENUMMER BERICHTSTANDAARD", 7, 9, true, "8027"},
	}
	for _, p := range parts {
		v := ln.Text[p.start:p.end]
		f := Finding{Level: N3, Line: ln.Number, Record: "01", Field: p.field, FieldName: p.name, Position: p.start + 1, Retourcode: p.retour}
		switch {
		case !isDigits(v):
			f.Rule, f.Err, f.Message = "N3-DIGITS", ErrType, "a numeric (N) field holds a non-digit"
		case allZero(v) && !p.zeroOK:
			f.Rule, f.Err, f.Message = "N3-MANDATORY", ErrMissing, "mandatory field (M) is not filled: it holds only zeros"
		default:
			continue
		}
		e.emit(f)
	}
}

// identify returns the standard positions 3-9 of a voorlooprecord name, or nil.
func (e *engine) identify(text string) *record.Standard {
	if len(text) < 9 || !isDigits(text[2:9]) {
		return nil
	}
	a, _ := strconv.Atoi(text[2:5])
	b, _ := strconv.Atoi(text[5:7])
	c, _ := strconv.Atoi(text[7:9])
	s, _ := e.reg.ByEICode(a, b, c)
	return s
}

// candidates returns the standards that fit the well-formed parts of a header whose other
// parts are not digits (or zero where a value is needed).
func (e *engine) candidates(eiCode, ver, sub string) []*record.Standard {
	okEI, okVer, okSub := isDigits(eiCode) && !allZero(eiCode), isDigits(ver) && !allZero(ver), isDigits(sub)
	if !okEI && !okVer && !okSub {
		return nil
	}
	a, _ := strconv.Atoi(eiCode)
	b, _ := strconv.Atoi(ver)
	c, _ := strconv.Atoi(sub)
	var out []*record.Standard
	for _, s := range e.reg.All() {
		for _, code := range s.EICodes() {
			if (!okEI || code == a) && (!okVer || s.Version() == b) && (!okSub || s.Subversion() == c) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// unknownStandard reports a voorlooprecord that names a standard (or version) the
// registry does not know: N1, and N4 on the part that is not known.
func (e *engine) unknownStandard(line int, eiCode, ver, sub string) {
	a, _ := strconv.Atoi(eiCode)
	b, _ := strconv.Atoi(ver)
	e.emit(Finding{Level: N1, Rule: "N1-STANDARD", Line: line, Record: "01", Field: "0102", Position: 3, Retourcode: "8165",
		Err: ErrUnknownStandard, Message: "EI code " + eiCode + " version " + ver + " subversion " + sub + " is not a standard (version) this validator knows"})
	var sameCode, sameVersion []string
	for _, s := range e.reg.All() {
		for _, code := range s.EICodes() {
			if code == a {
				sameCode = append(sameCode, s.ID())
				if s.Version() == b {
					sameVersion = append(sameVersion, s.ID())
				}
			}
		}
	}
	switch {
	case len(sameVersion) > 0:
		e.emit(Finding{Level: N4, Rule: "N4-STANDARD", Line: line, Record: "01", Field: "0104", FieldName: "SUBVERSIENUMMER BERICHTSTANDAARD",
			Position: 8, Retourcode: "8027", Err: ErrValue, Message: "subversion " + sub + " does not exist; known: " + strings.Join(sameVersion, ", ")})
	case len(sameCode) > 0:
		e.emit(Finding{Level: N4, Rule: "N4-STANDARD", Line: line, Record: "01", Field: "0103", FieldName: "VERSIENUMMER BERICHTSTANDAARD",
			Position: 6, Retourcode: "0011", Err: ErrValue, Message: "version " + ver + " does not exist; known: " + strings.Join(sameCode, ", ")})
	default:
		msg := "EI code " + eiCode + " is not a standard this validator has a layout for"
		if l := lookupList("COD002"); l != nil && !l.has(eiCode, true) {
			msg = "code " + strconv.Quote(eiCode) + " is not in code list COD002-VEKT"
		}
		e.emit(Finding{Level: N4, Rule: "N4-STANDARD", Line: line, Record: "01", Field: "0102", FieldName: "CODE EXTERNE-INTEGRATIEBERICHT",
			Position: 3, Retourcode: "0010", Err: ErrValue, Message: msg})
	}
}

func (e *engine) adopt(s *record.Standard) {
	e.std = s
	e.clean = false
	e.scanning = false
	e.sel = selectRules(s, &e.opts)
	e.off, e.warn = e.sel.off, e.sel.warn
	if d := e.decl; d != nil && (d.Standard == nil || s.Answers() != d.Standard.Code() || s.VersionString() != d.Standard.VersionString()) {
		what := s.ID() + " is not a return message"
		if s.IsReturn() {
			what = s.ID() + " answers " + s.Answers() + "@" + s.VersionString()
		}
		name := "no standard"
		if d.Standard != nil {
			name = d.Standard.ID()
		}
		e.emit(Finding{Level: N1, Rule: "N1-DECLARATION", Line: 1, Record: record.CodeVoorloop, Position: 1, Retourcode: "0001", Err: ErrUnknownStandard,
			Message: "the declaration given (Options.Declaration) is of " + name + ", but " + what + ": the numbers are not checked against it"})
		e.decl = nil
	}
	if e.compiled != nil && e.compiled.std == weak.Make(s) {
		e.pl = e.compiled // compiled for the run by the parallel run (parallel.go)
	} else {
		e.pl = planFor(s, e.sel)
	}
	e.nest = ei.NewNester(ei.NestOptions{Standard: s, Lenient: true})
	e.totals = ei.NewTotals(s)
	for _, lp := range e.pl.layouts {
		if c := lp.code; len(c) == 2 && isDigits(c) {
			e.byCode[int(c[0]-'0')*10+int(c[1]-'0')] = []int32{} // none but its own (not anyCode)
		}
	}
	for _, r := range e.sel.rules {
		if r.engine || !e.opts.Levels.Has(r.level()) {
			continue
		}
		i := e.add(r)
		if r.Record != nil {
			// byCode holds, per record type, the hooks of its type and of every type, in the
			// order of the rules.
			if len(r.Records) == 0 {
				e.anyCode = append(e.anyCode, i)
			}
			for _, lp := range e.pl.layouts {
				if c := lp.code; len(c) == 2 && isDigits(c) && r.about(c) && (r.idle == nil || !r.idle(lp)) {
					n := int(c[0]-'0')*10 + int(c[1]-'0')
					e.byCode[n] = append(e.byCode[n], i)
				}
			}
		}
		if r.Group != nil {
			if r.about(record.CodePrestatie) && e.pl.has04 && (r.groupIdle == nil || !r.groupIdle(record.CodePrestatie)) {
				e.groups04 = append(e.groups04, i)
			}
			if r.about(record.CodeVerzekerde) && e.pl.has02 && (r.groupIdle == nil || !r.groupIdle(record.CodeVerzekerde)) {
				e.groups02 = append(e.groups02, i)
			}
		}
		if r.End != nil {
			e.ends = append(e.ends, i)
		}
	}
	for c, idx := range e.byCode {
		e.stepsByCode[c] = e.compileSteps(idx, false)
	}
	e.anySteps = e.compileSteps(e.anyCode, false)
	e.steps04, e.steps02 = e.compileSteps(e.groups04, true), e.compileSteps(e.groups02, true)
}

// runRecord runs the Record hooks on rec, in the order of the rules.
func (e *engine) runRecord(rec *Record) {
	if rec.lp.code == record.CodeVoorloop && rec.Line != e.seen01 {
		return // a second 01 out of place (N2) is not passed to the rules
	}
	hooks, steps := e.anyCode, e.anySteps
	if n := rec.lp.codeNum; n >= 0 {
		if h := e.byCode[n]; h != nil {
			hooks, steps = h, e.stepsByCode[n]
		}
	}
	if e.ahead == nil {
		e.recordSteps(steps, rec)
		return
	}
	e.recordAhead(hooks, steps, rec) // run ahead by a worker (parallel.go)
}

// runGroup runs the Group hooks hooks (compiled into steps, or nil) on the group
// collected in b, and empties it.
func (e *engine) runGroup(b *groupBuf, hooks []int32, steps []hookStep) {
	if !b.open {
		return
	}
	b.open = false
	g := &b.g
	for i := range g.recs {
		switch p := b.parent[i]; {
		case p == -1:
			g.recs[i].parent = g.head
		case p >= 0:
			g.recs[i].parent = &g.recs[p]
		default:
			g.recs[i].parent = nil
		}
	}
	switch {
	case b.ahead != nil:
		e.groupAhead(b, hooks, steps) // run ahead by a worker (parallel.go)
	case steps != nil:
		e.groupSteps(steps, g)
	default:
		e.group(hooks, g)
	}
	clear(g.recs) // let go of the text
	g.recs, b.parent = g.recs[:0], b.parent[:0]
}

// openGroup starts collecting the group headed by head.
func (b *groupBuf) start(head *Record) {
	b.open, b.ahead = true, nil
	b.g.head, b.g.complete = head, true
	b.g.recs, b.parent = b.g.recs[:0], b.parent[:0]
}

// add adds rec to the open group.
func (b *groupBuf) add(rec *Record) {
	if !b.open || rec.Line == b.g.head.Line {
		return
	}
	if len(b.g.recs) >= MaxGroupRecords {
		b.g.complete = false
		return
	}
	p := int32(-2)
	if par := rec.parent; par != nil {
		if par.Line == b.g.head.Line {
			p = -1
		} else {
			for j := len(b.g.recs) - 1; j >= 0; j-- {
				if b.g.recs[j].Line == par.Line {
					p = int32(j)
					break
				}
			}
		}
	}
	b.g.recs = append(b.g.recs, *rec)
	b.parent = append(b.parent, p)
}

// process checks one record of a file whose standard is known.
func (e *engine) process(ln record.Raw) {
	text := ln.Text
	pl := e.pl
	rec := &e.cur
	*rec = Record{Line: ln.Number, text: text, Standard: e.std}
	if e.hdrOK {
		rec.header = &e.hdr
	}
	first := e.seen01 == 0 && e.totals.Details() == 0 && e.seen99 == 0
	if len(text) != e.std.RecordLength() {
		e.emit(Finding{Level: N2, Rule: "N2-LENGTH", Line: ln.Number, Record: text[:min(2, len(text))], Retourcode: "0804", Err: ErrRecordLength,
			Message: "the record has " + strconv.Itoa(len(text)) + " positions; records of " + e.std.ID() + " have " + strconv.Itoa(e.std.RecordLength()) + utf8Hint(text, e.std.RecordLength())})
		// The structure goes on by the kenmerk, so that one bad record does not hide the rest.
		if lp := pl.layout(text[:min(2, len(text))]); lp != nil {
			e.structure(lp.code, lp.code, rec, true)
			e.totals.AddCount(lp.code)
			if lp.idField >= 0 && lp.code != record.CodeCommentaar {
				e.lastID++
			}
			// Keep the nesting, without the record's fields (their positions are off).
			short := Record{Line: ln.Number, Standard: e.std}
			e.hold(&short, lp.code != record.CodeVoorloop && lp.code != record.CodeSluit && lp.code != record.CodeCommentaar)
		}
		return
	}
	code := text[:2]
	decl := pl.layout(code)
	content := decl
	e.pending = e.pending[:0]
	if decl == nil {
		content = pl.bestFit(text, nil)
		e.emit(Finding{Level: N2, Rule: "N2-RECORDTYPE", Line: ln.Number, Record: printable(code), Position: 1, Retourcode: "0002", Err: ErrRecordType,
			Message: "record type " + strconv.Quote(printable(code)) + " does not exist in " + e.std.ID() + recordTypes(pl)})
		if content != nil {
			rec.lp, rec.Layout = content, content.lay
			e.kenmerk(rec, code)
			e.checkFields(rec)
		}
	} else {
		rec.lp, rec.Layout = decl, decl.lay
		e.prefetchRef(rec)
		e.prefetchIdentity()
		if hard := e.declaredFields(rec); hard >= 3 {
			if alt := pl.bestFit(text, decl); alt != nil {
				e.pending = e.pending[:0]
				content = alt
				rec.lp, rec.Layout, rec.lastNumber = alt, alt.lay, "" // forget fields found in decl
				e.kenmerk(rec, code)
				e.checkFields(rec)
			}
		}
	}
	if content == nil {
		return
	}
	structural := content.code
	if decl != nil && !(first && content.code == record.CodeVoorloop) {
		structural = decl.code
	}
	e.structure(structural, content.code, rec, decl == nil)
	e.numbering(rec)
	e.flush()
	e.relations(rec)
	e.runRecord(rec)
	e.keep(rec)
	if rec.lp.code != record.CodeVoorloop {
		e.g04.add(rec)
		e.g02.add(rec)
		if (e.g04.ahead != nil || e.g02.ahead != nil) && e.ahead == nil {
			e.g04.ahead, e.g02.ahead = nil, nil // a record the worker's run does not hold for (groupAhead)
		}
	}
}

// printable shows a kenmerk without control characters.
// printable returns code with bytes that are not printable ASCII escaped ("\x1b"), so
// that a message never carries raw control bytes.
func printable(code string) string { return record.Escape(code) }

func recordTypes(pl *plan) string {
	codes := make([]string, 0, len(pl.layouts))
	for _, lp := range pl.layouts {
		codes = append(codes, lp.code)
	}
	return " (it has " + strings.Join(codes, ", ") + ")"
}

// bestFit returns the layout whose fields a record with an unknown or wrong kenmerk fits:
// without hard faults (at most one for an unknown kenmerk), and of those the one that
// constrains most positions. not is the layout its kenmerk names, which it does not fit.
func (pl *plan) bestFit(text string, not *layoutPlan) *layoutPlan {
	limit := 1
	if not != nil {
		limit = 0
	}
	var best *layoutPlan
	bestErr := 0
	for _, lp := range pl.layouts {
		if lp == not {
			continue
		}
		n := fitErrors(text, lp)
		if n > limit {
			continue
		}
		if best == nil || n < bestErr || n == bestErr && lp.specificity > best.specificity {
			best, bestErr = lp, n
		}
	}
	return best
}

// kenmerk reports a record whose kenmerk is not its record type: N3 when the kenmerk is
// not filled or not two digits, N4 when it is another record type's.
func (e *engine) kenmerk(rec *Record, code string) {
	fp := &rec.lp.fields[0]
	level, rule, msg := N4, "N4-KENMERK", "the kenmerk record is "+strconv.Quote(printable(code))+", but the record is a "+rec.lp.lay.Name()+" ("+rec.lp.code+")"
	if !isDigits(code) || allZero(code) {
		level, rule = N3, "N3-KENMERK"
		msg = "the kenmerk record must be the record type in two digits (" + rec.lp.code + "), not " + strconv.Quote(printable(code))
	}
	e.fieldFinding(rec, fp, level, rule, ErrRecordType, 1, msg)
}

// structure places rec in the nesting (ei.Nester, lenient) and reports what is out of
// order (N2): the order by the record type the kenmerk names (code), the nesting by the
// type of the content. The groups the record closes end here; those it opens, at hold.
func (e *engine) structure(code, content string, rec *Record, quiet bool) {
	st := e.nest.PlaceAs(code, content)
	e.step = st
	if st.Fault != 0 && !e.after99 {
		e.order(code, st.Fault, rec, quiet)
	}
	if code == record.CodeVoorloop && e.seen01 == 0 {
		e.seen01 = rec.Line
	}
	if code == record.CodeSluit && e.seen99 == 0 {
		e.seen99 = rec.Line
	}
	if st.Events != 0 {
		e.closeGroups(st.Events)
	}
	switch st.Parent {
	case ei.ParentVerzekerde:
		rec.parent = &e.cur02
	case ei.ParentPrestatie:
		rec.parent = &e.cur04
	case ei.ParentRecord:
		if e.hasDetail {
			rec.parent = &e.lastDetail
		}
	}
}

// order reports what the Nester found out of order about a record of type code (N2),
// unless records after the 99 were reported: the first record after the 99 is reported,
// and from there on the order is not, the file has ended. A record before the 01 is reported when the file is recognised (N2-FIRST,
// N1-IDENTIFICATION).
func (e *engine) order(code string, f ei.Fault, rec *Record, quiet bool) {
	msg, retour := "", "8026"
	switch {
	case code == record.CodeVoorloop:
		if f&ei.FaultVoorloop == 0 {
			return
		}
		msg, retour = "a second 01 voorlooprecord (the first is on line "+strconv.Itoa(max(e.seen01, 1))+")", "8199"
	case code == record.CodeSluit:
		if f&ei.FaultSluit == 0 {
			return
		}
		msg, retour = "a second 99 sluitrecord (the first is on line "+strconv.Itoa(e.seen99)+")", "8200"
	case f&ei.FaultAfterSluit != 0:
		e.after99 = true
		msg = "records follow the 99 sluitrecord on line " + strconv.Itoa(e.seen99) + ": the sluitrecord must be the last record"
	case f&ei.FaultComment != 0:
		msg = "a 98 commentaarrecord must follow the detail record it comments on"
	case f&ei.FaultNo02 != 0:
		msg = "a record of type " + code + " must follow the 02 verzekerdenrecord it belongs to"
	case f&ei.FaultNo04 != 0:
		msg = "a record of type " + code + " must follow the 04 prestatierecord it belongs to"
	default:
		return
	}
	if !quiet {
		e.emit(Finding{Level: N2, Rule: "N2-ORDER", Line: rec.Line, Record: code, Position: 1, Retourcode: retour, Err: ErrOrder, Message: msg})
	}
}

// closeGroups ends the groups a step closes: the prestatie (the 04 with its tarief,
// zorgactiviteit, … records), then the verzekerde, which needs at least one 04.
func (e *engine) closeGroups(ev ei.Event) {
	if ev&ei.ClosePrestatie != 0 {
		e.runGroup(&e.g04, e.groups04, e.steps04)
	}
	if ev&ei.CloseVerzekerde != 0 {
		if e.pl.has04 && !e.cur02Has04 {
			e.emit(Finding{Level: N2, Rule: "N2-NESTING", Line: e.cur02.Line, Record: record.CodeVerzekerde, Position: 1, Retourcode: "8026",
				Err: ErrOrder, Message: "the verzekerdenrecord has no prestatierecord (04) under it"})
		}
		e.runGroup(&e.g02, e.groups02, e.steps02)
	}
}

// numbering checks the identificatie detailrecord (N2): detail records are numbered 1, 2,
// 3, … through the file; a 98 carries the number of the record it comments on.
func (e *engine) numbering(rec *Record) {
	lp := rec.lp
	if lp.idField < 0 {
		return
	}
	v := rec.raw(lp.idField)
	if lp.code == record.CodeCommentaar {
		e.commentNumbering(rec, v)
		e.prev98 = true
		return
	}
	e.prev98 = false
	if e.std.IsReturn() {
		e.returnNumbering(rec, v)
		return
	}
	want := e.lastID + 1
	if !rec.wellFormed(lp.idField) { // digits (the masks of the field checks say)
		e.lastID = want
		return
	}
	id := digitsValue(v)
	if id != want {
		e.report(N2, "N2-NUMBERING", rec, lp.idField, "0801", ErrNumbering,
			"detail records are numbered 1, 2, 3, … through the file: expected "+strconv.FormatInt(want, 10)+", found "+strconv.FormatInt(id, 10))
	}
	// Follow the file's numbering from here, so that one record out of place is reported
	// once; a number 0 is taken as a fault of the record alone.
	if id == 0 {
		e.lastID = want
	} else {
		e.lastID = id
	}
}

// commentNumbering checks the identificatie detailrecord v of a 98 commentaarrecord (the
// number of the record it comments on) and its regelnummer vrije tekst (N2).
func (e *engine) commentNumbering(rec *Record, v string) {
	lp := rec.lp
	if !e.hasDetail || e.lastDetail.lp == nil || e.lastDetail.lp.idField < 0 || !isDigits(v) {
		return
	}
	id := digitsValue(v)
	pid := e.lastDetail.lp.idField
	var parent int64
	if e.lastDetail.lp.fields[pid].numeric && e.lastDetail.wellFormed(pid) {
		parent = digitsValue(e.lastDetail.raw(pid)) // digits, as its masks say
	} else {
		parent = parseInt(e.lastDetail.raw(pid))
	}
	if id != parent {
		e.report(N2, "N2-COMMENTID", rec, lp.idField, "8227", ErrNumbering,
			"a commentaarrecord carries the identificatie of the record it comments on ("+strconv.FormatInt(parent, 10)+"), not "+strconv.FormatInt(id, 10))
	}
	if i := rec.find("9803"); i >= 0 && isDigits(rec.raw(i)) {
		n := digitsValue(rec.raw(i))
		want := int64(1)
		if e.prev98 {
			want = e.regel + 1
		}
		if n != want {
			f := Finding{Level: N2, Rule: "N2-REGELNUMMER", Line: rec.Line, Record: "98", Field: "9803", FieldName: lp.fields[i].f.Name,
				Position: lp.fields[i].f.Start, Retourcode: "0754", Severity: Warning, Err: ErrNumbering,
				Message: "the lines of free text on one record are numbered 1, 2, 3, …: expected " + strconv.FormatInt(want, 10)}
			e.emit(f)
		}
		e.regel = n
	}
}

// returnNumbering checks the identificatie detailrecord of a return message (N2): a return
// keeps the numbers of the declaration and may leave records out, so its numbers
// increase, and with Options.Declaration each is the number of a record of the same type
// there.
func (e *engine) returnNumbering(rec *Record, v string) {
	lp := rec.lp
	if !isDigits(v) {
		return // N3
	}
	id := digitsValue(v)
	switch {
	case id == 0 || id <= e.lastID:
		msg := "a return message keeps the numbers of the declaration, which increase: found " + strconv.FormatInt(id, 10)
		if e.lastID > 0 {
			msg += " after " + strconv.FormatInt(e.lastID, 10)
		}
		e.report(N2, "N2-NUMBERING", rec, lp.idField, "0801", ErrNumbering, msg)
	case e.decl != nil && !e.decl.has(id, lp.code):
		msg := "the declaration has no " + strings.ToLower(lp.lay.Name()) + " numbered " + strconv.FormatInt(id, 10)
		if t := e.decl.Type(id); t != "" {
			msg += " (its record " + strconv.FormatInt(id, 10) + " is of type " + t + ")"
		}
		e.report(N2, "N2-NUMBERING", rec, lp.idField, "0801", ErrNumbering, msg)
	}
	if id > e.lastID {
		e.lastID = id
	}
}

// keep remembers the records later records relate to.
func (e *engine) keep(rec *Record) {
	switch rec.lp.code {
	case record.CodeVoorloop:
		if !e.hdrOK && e.seen01 == rec.Line {
			e.hdr = *rec
			e.hdr.text = strings.Clone(rec.text)
			e.hdr.parent, e.hdr.header, e.hdr.dates = nil, nil, nil
			e.hdrOK = true
			e.invoice, e.okInvoice = e.hdr.dateOfElement(elemInvoiceDate)
			e.periodEnd, e.okPeriodEnd = e.hdr.dateOfElement(elemPeriodEnd)
			// A dagtekening before the end of the period is reported at the 01 (N5-PERIOD);
			// the dates of care are then only held against the period.
			e.badInvoice = e.okInvoice && e.okPeriodEnd && e.invoice.Before(e.periodEnd)
		}
		return
	case record.CodeSluit:
		return
	}
	e.hold(rec, rec.lp.code != record.CodeCommentaar && rec.lp.idField >= 0)
	switch {
	case e.step.Events&ei.OpenVerzekerde != 0 && len(e.groups02) > 0:
		e.g02.start(&e.cur02)
		if e.ahead != nil {
			e.startAhead(&e.g02) // parallel.go
		}
	case e.step.Events&ei.OpenPrestatie != 0 && len(e.groups04) > 0:
		e.g04.start(&e.cur04)
		if e.ahead != nil {
			e.startAhead(&e.g04)
		}
	}
}

// hold holds rec as the record the next records may hang under (the current step's): the
// 02 or 04 it opens, and, when commented is set, the last record a 98 comments on.
func (e *engine) hold(rec *Record, commented bool) {
	switch {
	case e.step.Events&ei.OpenVerzekerde != 0:
		e.cur02, e.cur02Has04 = *rec, false
	case e.step.Events&ei.OpenPrestatie != 0:
		e.cur04 = *rec
		if e.step.Parent == ei.ParentVerzekerde {
			e.cur02Has04 = true
		}
	}
	if commented {
		e.lastDetail, e.hasDetail = *rec, true
	}
}

// finish runs the checks at the end of the file.
func (e *engine) finish() {
	if e.std == nil {
		if e.lines == 0 {
			e.emit(Finding{Level: N1, Rule: "N1-EMPTY", Retourcode: "0001", Err: ErrUnreadable, Message: "the file is empty"})
		} else if e.scanning {
			e.emit(Finding{Level: N1, Rule: "N1-STANDARD", Line: 1, Retourcode: "0001", Err: ErrUnknownStandard,
				Message: "no voorlooprecord (01) names the standard: the file cannot be checked further"})
		}
		return
	}
	ev, _ := e.nest.End() // a file without 01 or 99 is reported by the engine
	e.closeGroups(ev)
	if e.seen99 == 0 {
		e.emit(Finding{Level: N2, Rule: "N2-NO99", Line: e.lines, Retourcode: "0208", Err: ErrOrder,
			Message: "the file has no 99 sluitrecord: it must end with one"})
	}
	e.end(e.ends)
}

// utf8Hint explains a record that is too long because it holds multi-byte UTF-8
// characters (EI files are Latin-1): it names the position of the first one.
func utf8Hint(text string, length int) string {
	if len(text) <= length {
		return ""
	}
	extra, first, pos := 0, rune(0), 0
	for i, n := 0, 0; i < len(text); n++ {
		r, size := utf8.DecodeRuneInString(text[i:])
		if size > 1 && r != utf8.RuneError {
			if first == 0 {
				first, pos = r, n+1
			}
			extra += size - 1
		}
		i += size
	}
	if first == 0 {
		return ""
	}
	// The character itself is not named: it may be a letter of a name (personal data).
	h := fmt.Sprintf(" (the record holds a multi-byte UTF-8 character (the first at position %d): EI files are Latin-1", pos)
	if len(text)-extra == length {
		h += "; in Latin-1 the record would have the right length"
	}
	return h + ")"
}
