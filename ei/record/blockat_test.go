package record_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unsafe"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// byParts reads the stream of r from start in parts of n bytes with BlockAt, splits each
// block with SplitLines, numbering the lines on, and returns the lines and the error that
// ended it (io.EOF after the last part).
func byParts(t *testing.T, r io.ReaderAt, start int64, size int64, n, maxLine int) ([]record.Raw, error) {
	t.Helper()
	var lines []record.Raw
	for k := int64(0); ; k++ {
		if k*int64(n) > size+int64(n) {
			t.Fatalf("part %d of %d bytes: past the end of %d bytes without last", k, n, size)
		}
		block, at, last, err := record.BlockAt(r, start, start+k*int64(n), n, maxLine)
		if len(block) > n+maxLine+2 {
			t.Fatalf("part %d: a block of %d bytes from parts of %d (lines up to %d)", k, len(block), n, maxLine)
		}
		var serr error
		lines, serr = record.SplitLines(block, len(lines)+1, at, maxLine, lines)
		switch {
		case serr != nil:
			return lines, serr
		case err != nil:
			return lines, err
		case last:
			return lines, io.EOF
		}
	}
}

// byPartsIn is byParts of a stream in memory, with BlockIn: s is the stream from start on.
func byPartsIn(t *testing.T, s string, start int64, n, maxLine int) ([]record.Raw, error) {
	t.Helper()
	var lines []record.Raw
	for k := int64(0); ; k++ {
		if k*int64(n) > int64(len(s))+int64(n) {
			t.Fatalf("part %d of %d bytes: past the end of %d bytes without last", k, n, len(s))
		}
		block, at, last, err := record.BlockIn(s, start, start+k*int64(n), n, maxLine)
		if err != nil {
			t.Fatalf("part %d: %v", k, err)
		}
		if len(block) > n+maxLine+2 {
			t.Fatalf("part %d: a block of %d bytes from parts of %d (lines up to %d)", k, len(block), n, maxLine)
		}
		if block != "" && !inside(block, s) {
			t.Fatalf("part %d: the block is not a part of the stream", k)
		}
		var serr error
		lines, serr = record.SplitLines(block, len(lines)+1, at, maxLine, lines)
		switch {
		case serr != nil:
			return lines, serr
		case last:
			return lines, io.EOF
		}
	}
}

// inside reports whether part is a part of s (the same memory, not a copy).
func inside(part, s string) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(part))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= lo && p-lo+uintptr(len(part)) <= uintptr(len(s))
}

// byNext is what Next gives for the same stream.
func byNext(s *record.LineScanner) ([]record.Raw, error) {
	var lines []record.Raw
	for {
		raw, err := s.Next()
		if err != nil {
			return lines, err
		}
		lines = append(lines, raw)
	}
}

// failAt is a stream whose bytes from p on cannot be read.
type failAt struct {
	s   string
	p   int
	err error
}

func (f failAt) ReadAt(b []byte, off int64) (int, error) {
	if off >= int64(f.p) {
		return 0, f.err
	}
	n := copy(b, f.s[off:f.p])
	if n < len(b) {
		return n, f.err
	}
	return n, nil
}

// dribble returns at most 7 bytes a call, without an error when it has more (against
// the io.ReaderAt contract: BlockAt asks again).
type dribble struct{ s string }

func (d dribble) ReadAt(b []byte, off int64) (int, error) {
	if off >= int64(len(d.s)) {
		return 0, io.EOF
	}
	return copy(b[:min(len(b), 7)], d.s[off:]), nil
}

// sameLines compares what the parts give with what Next gives: the same lines (numbers,
// offsets, texts, breaks) and the same ending.
func sameLines(t *testing.T, name string, got []record.Raw, gotErr error, want []record.Raw, wantErr error) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d lines, Next gives %d", name, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: line %d is %+v, Next gives %+v", name, i, got[i], want[i])
		}
	}
	if gotErr == nil || gotErr.Error() != wantErr.Error() {
		t.Fatalf("%s: ends with %v, Next with %v", name, gotErr, wantErr)
	}
}

// TestBlockAtAsNext: the parts BlockAt reads, split and numbered in turn, give the lines
// Next gives, with the same numbers, offsets, texts and breaks, and end with the same error
// (io.EOF, a line too long, a read error), whatever the size of the parts, where the
// stream starts, and how the source returns its bytes. BlockIn's parts of the stream in
// memory give them too, as parts of it.
func TestBlockAtAsNext(t *testing.T) {
	errRead := errors.New("disk on fire")
	const maxLine = 16
	inputs := lineInputs(maxLine)
	for name, in := range inputs {
		for _, pad := range []int{0, 1, 5} { // the stream starts after pad bytes of something else
			src := strings.Repeat("\n", pad) + in
			for _, n := range []int{1, 2, 3, 7, 16, 33, 100} {
				want, wantErr := byNext(record.NewLineScanner(strings.NewReader(in), maxLine))
				// Next counts offsets from where it starts reading; BlockAt's are the
				// reader's.
				for i := range want {
					want[i].Offset += int64(pad)
				}
				label := fmt.Sprintf("%s (after %d bytes, parts of %d)", name, pad, n)
				got, err := byParts(t, strings.NewReader(src), int64(pad), int64(len(src)), n, maxLine)
				sameLines(t, label, got, err, want, wantErr)
				got, err = byParts(t, dribble{src}, int64(pad), int64(len(src)), n, maxLine)
				sameLines(t, label+", 7 bytes a read", got, err, want, wantErr)
				got, err = byPartsIn(t, src[pad:], int64(pad), n, maxLine)
				sameLines(t, label+", in place (BlockIn)", got, err, want, wantErr)

				// A read error at every position (every 13th in the long inputs, with
				// parts of 1, 7 and 33 bytes; all of them in the full run): the whole lines
				// before it, then the error (or what ended the stream before it).
				step := 1
				if !testlevel.Full() {
					if n != 1 && n != 7 && n != 33 {
						continue
					}
					if len(in) > 100 {
						step = 13
					}
				}
				for p := 0; p < len(in); p += step {
					want, wantErr := byNext(record.NewLineScanner(io.MultiReader(strings.NewReader(in[:p]), errReader{errRead}), maxLine))
					for i := range want {
						want[i].Offset += int64(pad)
					}
					got, err := byParts(t, failAt{src, pad + p, errRead}, int64(pad), int64(len(src)), n, maxLine)
					sameLines(t, fmt.Sprintf("%s, read error at %d", label, p), got, err, want, wantErr)
				}
			}
		}
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// lineInputs are the streams that try the lines of a scanner of lines up to maxLine
// bytes: the longest, one byte too long and far too long, at the end, after many, with
// both breaks (withBreaks's too).
func lineInputs(maxLine int) map[string]string {
	return withBreaks(map[string]string{
		"breaks":           strings.Repeat("\n", 40),
		"longest":          "0100\n" + strings.Repeat("a", maxLine) + "\n" + strings.Repeat("b", maxLine) + "\r\n0400\n",
		"one too long":     "0100\n0200\n" + strings.Repeat("x", maxLine+1) + "\n0400\n",
		"long with cr":     "0100\n" + strings.Repeat("x", maxLine) + "\r\r\n0400\n",
		"far too long":     "0100\n0200\n" + strings.Repeat("x", 5*maxLine) + "\n0400\n",
		"long last line":   "0100\n" + strings.Repeat("y", maxLine+3),
		"longest last":     "0100\n" + strings.Repeat("y", maxLine),
		"many lines":       strings.Repeat("0400 text\n", 50),
		"many, crlf":       strings.Repeat("0400 tex\r\n", 50) + "9900",
		"long after many":  strings.Repeat("0400\r\n", 30) + strings.Repeat("z", 3*maxLine) + "\n0400\n",
		"lengths 0 to max": lengths(maxLine),
	})
}

// lengths is a line of each length from 0 to max, with both breaks.
func lengths(max int) string {
	var b strings.Builder
	for i := 0; i <= max; i++ {
		b.WriteString(strings.Repeat("c", i))
		if i%2 == 0 {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// FuzzBlockAt: on any stream, part size and line limit, BlockAt's parts, and BlockIn's,
// give Next's lines and ending.
func FuzzBlockAt(f *testing.F) {
	f.Add("0100\r\n0200\n\n0400\r\n\r\n9900", uint8(0), uint8(3), uint8(8))
	f.Add("0100\n"+strings.Repeat("x", 40)+"\n0400\n", uint8(2), uint8(7), uint8(10))
	f.Add(strings.Repeat("0400\r\n", 20), uint8(1), uint8(1), uint8(4))
	f.Fuzz(func(t *testing.T, in string, pad, n, maxLine uint8) {
		max := int(maxLine%64) + 1
		part := int(n%128) + 1
		src := strings.Repeat("x", int(pad%8)) + in
		want, wantErr := byNext(record.NewLineScanner(strings.NewReader(in), max))
		for i := range want {
			want[i].Offset += int64(pad % 8)
		}
		got, err := byParts(t, strings.NewReader(src), int64(pad%8), int64(len(src)), part, max)
		sameLines(t, fmt.Sprintf("parts of %d, lines up to %d", part, max), got, err, want, wantErr)
		got, err = byPartsIn(t, in, int64(pad%8), part, max)
		sameLines(t, fmt.Sprintf("in place, parts of %d, lines up to %d", part, max), got, err, want, wantErr)
	})
}

// TestBlockBadPart: a part of no bytes, or one before the stream's start, is an error of
// the caller, from BlockAt and BlockIn alike, and reads nothing.
func TestBlockBadPart(t *testing.T) {
	const in = "0100\n0200\n"
	for _, c := range []struct {
		start, off int64
		n          int
	}{{0, 0, 0}, {0, 0, -4}, {5, 4, 8}} {
		if block, _, _, err := record.BlockAt(strings.NewReader(in), c.start, c.off, c.n, 16); err == nil || block != "" {
			t.Errorf("BlockAt(start %d, off %d, n %d) = %q, %v; want an error", c.start, c.off, c.n, block, err)
		}
		if block, _, _, err := record.BlockIn(in[c.start:], c.start, c.off, c.n, 16); err == nil || block != "" {
			t.Errorf("BlockIn(start %d, off %d, n %d) = %q, %v; want an error", c.start, c.off, c.n, block, err)
		}
	}
}
