package validate

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/zorgbericht/zorgbericht/internal/sortedruns"
)

// The whole-file sets of N5-UNIQUE (the reference numbers of the file) and N5-PARENT (the
// keys of its verzekerden) hold 64-bit fingerprints in memory up to a budget
// (Options.MaxSetMemory). When a set is full it spills its entries, sorted, as a run to a
// temporary file and starts afresh; what a look-up cannot settle in memory is settled at
// the end of the file by merging the runs (one sequential read of each), with the line
// and the moment of the record it is about, so that the finding is the one an unbounded
// set would have made, put in its place (lateKey, File).
//
// N5-UNIQUE: generation 0 is an open-addressing set (fpSet); a reference number found in
// it is reported at once, as without a budget. Once it has spilled, every reference number
// is logged (fingerprint, line, record type, moment) and the duplicates, within the log or
// with an earlier run, are found at the end: in each group of equal fingerprints, ordered
// by run and line, every entry but the first is a duplicate.
//
// N5-PARENT: each generation of verzekerden keys is a set of its own; a prestatierecord
// whose key is in the current generation is settled at once, one whose key is not waits
// for the end of the file as it did (parentKeysEnd), and learns there whether a run
// written before it (a verzekerde before the 04: the finding it would have had at once) or
// any set (a verzekerde after it) holds the key.

// DefaultMaxSetMemory is the memory of the whole-file sets when Options.MaxSetMemory is 0.
const DefaultMaxSetMemory = 3 << 20

// slotPool is the budget the whole-file sets grow their tables within, in slots of 8
// bytes: a set takes what it grows by. Each may grow to floor whatever the other holds, so
// that neither is starved into spilling runs of a few entries.
type slotPool struct{ free, floor int }

// newSlotPool returns the pool of Options.MaxSetMemory; nil when the sets are not bounded.
func (o *Options) newSlotPool() *slotPool {
	m := o.MaxSetMemory
	switch {
	case m < 0:
		return nil
	case m == 0:
		m = DefaultMaxSetMemory
	}
	slots := max(m/8, 16)
	return &slotPool{free: slots, floor: max(slots/8, 8)}
}

// grant returns the size a table of size slots may grow to, wanting want.
func (p *slotPool) grant(size, want int) int {
	return max(min(want, p.free+size), min(want, p.floor))
}

// lateKey places a finding settled at the end of the file (see above) among the others:
// it would have been found after the first ord findings, at line, by the rule with index
// rank (the order of the hooks of one record), as its sub'th finding there.
type lateKey struct {
	ord       int
	line      int
	rank, sub int32
	kind      int8 // lateRef or lateKeyOf
	code      int8 // lateRef: the record type (00-99)
	pending   int  // lateKeyOf: the index in parentState.pending
}

const (
	lateRef   = 1 // N5-UNIQUE
	lateKeyOf = 2 // N5-PARENT
)

func (a lateKey) compare(b lateKey) int {
	return cmp.Or(cmp.Compare(a.ord, b.ord), cmp.Compare(a.line, b.line), cmp.Compare(a.rank, b.rank), cmp.Compare(a.sub, b.sub))
}

// newRuns returns the temporary file of sorted runs of a whole-file set, in dir (""
// for os.TempDir()).
func newRuns[T any](dir string, c sortedruns.Codec[T]) sortedruns.File[T] {
	return sortedruns.File[T]{Codec: c, Dir: dir, Pattern: "zorgbericht-validate-*.run"}
}

// spillErr says that a whole-file set could not spill to, or be read back from, its
// temporary file.
func spillErr(err error) error {
	return fmt.Errorf("validate: a whole-file set spills to a temporary file: %w", err)
}

// refEntry is a reference number of N5-UNIQUE logged after the set spilled: its
// fingerprint, line and record type (line<<8 | code), and the number of findings before
// it (its moment). Generation 0's entries are written with line 0: they come first.
type refEntry struct {
	fp, lineCode uint64
	ord          int
}

const refEntrySize = 24

func (r refEntry) line() int { return int(r.lineCode >> 8) }

// refSet is N5-UNIQUE's set of the reference numbers of the file (see above).
type refSet struct {
	mem     fpSet // generation 0
	log     []refEntry
	spilled bool
	maxLog  int
	runs    sortedruns.File[refEntry]
	rank    int32 // N5-UNIQUE's hook index
}

// add adds fp, a reference number of a record of type code on line at moment ord.
func (s *refSet) add(e *engine, fp uint64, line, code int) error {
	if !s.spilled {
		if !s.mem.full() {
			s.mem.add(fp)
			return nil
		}
		// Generation 0 is full: it becomes the first run.
		// The log takes the table's memory: an entry is three slots.
		s.maxLog = max(len(s.mem.slots)/6, 1)
		fps := s.mem.sorted()
		s.mem.slots = nil
		s.spilled = true
		s.runs = newRuns(e.opts.TempDir, refCodec())
		if err := s.runs.WriteRun(len(fps), func(i int) refEntry { return refEntry{fp: fps[i]} }); err != nil {
			return spillErr(err)
		}
	}
	if s.log == nil {
		s.log = make([]refEntry, 0, s.maxLog)
	}
	s.log = append(s.log, refEntry{fp: fp, lineCode: uint64(line)<<8 | uint64(code), ord: e.found})
	if len(s.log) < s.maxLog {
		return nil
	}
	s.sortLog()
	err := s.runs.WriteSorted(s.log)
	s.log = s.log[:0]
	if err == nil && s.runs.Runs() >= maxMergeRuns {
		// Merged into one, so that the read buffers of a merge stay within 256 KiB
		// whatever the size of the file. Every entry is kept: the repeats are found at
		// the end, from the entries' lines.
		err = s.runs.Collapse()
	}
	if err != nil {
		return spillErr(err)
	}
	return nil
}

// maxMergeRuns is how many runs of reference numbers are merged at once: when there are
// as many, they are collapsed into one.
const maxMergeRuns = 64

func (s *refSet) sortLog() {
	slices.SortFunc(s.log, compareRef)
}

// compareRef orders reference numbers by fingerprint, then line: for one fingerprint, in
// the order of the file (lines only grow from run to run; generation 0's entries, with
// line 0, come first).
func compareRef(a, b refEntry) int {
	return cmp.Or(cmp.Compare(a.fp, b.fp), cmp.Compare(a.lineCode, b.lineCode))
}

// refCodec stores a refEntry in refEntrySize bytes.
func refCodec() sortedruns.Codec[refEntry] {
	return sortedruns.Codec[refEntry]{Size: refEntrySize, Encode: putRef, Decode: getRef, Compare: compareRef}
}

func putRef(b []byte, r refEntry) {
	binary.LittleEndian.PutUint64(b, r.fp)
	binary.LittleEndian.PutUint64(b[8:], r.lineCode)
	binary.LittleEndian.PutUint64(b[16:], uint64(r.ord))
}

func getRef(b []byte) refEntry {
	return refEntry{binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]), int(binary.LittleEndian.Uint64(b[16:]))}
}

// duplicates merges the runs and the log and passes each reference number that repeats an
// earlier one of its record type to late: in each group of equal fingerprints, every entry
// but the first.
func (s *refSet) duplicates(late func(lateKey)) error {
	if !s.spilled {
		return nil
	}
	s.sortLog()
	first, last := true, uint64(0)
	err := s.runs.Merge(s.log, func(r refEntry) error {
		if !first && r.fp == last {
			late(lateKey{ord: r.ord, line: r.line(), rank: s.rank, kind: lateRef, code: int8(r.lineCode & 0xFF)})
		}
		first, last = false, r.fp
		return nil
	})
	if err != nil {
		return spillErr(err)
	}
	return nil
}

// keySet is N5-PARENT's set of the keys of the verzekerden of the file (see above).
type keySet struct {
	mem  fpSet // the current generation
	runs sortedruns.File[uint64]
}

// gen returns the current generation: the number of runs written.
func (s *keySet) gen() int { return s.runs.Runs() }

func (s *keySet) has(fp uint64) bool { return s.mem.has(fp) }

func (s *keySet) add(dir string, fp uint64) error {
	if s.mem.has(fp) {
		return nil
	}
	if !s.mem.full() {
		s.mem.add(fp)
		return nil
	}
	fps := s.mem.sorted()
	if s.runs.Codec.Size == 0 {
		s.runs = newRuns(dir, sortedruns.Uint64())
	}
	err := s.runs.WriteSorted(fps)
	s.mem.reuse()
	s.mem.add(fp)
	if err != nil {
		return spillErr(err)
	}
	return nil
}

// firstRuns returns, for each fingerprint of fps, the first run that holds it, or -1.
func (s *keySet) firstRuns(fps []uint64) ([]int, error) {
	first := make([]int, len(fps))
	for i := range first {
		first[i] = -1
	}
	if s.gen() == 0 {
		return first, nil
	}
	order := make([]int32, len(fps))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(fps[a], fps[b]) })
	for j := range s.gen() {
		r := s.runs.Run(j, 64<<10)
		i := 0
		for i < len(order) {
			v, ok, err := r.Next()
			if err != nil {
				return nil, spillErr(err)
			}
			if !ok {
				break
			}
			for i < len(order) && fps[order[i]] < v {
				i++
			}
			for k := i; k < len(order) && fps[order[k]] == v; k++ {
				if first[order[k]] < 0 {
					first[order[k]] = j
				}
			}
		}
	}
	return first, nil
}

// full reports whether adding one more fingerprint would need a larger table than its
// pool grants.
func (s *fpSet) full() bool {
	if s.pool == nil || (s.n+1)*5 <= len(s.slots)*4 {
		return false
	}
	return s.pool.grant(len(s.slots), max(64, len(s.slots)+len(s.slots)/2)) <= len(s.slots)
}

// sorted returns the fingerprints held, sorted, in the table's own memory (which it
// gives up).
func (s *fpSet) sorted() []uint64 {
	out := s.slots[:0]
	for _, v := range s.slots {
		if v != 0 {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	s.n = 0
	return out
}

// reuse makes the table, given up by sorted, an empty one of the same size.
func (s *fpSet) reuse() {
	clear(s.slots)
}

// wholeFile is the engine's part of the whole-file sets: the reference set, the state of
// N5-PARENT, and the findings settled at the end.
type wholeFile struct {
	refs refSet
	// refMix is a random word per record type, mixed into the fingerprints of its
	// reference numbers: the types share one set.
	refMix [100]uint64
	// pool is the budget of the sets (Options.MaxSetMemory); nil: none.
	pool *slotPool
	// hint: the source's size and how far the run has read (fpSet.hint).
	hint   sizeHint
	parent *parentState
	// ioErr is the error of a set that could not spill or be read back: it ends the run.
	ioErr error
	// placeLate: File puts the findings settled at the end in their place itself, so they
	// are passed on even after the cap or FailFast stopped reading (lateNow says which);
	// a Findings caller gets them at the end, within the cap.
	placeLate  bool
	lateNow    bool
	lateKeyNow lateKey
}

func newWholeFile(opts *Options) wholeFile {
	var w wholeFile
	w.pool = opts.newSlotPool()
	if opts.MaxReferences <= 0 {
		w.refs.mem.pool = w.pool // else the cap bounds the set, in memory
	}
	for i := range w.refMix {
		w.refMix[i] = rand.Uint64()
	}
	return w
}

// fail ends the run with the I/O error of a whole-file set.
func (e *engine) fail(err error) {
	if e.ioErr == nil {
		e.ioErr = err
	}
	e.stop = true
}

// closeSets removes the temporary files of the whole-file sets.
func (e *engine) closeSets() error {
	err := e.refs.runs.Close()
	if e.parent != nil {
		err = errors.Join(err, e.parent.verzekerden.runs.Close())
	}
	if err != nil {
		return fmt.Errorf("validate: a whole-file set: %w", err)
	}
	return nil
}

// settle reports, after the run, what the whole-file sets settle at the end of the file:
// the reference numbers repeated across spilled runs (N5-UNIQUE) and the prestatierecords
// carrying the key of a verzekerde written to a run before them (N5-PARENT), in the order
// they would have been found (lateKey). With placeLate (File) they are passed on whatever
// stopped the run, and File places them, applying the cap and FailFast; else they go
// through the sink as any finding, when it still takes findings.
func (e *engine) settle() error {
	if e.ioErr != nil {
		return e.ioErr
	}
	if e.quit || e.stop && !e.placeLate {
		return nil
	}
	limit := 0 // how many of the first late findings can be passed on; 0: all
	if e.max > 0 {
		limit = e.max
		if !e.placeLate {
			limit = e.max - e.found
		}
	}
	var late []lateKey
	trim := func() {
		slices.SortFunc(late, lateKey.compare)
		if limit > 0 && len(late) > limit {
			late = late[:limit]
		}
	}
	add := func(k lateKey) {
		late = append(late, k)
		if limit > 0 && len(late) >= 2*limit+1024 {
			trim()
		}
	}
	if err := e.refs.duplicates(add); err != nil {
		return err
	}
	if st := e.parent; st != nil {
		if err := st.classify(); err != nil {
			return err
		}
		for i := range st.pending {
			if st.before(i) {
				pk := &st.pending[i]
				add(lateKey{ord: pk.ord, line: pk.finding.Line, rank: st.rank, sub: pk.sub, kind: lateKeyOf, pending: i})
			}
		}
	}
	trim()
	p := &e.pass
	for _, k := range late {
		e.running = k.rank
		var f Finding
		switch k.kind {
		case lateRef:
			lp := e.pl.layout(string([]byte{'0' + byte(k.code/10), '0' + byte(k.code%10)}))
			if lp == nil || lp.refSelf < 0 {
				continue
			}
			retour, msg := uniqueFinding(lp)
			rec := &Record{Line: k.line, Layout: lp.lay, Standard: e.std, lp: lp}
			f = p.build(rec, Finding{Field: lp.fields[lp.refSelf].f.Number, Retourcode: retour, Message: msg})
		case lateKeyOf:
			f = e.parent.pending[k.pending].finding
			f.Retourcode = "8150" // as when the verzekerde was in memory: a wrong physical relation
			f = p.build(nil, f)
		}
		if !e.placeLate {
			e.emit(f)
			if e.stop {
				break
			}
			continue
		}
		if !e.levels.Has(f.Level) || e.off[f.Rule] {
			continue
		}
		if e.warn[f.Rule] {
			f.Severity = Warning
		}
		e.lateNow, e.lateKeyNow = true, k
		e.yield(f)
		e.lateNow = false
	}
	return nil
}
