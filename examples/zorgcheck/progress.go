package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"time"
)

// progress shows how far a long run is, on one line of standard error that it rewrites:
// "big.asc: 1234567 records, 48.2 MB/s, 00:12 left". It shows nothing for the first
// progressDelay (a short run stays quiet), and nothing at all unless standard error is a
// terminal: never in pipes, files or JSON output. Use it by wrapping the input:
//
//	p := newProgress(stderr, name, size, !*asJSON)
//	in = p.reader(in)
//	... read in ...
//	p.done()
type progress struct {
	w          io.Writer
	name       string
	total      int64 // bytes, 0 when not known (standard input)
	bytes      int64
	records    int64
	start      time.Time
	last       time.Time
	shown      bool
	now        func() time.Time
	on         bool
	lastLength int
}

const (
	progressDelay    = 2 * time.Second
	progressInterval = 250 * time.Millisecond
)

// newProgress returns a progress line for the input name of total bytes (0 = unknown).
// It is off unless allowed and w is a terminal.
func newProgress(w io.Writer, name string, total int64, allowed bool) *progress {
	return &progress{w: w, name: name, total: total, now: time.Now, on: allowed && isTerminal(w), start: time.Now()}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// inputSize returns the size of a regular file, 0 for anything else.
func inputSize(r io.Reader) int64 {
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return 0
}

// reader returns r counting the bytes and records (lines) read through it.
func (p *progress) reader(r io.Reader) io.Reader {
	if !p.on {
		return r
	}
	return &progressReader{r: r, p: p}
}

type progressReader struct {
	r io.Reader
	p *progress
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.add(int64(n), int64(bytes.Count(b[:n], []byte{'\n'})))
	return n, err
}

// add counts n bytes and recs records and redraws the line when it is time.
func (p *progress) add(n, recs int64) {
	p.bytes += n
	p.records += recs
	if !p.on {
		return
	}
	now := p.now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressInterval {
		return
	}
	p.last = now
	p.draw(now)
}

func (p *progress) draw(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(p.bytes) / elapsed / 1e6
	line := fmt.Sprintf("%s: %d records, %.1f MB/s", p.name, p.records, rate)
	if p.total > 0 && p.bytes > 0 && p.bytes < p.total {
		left := time.Duration(float64(p.total-p.bytes) / (float64(p.bytes) / elapsed) * float64(time.Second))
		line += fmt.Sprintf(", %d%%, %s left", p.bytes*100/p.total, clock(left))
	}
	pad := ""
	if d := p.lastLength - len(line); d > 0 {
		pad = fmt.Sprintf("%*s", d, "")
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.lastLength = len(line)
	p.shown = true
}

// done clears the progress line, if one was shown.
func (p *progress) done() {
	if p.shown {
		fmt.Fprintf(p.w, "\r%*s\r", p.lastLength, "")
		p.shown = false
	}
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}
