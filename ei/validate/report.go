package validate

import (
	"cmp"
	"context"
	"errors"
	"io"
	"iter"
	"slices"

	"github.com/zorgbericht/zorgbericht/ei/record"
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
// stays constant whatever the size of the file.
func File(ctx context.Context, r io.Reader, opts Options) (*Report, error) {
	v := New(r, opts)
	rep := &Report{}
	for f := range v.Findings(ctx) {
		rep.Findings = append(rep.Findings, f)
	}
	rep.Standard, rep.Lines, rep.Truncated = v.Standard(), v.Lines(), v.Truncated()
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
}

// New returns a Validator of the file in r.
func New(r io.Reader, opts Options) *Validator { return &Validator{r: r, opts: opts} }

// Findings reads the file and yields its findings in the order they are found: by line,
// except that some relations are reported when the records they depend on have been read
// (a prestatierecord's conditions after its tariefrecords). Stopping the iteration stops
// reading. A Validator reads its file once.
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
		if n := v.opts.workers(); n > 1 {
			v.err = v.e.runParallel(v.r, n, v.chunk)
		} else {
			v.err = v.e.run(v.r)
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
