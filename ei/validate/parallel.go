package validate

import (
	"context"
	"errors"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Parallel validation of one file (Options.Workers).
//
// The file is cut into chunks of whole lines by the serial run's own line scanner
// (record.LineScanner.NextBlock, blocks of up to parallelChunk bytes). A reader
// goroutine reads the chunks in turn; workers split each into lines
// (record.SplitLines, the scanner's own definition of a line) and run the field checks (N3 format, N4 values) of every record on it, as
// the type its kenmerk names; the engine then takes the chunks in file order and checks
// each line as the serial run does, skipping the field checks of the records a worker
// found clean. Everything that carries state from record to record (structure, numbering,
// relations, rule hooks, the 99's counts and totals, reference numbers) runs in that one
// goroutine, in file order, so the findings, their order, the cap and FailFast are
// exactly the serial run's: a worker only tells that a record's field checks find
// nothing, and a record it did not find clean is checked by the engine itself.
//
// Memory is bounded: at most 2×parallelAhead chunks per worker are queued (256 KiB
// each), whatever the size of the file.

const (
	parallelChunk = 256 << 10
	parallelAhead = 2
)

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

// chunk is a run of whole lines of the file, numbered from 1 within the chunk.
type chunk struct {
	data  string
	lines []record.Raw
	clean []bool
	err   error // the scanner's error after lines (ErrLineTooLong), or the read error
	done  chan struct{}
}

// runParallel is run with n workers.
func (e *engine) runParallel(r io.Reader, n, size int) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()

	if size <= 0 {
		size = parallelChunk
	}
	size = max(size, 2*ei.MaxLineLength) // a full chunk without a line break is a line too long
	src := record.NewLineScannerSize(r, ei.MaxLineLength, size)
	next := func() (string, error) {
		block, _, _, err := src.NextBlock()
		return block, err
	}
	first, ferr := next()
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
		pl = compileFields(std, selectRules(std, &e.opts).fields)
	}

	jobs := make(chan *chunk, n*parallelAhead)
	ordered := make(chan *chunk, n*parallelAhead)
	// free holds chunks whose lines have been checked, to reuse their slices (not their
	// text, which records kept by the engine may still point into).
	free := make(chan *chunk, 2*n*parallelAhead+2)
	go func() { // reader
		defer close(ordered)
		defer close(jobs)
		data, err := first, ferr
		for {
			var c *chunk
			select {
			case c = <-free:
				c.data, c.err, c.done, c.lines = data, err, make(chan struct{}), c.lines[:0]
			default:
				c = &chunk{data: data, err: err, done: make(chan struct{})}
			}
			if err != nil {
				close(c.done)
			} else {
				select {
				case jobs <- c:
				case <-ctx.Done():
					return
				}
			}
			select {
			case ordered <- c:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
			data, err = next()
		}
	}()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { // worker
			w := &engine{opts: e.opts, today: e.today, pl: pl}
			for c := range jobs {
				if ctx.Err() == nil {
					w.precheck(c, std)
				}
				close(c.done)
			}
		})
	}
	defer func() {
		cancel()
		for range ordered { // let the reader end
		}
		wg.Wait()
	}()

	base := 0
	for c := range ordered {
		select {
		case <-c.done:
		case <-ctx.Done():
			return e.ctx.Err()
		}
		for i := range c.lines {
			if e.stop {
				return nil
			}
			ln := c.lines[i]
			ln.Number += base
			e.lines = ln.Number
			if ln.Number&1023 == 0 {
				if err := e.ctx.Err(); err != nil {
					return err
				}
			}
			e.clean = pl != nil && e.std == std && c.clean[i]
			e.line(ln)
		}
		e.clean = false
		base += len(c.lines)
		cerr := c.err
		if cerr == nil {
			c.data = ""
			select {
			case free <- c: // the reader writes c from now on
			default:
			}
		}
		if e.stop {
			return nil
		}
		if cerr == io.EOF {
			break
		}
		if cerr != nil {
			if errors.Is(cerr, record.ErrLineTooLong) {
				lvl, rule, rc := N2, "N2-LINEBREAK", "8095"
				if e.lines == 0 {
					lvl, rule, rc = N1, "N1-UNREADABLE", "0001"
				}
				e.emit(Finding{Level: lvl, Rule: rule, Line: e.lines + 1, Retourcode: rc, Err: ErrLineBreak,
					Message: "no line break within " + strconv.Itoa(ei.MaxLineLength) + " bytes: records must each end with a line break"})
				return nil
			}
			return cerr
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

// precheck splits c into lines and marks those whose field checks, read as the record
// type of their kenmerk in std, find nothing.
func (w *engine) precheck(c *chunk, std *record.Standard) {
	c.lines, c.err = record.SplitLines(c.data, 1, 0, ei.MaxLineLength, c.lines[:0])
	c.clean = slices.Grow(c.clean[:0], len(c.lines))[:len(c.lines)]
	clear(c.clean)
	if w.pl == nil {
		return
	}
	var rec Record
	for i, ln := range c.lines {
		text := ln.Text
		if len(text) != std.RecordLength() {
			continue
		}
		lp := w.pl.layout(text[:2])
		if lp == nil {
			continue
		}
		rec = Record{Line: ln.Number, text: text, Standard: std, lp: lp, Layout: lp.lay}
		w.pending = w.pending[:0]
		c.clean[i] = w.checkFields(&rec) == 0 && len(w.pending) == 0
	}
	clear(w.pending)
	w.pending = w.pending[:0]
}

// declaredFields runs the field checks of rec as the type its kenmerk names, unless a
// worker found them clean.
func (e *engine) declaredFields(rec *Record) int {
	if e.clean {
		return 0
	}
	return e.checkFields(rec)
}
