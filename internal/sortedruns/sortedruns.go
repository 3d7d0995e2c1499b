package sortedruns

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// Codec is how entries of type T are stored: Size bytes each, Encode writing v into b
// (len(b) == Size), Decode reading one back, Compare ordering them as the runs are sorted.
type Codec[T any] struct {
	Size    int
	Encode  func(b []byte, v T)
	Decode  func(b []byte) T
	Compare func(a, b T) int
}

// File is a temporary file of sorted runs. The zero File with a Codec is ready: its file
// is created at the first run written. Close removes it.
type File[T any] struct {
	// Codec stores the entries.
	Codec Codec[T]
	// Dir is where the temporary file goes; "" for os.TempDir.
	Dir string
	// Pattern is the name of the temporary file (as os.CreateTemp takes it); "" for
	// "zorgbericht-*.run".
	Pattern string
	// Unlink removes the file's name as soon as it is created, where an open file can
	// lose its name (Unix), so that a process killed half way leaves none behind.
	Unlink bool
	// ReadBuffer is the read buffer of each run merged; 0 for mergeBuffer (at least 4 KiB,
	// at most 64 KiB, 256 KiB for all runs when there are 64 or fewer).
	ReadBuffer int

	f        *os.File
	unlinked bool
	runs     []span
	end      int64
	w        *bufio.Writer // reused from run to run
	b        []byte
}

type span struct{ off, n int64 }

// Runs returns the number of runs written.
func (rf *File[T]) Runs() int { return len(rf.runs) }

// Name returns the name of the temporary file ("" before the first run).
func (rf *File[T]) Name() string {
	if rf.f == nil {
		return ""
	}
	return rf.f.Name()
}

// begin creates the file, when it has none, and readies the writer at its end.
func (rf *File[T]) begin() error {
	if rf.f == nil {
		pattern := rf.Pattern
		if pattern == "" {
			pattern = "zorgbericht-*.run"
		}
		f, err := os.CreateTemp(rf.Dir, pattern)
		if err != nil {
			return fmt.Errorf("sorted runs: creating a temporary file: %w", err)
		}
		rf.f = f
		if rf.Unlink {
			rf.unlinked = os.Remove(f.Name()) == nil
		}
	}
	if rf.w == nil {
		rf.w, rf.b = bufio.NewWriterSize(nil, 64<<10), make([]byte, rf.Codec.Size)
	}
	rf.w.Reset(io.NewOffsetWriter(rf.f, rf.end))
	return nil
}

// WriteSorted writes the entries of sorted as one run.
func (rf *File[T]) WriteSorted(sorted []T) error {
	return rf.WriteRun(len(sorted), func(i int) T { return sorted[i] })
}

// WriteRun writes one run of n entries, entry(i) giving the i'th; they must be in the
// order of Codec.Compare. A run of no entries is a run all the same.
func (rf *File[T]) WriteRun(n int, entry func(i int) T) error {
	if err := rf.begin(); err != nil {
		return err
	}
	w, b := rf.w, rf.b
	for i := range n {
		rf.Codec.Encode(b, entry(i))
		if _, err := w.Write(b); err != nil {
			return rf.writeErr(err)
		}
	}
	if err := w.Flush(); err != nil {
		return rf.writeErr(err)
	}
	rf.runs = append(rf.runs, span{rf.end, int64(n)})
	rf.end += int64(n) * int64(rf.Codec.Size)
	return nil
}

func (rf *File[T]) writeErr(err error) error {
	return fmt.Errorf("sorted runs: writing a run to %s: %w", rf.f.Name(), err)
}

func (rf *File[T]) readErr(err error) error {
	return fmt.Errorf("sorted runs: reading a run back from %s: %w", rf.f.Name(), err)
}

// Run returns a reader of run j, with a read buffer of bufSize bytes (0: 64 KiB).
func (rf *File[T]) Run(j, bufSize int) *Reader[T] {
	if bufSize <= 0 {
		bufSize = 64 << 10
	}
	sp := rf.runs[j]
	return &Reader[T]{
		rf:   rf,
		r:    bufio.NewReaderSize(io.NewSectionReader(rf.f, sp.off, sp.n*int64(rf.Codec.Size)), bufSize),
		left: sp.n,
		b:    make([]byte, rf.Codec.Size),
	}
}

// Reader reads the entries of one run in order.
type Reader[T any] struct {
	rf   *File[T]
	r    *bufio.Reader
	left int64
	b    []byte
	// in memory (a merge's extra run): mem instead of r
	mem   []T
	inMem bool
}

// Next returns the run's next entry; false at its end.
func (r *Reader[T]) Next() (T, bool, error) {
	var zero T
	if r.inMem {
		if len(r.mem) == 0 {
			return zero, false, nil
		}
		v := r.mem[0]
		r.mem = r.mem[1:]
		return v, true, nil
	}
	if r.left == 0 {
		return zero, false, nil
	}
	if _, err := io.ReadFull(r.r, r.b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF // the run is shorter than it was written
		}
		return zero, false, r.rf.readErr(err)
	}
	r.left--
	return r.rf.Codec.Decode(r.b), true, nil
}

// mergeBuffer is the read buffer of each of n runs merged at once.
func mergeBuffer(n int) int { return min(max(4<<10, (256<<10)/max(n, 1)), 64<<10) }

// cursor is one run in a merge, with its head entry.
type cursor[T any] struct {
	r    *Reader[T]
	head T
	idx  int // the run's index (mem: Runs()), which orders equal entries
}

// Merge calls each with every entry of the runs, and of mem (sorted, as one more run
// after the last), in the order of Codec.Compare; equal entries come in the order of
// their runs. It stops at the first error of each, which it returns as it is.
func (rf *File[T]) Merge(mem []T, each func(T) error) error {
	n := len(rf.runs)
	buf := rf.ReadBuffer
	if buf <= 0 {
		buf = mergeBuffer(n)
	}
	h := make([]cursor[T], 0, n+1)
	for j := range n + 1 {
		var r *Reader[T]
		if j < n {
			r = rf.Run(j, buf)
		} else {
			r = &Reader[T]{mem: mem, inMem: true}
		}
		v, ok, err := r.Next()
		if err != nil {
			return err
		}
		if ok {
			h = append(h, cursor[T]{r: r, head: v, idx: j})
		}
	}
	less := func(a, b *cursor[T]) bool {
		if c := rf.Codec.Compare(a.head, b.head); c != 0 {
			return c < 0
		}
		return a.idx < b.idx
	}
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && less(&h[r], &h[l]) {
				m = r
			}
			if !less(&h[m], &h[i]) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for len(h) > 0 {
		c := &h[0]
		if err := each(c.head); err != nil {
			return err
		}
		v, ok, err := c.r.Next()
		if err != nil {
			return err
		}
		if ok {
			c.head = v
		} else {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		down(0)
	}
	return nil
}

// Collapse merges the runs into one, in a new temporary file that replaces the old, so
// that a later merge reads one run (and its read buffers stay few). Every entry is kept.
func (rf *File[T]) Collapse() error {
	if len(rf.runs) <= 1 {
		return nil
	}
	out := File[T]{Codec: rf.Codec, Dir: rf.Dir, Pattern: rf.Pattern, Unlink: rf.Unlink, ReadBuffer: rf.ReadBuffer}
	if err := out.begin(); err != nil {
		return err
	}
	n := int64(0)
	err := rf.Merge(nil, func(v T) error {
		out.Codec.Encode(out.b, v)
		n++
		if _, err := out.w.Write(out.b); err != nil {
			return out.writeErr(err)
		}
		return nil
	})
	if err == nil {
		if err = out.w.Flush(); err != nil {
			err = out.writeErr(err)
		}
	}
	out.runs, out.end = []span{{0, n}}, n*int64(rf.Codec.Size)
	old := *rf
	rf.f, rf.unlinked, rf.runs, rf.end, rf.w, rf.b = out.f, out.unlinked, out.runs, out.end, out.w, out.b
	return errors.Join(err, old.Close())
}

// Close closes and removes the file; the File can be used again, for a new file.
func (rf *File[T]) Close() error {
	if rf.f == nil {
		return nil
	}
	name := rf.f.Name()
	err := rf.f.Close()
	if !rf.unlinked {
		if rerr := os.Remove(name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
	}
	if err != nil {
		err = fmt.Errorf("sorted runs: removing %s: %w", name, err)
	}
	rf.f, rf.unlinked, rf.runs, rf.end = nil, false, nil, 0
	return err
}

// Uint64 is the codec of 64-bit values (fingerprints): 8 bytes, little-endian, in
// increasing order.
func Uint64() Codec[uint64] {
	return Codec[uint64]{
		Size:    8,
		Encode:  func(b []byte, v uint64) { binary.LittleEndian.PutUint64(b, v) },
		Decode:  func(b []byte) uint64 { return binary.LittleEndian.Uint64(b) },
		Compare: cmp.Compare[uint64],
	}
}
