package fingerprint

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// spillRun is how many fingerprints a Spill holds in memory (512 KiB) before it sorts them
// and writes them to its temporary file.
const spillRun = 1 << 16

// Spill finds the fingerprints that were added more than once, in memory that does not
// grow with their number: it sorts them in runs of 65,536 (512 KiB) and writes each run
// to a temporary file, then merges the runs (an external sort). A Spill of at most one
// run writes no file. It is the ledger's check that every identificatie of a file is
// unique, which must hold every identificatie of the file until its end: on disk, 8
// bytes each, not in memory. The zero Spill writes its file in os.TempDir; Close
// removes it (on Unix its name is removed at once, so a killed process leaves none).
type Spill struct {
	// Dir is where the temporary file goes; "" for os.TempDir.
	Dir  string
	buf  []uint64
	file *os.File
	w    *bufio.Writer
	runs []int64 // the number of fingerprints of each run written, in file order
	// unlinked: the file's name is removed already (it lives until it is closed).
	unlinked bool
}

// Add adds fp. Its error is one of writing the temporary file.
func (s *Spill) Add(fp uint64) error {
	if s.buf == nil {
		s.buf = make([]uint64, 0, spillRun)
	}
	s.buf = append(s.buf, fp)
	if len(s.buf) == spillRun {
		return s.writeRun()
	}
	return nil
}

// writeRun sorts the fingerprints in memory and writes them to the file as a run.
func (s *Spill) writeRun() error {
	if s.file == nil {
		f, err := os.CreateTemp(s.Dir, "zorgbericht-fingerprints-*")
		if err != nil {
			return fmt.Errorf("fingerprints: %w", err)
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 1<<16)
		// Removed at once where an open file can be (Unix), so that a process killed
		// half way leaves none behind; else by Close.
		s.unlinked = os.Remove(f.Name()) == nil
	}
	slices.Sort(s.buf)
	var b [8]byte
	for _, fp := range s.buf {
		binary.LittleEndian.PutUint64(b[:], fp)
		if _, err := s.w.Write(b[:]); err != nil {
			return fmt.Errorf("fingerprints: %w", err)
		}
	}
	s.runs = append(s.runs, int64(len(s.buf)))
	s.buf = s.buf[:0]
	return nil
}

// Repeated calls fn, in increasing order, once for each fingerprint added more than once.
// It ends the adding: call Close after it.
func (s *Spill) Repeated(fn func(fp uint64)) error {
	if s.file == nil {
		// One run, in memory.
		slices.Sort(s.buf)
		for i := 1; i < len(s.buf); i++ {
			if s.buf[i] == s.buf[i-1] && (i == 1 || s.buf[i-1] != s.buf[i-2]) {
				fn(s.buf[i])
			}
		}
		return nil
	}
	if len(s.buf) > 0 {
		if err := s.writeRun(); err != nil {
			return err
		}
	}
	s.buf = nil
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("fingerprints: %w", err)
	}
	// Each run is read through a buffer of its own; the heap gives the smallest head.
	h := make(runHeap, 0, len(s.runs))
	var off int64
	for _, n := range s.runs {
		r := &run{r: bufio.NewReaderSize(io.NewSectionReader(s.file, off*8, n*8), 1<<12), left: n}
		off += n
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			h = append(h, r)
		}
	}
	heap.Init(&h)
	var last uint64
	count := 0
	for len(h) > 0 {
		r := h[0]
		switch {
		case count > 0 && r.head == last:
			count++
			if count == 2 {
				fn(last)
			}
		default:
			last, count = r.head, 1
		}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

// Close removes the temporary file, if one was written.
func (s *Spill) Close() error {
	s.buf = nil
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if !s.unlinked {
		err = errors.Join(err, os.Remove(s.file.Name()))
	}
	s.file, s.w, s.runs = nil, nil, nil
	return err
}

// run is one sorted run of the file as it is merged.
type run struct {
	r    *bufio.Reader
	left int64
	head uint64
}

// next reads the run's next fingerprint into head; false at its end.
func (r *run) next() (bool, error) {
	if r.left == 0 {
		return false, nil
	}
	var b [8]byte
	if _, err := io.ReadFull(r.r, b[:]); err != nil {
		return false, fmt.Errorf("fingerprints: %w", err)
	}
	r.left--
	r.head = binary.LittleEndian.Uint64(b[:])
	return true, nil
}

type runHeap []*run

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return h[i].head < h[j].head }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*run)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
