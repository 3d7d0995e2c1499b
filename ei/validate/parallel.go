package validate

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/linecut"
	"github.com/zorgbericht/zorgbericht/internal/srcsize"
)

// Parallel validation of one file (Options.Workers).
//
// The file is cut into chunks of whole lines: n goroutines share the work, n-1 workers and
// the file-order pass (the calling goroutine), and whoever needs work claims the next chunk
// and reads it (chunkQueue, which queues the chunks in file order). A source that reads at
// offsets (positioned: a regular file, a reader at offsets) is cut into parts of
// parallelChunk bytes, and each claimant reads the lines that start in its part
// (record.BlockAt) while the others read theirs, numbering them once the parts before
// have theirs: two goroutines reading in turn under a lock waited for it 2-7 % of their
// time (BENCHMARKS.md, sixteenth round). A file in memory (a bytes.Reader, a
// strings.Reader: inplace.Read) is cut into parts alike, each a part of that memory
// (record.BlockIn), not a copy of it: the file-order pass reads the memory the worker
// read, not a copy the worker wrote (BENCHMARKS.md, the twenty-first round). Any other
// source is read in turn, under that lock, by the serial run's own line scanner
// (record.LineScanner.NextBlock, blocks of up to parallelChunk bytes). All cut the text
// into lines with linecut (the scanner's own definition of a line), kept in four bytes a
// line (chunk.cuts) and numbered as the file numbers them. A chunk is checked ahead
// (precheck), on every record of the chunk:
//   - the field checks (N3 format, N4 values) run as the type its kenmerk names, noting
//     whether they find nothing (clean), what they note of the fields (the masks) and
//     the dates they read (handed, on a chunk not run ahead, to the file-order pass's
//     dateCache);
//   - then, over the chunk again, when the chunk is run ahead (aheadPolicy: by default a
//     chunk a worker claims while the file-order pass is behind), on a clean record whose
//     parents the checker has seen in the same chunk (the 02 of a 04, the 04 of a 06, …,
//     followed as the engine follows them), the Record hooks of the rules that read only
//     the record, its parents and the voorlooprecord (Rule.RecordLocal) run, in one call,
//     and what they report is kept per hook, with the record's first late date of care
//     when a hook looked for it (lateCareOf);
//   - on a group (a prestatie, a verzekerde) that lies wholly in the chunk, of clean
//     records whose parents are known, the Group hooks of the rules that read only the
//     group and the voorlooprecord (Rule.GroupLocal) run, and what they report is kept.
//
// The file-order pass takes the chunks in file order and checks each line as the serial
// run does, skipping the field checks of a clean record (it takes the masks), and, where
// the record's parent chain and voorlooprecord are those seen ahead, passing on what the
// RecordLocal hooks found in the place of running them (engine.recordAhead: when they
// found nothing, the other hooks run in one call); and, where the group it closes holds
// the very records the checker's did (the same head, the same lines, each with the
// parents seen ahead), what the GroupLocal hooks found (engine.groupAhead). When the next
// chunk in file order is still being checked by a worker, the file-order pass checks a
// chunk no one has claimed yet itself, so that n goroutines keep n cores busy without
// waiting on the scheduler. Everything that carries state from record to record
// (structure, numbering, relations, the other rule hooks, the 99's counts and totals,
// reference numbers) runs in the file-order pass, in file order, so the findings, their
// order, the cap and FailFast are exactly the serial run's.
//
// With n = 1 (no worker) it is the serial run of a large file (serialPath): the file-order
// pass checks every chunk itself, the field checks over the whole chunk first and then
// everything else over it, which takes 12-20 % less time than checking a line at a time
// (BENCHMARKS.md, the twenty-fourth round).
//
// Memory is bounded: at most 2×parallelAhead chunks per goroutine are claimed and not yet
// passed (256 KiB each), whatever the size of the file.

const (
	parallelChunk = 256 << 10
	parallelAhead = 2
)

// source is the file a run reads: a reader, or a string in memory read in place
// (inplace.Read: what is left of a bytes.Reader or a strings.Reader), whose lines are
// parts of it.
type source struct {
	r       io.Reader
	mem     string
	inPlace bool
}

// scanner returns the serial run's line scanner of src.
func (src source) scanner() *record.LineScanner {
	if src.inPlace {
		return record.NewStringScanner(src.mem, ei.MaxLineLength, 0)
	}
	return ei.NewLineScanner(src.r)
}

// oneChunk reports whether src says it holds no more than one chunk of a parallel run
// (chunk bytes; 0: parallelChunk). Its parallel run would give the workers nothing to do;
// the serial run finds the same and spares their set-up (on a 9 KB GZ321 file 300 µs
// against 70, and 550 KB against 100), which every small file paid with Workers -1 (what
// zorgcheck validate runs with).
func (src source) oneChunk(chunk int) bool {
	if chunk <= 0 {
		chunk = parallelChunk
	}
	n, ok := src.size()
	return ok && n <= int64(chunk)
}

// size returns the number of bytes src holds, when it says so (srcsize).
func (src source) size() (int64, bool) {
	if src.inPlace {
		return int64(len(src.mem)), true
	}
	return srcsize.Of(src.r)
}

// workers returns the number of workers Options.Workers asks for.
func (o *Options) workers() int {
	switch {
	case o.Workers < 0:
		return runtime.GOMAXPROCS(0)
	case o.Workers <= 1:
		return 1
	}
	return o.Workers
}

// fieldMasks is what the field checks note of a record (Record.wf, Record.filled).
type fieldMasks struct{ wf, filled uint64 }

// chunk is a run of whole lines of the file, its text and its lines.
type chunk struct {
	data string
	// The lines of data, four bytes each (linecut.Cuts; line gives a line as the scanner
	// does): the worker that cuts them and the file-order pass that reads them run on
	// different cores, and every byte of a chunk's lines moves from one to the other.
	// As []record.Raw (48 bytes a line) writing them cost the worker about five times
	// what the serial run's own cutting does (BENCHMARKS.md, the twentieth round).
	cuts  linecut.Cuts
	first int            // the number of the first line
	at    int64          // the offset of data in the stream
	ahead []aheadLine    // per line: what a worker did on it
	found []aheadFinding // what the RecordLocal and GroupLocal hooks reported, line after line
	// Per line the dates its field checks read (lineDates; of a clean line only), and the
	// existing ones, line after line: for the worker's hooks and, on a chunk not run
	// ahead (ranAhead false), for the file-order pass.
	lineDates []lineDates
	dates     []record.Date
	ranAhead  bool
	// header: the line of the voorlooprecord the checker ran the hooks with (0: none),
	// the same for every line of the chunk.
	header int32
	// queued: the chunks queued for the file-order pass when this one was claimed, this
	// one included (aheadQueued).
	queued int
	err    error // the scanner's error after lines (ErrLineTooLong, a read error, io.EOF)
	end    int64 // a positioned source's chunk: the offset after its last line (0: none)
	done   chan struct{}
}

// aheadLine is what a worker did on one line: whether its field checks, read as the type
// its kenmerk names, find nothing (clean) and what they noted; whether it ran the
// RecordLocal hooks, the parent chain it ran them with (the voorlooprecord is the chunk's:
// chunk.header), and their findings.
//
// It is 64 bytes, a cache line: the worker writes it on one core and the file-order pass
// reads it on the other, and in the host's bad minutes a line written on one core costs
// the other several times what it costs in a quiet one (the harness's hand-over check).
// At 224 bytes a line the parallel pass took 2.4 % longer than at 112, in quiet and bad
// minutes alike; at 64 it takes 1 % less than at 112 in quiet minutes (BENCHMARKS.md, the
// twenty-third round). What only some lines or chunks need is kept beside it
// (chunk.lineDates, chunk.header), and what the file-order pass knows (the line's number)
// is not kept.
type aheadLine struct {
	masks fieldMasks // of a clean line: what its field checks noted (Record.wf, filled)
	// sum: of a clean line whose type has a reference number of its own (refSelf, with
	// ref set), its fingerprint in the reference set (refFingerprint, with the file-order
	// pass's seed and words); else, of a clean verzekerdenrecord (with ident set), its
	// key's fingerprint in the verzekerden set of N5-PARENT (identitySum, with the same
	// seed). Both as the type its kenmerk names reads the line, the layout the file-order
	// pass reads a clean line with (as it takes the masks): it takes them (prefetchRef,
	// identityOf02) instead of hashing the fields itself.
	sum uint64
	// chain: how many lines before this one its parent, its parent's parent, … are (all
	// in the chunk: the checker follows the nesting within a chunk); 0 ends it.
	chain    [4]uint16
	from, to int32 // its findings in chunk.found
	// group: the worker ran the GroupLocal Group hooks on the group this line heads, of
	// groupLen records; their findings are chunk.found[gfrom:gto].
	gfrom, gto int32
	groupLen   int32
	// care: a hook asked for the record's first late date of care (lateCareOf): the
	// field (-1 none) and whether it lies after the invoice date.
	careField   int16
	hooks       int8 // the record code as a number (aheadHooks), -1 when not two digits
	care        bool
	careInvoice bool
	clean       bool
	ref         bool
	ident       bool
	run         bool
	group       bool
}

// lineDates is, of a clean line, the date fields its field checks read (dateCache.has),
// those of them that hold an existing date (valid), and where those dates start in
// chunk.dates, one per bit of valid: the worker's hooks, run after the field checks of the
// whole chunk (aheadPass), and on a chunk not run ahead the file-order pass, which skips the
// field checks, get them as the serial run's dateCache gives them. On a chunk run ahead the
// hooks that read most dates have run on the worker, and the file-order pass reads the few
// its own hooks ask for from the text (cachegrind, 20 MB of generated GZ321,
// every chunk run ahead: 459.2 M instructions with the dates handed over, 447.7 M without,
// the dates read again 0.1 M of it).
type lineDates struct {
	has, valid uint64
	from       int32
}

// aheadHooks splits the hooks of an engine (or a worker) for the parallel run: per
// record code (and for anyCode) the Record hooks a worker runs (local: Rule.RecordLocal)
// and those the file-order pass runs (rest), each in the order of the rules, and the
// same for the Group hooks of prestaties and verzekerden (GroupLocal). A worker runs a
// record's local hooks in one call; the file-order pass, when the worker's run of them
// found nothing, runs the rest in one call.
type aheadHooks struct {
	std               *record.Standard // the standard the hooks are of
	has               [100]bool        // byCode has hooks of its own for the code
	local, rest       [100][]int32
	localAny, restAny []int32
	local04, rest04   []int32
	local02, rest02   []int32
	// The same lists compiled into steps (hooks.compileSteps), as the serial run runs
	// its hooks: a row of one batch is one step.
	localSteps, restSteps       [100][]hookStep
	localAnySteps, restAnySteps []hookStep
	localSteps04, restSteps04   []hookStep
	localSteps02, restSteps02   []hookStep
}

// splitHooks splits the hooks of e (adopted for std) for the parallel run.
func (e *engine) splitHooks() *aheadHooks {
	h := &aheadHooks{std: e.std}
	split := func(hooks []int32, local func(*Rule) bool) (l, r []int32) {
		for _, i := range hooks {
			if local(e.rules[i]) {
				l = append(l, i)
			} else {
				r = append(r, i)
			}
		}
		return l, r
	}
	recordLocal := func(r *Rule) bool { return r.RecordLocal }
	groupLocal := func(r *Rule) bool { return r.GroupLocal }
	for c, hooks := range e.byCode {
		if hooks != nil {
			h.has[c] = true
			h.local[c], h.rest[c] = split(hooks, recordLocal)
		}
	}
	h.localAny, h.restAny = split(e.anyCode, recordLocal)
	h.local04, h.rest04 = split(e.groups04, groupLocal)
	h.local02, h.rest02 = split(e.groups02, groupLocal)
	for c := range h.local {
		h.localSteps[c], h.restSteps[c] = e.compileSteps(h.local[c], false), e.compileSteps(h.rest[c], false)
	}
	h.localAnySteps, h.restAnySteps = e.compileSteps(h.localAny, false), e.compileSteps(h.restAny, false)
	h.localSteps04, h.restSteps04 = e.compileSteps(h.local04, true), e.compileSteps(h.rest04, true)
	h.localSteps02, h.restSteps02 = e.compileSteps(h.local02, true), e.compileSteps(h.rest02, true)
	return h
}

// restOf returns the rest of the Record hooks of index i (those the file-order pass runs),
// compiled into steps: the record code's index when the code has hooks of its own (has),
// else -1 for anyCode, as runRecord chooses them.
func (h *aheadHooks) restOf(i int8) []hookStep {
	if i >= 0 {
		return h.restSteps[i]
	}
	return h.restAnySteps
}

// codeIndex returns a two-digit record code as a number.
func codeIndex(code string) (int, bool) {
	if len(code) != 2 || code[0]-'0' > 9 || code[1]-'0' > 9 {
		return 0, false
	}
	return int(code[0]-'0')*10 + int(code[1]-'0'), true
}

// aheadHooks returns e's split hooks, made on first use for its standard.
func (e *engine) aheadHooks() *aheadHooks {
	if e.split == nil || e.split.std != e.std {
		e.split = e.splitHooks()
	}
	return e.split
}

// aheadFinding is a finding of hook (an index in engine.rules) run ahead.
type aheadFinding struct {
	hook int32
	f    Finding
}

// chunkQueue hands out the chunks of the file, read in turn by whoever claims the next
// one (a worker, or the file-order pass when it has nothing else to do), and keeps them
// in file order for the file-order pass until it releases them. At most limit chunks are
// claimed and not yet released: memory stays bounded whatever the size of the file.
type chunkQueue struct {
	read  sync.Mutex // held while a chunk of a sequential source is read: in file order
	src   *record.LineScanner
	ended bool // the source gave its last chunk (one with an error, io.EOF at the end); under read, or mu for a positioned source

	// A positioned source (positioned: a regular file, a reader at offsets) is read
	// without the lock: a claimant is given the next part of the file, of size bytes from
	// start, and reads the lines that start in it (record.BlockAt) while the others read
	// theirs; it numbers them once the parts before it have theirs (turn). A source in
	// place (mem) is cut into parts alike, each a part of mem (record.BlockIn).
	at       io.ReaderAt
	mem      string
	inPlace  bool
	start    int64
	size     int
	next     int        // the next part to give out
	numbered int        // the parts whose lines are numbered, in order
	counted  int        // the lines in them
	turn     *sync.Cond // on mu: a part was numbered

	mu       sync.Mutex
	order    []*chunk // claimed chunks in file order, not yet taken by the file-order pass
	inFlight int      // chunks claimed and not yet released
	limit    int
	free     []*chunk      // released chunks, to reuse their slices (not their text)
	room     chan struct{} // closed when a chunk is released, if a worker waits for room
	waiting  bool

	// ahead: the workers run the local hooks ahead on the chunks they claim next (aheadPolicy).
	ahead atomic.Bool
}

// aheadPolicy says when the local hooks (Rule.RecordLocal, Rule.GroupLocal) run ahead on
// a worker. Running them ahead costs work the serial run does not do (the worker follows
// the nesting and notes what it saw, the file-order pass checks that it saw the same):
// it pays when the file-order pass is what the run waits for, and on two cores it keeps
// the worker's core busy.
type aheadPolicy int8

const (
	// aheadQueued (the default): on a chunk a worker claims while the file-order pass has
	// more chunks queued before it than there are goroutines (the chunk included): at
	// least one of them is checked and waits, so the file-order pass is what the run
	// waits for, and the worker takes its local hooks on. Else the worker runs the field
	// checks alone (the chunk is not run ahead, as one the file-order pass checks itself),
	// and the file-order pass runs the hooks, with no run-ahead cost. The two kinds of
	// chunk balance the cores between them: on the harness files (100 MB, two cores,
	// 8 December 2026) the worker ran ahead on 40 % of the chunks of generated MZ301 and
	// 55 % of the official GZ321 content, where aheadWorkers runs ahead on every chunk a
	// worker checks (75-80 %) and the file-order pass checks the rest itself; the
	// parallel pass took 2.6-2.9 % less time on MZ301 (whose hooks are the cheapest, so
	// that running them ahead costs most against what it moves), 0.5 % less on generated
	// GZ321 and about the same (0.1-0.5 % more) on the official content, 25-30 alternated
	// passes each (BENCHMARKS.md, the twenty-fifth round).
	aheadQueued aheadPolicy = iota
	// aheadWorkers: on every chunk a worker checks, never on one the
	// file-order pass checks itself (while it waits for a worker's chunk). On those the
	// hooks would run on the same goroutine either way, ahead or in file order, and
	// running them ahead only adds the following of the nesting and its verification: by
	// instruction count (cachegrind, GOGC=off, 20 MB of the official GZ321 content, 6
	// December 2026) the parallel run did 1.105 of the serial run's work with aheadAlways
	// and 1.089 with this policy; the file-order pass checked 22-30 % of the chunks itself.
	// With the cuts after it (NextLines, the hand-over), three runs of each of the three
	// harness files (20 MB each): official GZ321 content 1.063-1.077, generated GZ321
	// 1.071-1.085, generated MZ301 1.066-1.083 (the whole process; main before them:
	// 1.105, 1.115, 1.116). The spread is the share of chunks the file-order pass checks.
	// The default before aheadQueued (tests).
	aheadWorkers
	// aheadAlways: on every chunk, also those the file-order pass checks itself (the
	// default before aheadWorkers; tests: the small files of the tests are often checked
	// by the file-order pass alone).
	aheadAlways
	// aheadAdaptive: the workers start running the hooks ahead when one finds the queue
	// full (the file-order pass is behind: the worker would wait for it), and stop when the
	// file-order pass comes to a chunk not yet checked (it has time to run them itself).
	// The file-order pass never runs them ahead on the chunks it checks itself. By
	// instruction count 1.055 of the serial run on the official GZ321 content (against
	// 1.083 for aheadAlways then), but in alternated harness runs on the 2-core machine (6
	// December 2026, 10:05 UTC) its wall-clock ratio was the lower one (a median of 1.63
	// over 4 runs against 1.82 for aheadAlways): with the hooks left to it, the file-order
	// pass was the longer of the two (tests).
	aheadAdaptive
	// aheadNever: no chunk (tests).
	aheadNever
)

// workerAhead reports whether a worker runs the local hooks ahead on a chunk it claimed
// with queued chunks queued for the file-order pass (this one included), in a run of n
// goroutines; adaptive is aheadAdaptive's switch (chunkQueue.ahead).
func (p aheadPolicy) workerAhead(queued, n int, adaptive bool) bool {
	switch p {
	case aheadQueued:
		// Each goroutine checks one chunk at a time: with more than n queued, at least
		// one is checked and waits for the file-order pass.
		return queued > n
	case aheadWorkers, aheadAlways:
		return true
	case aheadAdaptive:
		return adaptive
	}
	return false
}

// positioned returns r as a positioned source (chunkQueue.at) and where it stands: a
// reader that reads at offsets and seeks, unless it says it is a file and not a regular
// one (a device, a pipe: read in turn, as the serial run reads it).
func positioned(r io.Reader) (io.ReaderAt, int64, bool) {
	at, ok := r.(io.ReaderAt)
	sk, ok2 := r.(io.Seeker)
	if !ok || !ok2 {
		return nil, 0, false
	}
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			return nil, 0, false
		}
	}
	start, err := sk.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, 0, false
	}
	return at, start, true
}

// reserve takes a chunk to claim, under q.mu, or returns nil and a channel closed once
// there is room.
func (q *chunkQueue) reserve() (*chunk, <-chan struct{}) {
	if q.inFlight >= q.limit {
		if q.room == nil {
			q.room = make(chan struct{})
		}
		q.waiting = true
		return nil, q.room
	}
	q.inFlight++
	var c *chunk
	if n := len(q.free); n > 0 {
		c = q.free[n-1]
		q.free = q.free[:n-1]
	} else {
		c = &chunk{}
	}
	c.done = make(chan struct{})
	return c, nil
}

// claim reads the next chunk and returns it to be checked (by precheck), or nil: when the
// source has ended (the last chunk, with its error, is queued already done), or when
// limit chunks are claimed, then with a channel closed once there is room.
func (q *chunkQueue) claim() (c *chunk, room <-chan struct{}) {
	if q.at != nil || q.inPlace {
		return q.claimAt()
	}
	q.read.Lock()
	defer q.read.Unlock()
	if q.ended {
		return nil, nil
	}
	q.mu.Lock()
	c, room = q.reserve()
	q.mu.Unlock()
	if c == nil {
		return nil, room
	}

	// The lines are cut here, in file order (the scanner numbers them): the line breaks
	// are found once, and the lock is held for that short pass only.
	// NextBlock's block ends with a whole line (as NextLines's); a line too long in it is
	// found by cutting, as SplitLines finds it.
	c.data, c.first, c.at, c.err = q.src.NextBlock()
	c.cutLines()
	check := len(c.cuts) > 0
	if c.err != nil {
		q.ended = true
		if !check {
			close(c.done) // nothing to check: the file-order pass reports the error
		}
	}
	q.mu.Lock()
	q.order = append(q.order, c)
	c.queued = len(q.order)
	q.mu.Unlock()
	if !check {
		return nil, nil
	}
	return c, nil // with the lines before a line too long or a read error, if that ended it
}

// claimAt is claim of a positioned source: the next part of the file is the claimant's to
// read, while the others read theirs.
func (q *chunkQueue) claimAt() (*chunk, <-chan struct{}) {
	for {
		q.mu.Lock()
		if q.ended {
			q.mu.Unlock()
			return nil, nil
		}
		c, room := q.reserve()
		if c == nil {
			q.mu.Unlock()
			return nil, room
		}
		part := q.next
		q.next++
		q.order = append(q.order, c) // in file order: the parts are given out in order
		c.queued = len(q.order)
		q.mu.Unlock()

		var (
			block string
			at    int64
			last  bool
			err   error
		)
		off := q.start + int64(part)*int64(q.size)
		if q.inPlace {
			block, at, last, err = record.BlockIn(q.mem, q.start, off, q.size, ei.MaxLineLength)
		} else {
			block, at, last, err = record.BlockAt(q.at, q.start, off, q.size, ei.MaxLineLength)
		}
		c.data, c.at, c.err = block, at, err
		c.cutLines()
		if c.err == nil && last {
			c.err = io.EOF
		}
		err = c.err

		// Number the lines on from the parts before, once they are numbered: they were
		// given out before this one, and their claimants number them without waiting on
		// any later part.
		q.mu.Lock()
		for q.numbered != part {
			q.turn.Wait()
		}
		c.first = q.counted + 1
		q.counted += len(c.cuts)
		q.numbered++
		if err != nil {
			q.ended = true
		}
		q.turn.Broadcast()
		q.mu.Unlock()

		c.end = 0
		if len(c.cuts) > 0 {
			c.end = at + int64(len(block))
			return c, nil // with the lines before a line too long or a read error, if that ended it
		}
		close(c.done) // nothing to check: the file-order pass passes it on (or reports its error)
		if err != nil {
			return nil, nil
		}
		// A part without a line start in it (inside a line too long, which the part it
		// starts in reports): the next.
	}
}

// take returns the next chunk in file order, or nil when none is read yet.
func (q *chunkQueue) take() *chunk {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.order) == 0 {
		return nil
	}
	c := q.order[0]
	q.order[0] = nil
	q.order = q.order[1:]
	return c
}

func isDone(c *chunk) bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// cutLines cuts c.data into c.cuts. A line too long ends them, after the lines before
// it, with the error (record.ErrLineTooLong) that the serial run's scanner gives.
func (c *chunk) cutLines() {
	var tooLong bool
	c.cuts, tooLong = linecut.Append(c.cuts[:0], c.data, ei.MaxLineLength)
	if tooLong {
		c.err = fmt.Errorf("%w (more than %d bytes without a line break)", record.ErrLineTooLong, ei.MaxLineLength)
	}
}

// line returns line i of c as the serial run's scanner returns it.
func (c *chunk) line(i int) record.Raw {
	text, brk, start := c.cuts.Line(c.data, i)
	return record.Raw{Number: c.first + i, Offset: c.at + int64(start), Text: text, Break: linecut.Break(brk)}
}

// release gives back a chunk the file-order pass is done with.
func (q *chunkQueue) release(c *chunk) {
	q.mu.Lock()
	q.inFlight--
	c.data = ""
	if c.err == nil {
		q.free = append(q.free, c)
	}
	if q.waiting {
		close(q.room)
		q.room, q.waiting = nil, false
	}
	q.mu.Unlock()
}

// runParallel is run with n goroutines: n-1 workers and the file-order pass, which checks
// chunks as a worker does whenever the next chunk in file order is not yet checked.
func (e *engine) runParallel(src source, n, size int, policy aheadPolicy) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()

	passed := func(*chunk) {} // the file-order pass is done with a chunk
	if size <= 0 {
		size = parallelChunk
	}
	size = max(size, 2*ei.MaxLineLength) // a full chunk without a line break is a line too long
	size = min(size, linecut.MaxBlock/4) // a block of the scanner or of BlockAt fits in linecut.Cuts
	q := &chunkQueue{limit: 2 * n * parallelAhead}
	if src.inPlace {
		q.mem, q.inPlace, q.size = src.mem, true, size
		q.turn = sync.NewCond(&q.mu)
		// The source is left after the last line passed (readTo: inplace.Read).
		passed = func(c *chunk) { e.readTo = max(e.readTo, c.end) }
	} else if at, start, ok := positioned(src.r); ok {
		q.at, q.start, q.size = at, start, size
		q.turn = sync.NewCond(&q.mu)
		e.hint.base = start // the lines' offsets are the file's; the source's size is what follows start
		// Leave the source after the last line passed, as far as the run read it.
		end := start
		defer func() { src.r.(io.Seeker).Seek(end, io.SeekStart) }()
		passed = func(c *chunk) { end = max(end, c.end) }
	} else {
		q.src = record.NewLineScannerSize(src.r, ei.MaxLineLength, size)
	}
	c0, _ := q.claim()
	first := ""
	if c0 != nil {
		first = c0.data
	}
	// The standard the workers check against: the one the serial run takes from the first
	// record. When it takes another (a file without a clear 01), the workers' answers are
	// not used (e.clean stays false).
	std := e.opts.Standard
	if std == nil {
		line := first
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		std = e.identify(line)
	}
	var pl *plan
	if std != nil {
		// The run's plan (planFor: shared with other validations unless the options
		// bring field rules): the workers and, when it takes the same standard with the
		// same options, the engine (adopt) use it; it is read-only.
		pl = planFor(std, selectRules(std, &e.opts))
		e.compiled = pl
	}

	var wg sync.WaitGroup
	for range n - 1 {
		wg.Go(func() { // worker
			w := e.worker(std, pl, first)
			for ctx.Err() == nil {
				c, room := q.claim()
				if c == nil {
					if room == nil {
						return // the source has ended
					}
					if policy == aheadAdaptive && !q.ahead.Load() {
						q.ahead.Store(true) // the file-order pass is behind: take on its local hooks
					}
					select {
					case <-room:
					case <-ctx.Done():
					}
					continue
				}
				w.precheck(c, policy.workerAhead(c.queued, n, q.ahead.Load()))
				close(c.done)
			}
		})
	}
	defer func() {
		cancel()
		wg.Wait()
	}()
	helper := e.worker(std, pl, first)   // the file-order pass's own, for the chunks it checks
	helperAhead := policy == aheadAlways // not by default: see aheadQueued
	if c0 != nil {
		helper.precheck(c0, helperAhead)
		close(c0.done)
	}

	for {
		c := q.take()
		if c == nil {
			// None read yet: read the next chunk (or wait while another is read) and
			// check it. When claim finds no room, the chunks claimed are queued already.
			if c, _ := q.claim(); c != nil {
				helper.precheck(c, helperAhead)
				close(c.done)
			}
			continue
		}
		if policy == aheadAdaptive && !isDone(c) && q.ahead.Load() {
			q.ahead.Store(false) // the file-order pass has time to run the local hooks itself
		}
		// Until its worker is done with c, check the chunks no one has claimed yet.
		for !isDone(c) {
			if h, _ := q.claim(); h != nil {
				helper.precheck(h, helperAhead)
				close(h.done)
				continue
			}
			select {
			case <-c.done:
			case <-ctx.Done():
				return e.ctx.Err()
			}
		}
		passed(c)
		e.chunks++
		e.aheadFound, e.cleanDates, e.aheadHeader = c.found, c.dates, c.header
		ahead := c.ahead[:len(c.cuts)]
		var marksDates []lineDates
		if !c.ranAhead && len(c.lineDates) == len(c.cuts) { // none when the checker had no plan
			marksDates = c.lineDates
		}
		for i := range c.cuts {
			if e.stop {
				return nil
			}
			ln := c.line(i)
			e.lines = ln.Number
			if ln.Number&1023 == 0 {
				if err := e.ctx.Err(); err != nil {
					return err
				}
			}
			a := &ahead[i]
			e.clean, e.ahead = false, nil
			if a.clean && e.std == std && pl != nil {
				e.clean, e.cleanLine, e.cleanDateMarks = true, a, nil
				if marksDates != nil {
					e.cleanDateMarks = &marksDates[i]
				}
				if a.run {
					e.ahead, e.aheadNumber = a, ln.Number
				}
			}
			e.line(ln)
		}
		// A group a worker ran closes in its chunk; one still open runs its own hooks.
		e.clean, e.ahead, e.aheadFound, e.g04.ahead, e.g02.ahead = false, nil, nil, nil, nil
		e.cleanLine, e.cleanDates, e.cleanDateMarks = nil, nil, nil
		cerr := c.err
		q.release(c)
		if e.stop {
			return nil
		}
		if cerr == io.EOF {
			break
		}
		if cerr != nil {
			return e.readFailed(cerr)
		}
	}
	if err := e.ctx.Err(); err != nil {
		return err
	}
	if e.cands != nil && !e.stop {
		e.decide()
	}
	if !e.stop {
		e.finish()
	}
	return nil
}

// aheadWorker is a worker of the parallel run: an engine of its own (the rules, their
// states, the voorlooprecord) and what its RecordLocal hooks report.
type aheadWorker struct {
	*engine
	std   *record.Standard
	found []aheadFinding
	// the GroupLocal Group hooks of prestaties and verzekerden, and the lines heading the
	// groups open (nil: none, or one the worker does not run).
	local04, local02           []int32
	localSteps04, localSteps02 []hookStep // the same compiled into steps
	h04, h02                   *aheadLine
	// ident02: the fields of a verzekerdenrecord that identify the verzekerde
	// (identityKeys of the prestatierecord under it), for aheadLine.sum.
	ident02 []keyPair
}

// worker returns a worker for e: the rules of std with the options of e (no cap, no
// fail-fast: the findings are passed on by e), and the voorlooprecord when the file's
// first line, in block, is one.
func (e *engine) worker(std *record.Standard, pl *plan, block string) *aheadWorker {
	opts := e.opts
	opts.FailFast = false
	aw := &aheadWorker{std: std}
	w := newEngine(e.ctx, opts, func(Finding) bool { return true })
	aw.engine = w
	w.today, w.max = e.today, -1
	w.refSeed, w.refMix = e.refSeed, e.refMix // the fingerprints of the reference numbers (aheadLine.sum)
	if std == nil || pl == nil {
		return aw
	}
	w.compiled = pl
	w.adopt(std) // the rules, their states and hooks, in the order e has them
	w.yield = func(f Finding) bool {
		aw.found = append(aw.found, aheadFinding{w.running, f})
		return true
	}
	if lp04 := pl.layout(record.CodePrestatie); lp04 != nil && lp04.parent == record.CodeVerzekerde {
		aw.ident02 = identityKeys(lp04)
	}
	split := w.aheadHooks()
	aw.local04, aw.local02 = split.local04, split.local02
	aw.localSteps04, aw.localSteps02 = split.localSteps04, split.localSteps02
	line := block
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSuffix(line, "\r")
	if lp := pl.layout(record.CodeVoorloop); lp != nil && len(line) == std.RecordLength() && strings.HasPrefix(line, record.CodeVoorloop) {
		hdr := Record{Line: 1, text: line, Standard: std, lp: lp, Layout: lp.lay}
		w.seen01 = 1
		w.keep(&hdr)
	}
	return aw
}

// The nesting a worker follows within a chunk, as the engine does (structure, keep): the
// current 02, 04 and detail record, each unknown (before the chunk, or after a record
// whose type the field checks leave in doubt), none, or set.
const (
	nestUnknown int8 = iota
	nestNone
	nestSet
)

type aheadNest struct {
	r02, r04, det  Record
	s02, s04, sDet int8
	// hdr: the voorlooprecord the worker runs the hooks with (its line is chunk.header);
	// nil when it has none.
	hdr *Record
}

func (n *aheadNest) reset() { n.s02, n.s04, n.sDet = nestUnknown, nestUnknown, nestUnknown }

func nestOf(state int8, r *Record) (*Record, bool) {
	switch state {
	case nestSet:
		return r, true
	case nestNone:
		return nil, true
	}
	return nil, false
}

// precheck marks the lines of c whose field checks, read as the record type
// of their kenmerk in std, find nothing, and, when ahead is set, runs the RecordLocal
// (and GroupLocal) hooks on them where it knows their parents.
//
// It runs the field checks of every line of the chunk first and the hooks over the chunk
// after (aheadPass), as the serial run of a large file does (serialPath): one loop of the
// field checks, then one of the hooks, takes less time than the two in turn on every line
// (the worker's chunks 2.5-6 % less wall time of the parallel run; BENCHMARKS.md, the
// twenty-fourth round). The dates the field checks read are kept per line
// (chunk.lineDates), for the hooks of the second loop and, on a chunk not run ahead, for
// the file-order pass.
func (w *aheadWorker) precheck(c *chunk, ahead bool) {
	std := w.std
	n := len(c.cuts)
	c.ahead = slices.Grow(c.ahead[:0], n)[:n]
	c.found, c.dates, c.lineDates = c.found[:0], c.dates[:0], c.lineDates[:0]
	c.ranAhead, c.header = ahead, 0
	if w.pl == nil {
		clear(c.ahead)
		return
	}
	c.lineDates = slices.Grow(c.lineDates, n)[:n]
	cuts, dates, marksDates := c.cuts, c.dates, c.lineDates
	marks := c.ahead[:len(cuts)]
	for i := range cuts {
		// Each line's mark is cleared as the line comes (not the chunk's first): the
		// marks were last read by the file-order pass, on another core, and are fetched
		// once, not twice.
		marks[i] = aheadLine{}
		text, _, _ := cuts.Line(c.data, i)
		var lp *layoutPlan
		if len(text) == std.RecordLength() {
			lp = w.pl.layout(text[:2])
		}
		if lp == nil {
			continue
		}
		rec := &w.cur
		// Cleared, then set: the same Record as the literal, without building it on the
		// stack first and copying it.
		*rec = Record{}
		rec.Line, rec.text, rec.Standard, rec.lp, rec.Layout = c.first+i, text, std, lp, lp.lay
		w.pending = w.pending[:0]
		if w.checkFields(rec) != 0 || len(w.pending) != 0 {
			continue // the engine may read it as another type
		}
		a := &marks[i]
		a.clean, a.masks = true, fieldMasks{wf: rec.wf, filled: rec.filled}
		switch {
		case lp.refSelf >= 0 && lp.codeNum >= 0:
			a.sum, a.ref = w.refFingerprint(trimSpaces(rec.raw(lp.refSelf)), int(lp.codeNum)), true
		case lp.code == record.CodeVerzekerde && len(w.ident02) > 0:
			a.sum, a.ident = identitySum(w.refSeed, rec, w.ident02, false), true
		}
		ld := &marksDates[i]
		*ld = lineDates{}
		if ds := &w.dates.slots[lp.dateSlot%dateSlots]; ds.has != 0 {
			ld.has, ld.valid, ld.from = ds.has, ds.valid, int32(len(dates))
			for v := ds.valid; v != 0; v &= v - 1 {
				dates = append(dates, ds.d[bits.TrailingZeros64(v)&63])
			}
		}
	}
	clear(w.pending)
	w.pending = w.pending[:0]
	if ahead {
		w.found = c.found
		if w.hdrOK {
			c.header = int32(w.hdr.Line)
		}
		w.aheadPass(c, dates)
		c.found = w.found
		w.found = nil
	}
	c.dates = dates
}

// aheadPass runs the RecordLocal (and GroupLocal) hooks on the clean lines of c (checked
// by precheck) where it knows their parents, in file order, each line's record as the
// field checks left it: its masks and the dates they read.
func (w *aheadWorker) aheadPass(c *chunk, dates []record.Date) {
	var nest aheadNest
	if w.hdrOK {
		nest.hdr = &w.hdr
	}
	w.dropGroups()
	std, cuts, marks := w.std, c.cuts, c.ahead[:len(c.cuts)]
	for i := range cuts {
		a := &marks[i]
		if !a.clean {
			// Not read as the type of its kenmerk (or not checked): the engine may read it
			// as another type, and the nesting after it is not known.
			nest.reset()
			w.dropGroups()
			continue
		}
		text, _, _ := cuts.Line(c.data, i)
		lp := w.pl.layout(text[:2])
		rec := &w.cur
		*rec = Record{}
		rec.Line, rec.text, rec.Standard, rec.lp, rec.Layout = c.first+i, text, std, lp, lp.lay
		rec.wf, rec.filled, rec.masked = a.masks.wf, a.masks.filled, true
		w.aheadDates(rec, &c.lineDates[i], dates)
		rec.dates = &w.dates
		w.runAhead(a, rec, &nest)
	}
	w.dropGroups() // a group open at the end of the chunk may go on in the next
}

// runAhead places rec under its parent as the engine's structure does, runs the
// RecordLocal hooks on it when its parents are known, and keeps it as keep does.
func (w *aheadWorker) runAhead(a *aheadLine, rec *Record, n *aheadNest) {
	// The record code as a number (-1: not two digits), to compare it as one.
	code := int(rec.lp.codeNum)
	// The groups rec closes, as the Nester closes them (before its Record hooks), and its
	// parent.
	known := true
	switch code {
	case codeVoorloop:
		w.dropGroups() // the engine leaves a 01 out of the groups
		return         // not run ahead; the nesting stays
	case codeSluit:
		w.closeGroups02()
		n.s02, n.s04 = nestNone, nestNone
		return
	case codeVerzekerde:
		w.closeGroups02()
		n.s04 = nestNone
	case codePrestatie:
		if w.g04.open {
			w.closeGroup(&w.g04, &w.h04, w.local04, w.localSteps04)
		}
		n.s04 = nestNone
		rec.parent, known = nestOf(n.s02, &n.r02)
	case codeDebiteur:
		rec.parent, known = nestOf(n.s02, &n.r02)
	case codeCommentaar:
		rec.parent, known = nestOf(n.sDet, &n.det)
	default:
		rec.parent, known = nestOf(n.s04, &n.r04)
		if known && rec.parent == nil && !w.pl.has04 {
			rec.parent, known = nestOf(n.s02, &n.r02)
		}
	}
	rec.header = n.hdr
	if known {
		a.run, a.from = true, int32(len(w.found))
		p := rec.parent
		for k := 0; p != nil && k < len(a.chain); k++ {
			d := rec.Line - p.Line
			if d <= 0 || d > math.MaxUint16 {
				a.run = false // too far to note (a chunk of more lines than 16 bits count)
				break
			}
			a.chain[k] = uint16(d)
			p = p.parent
		}
		if p != nil {
			a.run = false // deeper than the engine nests
		}
	}
	if a.run {
		// anyCode's hooks, unless the code has hooks of its own (as restOf chooses them)
		a.hooks = -1
		steps := w.split.localAnySteps
		if code >= 0 && w.split.has[code] {
			a.hooks, steps = int8(code), w.split.localSteps[code]
		}
		w.recordSteps(steps, rec)
		a.to = int32(len(w.found))
		if w.care.line == rec.Line { // the dates of care the hooks compared (lateCareOf)
			a.care, a.careField, a.careInvoice = true, int16(w.care.field), w.care.invoice
		}
	}
	state := nestSet
	if !known {
		state = nestUnknown
	}
	switch code {
	case codeVerzekerde:
		n.r02, n.s02 = *rec, state
	case codePrestatie:
		n.r04, n.s04 = *rec, state
	}
	if code != codeCommentaar && rec.lp.idField >= 0 {
		n.det, n.sDet = *rec, state
	}
	// The groups: rec opens one or joins those open, as keep and groupBuf.add do.
	if !a.run {
		w.dropGroups()
		return
	}
	switch {
	case code == codeVerzekerde && len(w.local02) > 0:
		w.g02.start(&n.r02)
		w.h02 = a
	case code == codePrestatie && len(w.local04) > 0:
		w.g04.start(&n.r04)
		w.h04 = a
	}
	if w.g04.open {
		w.g04.add(rec)
	}
	if w.g02.open {
		w.g02.add(rec)
	}
}

// The record codes of the nesting as numbers (codeIndex), for the worker's switches.
const (
	codeVoorloop   = 1  // record.CodeVoorloop
	codeVerzekerde = 2  // record.CodeVerzekerde
	codeDebiteur   = 3  // record.CodeDebiteur
	codePrestatie  = 4  // record.CodePrestatie
	codeCommentaar = 98 // record.CodeCommentaar
	codeSluit      = 99 // record.CodeSluit
)

// closeGroup closes the group open in b, headed by the line *head, running the GroupLocal
// hooks local on it and noting that on the head's line.
func (w *aheadWorker) closeGroup(b *groupBuf, head **aheadLine, local []int32, steps []hookStep) {
	a := *head
	*head = nil
	if !b.open || a == nil || !b.g.complete {
		w.dropGroup(b)
		return
	}
	a.group, a.groupLen, a.gfrom = true, int32(len(b.g.recs)), int32(len(w.found))
	w.runGroup(b, local, steps)
	a.gto = int32(len(w.found))
}

// closeGroups02 closes the groups a 02 or a 99 closes: the prestatie, then the verzekerde.
func (w *aheadWorker) closeGroups02() {
	if w.g04.open {
		w.closeGroup(&w.g04, &w.h04, w.local04, w.localSteps04)
	}
	if w.g02.open {
		w.closeGroup(&w.g02, &w.h02, w.local02, w.localSteps02)
	}
}

// dropGroups forgets the groups open: their hooks run in file order.
func (w *aheadWorker) dropGroups() {
	w.dropGroup(&w.g04)
	w.dropGroup(&w.g02)
	w.h04, w.h02 = nil, nil
}

func (w *aheadWorker) dropGroup(b *groupBuf) {
	if b.open {
		b.open = false
		clear(b.g.recs) // let go of the text
		b.g.recs, b.parent = b.g.recs[:0], b.parent[:0]
	}
}

// recordAhead runs the Record hooks hooks on rec as runRecord does, passing on, in the
// place of running a RecordLocal hook, what the worker found with it, when the worker ran
// the hooks with the parents and voorlooprecord rec has here.
//
// It is the first to look at e.ahead on a line (runRecord runs before keep and the adding
// to the groups, which start and follow the groups the worker ran): when the worker's run does not hold
// for rec here, it clears e.ahead, so that what follows on the line sees only a run that
// holds.
func (e *engine) recordAhead(hooks []int32, steps []hookStep, rec *Record) {
	a := e.ahead
	if e.aheadNumber != rec.Line || !e.sameAhead(rec, a) {
		e.ahead = nil
		e.recordSteps(steps, rec)
		return
	}
	if a.care { // found with the same voorlooprecord: not searched again
		e.care = lateCare{line: rec.Line, field: int(a.careField), invoice: a.careInvoice}
	}
	if a.from == a.to {
		e.recordSteps(e.aheadHooks().restOf(a.hooks), rec) // the worker's record type: rec is clean
		return
	}
	found := e.aheadFound[a.from:a.to]
	for j := 0; j < len(hooks) && !e.stop; {
		i := hooks[j]
		if !e.rules[i].RecordLocal {
			k := j + 1 // the run of hooks the engine runs itself
			for k < len(hooks) && !e.rules[hooks[k]].RecordLocal {
				k++
			}
			e.record(hooks[j:k], rec)
			j = k
			continue
		}
		for len(found) > 0 && found[0].hook == i && !e.stop {
			e.emit(found[0].f)
			found = found[1:]
		}
		j++
	}
}

// startAhead notes, as b opens on the current record, the worker's run of the GroupLocal
// hooks on the group it heads, if there was one (e.ahead: one that holds, recordAhead).
func (e *engine) startAhead(b *groupBuf) {
	b.ahead = nil
	if a := e.ahead; a != nil && a.group {
		b.ahead = a
	}
}

// groupAhead runs the Group hooks hooks on the group in b as runGroup does, passing on,
// in the place of running a GroupLocal hook, what the worker found with it when the
// worker's group holds the same records.
//
// The worker's group is the lines after its head, groupLen of them, each with the
// parents it saw (it drops a group at a line it does not run ahead). The engine's holds
// the records added since the head, in file order, each one the worker's run holds for
// (process drops b.ahead at one it does not): when they are as many and the last is on
// line head+groupLen, they are those very lines.
func (e *engine) groupAhead(b *groupBuf, hooks []int32, steps []hookStep) {
	a, g := b.ahead, &b.g
	b.ahead = nil
	n := len(g.recs)
	if !g.complete || int(a.groupLen) != n || n > 0 && g.recs[n-1].Line != g.head.Line+n {
		e.groupSteps(steps, g)
		return
	}
	found := e.aheadFound[a.gfrom:a.gto]
	if len(found) == 0 {
		split := e.aheadHooks()
		rest := split.restSteps04
		if b == &e.g02 {
			rest = split.restSteps02
		}
		e.groupSteps(rest, g)
		return
	}
	for j, i := range hooks {
		if e.stop {
			return
		}
		if !e.rules[i].GroupLocal {
			e.group(hooks[j:j+1], g)
			continue
		}
		for len(found) > 0 && found[0].hook == i && !e.stop {
			e.emit(found[0].f)
			found = found[1:]
		}
	}
}

// sameAhead reports whether rec has the parent chain and the voorlooprecord the worker
// ran the hooks with (the same lines: the same text, read as the same types, since the
// worker follows only records whose field checks are clean).
func (e *engine) sameAhead(rec *Record, a *aheadLine) bool {
	hdr := 0
	if e.hdrOK {
		hdr = e.hdr.Line
	}
	if int32(hdr) != e.aheadHeader || (rec.header != nil) != (hdr != 0) {
		return false
	}
	p := rec.parent
	for _, d := range a.chain {
		if p == nil || d == 0 {
			return p == nil && d == 0
		}
		if p.lp == nil || p.Line != rec.Line-int(d) {
			return false
		}
		p = p.parent
	}
	return p == nil
}

// aheadDates puts the dates a worker's field checks read on a clean line (a) in the
// engine's dateCache, in the slot of rec's type, as the serial run's field checks leave
// them; declaredFields (and the worker's aheadPass) points the record at it.
func (e *engine) aheadDates(rec *Record, a *lineDates, dates []record.Date) {
	ds := &e.dates.slots[rec.lp.dateSlot]
	ds.line, ds.lp, ds.has, ds.valid = rec.Line, rec.lp, 0, 0
	if a == nil {
		return // a chunk run ahead: the dates are read when a rule asks
	}
	ds.has, ds.valid = a.has, a.valid
	j := int(a.from)
	for v := a.valid; v != 0; v &= v - 1 {
		ds.d[bits.TrailingZeros64(v)&63] = dates[j]
		j++
	}
}

// declaredFields runs the field checks of rec as the type its kenmerk names, unless a
// worker found them clean.
func (e *engine) declaredFields(rec *Record) int {
	if e.clean {
		// The worker noted what the checks note: the rules read the masks, not the text.
		a := e.cleanLine
		rec.wf, rec.filled, rec.masked = a.masks.wf, a.masks.filled, true
		// The dates the worker's checks read, as the type of its kenmerk, on a chunk
		// not run ahead (chunk.lineDates); others are read when a rule asks, and kept
		// (dateAt).
		e.aheadDates(rec, e.cleanDateMarks, e.cleanDates)
		rec.dates = &e.dates
		return 0
	}
	return e.checkFields(rec)
}

// markRecordLocal sets Rule.RecordLocal on the built-in rules whose Record hook reads only
// the record, its parents and the voorlooprecord: those of the common and register sets
// named here, and every rule of a standard's set (the BER conditions: they read the
// record and the records above it) that keeps no state. It sets Rule.GroupLocal on the
// rules of a standard's set with a Group hook and no state (the GGZ rules on a
// prestatie's product: they read the group; the product they share through Pass.setState
// is a cache by the line of the group's head).
func markRecordLocal(sets []*RuleSet) {
	named := map[string]bool{
		"N5-DATERANGE": true, "N5-INVOICEDATE": true, "N5-SELFREF": true, "N5-CREDITREF": true,
		"N5-DEBITCREDIT": true, "N5-ADDRESS": true, "N5-SOFTWARE": true, "N5-PRAKTIJK": true,
		"N5-BETALINGAAN": true, "N5-BSN": true, "N5-NAAM02": true,
		"N4-UZOVI": true, // its state is a cache of the register's fields per layout
	}
	for _, s := range sets {
		shared := s.Name == "rbc" || s.Name == "common" || s.Name == "register"
		for _, r := range s.Rules {
			if r.Record == nil {
				continue
			}
			r.RecordLocal = named[r.ID] || !shared && r.NewState == nil
		}
		for _, r := range s.Rules {
			r.GroupLocal = r.Group != nil && !shared && r.NewState == nil
		}
	}
}
