package validate

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/prefetch"
)

// relations adds the record to the totals of the 99 record (ei.Totals: counts per record
// type, detail records, declared and allowed amounts signed by their debet/credit
// fields); the trailer rule reads them at the 99.
func (e *engine) relations(rec *Record) {
	e.totals.AddString(rec.lp.lay, rec.text)
}

// filledAt reports whether field i holds a value: an N field digits not all zero, an AN
// field not only spaces. The masks the field checks noted answer it when they cover the
// field; else readField reads the field. (filledAt and wellFormed are short enough for the
// compiler to inline where the relations ask for field after field.)
func (rec *Record) filledAt(i int) bool {
	if rec.masked && i < 64 {
		return rec.wf&rec.filled&(1<<i) != 0
	}
	return rec.readFilled(i)
}

// readFilled is readField(i, true), for filledAt: a call with one argument less keeps
// filledAt within what the compiler inlines.
//
//go:noinline
func (rec *Record) readFilled(i int) bool { return rec.readField(i, true) }

// wellFormed reports whether field i holds what its type allows, so that a relation is
// not reported on top of a format fault. Like filledAt, the masks answer it when they
// can.
func (rec *Record) wellFormed(i int) bool {
	if rec.masked && i < 64 {
		return rec.wf&(1<<i) != 0
	}
	return rec.readField(i, false)
}

// readField reads field i: whether it holds a value (filled), or else whether it holds
// what its type allows (an N field digits).
func (rec *Record) readField(i int, filled bool) bool {
	v := rec.raw(i)
	if rec.lp.fields[i].numeric {
		return isDigits(v) && (!filled || !allZero(v))
	}
	return !filled || !allSpaces(v)
}

func (rec *Record) dateAt(i int) (record.Date, bool) {
	if d, ok, cached := rec.dates.date(rec, i); cached {
		return d, ok
	}
	return rec.readDate(i)
}

// readDate reads the date of field i, which the record's dateCache does not hold.
func (rec *Record) readDate(i int) (record.Date, bool) {
	c := rec.dates
	var d record.Date
	var ok bool
	if v := rec.raw(i); len(v) == 8 && rec.masked && i < 64 && rec.wf&(1<<i) != 0 && rec.lp.fields[i].numeric {
		// Digits, as the masks say (the parallel run's file-order pass takes the masks
		// from a worker, not the dates): no second look at them.
		d = civil.FromWord(word(v, 0))
		ok = d.Valid()
	} else {
		var err error
		d, err = civil.ParseEEJJMMDD(v)
		ok = err == nil && d.Valid()
	}
	// Kept for the next rule that asks, when the cache is the record's (it is for the
	// current record of the parallel run's file-order pass, whose field checks ran ahead).
	if c != nil && rec.lp != nil && i < 64 {
		if s := &c.slots[rec.lp.dateSlot]; s.line == rec.Line && s.lp == rec.lp {
			s.has |= 1 << i
			s.d[i] = d
			if ok {
				s.valid |= 1 << i
			}
		}
	}
	return d, ok
}

func (rec *Record) fieldName(i int) string {
	f := rec.lp.fields[i].f
	return f.Number + " " + f.Name
}

// parentKeys: fields that identify the insured (and the prestatie) equal those of the
// record above ("Waarde dient gelijk te zijn aan die in … het bovenliggende …record").
//
// For a prestatierecord (04) the return code follows seed 002 example 6: when the 04
// carries the key (BSN and UZOVI-nummer) of another verzekerde of the file, its physical
// relation is wrong (8150, "prestatierecord hoort niet bij voorliggend verzekerderecord");
// when it belongs to no other verzekerde, each field that differs gets its own return
// code: 0435 for the BSN, 0423 for the UZOVI-nummer (both when both differ). Whether
// another verzekerde has the key is known only at the end of the file when none before
// the 04 has it: those findings are reported at the end (parentKeysEnd), in file order.
func parentKeys(p *Pass, rec *Record) {
	st, _ := p.State().(*parentState)
	if st != nil && st.rank < 0 && p.Rule().ID == "N5-PARENT" {
		// The set's budget (Options.MaxSetMemory), and where the engine finds it.
		st.rank, st.verzekerden.mem.pool, p.e.parent = p.hooks.running, p.e.pool, st
		st.verzekerden.mem.hint = &p.e.hint
		// The run's seed, which the workers of the parallel run hash with too
		// (aheadLine.sum).
		st.seed = p.e.refSeed
	}
	if st != nil && rec.lp.code == record.CodeVerzekerde {
		if sum, ok := st.identityOf02(p, rec); ok {
			if err := st.verzekerden.add(p.e.opts.TempDir, sum); err != nil {
				p.e.fail(err)
			}
		}
	}
	par := rec.parent
	if par == nil || par.lp == nil || par.lp.code != rec.lp.parent || len(rec.lp.keys) == 0 {
		return
	}
	// The rule is N5-PARENT (its hook index noted on its first record, above).
	isParent := st != nil && (st.rank == p.hooks.running || p.Rule().ID == "N5-PARENT")
	// Under a prestatierecord the comparisons are also noted (underPrestatie), in the
	// same walk over the keys.
	var under *underPrestatie
	if isParent && par.lp.code == record.CodePrestatie {
		under = &st.under
		if under.head != par.Line {
			under.reset(par.Line)
		}
	}
	retour := ""
	switch rec.lp.code {
	case record.CodePrestatie:
		retour = "8150"
	case "06":
		retour = "8257"
	}
	var differ []keyPair
	keys := rec.lp.keys
	var runs []keyRun
	if st != nil && rec.masked && par.masked {
		runs = st.keyRuns(rec.lp, par.lp)
	}
	for r := 0; r < len(keys); {
		// A run of keys side by side in both records, all well formed, whose text is equal
		// as a whole: each key is equal (keyRuns).
		if runs != nil {
			run := &runs[r]
			if run.bits != 0 && rec.wf&run.bits == run.bits && par.wf&run.parentBits == run.parentBits &&
				rec.text[run.start:run.end] == par.text[run.parentStart:run.parentEnd] {
				if under != nil {
					under.sameSeen |= run.parentBits
				}
				r = run.to
				continue
			}
		}
		k := keys[r]
		r++
		if !rec.wellFormed(k.child) || !par.wellFormed(k.parent) {
			continue
		}
		v := rec.raw(k.child)
		if v == par.raw(k.parent) {
			if under != nil {
				under.noteSame(k.parent)
			}
			continue
		}
		if k.child < 64 {
			rec.badKeys |= 1 << k.child
		}
		if !par.filledAt(k.parent) && par.lp.fields[k.parent].mandatory || k.parent < 64 && par.badKeys&(1<<k.parent) != 0 {
			continue // reported at the parent
		}
		if under != nil {
			under.noteDiffer(rec, k, v)
		}
		differ = append(differ, k)
	}
	if len(differ) == 0 {
		return
	}
	report := func(code string) {
		for _, k := range differ {
			c := code
			if c == "" {
				c = rec.lp.fields[k.child].retour
			}
			if c == "" {
				c = retour
			}
			p.failAs("N5-PARENT", rec, k.child, c,
				"must equal field "+par.fieldName(k.parent)+" of the "+strings.ToLower(par.lp.lay.Name())+" on line "+strconv.Itoa(par.Line))
		}
	}
	if under != nil {
		// Decided when the prestatie's group closes (parentGroup): the 04 is what is
		// wrong when every record under it differs from it in the same way.
		st.under.hold(p, rec, par, differ, retour)
		return
	}
	if rec.lp.code != record.CodePrestatie || !isParent {
		report(retour)
		return
	}
	sum, ok := st.identityOf04(rec)
	switch {
	case !ok:
		report(retour)
	case st.verzekerden.has(sum):
		report(retour) // the key of a verzekerde before it: a wrong physical relation
	default:
		// Decided at the end of the file: a verzekerde after the 04 may have its key, or
		// one before it in a run the set spilled (then the finding is placed here).
		for i, k := range differ {
			f := &rec.lp.fields[k.child]
			st.pending = append(st.pending, pendingKey{
				identity: sum, gen: st.verzekerden.gen(), ord: p.e.found, sub: int32(i),
				finding: Finding{Line: rec.Line, Record: rec.Code(), Field: f.f.Number, FieldName: f.f.Name, Position: f.f.Start,
					Retourcode: cmp.Or(f.retour, retour),
					Message: "must equal field " + par.fieldName(k.parent) + " of the " + strings.ToLower(par.lp.lay.Name()) +
						" on line " + strconv.Itoa(par.Line)},
			})
		}
	}
}

// parentKeysEnd reports the prestatierecords whose key differs from their verzekerde's
// and that waited for the end of the file: 8150 when a verzekerde of the file has their
// key, else each field's own code (seed 002 example 6). Those whose key a verzekerde
// before them has, in a run the set spilled, are not reported here but placed where they
// were found (engine.settle), as when the set held it in memory.
func parentKeysEnd(p *Pass) {
	st, _ := p.State().(*parentState)
	if st == nil {
		return
	}
	if err := st.classify(); err != nil {
		p.e.fail(err)
		return
	}
	for i, pk := range st.pending {
		if st.before(i) {
			continue
		}
		f := pk.finding
		if st.verzekerden.has(pk.identity) || st.firstRun != nil && st.firstRun[i] >= 0 {
			f.Retourcode = "8150"
			f.Message += "; it carries the key of another verzekerde of the file"
		}
		p.Report(nil, f)
	}
}

// parentState is the state of N5-PARENT for one file: the keys (BSN, UZOVI-nummer) of
// the verzekerden of the file, as fingerprints (spilled in runs beyond the budget,
// spill.go), and the findings that wait for the end; the comparisons of the records
// under the current prestatierecord with it.
type parentState struct {
	seed        maphash.Seed
	verzekerden keySet
	pending     []pendingKey
	// firstRun holds, once classified, the first run of the set holding each pending
	// key (-1: none); nil when the set never spilled.
	firstRun   []int
	classified bool
	rank       int32 // N5-PARENT's hook index; -1 until its first record
	under      underPrestatie
	// identity caches identityKeys per layout plan: a file has one layout per record
	// type, and computing the keys for every 02 allocated once per verzekerde.
	identity map[*layoutPlan][]keyPair
	// runs caches keyRuns per pair of layouts.
	runs []keyRunsOf
}

// keyRun is a run of the keys of a layout (layoutPlan.keys[i:to] for the run at i) whose
// fields lie side by side in the record, and side by side in the same order in its parent:
// the text of the run equals the parent's where each key does (a key's two fields have
// the same length). bits and parentBits mark the fields of the run (indexes below 64);
// bits is 0 when a run has a field beyond (then it is compared key by key).
type keyRun struct {
	to                     int
	start, end             int
	parentStart, parentEnd int
	bits, parentBits       uint64
}

// keyRunsOf is the runs of the keys of a layout under a parent layout.
type keyRunsOf struct {
	lp, parent *layoutPlan
	runs       []keyRun // by key index: the run starting at that key
}

// keyRuns returns the runs of the keys of lp under parent, worked out once per pair of
// layouts of the file. On a tariefrecord of GZ321 the seven keys are four runs (BSN,
// UZOVI-nummer and verzekerdennummer are one); on a prestatierecord its three are one.
func (st *parentState) keyRuns(lp, parent *layoutPlan) []keyRun {
	for i := range st.runs {
		if st.runs[i].lp == lp && st.runs[i].parent == parent {
			return st.runs[i].runs
		}
	}
	runs := make([]keyRun, len(lp.keys))
	for i := 0; i < len(lp.keys); {
		k := lp.keys[i]
		run := keyRun{to: i + 1,
			start: int(lp.spans[k.child].start), end: int(lp.spans[k.child].end),
			parentStart: int(parent.spans[k.parent].start), parentEnd: int(parent.spans[k.parent].end)}
		// A key whose two fields differ in length (none does: the plan pairs fields of
		// one length) is compared on its own.
		wide := k.child >= 64 || k.parent >= 64 || !sameLength(lp, parent, k)
		if !wide {
			run.bits, run.parentBits = 1<<k.child, 1<<k.parent
		}
		for run.to < len(lp.keys) {
			n := lp.keys[run.to]
			if int(lp.spans[n.child].start) != run.end || int(parent.spans[n.parent].start) != run.parentEnd || !sameLength(lp, parent, n) {
				break
			}
			run.end, run.parentEnd = int(lp.spans[n.child].end), int(parent.spans[n.parent].end)
			if n.child >= 64 || n.parent >= 64 {
				wide = true
			} else {
				run.bits |= 1 << n.child
				run.parentBits |= 1 << n.parent
			}
			run.to++
		}
		if wide {
			run.bits, run.parentBits = 0, 0
		}
		runs[i] = run
		i = run.to
	}
	st.runs = append(st.runs, keyRunsOf{lp, parent, runs})
	return runs
}

// sameLength reports whether the two fields of key k have one length.
func sameLength(lp, parent *layoutPlan, k keyPair) bool {
	c, p := lp.spans[k.child], parent.spans[k.parent]
	return c.end-c.start == p.end-p.start
}

// identityKeys returns identityKeys(lp), computed once per layout plan of the file.
func (st *parentState) identityKeys(lp *layoutPlan) []keyPair {
	keys, ok := st.identity[lp]
	if !ok {
		if st.identity == nil {
			st.identity = make(map[*layoutPlan][]keyPair, 2)
		}
		keys = identityKeys(lp)
		st.identity[lp] = keys
	}
	return keys
}

// underPrestatie compares the records under one prestatierecord (04) with it, for the
// level principle of issue 20 (LEVELS.md): the finding names the record the relation
// makes wrong. When at least two records under the 04 repeat one of its fields, all agree
// with one another and all differ from the 04, the 04 is what is wrong (Vektis N5_031
// changes the 04's begindatum prestatie); otherwise each record that differs gets the
// finding, as the BER puts the condition on the repeating field.
//
// Only that question is kept, per field of the 04: the records that differ (keyStat) and
// whether any record repeats the field as it is (sameSeen, a bit per field index below
// 64; keyStat.sameSeen beyond). Counting every equal comparison as well, as this did
// before, cost a look-up per key of every record of the file (seven per tarief- and
// zorgactiviteitrecord of GZ321) to answer what one bit answers.
type underPrestatie struct {
	head     int // line of the 04 the comparisons are of; 0 for none
	sameSeen uint64
	stats    []keyStat
	pending  []pendingUnder
	flushed  bool // too many findings to hold: reported as they came
}

// keyStat notes, for one field of the 04, the records under it that differ from it.
type keyStat struct {
	parent          int // field index in the 04
	differ          int
	value           string // the value of the first record that differs
	same            bool   // every record that differs has value
	sameSeen        bool   // a record repeats the field as it is (field index 64 and up)
	childField      string // the field number of the first record that differs
	childRetourcode string
}

type pendingUnder struct {
	parent  int
	finding Finding
}

// maxPendingUnder is how many findings under one prestatierecord wait for its end.
const maxPendingUnder = 1 << 12

func (u *underPrestatie) reset(head int) {
	u.head, u.sameSeen, u.stats, u.pending, u.flushed = head, 0, u.stats[:0], u.pending[:0], false
}

func (u *underPrestatie) stat(parent int) *keyStat {
	for i := range u.stats {
		if u.stats[i].parent == parent {
			return &u.stats[i]
		}
	}
	u.stats = append(u.stats, keyStat{parent: parent, same: true})
	return &u.stats[len(u.stats)-1]
}

// noteSame notes that a record under the prestatierecord repeats its field parent as it
// is. It is noted whether or not the field's fault is reported at the prestatierecord:
// that depends on the prestatierecord alone, so a record that differs in the field is
// then not noted either (noteDiffer), and the field is never reported on the head.
func (u *underPrestatie) noteSame(parent int) {
	if parent < 64 {
		u.sameSeen |= 1 << parent
		return
	}
	u.stat(parent).sameSeen = true
}

// noteDiffer notes that rec's key k, holding v, differs from its prestatierecord.
// parentKeys calls it for the keys whose fault is not reported at the prestatierecord.
func (u *underPrestatie) noteDiffer(rec *Record, k keyPair, v string) {
	s := u.stat(k.parent)
	if s.differ == 0 {
		s.value, s.childField = v, rec.lp.fields[k.child].f.Number
		s.childRetourcode = rec.lp.fields[k.child].retour
	} else if v != s.value {
		s.same = false
	}
	s.differ++
}

// onHead reports whether the prestatierecord's field of s is what is wrong: at least two
// records under it differ from it, all alike, and none repeats it.
func (u *underPrestatie) onHead(s *keyStat) bool {
	if u.flushed || s.differ < 2 || !s.same || s.sameSeen {
		return false
	}
	return s.parent >= 64 || u.sameSeen&(1<<s.parent) == 0
}

// hold keeps the findings of rec's fields that differ from its prestatierecord par
// until the prestatie's group closes.
func (u *underPrestatie) hold(p *Pass, rec, par *Record, differ []keyPair, retour string) {
	for _, k := range differ {
		f := &rec.lp.fields[k.child]
		fd := Finding{Line: rec.Line, Record: rec.Code(), Field: f.f.Number, FieldName: f.f.Name, Position: f.f.Start,
			Retourcode: cmp.Or(retour, f.retour),
			Message:    "must equal field " + par.fieldName(k.parent) + " of the " + strings.ToLower(par.lp.lay.Name()) + " on line " + strconv.Itoa(par.Line)}
		if u.flushed || len(u.pending) >= maxPendingUnder {
			if !u.flushed {
				u.flushed = true
				for _, pu := range u.pending {
					p.Report(nil, pu.finding)
				}
				u.pending = u.pending[:0]
			}
			p.Report(nil, fd)
			continue
		}
		u.pending = append(u.pending, pendingUnder{k.parent, fd})
	}
}

// parentGroup reports, when a prestatie's group closes, the differences of the records
// under it with it: on the 04 when they all agree with one another, else on each.
func parentGroup(p *Pass, g *Group) {
	st, _ := p.State().(*parentState)
	head := g.Head()
	if st == nil || head == nil || head.lp == nil || head.lp.code != record.CodePrestatie {
		return
	}
	u := &st.under
	if u.head != head.Line {
		return
	}
	var onHead []int
	for i := range u.stats {
		s := &u.stats[i]
		if !u.onHead(s) {
			continue
		}
		onHead = append(onHead, s.parent)
		f := &head.lp.fields[s.parent]
		code := cmp.Or(f.retour, s.childRetourcode, "8150")
		p.Report(head, Finding{Field: f.f.Number, Retourcode: code,
			Message: "differs from field " + s.childField + " of all " + strconv.Itoa(s.differ) +
				" records under it, which agree with one another: the prestatierecord is out of step with its records"})
	}
	for _, pu := range u.pending {
		if !slices.Contains(onHead, pu.parent) {
			p.Report(nil, pu.finding)
		}
	}
	u.reset(0)
}

type pendingKey struct {
	identity uint64
	finding  Finding
	gen      int   // the runs the set had spilled when the 04 was read
	ord      int   // the findings before it then
	sub      int32 // its place among the findings of the 04
}

func newParentState() any { return &parentState{seed: maphash.MakeSeed(), rank: -1} }

// classify finds, once, the first run of the verzekerden set that holds each pending key.
func (st *parentState) classify() error {
	if st.classified {
		return nil
	}
	st.classified = true
	if st.verzekerden.gen() == 0 || len(st.pending) == 0 {
		return nil
	}
	fps := make([]uint64, len(st.pending))
	for i := range st.pending {
		fps[i] = st.pending[i].identity
	}
	var err error
	st.firstRun, err = st.verzekerden.firstRuns(fps)
	return err
}

// before reports whether pending key i is held by a run written before its 04 was read: a
// verzekerde before it has its key (8150, found there when the set held it in memory).
func (st *parentState) before(i int) bool {
	return st.firstRun != nil && st.firstRun[i] >= 0 && st.firstRun[i] < st.pending[i].gen
}

// identityKeys returns the key pairs of a prestatierecord layout that identify the
// verzekerde: the BSN (role) and the UZOVI-nummer (data element COD061).
func identityKeys(lp *layoutPlan) []keyPair {
	var out []keyPair
	for _, k := range lp.keys {
		f := lp.fields[k.child].f
		if f.Role == record.RoleBSN || strings.HasPrefix(f.Element, "COD061") {
			out = append(out, k)
		}
	}
	return out
}

func (st *parentState) identityOf04(rec *Record) (uint64, bool) {
	keys := st.identityKeys(rec.lp)
	if len(keys) == 0 {
		return 0, false
	}
	return identitySum(st.seed, rec, keys, true), true
}

// identityOf02 returns the fingerprint of the key of verzekerdenrecord rec: the one a
// worker of the parallel run computed on a clean line (aheadLine.sum), when it hashed
// with the same seed. A clean line is read as the type its kenmerk names, as the worker
// read it (declaredFields finds nothing that would make it read as another type).
func (st *parentState) identityOf02(p *Pass, rec *Record) (uint64, bool) {
	if a := p.e.cleanLine; p.e.clean && a.ident && st.seed == p.e.refSeed {
		return a.sum, true
	}
	lp04 := p.e.pl.layout(record.CodePrestatie)
	if lp04 == nil || lp04.parent != rec.lp.code {
		return 0, false
	}
	keys := st.identityKeys(lp04)
	if len(keys) == 0 {
		return 0, false
	}
	return identitySum(st.seed, rec, keys, false), true
}

// identitySum is the fingerprint of a verzekerde's key: the identifying fields (keys) of
// rec, a prestatierecord's own (child) or a verzekerdenrecord's (the parent side), each
// followed by a zero byte.
func identitySum(seed maphash.Seed, rec *Record, keys []keyPair, child bool) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, k := range keys {
		i := k.parent
		if child {
			i = k.child
		}
		h.WriteString(rec.raw(i))
		h.WriteByte(0)
	}
	return h.Sum64()
}

// dateRanges: a begindatum lies on or before its einddatum.
func dateRanges(p *Pass, rec *Record) {
	for _, r := range rec.lp.ranges {
		b, ok1 := rec.dateAt(r[0])
		d, ok2 := rec.dateAt(r[1])
		if !ok1 || !ok2 || dayKey(d) >= dayKey(b) { // !d.Before(b): both exist
			continue
		}
		retour := ""
		switch {
		case rec.lp.code == record.CodeVoorloop:
			retour = "8175"
		case strings.HasSuffix(rec.lp.fields[r[1]].f.Name, " PRESTATIE"):
			retour = "8188"
		}
		p.failAs("N5-DATERANGE", rec, r[1], retour, "lies before "+rec.fieldName(r[0]))
	}
}

// careDates: care is declared after it was given: its dates lie on or before the
// dagtekening factuur and the end of the declaration period (COD954 8042, 8177, 8178).
func careDates(p *Pass, rec *Record) {
	e := p.e
	if !lateCareOf(e, rec) {
		return
	}
	i := e.care.field
	switch {
	case i < 0:
	case e.care.invoice:
		retour := "8178" // the einddatum (or the only date) of the care
		if rec.lp.rangeBegin(i) {
			retour = "8177" // the begindatum of a begin/end pair
		}
		p.failAs("N5-INVOICEDATE", rec, i, retour, "lies after the dagtekening factuur (0117) of the voorlooprecord")
	default:
		p.failAs("N5-PERIOD", rec, i, "8042", "lies after the einddatum declaratieperiode of the voorlooprecord")
	}
}

// lateCareOf finds the first date of care of rec that lies after the invoice date or the
// end of the period (e.care); false when rec has no dates of care or the file no
// readable voorlooprecord.
func lateCareOf(e *engine, rec *Record) bool {
	if !e.hdrOK || len(rec.lp.careDate) == 0 {
		return false
	}
	// N5-INVOICEDATE and N5-PERIOD share the search: it is made once per record.
	if e.care.line != rec.Line {
		e.care = lateCare{line: rec.Line, field: -1}
		// The dates compared by dayKey (d.After(inv)): the voorlooprecord's exist, as do
		// the record's that dateAt gives with ok.
		inv, okInv := dayKey(e.invoice), e.okInvoice && !e.badInvoice
		end, okEnd := dayKey(e.periodEnd), e.okPeriodEnd
		// One finding per record: the first of its dates that is too late. Dates a record
		// repeats from the record above it are checked there (careDate holds no keys).
		for _, i := range rec.lp.careDate {
			d, ok := rec.dateAt(i)
			switch {
			case !ok:
				continue
			case okInv && dayKey(d) > inv:
				e.care.field, e.care.invoice = i, true
			case okEnd && dayKey(d) > end:
				e.care.field = i
			default:
				continue
			}
			break
		}
	}
	return true
}

// periodState is the state of N5-PERIOD for one file. A date of care after the end of the
// declaration period makes one of the two wrong (LEVELS.md): when no record of care of
// the file lies within the period, the period is wrong — one finding on 0115 of the
// voorlooprecord (COD954 0021; Vektis N5_013) — else each record after it (8042). The
// findings wait until a record within the period is seen, up to maxPendingPeriod.
type periodState struct {
	covered bool // a record of care lies within the period
	flushed bool // too many waited: reported as they came
	late    int
	pending []Finding
}

const maxPendingPeriod = 1 << 12

func newPeriodState() any { return &periodState{} }

// periodRule: the dagtekening factuur on or after the end of the period (01), the dates of
// care on or before it (the other records).
func periodRule(p *Pass, rec *Record) {
	if rec.lp.code == record.CodeVoorloop {
		headerRules(p, rec)
		return
	}
	e := p.e
	st, _ := p.State().(*periodState)
	if st == nil {
		careDates(p, rec)
		return
	}
	if !lateCareOf(e, rec) || !e.okPeriodEnd {
		return
	}
	i := e.care.field
	if i < 0 {
		if st.covered {
			return // covered before: nothing waits (most records of a file)
		}
		// Every valid date of care on or before the end (none after the invoice date):
		// the period covers this record.
		for _, j := range rec.lp.careDate {
			if _, ok := rec.dateAt(j); ok {
				if !st.covered {
					st.covered = true
					for _, f := range st.pending {
						p.Report(nil, f)
					}
					st.pending = nil
				}
				break
			}
		}
		return
	}
	st.late++
	if e.care.invoice {
		return // N5-INVOICEDATE reports it
	}
	f := &rec.lp.fields[i]
	fd := Finding{Line: rec.Line, Record: rec.Code(), Field: f.f.Number, FieldName: f.f.Name, Position: f.f.Start, Retourcode: "8042",
		Message: "lies after the einddatum declaratieperiode of the voorlooprecord"}
	switch {
	case st.covered || st.flushed:
		p.Report(nil, fd)
	case len(st.pending) >= maxPendingPeriod:
		st.flushed = true
		for _, f := range st.pending {
			p.Report(nil, f)
		}
		st.pending = nil
		p.Report(nil, fd)
	default:
		st.pending = append(st.pending, fd)
	}
}

// periodEnd reports, at the end of the file, the period that no record of care lies
// within.
func periodEnd(p *Pass) {
	st, _ := p.State().(*periodState)
	h := p.Header()
	if st == nil || st.covered || st.flushed || len(st.pending) == 0 {
		if st != nil {
			for _, f := range st.pending {
				p.Report(nil, f)
			}
		}
		return
	}
	field := ""
	if h != nil && h.lp != nil {
		if i, ok := h.lp.fieldByElement(elemPeriodEnd); ok {
			field = h.lp.fields[i].f.Number
		}
	}
	if h == nil || field == "" {
		for _, f := range st.pending {
			p.Report(nil, f)
		}
		return
	}
	p.Report(h, Finding{Field: field, Retourcode: "0021",
		Message: "lies before the dates of care of every record of the file (" + strconv.Itoa(st.late) +
			" records of care lie after it): the declaration period is wrong, not the care"})
}

// lateCare is the first date of care of a record that lies after the invoice date or the
// end of the period (careDates).
type lateCare struct {
	line, field int
	invoice     bool // after the invoice date, else after the end of the period
}

// isKey reports whether field i repeats a field of the parent record.
func (lp *layoutPlan) isKey(i int) bool {
	for _, k := range lp.keys {
		if k.child == i {
			return true
		}
	}
	return false
}

// references: a record's own reference number is unique in the file among records of its
// type; the reference to a previous record is filled for a credit record only, and differs
// from the record's own.
//
// The numbers of all record types share one set (spill.go): a number's fingerprint is
// that of the number without trailing spaces, seeded per run, mixed with a random word of
// its record type (refMix). With Options.MaxReferences the set holds at most that many
// and stays in memory; else it holds them all, within Options.MaxSetMemory, and settles
// at the end of the file what spilled (uniqueLate).
func uniqueRefs(p *Pass, rec *Record) {
	e := p.e
	lp := rec.lp
	if lp.refSelf < 0 || !rec.filledAt(lp.refSelf) {
		return
	}
	if lp.codeNum < 0 { // a record code that is not two digits
		return
	}
	code := int(lp.codeNum)
	sum := e.refSum(rec.raw(lp.refSelf), code)
	set := &e.refs
	// One probe finds a repeat or, when the table need not grow, the slot to take.
	var slot int
	var found bool
	if !set.spilled {
		slot, found = set.mem.lookup(sum)
	}
	switch {
	case found:
		retour, msg := uniqueFinding(lp)
		p.failAs("N5-UNIQUE", rec, lp.refSelf, retour, msg)
	case e.opts.MaxReferences > 0:
		if e.refCount < e.opts.MaxReferences {
			set.mem.addAt(slot, sum)
			e.refCount++
		} else {
			e.refsFull = true
		}
	case !set.spilled && slot >= 0:
		set.rank = p.hooks.running
		set.mem.addAt(slot, sum) // what set.add does while the table has room
	default:
		set.rank = p.hooks.running
		if err := set.add(e, sum, rec.Line, code); err != nil {
			e.fail(err)
		}
	}
}

// prefetchRef asks the processor for the slot of the reference set that uniqueRefs will
// look in for rec's reference number (internal/prefetch): called when the record comes
// in, it lets the cache miss of that look-up overlap the checks of the record's fields.
// The fingerprint is kept for uniqueRefs (refAhead, refSum); on a clean line of the
// parallel run it is the one the worker computed (aheadLine.sum), so that the file-order
// pass does not hash the number again. A hint only: a record for which it guesses wrong
// (a field that turns out empty, a table that grows before the look-up) costs one
// wasted prefetch.
func (e *engine) prefetchRef(rec *Record) {
	lp := rec.lp
	if lp.refSelf < 0 || lp.codeNum < 0 || len(e.refs.mem.slots) == 0 {
		return
	}
	code := int(lp.codeNum)
	raw := rec.raw(lp.refSelf)
	var sum uint64
	if a := e.cleanLine; e.clean && a.ref {
		sum = a.sum
	} else {
		sum = e.refFingerprint(trimSpaces(raw), code)
	}
	e.refAhead = refAhead{text: unsafe.StringData(raw), n: len(raw), code: code, sum: sum}
	e.refs.mem.prefetch(sum)
}

// prefetchIdentity asks the processor for the slot of the verzekerden set of N5-PARENT
// that parentKeys will look in for the current line, a clean verzekerdenrecord whose key
// a worker of the parallel run hashed (aheadLine.sum), as prefetchRef does for the
// reference set.
func (e *engine) prefetchIdentity() {
	if a := e.cleanLine; e.clean && a.ident && e.parent != nil {
		e.parent.verzekerden.mem.prefetch(a.sum)
	}
}

// refAhead is a fingerprint computed ahead (prefetchRef), by the bytes of the field it was
// computed from (the reference number with its trailing spaces) and its record type.
// Strings do not change: the same bytes, length and type give the same fingerprint in
// the same run.
type refAhead struct {
	text *byte
	n    int
	code int
	sum  uint64
}

// refSum returns the fingerprint of the reference number in field text raw of a record
// of type code (its trailing spaces trimmed): the one computed ahead when it is of the
// same field.
func (e *engine) refSum(raw string, code int) uint64 {
	if a := &e.refAhead; a.text != nil && a.text == unsafe.StringData(raw) && a.n == len(raw) && a.code == code {
		return a.sum
	}
	return e.refFingerprint(trimSpaces(raw), code)
}

// refFingerprint is the fingerprint of reference number ref of a record of type code in
// the reference set: seeded per run, mixed with the type's word (refMix).
func (e *engine) refFingerprint(ref string, code int) uint64 {
	return maphash.String(e.refSeed, ref) ^ e.refMix[code]
}

// trimSpaces returns v without its trailing spaces (strings.TrimRight(v, " ")), eight at
// a time while it can: a reference number is mostly padding, and the comparison with
// eight spaces is one of two words.
func trimSpaces(v string) string {
	for len(v) >= 8 && v[len(v)-8:] == "        " {
		v = v[:len(v)-8]
	}
	if len(v) >= 8 {
		// The last eight are not all spaces: their trailing spaces are the top bytes of
		// the word that equal ' ', the zero bytes on top after the exclusive or.
		return v[:len(v)-bits.LeadingZeros64(word(v, len(v)-8)^' '*ones)/8]
	}
	for len(v) > 0 && v[len(v)-1] == ' ' {
		v = v[:len(v)-1]
	}
	return v
}

// uniqueFinding returns the return code and message of N5-UNIQUE on a record of lp.
func uniqueFinding(lp *layoutPlan) (retour, msg string) {
	switch lp.code {
	case record.CodePrestatie:
		retour = "8192"
	case "06":
		retour = "8258"
	}
	return retour, "another " + strings.ToLower(lp.lay.Name()) + " of this file has the same reference number"
}

func creditRefs(p *Pass, rec *Record) {
	lp := rec.lp
	if lp.refPrev < 0 {
		return
	}
	// A credit record: the sign of its declaratiebedrag, or its first debet/credit indicator.
	credit := false
	switch {
	case len(lp.declared) > 0 && lp.fields[lp.declared[0]].f.Sign >= 0:
		credit = record.IsCredit(rec.raw(lp.fields[lp.declared[0]].f.Sign))
	case len(lp.dc) > 0:
		credit = record.IsCredit(rec.raw(lp.dc[0]))
	}
	switch prev := rec.filledAt(lp.refPrev); {
	case prev && lp.refSelf >= 0 && rec.raw(lp.refPrev) == rec.raw(lp.refSelf):
		p.failAs("N5-SELFREF", rec, lp.refPrev, "", "refers to the record itself: it must hold the reference of the earlier debit record")
	case prev && !credit && len(lp.dc) > 0:
		p.failAs("N5-CREDITREF", rec, lp.refPrev, "", "is filled only for a credit record (indicatie debet/credit C)")
	case !prev && credit:
		retour := ""
		switch lp.code {
		case record.CodePrestatie:
			retour = "8193"
		case "06":
			retour = "8259"
		}
		p.failAs("N5-CREDITREF", rec, lp.refPrev, retour, "a credit record must refer to the debit record it credits")
	}
}

// debitCredit: the debet/credit indicators of a record, and of the records under it, agree
// (COD954 8064).
func debitCredit(p *Pass, rec *Record) {
	lp := rec.lp
	if lp.code == record.CodeSluit {
		// Each total of the 99 has its own sign, that of its sum (a zero total is D):
		// N5-TOTAL checks them; they need not agree with each other.
		return
	}
	// The indicators compared as bytes (each is "C" or "D" there): no call of the string
	// comparison.
	var first byte
	for _, i := range lp.dc {
		v := rec.raw(i)
		if v != "C" && v != "D" {
			continue
		}
		if first == 0 {
			first = v[0]
			if par := rec.parent; par != nil && par.lp != nil && rec.lp.code != record.CodeCommentaar {
				for _, j := range par.lp.dc {
					if pv := par.raw(j); (pv == "C" || pv == "D") && pv[0] != first {
						p.failAs("N5-DEBITCREDIT", rec, i, "8064",
							"differs from the indicatie debet/credit of the "+strings.ToLower(par.lp.lay.Name())+" on line "+strconv.Itoa(par.Line))
						break
					}
				}
			}
			continue
		}
		if v[0] != first {
			p.failAs("N5-DEBITCREDIT", rec, i, "8064", "the debet/credit indicators of one record must agree")
		}
	}
}

// headerRules: the relations within the voorlooprecord that every declaration shares.
func headerRules(p *Pass, rec *Record) {
	lp := rec.lp
	idx := func(elem string) int {
		if i, ok := lp.fieldByElement(elem); ok {
			return i
		}
		return -1
	}
	// 0107 Versieaanduiding: "Als 0106 gevuld is, dan 0107 verplicht vullen. Als 0106 niet
	// gevuld is, dan 0107 niet vullen." (8166)
	if sw, ver := idx(elemSoftwareCode), idx(elemSoftwareVersion); sw >= 0 && ver >= 0 && rec.wellFormed(sw) {
		switch a, b := rec.filledAt(sw), rec.filledAt(ver); {
		case a && !b:
			p.failAs("N5-SOFTWARE", rec, ver, "8166", "must be filled because field "+rec.fieldName(sw)+" is filled")
		case !a && b:
			p.failAs("N5-SOFTWARE", rec, ver, "8166", "must not be filled because field "+rec.fieldName(sw)+" is not filled")
		}
	}
	// dagtekening factuur on or after the end of the declaration period (0115, 0117).
	if end, inv := idx(elemPeriodEnd), idx(elemInvoiceDate); end >= 0 && inv >= 0 {
		if d1, ok1 := rec.dateAt(end); ok1 {
			if d2, ok2 := rec.dateAt(inv); ok2 && d2.Before(d1) {
				p.failAs("N5-PERIOD", rec, end, "0021", "lies after field "+rec.fieldName(inv)+": the period ends on or before the invoice date")
			}
		}
	}
	sb, zv, pr, in := idx(elemServicebureau), idx(elemZorgverlener), idx(elemPraktijk), idx(elemInstelling)
	if zv >= 0 && pr >= 0 && in >= 0 && rec.wellFormed(zv) && rec.wellFormed(pr) && rec.wellFormed(in) {
		fz, fp, fi := rec.filledAt(zv), rec.filledAt(pr), rec.filledAt(in)
		switch {
		case fp && !fz: // 0110: "verplicht invullen als de praktijkcode gevuld is"
			p.failAs("N5-PRAKTIJK", rec, zv, "8167", "must be filled because the praktijkcode (0111) is filled")
		case fi && fz: // 0110: "Als er sprake is van een instelling, dan wordt in plaats van dit gegeven 0112 ingevuld"
			p.failAs("N5-PRAKTIJK", rec, zv, "8168", "must not be filled when the instellingscode (0112) is filled")
		}
		if fi && fp { // 0111/0112: care is given from a praktijk or from an instelling
			p.failAs("N5-PRAKTIJK", rec, pr, "8169", "must not be filled when the instellingscode (0112) is filled")
		}
	}
	// 0113 "De partij waarnaar in dit veld verwezen wordt, dient in de overeenkomende rubriek
	// tussen 0109 en 0112 met een AGB-code gevuld te zijn." (8171-8174)
	if pay := idx(elemBetalingAan); pay >= 0 && isDigits(rec.raw(pay)) {
		targets := []int{sb, zv, pr, in}
		n, _ := strconv.Atoi(rec.raw(pay))
		if n >= 1 && n <= 4 && targets[n-1] >= 0 && rec.wellFormed(targets[n-1]) && !rec.filledAt(targets[n-1]) {
			p.failAs("N5-BETALINGAAN", rec, pay, strconv.Itoa(8170+n),
				"refers to field "+rec.fieldName(targets[n-1])+", which is not filled")
		}
	}
}

// verzekerdeRules: the relations within a verzekerden- (or debiteur)record that the BERs
// share.
func verzekerdeRules(p *Pass, rec *Record) {
	lp := rec.lp
	// 0205 "… alleen verplicht vullen indien BSN (nog) niet bekend is": the dummy BSN
	// 999999999 needs the verzekerdennummer.
	if lp.code == record.CodeVerzekerde && lp.bsn >= 0 && lp.vnr >= 0 && rec.raw(lp.bsn) == "999999999" && !rec.filledAt(lp.vnr) {
		p.failAs("N5-BSN", rec, lp.vnr, "8101", "must be filled when the BSN is not known (the BSN is the dummy of nines)")
	}
	// 0213 "vullen indien NAAMCODE/NAAMGEBRUIK (02) … de waarde '2' bevat. Anders vullen met
	// spaties." (8181, 8223)
	if code2, name2 := lp.naamcode2, lp.naam2; code2 >= 0 && name2 >= 0 && isDigits(rec.raw(code2)) {
		switch c, filled := rec.raw(code2), rec.filledAt(name2); {
		case c == "2" && !filled:
			p.failAs("N5-NAAM02", rec, name2, "8181", "must be filled when field "+rec.fieldName(code2)+" is 2")
		case c != "2" && filled:
			p.failAs("N5-NAAM02", rec, name2, "8223", "is filled only when field "+rec.fieldName(code2)+" is 2")
		}
	}
}

// addressRules: a Dutch postcode or a foreign one, with the country code to match
// (COD954 8182-8186; POSTCODE and CODE LAND of the verzekerden- and debiteurrecord).
func addressRules(p *Pass, rec *Record) {
	lp := rec.lp
	nl, land, abroad := lp.postcode, lp.land, lp.postcodeAbroad
	if nl < 0 || abroad < 0 {
		return
	}
	fnl, fab := rec.filledAt(nl), rec.filledAt(abroad)
	if fnl && fab {
		p.failAs("N5-ADDRESS", rec, abroad, "8182", "must not be filled when the Dutch postcode is filled")
		return
	}
	if land < 0 {
		return
	}
	l := strings.TrimRight(rec.raw(land), " ")
	switch {
	case fab && l == "NL":
		p.failAs("N5-ADDRESS", rec, abroad, "8185", "a foreign postcode does not go with country code NL")
	case fab && l == "":
		p.failAs("N5-ADDRESS", rec, land, "8184", "must be filled when the foreign postcode is filled")
	case fnl && l != "" && l != "NL":
		p.failAs("N5-ADDRESS", rec, nl, "8186", "a Dutch postcode does not go with a foreign country code")
	}
}

// trailer checks the counts and totals of the 99 sluitrecord against the records before
// it (N5), and that it counts no record types the standard does not have (N4).
func trailer(p *Pass, rec *Record) {
	e := p.e
	lp := rec.lp
	var sum, detailField int64 = 0, -1
	complete := true
	counted := map[string]bool{}
	zeroed := false
	// notFilled: a count or total that holds only zeros where the file has records (or an
	// amount) is a field that is not filled (N3 on that field), not a wrong count (N5):
	// the level principle of the Vektis RBC test files (issue 20). A zero the file agrees
	// with is a value.
	notFilled := func(c countPlan, n, want int64) bool {
		if n != 0 || want == 0 || !allZero(rec.raw(c.field)) {
			return false
		}
		zeroed = true
		p.failAs("N3-TRAILERZERO", rec, c.field, "", "holds only zeros: the field is not filled (the file has "+strconv.FormatInt(want, 10)+")")
		return true
	}
	for _, c := range lp.counts {
		v := rec.raw(c.field)
		if !isDigits(v) {
			complete = false
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		switch c.kind {
		case countRecords:
			sum += n
			counted[c.counts] = true
			want := e.totals.Count(c.counts)
			if notFilled(c, n, want) {
				continue
			}
			if n != want && e.opts.Levels.Has(N5) {
				p.failAs("N5-COUNT", rec, c.field, "",
					"holds "+strconv.FormatInt(n, 10)+"; the file has "+strconv.FormatInt(want, 10)+" records of type "+c.counts)
			}
		case countAbsent:
			sum += n
			if n != 0 {
				p.failAs("N4-COUNT", rec, c.field, "",
					e.std.ID()+" has no records of type "+c.counts+": the count must be 0, not "+strconv.FormatInt(n, 10))
			}
		case countDetails:
			detailField = n
			details := e.totals.Details()
			if notFilled(c, n, details) {
				continue
			}
			if n != details && e.opts.Levels.Has(N5) {
				p.failAs("N5-COUNT", rec, c.field, "",
					"holds "+strconv.FormatInt(n, 10)+"; the file has "+strconv.FormatInt(details, 10)+" detail records (all but 01 and 99, comments included)")
			}
		case countTotal, countAllowed:
			if e.std.IsReturn() {
				// A return repeats the declaration's total (9907: "gelijk aan TOTAAL
				// DECLARATIEBEDRAG in het heenbericht") and returns only some records: the
				// rejected ones, or none when all is allowed (then only 01 and 99, toegekend =
				// ingediend). Neither total is the sum of the records returned.
				continue
			}
			want, what, retour := e.totals.Declared(), "declaratiebedragen", "0150"
			if c.kind == countAllowed {
				want, what, retour = e.totals.Allowed(), "toegekende bedragen", ""
			}
			sign := "D"
			if want < 0 {
				want, sign = -want, "C"
			}
			if notFilled(c, n, want) {
				continue
			}
			if n != want && e.opts.Levels.Has(N5) {
				p.failAs("N5-TOTAL", rec, c.field, retour,
					"holds € "+money.Cents(n).String()+"; the "+what+" of the file add up to € "+money.Cents(want).String())
			}
			if s := lp.fields[c.field].f.Sign; s >= 0 && e.opts.Levels.Has(N5) {
				if got := rec.raw(s); (got == "C" || got == "D") && got != sign {
					retour := "0631"
					if want == 0 {
						retour = "8194"
					}
					p.failAs("N5-TOTAL", rec, s, retour, "must be "+sign+" for the total of the file")
				}
			}
		}
	}
	// The total of detail records is the sum of the counts per record type, when the 99
	// counts every type (N4: a relation within the record).
	for _, code := range e.pl.detailCodes {
		if !counted[code] {
			complete = false
		}
	}
	if complete && !zeroed && detailField >= 0 && detailField != sum {
		for _, c := range lp.counts {
			if c.kind == countDetails {
				p.failAs("N4-DETAILCOUNT", rec, c.field, "",
					"holds "+strconv.FormatInt(detailField, 10)+", but the counts per record type in this record add up to "+strconv.FormatInt(sum, 10))
			}
		}
	}
}

// fpSet is a set of 64-bit fingerprints (open addressing with linear probing; 0 marks a
// free slot). The table grows by half when it is 4/5 full, so it holds 8 bytes a slot at
// a load between 8/15 and 4/5: 10 to 15 bytes per fingerprint. A fingerprint's first slot
// is taken from its high bits by a multiplication (any table size). pool, when set, is
// the budget its table grows within: full says when it is reached (the sets of spill.go
// then spill).
//
// hint, when set, is how far the run has read into a source of known size: once the set
// holds a few thousand fingerprints, a growth sizes the table at once for the whole
// source, as the part read so far projects it (sizeHint.project), within the budget.
// Re-inserting what the table holds at each growth cost each fingerprint about two more
// inserts, in the file-order pass of the parallel run too: CPU profiles of 20 serial
// passes over the official GZ321 content grown to 100 MB (7 December 2026) put
// N5-UNIQUE at 0.31-0.43 s growing by half and 0.16-0.17 s sized from the projection.
// (Before the look-up was prefetched, a table sized at once from the input's size made
// N5-UNIQUE slower, not faster: each look-up was a cache miss in a table the input
// streaming through the cache kept evicting, and a table that grows is smaller for most
// of the file.)
type fpSet struct {
	slots []uint64
	n     int
	pool  *slotPool
	hint  *sizeHint
}

// sizeHint is the size of the source a run reads, when known (0: not known), and the
// offset of the line being checked, counted from base: the offset at which the run
// started to read (the parallel run numbers the offsets of a file read at offsets as the
// file does, from where it was seeked to).
type sizeHint struct{ size, at, base int64 }

// project returns the size of a table for the fingerprints of the whole source, n of
// them in the part before the current line: n grown in proportion to the source's size,
// at the table's full load (4/5) with a margin of 4 % (1.3 slots per fingerprint); 0 when
// there is no size, or too few fingerprints to project from (a small file or its first
// part grows by half as before). Too small a projection grows by half later; too large a
// one is capped by the budget (pool). The margin is small so that the other set keeps
// its share of the budget. With the default budget, of the harness's files at 100, 110,
// 120, 125, 130 and 140 MB (examples/bench), the generated GZ321 and MZ301 files spilled
// from 120 and 130 MB growing by half; from 110 and 125 MB with a margin of 1.4; from
// 120 and 140 MB with 1.3 (the official content from 130 MB in all three).
func (h *sizeHint) project(n int) int {
	if h == nil {
		return 0
	}
	at := h.at - h.base
	if h.size <= 0 || at <= 0 || at >= h.size || n < projectFrom {
		return 0
	}
	return int(float64(n) * float64(h.size) / float64(at) * 1.3)
}

// projectFrom is how many fingerprints a set holds before sizeHint projects its size.
const projectFrom = 4096

// home returns the first slot to look in for h.
func (s *fpSet) home(h uint64) int {
	hi, _ := bits.Mul64(h, uint64(len(s.slots)))
	return int(hi)
}

func (s *fpSet) has(h uint64) bool {
	if h == 0 {
		h = 1
	}
	if len(s.slots) == 0 {
		return false
	}
	for i := s.home(h); ; {
		switch s.slots[i] {
		case 0:
			return false
		case h:
			return true
		}
		if i++; i == len(s.slots) {
			i = 0
		}
	}
}

// prefetch asks the processor for the slot a look-up of h starts at (internal/prefetch).
func (s *fpSet) prefetch(h uint64) {
	if h == 0 {
		h = 1
	}
	if len(s.slots) > 0 {
		prefetch.Uint64(&s.slots[s.home(h)])
	}
}

// lookup reports whether the set holds h and, when it does not and h can be added
// without growing the table, the free slot that add would put it in (else -1).
func (s *fpSet) lookup(h uint64) (slot int, found bool) {
	if h == 0 {
		h = 1
	}
	if len(s.slots) == 0 || (s.n+1)*5 > len(s.slots)*4 {
		return -1, s.has(h)
	}
	for i := s.home(h); ; {
		switch s.slots[i] {
		case 0:
			return i, false
		case h:
			return -1, true
		}
		if i++; i == len(s.slots) {
			i = 0
		}
	}
}

// addAt adds h, which the set does not hold, at slot (from lookup), or as add does when
// slot is -1.
func (s *fpSet) addAt(slot int, h uint64) {
	if slot < 0 {
		s.add(h)
		return
	}
	if h == 0 {
		h = 1
	}
	s.slots[slot] = h
	s.n++
}

func (s *fpSet) add(h uint64) {
	if h == 0 {
		h = 1
	}
	if (s.n+1)*5 > len(s.slots)*4 {
		old := s.slots
		size := max(64, len(old)+len(old)/2, s.hint.project(s.n))
		if s.pool != nil {
			size = max(s.pool.grant(len(old), size), len(old)+1)
			s.pool.free -= size - len(old)
		}
		s.slots = make([]uint64, size)
		s.n = 0
		for _, v := range old {
			if v != 0 {
				s.insert(v)
			}
		}
	}
	s.insert(h)
}

func (s *fpSet) insert(h uint64) {
	for i := s.home(h); ; {
		switch s.slots[i] {
		case 0:
			s.slots[i] = h
			s.n++
			return
		case h:
			return
		}
		if i++; i == len(s.slots) {
			i = 0
		}
	}
}
