package validate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/inplace"
)

// Report is the outcome of validating one file.
type Report struct {
	// Standard is the standard the file was checked against; nil when it could not be
	// determined (see the N1 findings).
	Standard *record.Standard
	// Findings in order of line (file-level findings, line 0, first).
	Findings []Finding
	// Lines is the number of lines read.
	Lines int
	// Truncated is set when validation stopped at Options.MaxFindings or, with
	// Options.FailFast, at the first error: there may be more to find.
	Truncated bool
}

// Valid reports whether the file breaks no rule: no finding of severity Error.
func (r *Report) Valid() bool { return r.Errors() == 0 }

// Errors returns the number of findings of severity Error.
func (r *Report) Errors() int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Severity == Error {
			n++
		}
	}
	return n
}

// Err returns nil for a valid file, else an error that joins the findings of severity
// Error, so that errors.Is(report.Err(), validate.ErrMissing) and errors.As work.
func (r *Report) Err() error {
	var errs []error
	for i := range r.Findings {
		if r.Findings[i].Severity == Error {
			errs = append(errs, &r.Findings[i])
		}
	}
	return errors.Join(errs...)
}

// File validates the EI file read from r and returns what it found, sorted by line. The
// error is about reading (or ctx); what is wrong with the file is in the Report. Memory
// stays constant whatever the size of the file (the whole-file sets within
// Options.MaxSetMemory); the findings the sets settle at the end of a large file are put
// where they belong, so the Report is the one the sets in memory would give.
//
// A file in memory, a *bytes.Reader or a *strings.Reader, is read in place: its lines
// are not copied (a bytes.Reader's slice must not change while File runs, as for any
// read; the Report keeps nothing of it), and left after the last line read.
func File(ctx context.Context, r io.Reader, opts Options) (*Report, error) {
	v := New(r, opts)
	v.placeLate = true
	rep := &Report{}
	var lines []int // Lines when each finding was found
	var late []lateFinding
	for f := range v.Findings(ctx) {
		if v.e.lateNow {
			late = append(late, lateFinding{f, v.e.lateKeyNow})
			continue
		}
		rep.Findings = append(rep.Findings, f)
		lines = append(lines, v.e.lines)
	}
	rep.Standard, rep.Lines, rep.Truncated = v.Standard(), v.Lines(), v.Truncated()
	if len(late) > 0 {
		rep.Findings, rep.Lines, rep.Truncated = v.e.place(rep.Findings, lines, late, rep.Lines, rep.Truncated)
	}
	slices.SortStableFunc(rep.Findings, func(a, b Finding) int { return cmp.Compare(a.Line, b.Line) })
	return rep, v.Err()
}

// Validator validates one EI file as it is read, yielding findings as it finds them:
// for large files, or to stop early. File is the simpler way.
type Validator struct {
	r    io.Reader
	opts Options
	e    *engine
	err  error
	// chunk is the size of the chunks of a parallel run (0: parallelChunk); tests make
	// it small to put many chunk boundaries in a small file.
	chunk int
	// ahead: when a parallel run's workers run the local hooks ahead (aheadPolicy; tests
	// choose one).
	ahead aheadPolicy
	// serial: how a serial run (Workers 0 or 1) reads the file (serialPath; tests choose
	// one).
	serial serialPath
	// placeLate: File places the findings the whole-file sets settle at the end itself
	// (engine.settle).
	placeLate bool
}

// serialPath is how a serial run reads its file: a line at a time (engine.run), or a chunk
// at a time as the parallel run's file-order pass checks the chunks no worker has claimed
// (engine.runParallel with no worker: the field checks over the whole chunk, then
// everything else over it). The second takes 12-20 % less time on a large file (100 MB:
// 1.119, 1.155 and 1.195 times as fast on the official GZ321 content, generated GZ321 and
// MZ301), about the same from 600 KB to 1 MiB, and 3 % more at 300 KB, where setting up
// its second engine costs what it saves (BENCHMARKS.md, the twenty-fourth round).
type serialPath int8

const (
	// serialBySize (the default): a chunk at a time when the source says it holds more
	// than serialChunksFrom bytes, else a line at a time (a source that does not say its
	// size too).
	serialBySize serialPath = iota
	serialLines             // a line at a time (tests: the reference of the other paths)
	serialChunks            // a chunk at a time (tests)
)

// serialChunksFrom is the size from which a serial run reads a chunk at a time.
const serialChunksFrom = 4 * parallelChunk

// chunked reports whether the serial run of src reads it a chunk at a time.
func (p serialPath) chunked(src source) bool {
	switch p {
	case serialLines:
		return false
	case serialChunks:
		return true
	}
	n, ok := src.size()
	return ok && n > serialChunksFrom
}

// New returns a Validator of the file in r.
func New(r io.Reader, opts Options) *Validator { return &Validator{r: r, opts: opts} }

// Findings reads the file and yields its findings in the order they are found: by line,
// except that some relations are reported when the records they depend on have been read
// (a prestatierecord's conditions after its tariefrecords; on a file beyond
// Options.MaxSetMemory, the N5-UNIQUE and N5-PARENT findings its whole-file sets settle at
// the end of the file). Stopping the iteration stops reading. A Validator reads its file
// once.
func (v *Validator) Findings(ctx context.Context) iter.Seq[Finding] {
	return func(yield func(Finding) bool) {
		if v.e != nil {
			return
		}
		if _, v.err = v.opts.registry(); v.err != nil {
			v.e = newEngine(ctx, v.opts, yield)
			return
		}
		if len(v.opts.Disable) > 0 || len(v.opts.Warn) > 0 || len(v.opts.RuleSets) > 0 || len(v.opts.Rules) > 0 {
			if v.err = checkRuleIDs(v.opts); v.err != nil {
				v.e = newEngine(ctx, v.opts, yield)
				return
			}
		}
		v.e = newEngine(ctx, v.opts, yield)
		v.e.placeLate = v.placeLate
		defer func() {
			if err := v.e.closeSets(); err != nil && v.err == nil {
				v.err = fmt.Errorf("validate: removing a temporary file: %w", err)
			}
		}()
		run := func(src source) {
			// The size of the source, when known: the whole-file sets size their tables
			// from it (fpSet.hint).
			if n, ok := src.size(); ok {
				v.e.hint.size = n
			}
			if n := v.opts.workers(); n > 1 && !src.oneChunk(v.chunk) || n == 1 && v.serial.chunked(src) {
				v.err = v.e.runParallel(src, n, v.chunk, v.ahead)
			} else {
				v.err = v.e.run(src)
			}
			if v.err == nil {
				v.err = v.e.settle()
			}
		}
		// A file in memory (a bytes.Reader, a strings.Reader) is read in place, not copied
		// (BENCHMARKS.md, the twenty-first round). A bytes.Reader's memory is its owner's:
		// the findings passed on keep no part of it (sink.shared), and nothing else of
		// the run outlives it (a Record is valid only during the hook it is passed to).
		inPlace := inplace.Read(v.r, func(s string, shared bool) int {
			if shared {
				v.e.shared = s
			}
			run(source{mem: s, inPlace: true})
			v.e.shared = ""
			return int(v.e.readTo)
		})
		if !inPlace {
			run(source{r: v.r})
		}
	}
}

// Err returns the error that ended reading (I/O or ctx), or that kept it from starting
// (Options naming rules that do not exist, ErrUnknownRule), or nil.
func (v *Validator) Err() error { return v.err }

// Standard returns the standard of the file once known, else nil.
func (v *Validator) Standard() *record.Standard {
	if v.e == nil {
		return nil
	}
	return v.e.std
}

// Lines returns the number of lines read so far.
func (v *Validator) Lines() int {
	if v.e == nil {
		return 0
	}
	return v.e.lines
}

// Truncated reports whether validation stopped at the cap or at the first error
// (FailFast) before the end of the file.
func (v *Validator) Truncated() bool {
	return v.e != nil && v.e.truncated
}

// lateFinding is a finding settled at the end of the file, with the place it belongs.
type lateFinding struct {
	f   Finding
	key lateKey
}

// place puts the late findings (in the order of their keys) among the others (in the
// order found, each with the Lines of its moment), as a run with the sets in memory
// would have found them, and applies the cap and FailFast to the whole: it returns the
// findings, the lines read and whether the run was truncated, as that run would have.
func (e *engine) place(found []Finding, lines []int, late []lateFinding, readLines int, truncated bool) ([]Finding, int, bool) {
	out := make([]Finding, 0, len(found)+len(late))
	n := 0
	stops := func(f Finding) bool {
		n++
		return f.Severity == Error && e.failFast || e.max > 0 && n >= e.max
	}
	j := 0
	for i := 0; i <= len(found); i++ {
		for ; j < len(late) && late[j].key.ord <= i; j++ {
			out = append(out, late[j].f)
			if stops(late[j].f) {
				// The run would have stopped at this record: Lines was its line (or the
				// line of the finding before it, when the engine had read ahead).
				at := late[j].key.line
				if i > 0 {
					at = max(at, lines[i-1])
				}
				return out, at, true
			}
		}
		if i == len(found) {
			break
		}
		out = append(out, found[i])
		if stops(found[i]) {
			return out, lines[i], true
		}
	}
	return out, readLines, truncated
}
