package fingerprint

import (
	"fmt"
	"slices"

	"github.com/zorgbericht/zorgbericht/internal/sortedruns"
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
	file *sortedruns.File[uint64] // nil until the first run is written
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
		// Its name is removed at once where an open file can lose it (Unix), so that a
		// process killed half way leaves none behind; else by Close.
		s.file = &sortedruns.File[uint64]{Codec: sortedruns.Uint64(), Dir: s.Dir, Pattern: "zorgbericht-fingerprints-*", Unlink: true, ReadBuffer: 4 << 10}
	}
	slices.Sort(s.buf)
	err := s.file.WriteSorted(s.buf)
	s.buf = s.buf[:0]
	if err != nil {
		return fmt.Errorf("fingerprints: %w", err)
	}
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
	var last uint64
	count := 0
	err := s.file.Merge(nil, func(fp uint64) error {
		switch {
		case count > 0 && fp == last:
			count++
			if count == 2 {
				fn(last)
			}
		default:
			last, count = fp, 1
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("fingerprints: %w", err)
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
	s.file = nil
	if err != nil {
		return fmt.Errorf("fingerprints: %w", err)
	}
	return nil
}
