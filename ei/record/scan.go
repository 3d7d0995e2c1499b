package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"unsafe"

	"github.com/zorgbericht/zorgbericht/internal/linecut"
	"github.com/zorgbericht/zorgbericht/internal/srcsize"
)

// Raw is one record of a stream as text, with where it was.
type Raw struct {
	Number int    // line number (record number in a stream without breaks), 1-based
	Offset int64  // byte offset of the record in the stream
	Text   string // the record without its line break
	// Break is the line break that ended the line: "\r\n", "\n", or "" for a last line
	// without one and for streams without breaks.
	Break string
}

// DefaultMaxLine is the longest line a LineScanner accepts when not told otherwise.
const DefaultMaxLine = 64 << 10

// ErrLineTooLong is returned for a line longer than the scanner's limit.
var ErrLineTooLong = errors.New("line too long for a record")

// lineTooLong is the error of line n, longer than max bytes (ErrLineTooLong): the one
// wording of the scanners (buffered and in place) and SplitLines.
func lineTooLong(n, max int) error {
	return fmt.Errorf("line %d: %w (more than %d bytes without a line break)", n, ErrLineTooLong, max)
}

// maxEmptyReads is how many reads in a row may return no data and no error before a
// scanner gives up with io.ErrNoProgress (as bufio.Scanner does).
const maxEmptyReads = 100

const blockSize = 256 << 10

// LineScanner reads the lines of a stream with constant memory. It converts the input to
// strings a block at a time, so the Text of many lines shares one allocation: a caller
// that keeps a line for long after reading on should copy it (strings.Clone).
type LineScanner struct {
	src    io.Reader
	max    int
	buf    []byte // bytes read but not yet converted
	block  string // converted complete lines
	pos    int    // next unread position in block
	n      int    // lines returned
	offset int64  // offset of block[0] in the stream
	err    error  // sticky read error or io.EOF
	out    bool   // buf's backing array is handed out as block: never write it again
	size   int    // size of a new buffer (of a block of a scanner in place)
	// inPlace: the scanner reads a string in place (NewStringScanner): rest is what is
	// left of it after block.
	inPlace bool
	rest    string
}

// NewStringScanner returns a scanner of the lines of s that reads them in place: the
// lines it returns are parts of s, in blocks of up to size bytes (0: as NewLineScanner's),
// with the errors a LineScanner reading s from a strings.Reader gives.
func NewStringScanner(s string, maxLine, size int) *LineScanner {
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	if size <= 0 {
		size = blockSize
	}
	return &LineScanner{max: maxLine, size: max(size, 2*maxLine), inPlace: true, rest: s}
}

// NewLineScannerSize is NewLineScanner with the size of its read buffer (at least twice
// maxLine): the blocks NextBlock returns are up to that size.
func NewLineScannerSize(r io.Reader, maxLine, size int) *LineScanner {
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	if size <= 0 {
		return NewLineScanner(r, maxLine)
	}
	return newLineScanner(r, maxLine, max(size, 2*maxLine))
}

// NewLineScanner returns a scanner reading from r. maxLine is the longest line it accepts
// (0: DefaultMaxLine): a longer line is an error and is never read into memory beyond
// that limit.
func NewLineScanner(r io.Reader, maxLine int) *LineScanner {
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	size := max(blockSize, 2*maxLine)
	// A source that says how much it holds and holds less than that gets a buffer of twice
	// its size (the second half lets the first fill read on to the end of the stream): a
	// file of a few kilobytes costs a few kilobytes, not a block of 256 KiB. Should the
	// source hold more than it said, the scanner reads on in blocks as usual.
	if n, ok := srcsize.Of(r); ok && 2*(n+1) < int64(size) {
		size = max(int(2*(n+1)), smallBuffer)
	}
	return newLineScanner(r, maxLine, size)
}

// smallBuffer is the smallest buffer NewLineScanner gives a small source.
const smallBuffer = 4 << 10

func newLineScanner(r io.Reader, maxLine, size int) *LineScanner {
	return &LineScanner{src: r, max: maxLine, buf: makeNoZero(size), size: size}
}

// Next returns the next line, or io.EOF after the last one.
func (s *LineScanner) Next() (Raw, error) {
	if s.pos >= len(s.block) {
		if err := s.fill(); err != nil {
			return Raw{}, err
		}
	}
	s.n++
	raw, adv := cutLine(s.block[s.pos:], s.n, s.offset+int64(s.pos))
	if len(raw.Text) > s.max {
		return Raw{}, s.tooLong()
	}
	s.pos += adv
	return raw, nil
}

// tooLong ends the scan at line s.n, which is longer than s.max: the error sticks.
func (s *LineScanner) tooLong() error {
	s.err = lineTooLong(s.n, s.max)
	s.block, s.pos, s.buf = "", 0, s.buf[:0]
	return s.err
}

// cutLine returns the first line of rest, numbered n at offset off, and how many bytes
// it takes with its line break.
func cutLine(rest string, n int, off int64) (Raw, int) {
	text, brk, adv := linecut.Cut(rest) // the one place that says what a line is
	return Raw{Number: n, Offset: off, Text: text, Break: linecut.Break(brk)}, adv
}

// NextText is Next for a reader that needs only the text: the next line's text, the
// length of its line break (0 for a last line without one, 1 for "\n", 2 for "\r\n") and
// its number; io.EOF after the last. It is read as Next reads it, with the same errors.
func (s *LineScanner) NextText() (text string, brk, n int, err error) {
	if s.pos >= len(s.block) {
		if err := s.fill(); err != nil {
			return "", 0, 0, err
		}
	}
	s.n++
	text, brk, adv := linecut.Cut(s.block[s.pos:])
	if len(text) > s.max {
		return "", 0, 0, s.tooLong()
	}
	s.pos += adv
	return text, brk, s.n, nil
}

// NextBlock returns the next run of whole lines as one string (ending with a line break,
// but for the last lines of a stream without one), the number of its first line and its
// offset in the stream; io.EOF after the last. Split it with SplitLines. A scanner is
// read either with Next or with NextBlock. The errors are those of Next: a line too long
// (after the lines before it), a read error (after the whole lines before it).
func (s *LineScanner) NextBlock() (block string, first int, offset int64, err error) {
	if s.pos >= len(s.block) {
		if err := s.fill(); err != nil {
			return "", 0, 0, err
		}
	}
	block, offset = s.block[s.pos:], s.offset+int64(s.pos)
	first = s.n + 1
	s.n += strings.Count(block, "\n")
	if !strings.HasSuffix(block, "\n") {
		s.n++
	}
	s.pos = len(s.block)
	return block, first, offset, nil
}

// NextLines is NextBlock and SplitLines in one: it appends the lines of the next block to
// lines, numbered and with offsets as Next returns them, and returns the block too. The
// line breaks are found once (NextBlock counts them to number the next block, SplitLines
// finds them again). io.EOF after the last block; the errors are those of Next: a line
// too long after the lines before it (which are appended), a read error after the whole
// lines before it (returned with the block before).
func (s *LineScanner) NextLines(lines []Raw) (block string, out []Raw, err error) {
	if s.pos >= len(s.block) {
		if err := s.fill(); err != nil {
			return "", lines, err
		}
	}
	block, offset := s.block[s.pos:], s.offset+int64(s.pos)
	k := len(lines)
	lines, err = SplitLines(block, s.n+1, offset, s.max, lines)
	s.n += len(lines) - k
	s.pos = len(s.block)
	if err != nil { // as Next: the error sticks
		s.err = err
		s.block, s.pos, s.buf = "", 0, s.buf[:0]
	}
	return block, lines, err
}

// SplitLines appends the lines of block to lines, numbered from first, with offsets from
// offset, as Next would return them (the same lines, breaks and numbers). A line longer
// than maxLine ends the split with ErrLineTooLong, after the lines before it.
func SplitLines(block string, first int, offset int64, maxLine int, lines []Raw) ([]Raw, error) {
	pos, n := 0, first
	for pos < len(block) {
		raw, adv := cutLine(block[pos:], n, offset+int64(pos))
		if len(raw.Text) > maxLine {
			return lines, lineTooLong(n, maxLine)
		}
		lines = append(lines, raw)
		pos += adv
		n++
	}
	return lines, nil
}

// BlockAt reads from r the lines that start in the n bytes at off, for readers that cut a
// stream into parts read apart (in parallel: r must allow concurrent ReadAt calls, as the
// io.ReaderAt contract says). start is the offset of the stream's first byte; a line
// starts at start and after each "\n". The parts [start, start+n), [start+n, start+2n), …
// together hold every line once, in order: split each block with SplitLines, as
// NextBlock's. A block ends with a line break, but for the last line of the stream. It
// is read once into memory of its own, as the scanner's blocks are.
//
// BlockAt reads at most n+maxLine+2 bytes. at is the offset of the block (its first
// line's); last reports that no line starts after the block (the stream ends in it, or
// in the line that runs into it). A line that starts in the part and holds more than
// maxLine bytes before its break is returned cut after more than maxLine bytes and is the
// block's last line: SplitLines reports it (ErrLineTooLong), as the scanner would. A read
// error other than io.EOF is returned with the whole lines before it.
func BlockAt(r io.ReaderAt, start, off int64, n, maxLine int) (block string, at int64, last bool, err error) {
	lo, want, maxLine, err := blockWindow("BlockAt", start, off, n, maxLine)
	if err != nil {
		return "", off, false, err
	}
	buf := makeNoZero(want)[:want]
	got, rerr := readAtFull(r, buf, lo)
	eof := rerr == io.EOF
	if eof {
		rerr = nil
	}
	if got == 0 {
		return blockOf("", start, lo, off, n, maxLine, eof, rerr)
	}
	return blockOf(unsafe.String(&buf[0], got), start, lo, off, n, maxLine, eof, rerr)
}

// BlockIn is BlockAt on a stream held in memory: s is the stream from offset start on,
// and the block is a part of s, not a copy. The parts, the blocks and their lines are
// BlockAt's; there is no read error.
func BlockIn(s string, start, off int64, n, maxLine int) (block string, at int64, last bool, err error) {
	lo, want, maxLine, err := blockWindow("BlockIn", start, off, n, maxLine)
	if err != nil {
		return "", off, false, err
	}
	w := ""
	if i := lo - start; i < int64(len(s)) {
		w = s[i:]
	}
	eof := len(w) < want // what BlockAt's read would meet
	if !eof {
		w = w[:want]
	}
	return blockOf(w, start, lo, off, n, maxLine, eof, nil)
}

// blockWindow returns what BlockAt (or BlockIn, fn) reads of the part of n bytes at off:
// the window from lo, the byte before the part (is it a line break?), of want bytes, to
// maxLine+1 bytes after the part (where does its last line end?); and maxLine, its
// default for 0. A part of no bytes or before the stream's start is an error.
func blockWindow(fn string, start, off int64, n, maxLine int) (lo int64, want, max int, err error) {
	if n <= 0 || off < start {
		return 0, 0, 0, fmt.Errorf("record: %s of %d bytes at %d (stream at %d)", fn, n, off, start)
	}
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	lo = off
	if off > start {
		lo--
	}
	return lo, int(off-lo) + n + maxLine + 1, maxLine, nil
}

// blockOf is BlockAt after the read: buf is what it read at lo (the byte before the part,
// or the part's first at the stream's start), eof whether the stream ended in it, rerr
// the read error that ended it otherwise.
func blockOf(buf string, start, lo, off int64, n, maxLine int, eof bool, rerr error) (block string, at int64, last bool, err error) {
	got := len(buf)
	s := 0 // the first line start in the part, in buf
	if off > start {
		j := strings.IndexByte(buf, '\n')
		if j < 0 || lo+int64(j)+1 >= off+int64(n) || j+1 == got && eof {
			// No line starts in the part: it lies in a line that started before it.
			// Lines start after it unless the stream ends within the window without
			// another break (a read error ends it too, when no break was read; when
			// one was, the parts after it meet the error themselves).
			if j >= 0 && !(j+1 == got && eof) {
				return "", off, false, nil
			}
			return "", off, eof || rerr != nil, rerr
		}
		s = j + 1
	}
	end := int(off-lo) + n - 1 // the part's last byte: a break there ends its last line
	if end < got {
		if i := strings.IndexByte(buf[end:], '\n'); i >= 0 {
			e := end + i + 1
			return buf[s:e], lo + int64(s), eof && e == got, nil
		}
	}
	switch {
	case eof: // the last line of the stream, with or without a break
		return buf[s:], lo + int64(s), true, nil
	case rerr != nil: // the whole lines before the error
		e := strings.LastIndexByte(buf[s:], '\n') + 1
		if got-s-e > maxLine { // unless what it read of the next is too long already
			return buf[s:], lo + int64(s), false, nil
		}
		if e == 0 {
			return "", lo + int64(s), true, rerr
		}
		return buf[s : s+e], lo + int64(s), true, rerr
	}
	// No break within maxLine+1 bytes after the part: its last line is too long, and
	// SplitLines says so.
	return buf[s:], lo + int64(s), false, nil
}

// readAtFull reads len(p) bytes at off, or fewer with the error that stopped it. A reader
// whose ReadAt returns fewer bytes without an error (against the io.ReaderAt contract) is
// asked again, maxEmptyReads times at most without progress.
func readAtFull(r io.ReaderAt, p []byte, off int64) (int, error) {
	got := 0
	for empty := 0; got < len(p); {
		k, err := r.ReadAt(p[got:], off+int64(got))
		got += k
		if err != nil {
			return got, err
		}
		if k > 0 {
			empty = 0
		} else if empty++; empty > maxEmptyReads {
			return got, io.ErrNoProgress
		}
	}
	return got, nil
}

// makeNoZero returns an empty slice of capacity n whose memory is not cleared. A scanner
// hands out every block it reads as strings and never writes it again, so it needs a new
// buffer per block; clearing that buffer only to overwrite it with the input is a pass
// over every byte of the file. The safe version, make([]byte, 0, n), is not as fast:
// BenchmarkBlockBuffer (a new buffer per block, the input read into it, its lines
// counted) ran at a median of 880 MB/s with make against 1,600 MB/s with makeNoZero
// (six runs each, one core, December 2026), so this stays.
//
// Why it is sound:
//   - The memory: strings.Builder.Grow is the standard library's public door to
//     bytealg.MakeNoZero. On an empty builder, Grow(n) makes one heap object of at least
//     n bytes, with no pointers in it (the collector never reads its bytes); WriteByte
//     then fits without growing, and String returns a string starting at that object.
//     unsafe.Slice(data, n) thus stays inside one allocation (what -d=checkptr checks),
//     and the slice, like every string later cut from it, keeps the object alive.
//   - Immutability: the builder and its one-byte string are dead when makeNoZero
//     returns; nothing reads through them, so writing through the slice changes no
//     string anyone sees. The strings fill makes of the buffer (unsafe.String) cover only
//     bytes already read, and fill never writes a buffer again once it is handed out
//     (LineScanner.out): the incomplete tail is copied into the next buffer.
//   - The uncleared bytes: the scanner reads only bytes below len(buf), and len grows
//     only by the count a Read returns; the bytes above are never read. They are visible
//     in one place, the slice given to the source's Read. An io.Reader that keeps its
//     contract (n bytes written to p[:n] before it returns n) leaves nothing of them in
//     the input. One that reports bytes it did not write would make stale bytes of this
//     process's freed memory part of the input (zeros with make): that is a bug of the
//     source, within one process, and no more than what the source could read itself.
func makeNoZero(n int) []byte {
	var sb strings.Builder
	sb.Grow(n)
	sb.WriteByte(0)
	s := sb.String()
	return unsafe.Slice(unsafe.StringData(s), n)[:0]
}

// readSome reads once into the free space of buf: it returns buf with what was read, and
// the error that ended the stream. Reads that return no data and no error are retried,
// maxEmptyReads times at most, then it gives io.ErrNoProgress (as bufio.Scanner does): a
// scanner never spins on a source that makes no progress.
func readSome(src io.Reader, buf []byte) ([]byte, error) {
	for empty := 0; ; empty++ {
		n, err := src.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil || n > 0 {
			return buf, err
		}
		if empty >= maxEmptyReads {
			return buf, io.ErrNoProgress
		}
	}
}

func (s *LineScanner) read() { s.buf, s.err = readSome(s.src, s.buf) }

// fill makes the next run of complete lines s.block. The lines are read into a buffer
// that is never written again once it is handed out as a string (no copy of the input);
// the incomplete line at its end starts the next buffer.
func (s *LineScanner) fill() error {
	s.offset += int64(len(s.block))
	s.block, s.pos = "", 0
	if s.inPlace {
		return s.fillInPlace()
	}
	if s.out && s.err == nil {
		// The last buffer was handed out: start a new one with its tail (once the source
		// has ended nothing is read any more, and the tail, already in the handed-out
		// buffer, is handed out as it is). First let the
		// scheduler run what waits, once per block: at GOMAXPROCS 1 a reader of a source
		// that never blocks (bytes in memory) would otherwise hold the only P until the
		// 10 ms preemption, and the garbage collector's mark worker, which runs when the
		// scheduler gets a say, with it. Its mark phase, and with it the write barrier on
		// every string a record is given, then lasted 14-17 ms of each 40 ms of reading
		// new records (the official content in memory, one core) where 3 ms is its
		// work; ei.Reader ran 10-15 % faster with this yield (BENCHMARKS.md, eleventh
		// round). A yield costs a fraction of a microsecond a block.
		runtime.Gosched()
		next := makeNoZero(max(s.size, 2*len(s.buf)))
		s.buf = append(next, s.buf...)
		s.out = false
	}
	for {
		// Read until the buffer is half full, so that one block covers many lines even
		// when the source returns little at a time.
		if s.err == nil && len(s.buf) < cap(s.buf)/2 {
			s.read()
			continue
		}
		if i := bytes.LastIndexByte(s.buf, '\n'); i >= 0 {
			s.block = unsafe.String(unsafe.SliceData(s.buf), i+1)
			s.buf, s.out = s.buf[i+1:], true
			return nil
		}
		// No break in buf: too long, unless its last byte is a "\r" whose "\n" is still to
		// come (a line of s.max bytes ended by "\r\n").
		if n := len(s.buf); n > s.max+1 || n == s.max+1 && (s.buf[s.max] != '\r' || s.err != nil) {
			return lineTooLong(s.n+1, s.max)
		}
		if s.err != nil {
			if len(s.buf) > 0 && s.err == io.EOF { // last line without line break
				s.block = unsafe.String(unsafe.SliceData(s.buf), len(s.buf))
				s.buf, s.out = s.buf[len(s.buf):], true
				return nil
			}
			return s.err
		}
		if len(s.buf) == cap(s.buf) {
			s.buf = append(s.buf, 0)[:len(s.buf)]
		}
		s.read()
	}
}

// fillInPlace is fill of a scanner in place: the next block is the whole lines of the
// next size bytes of rest.
func (s *LineScanner) fillInPlace() error {
	if s.err != nil {
		return s.err
	}
	if s.rest == "" {
		s.err = io.EOF
		return s.err
	}
	runtime.Gosched() // once per block, as fill does
	w := s.rest[:min(len(s.rest), s.size)]
	if i := strings.LastIndexByte(w, '\n'); i >= 0 {
		s.block = w[:i+1]
	} else {
		// No break in w: its line is too long, unless it is the last, or ends right after
		// w (size is at least twice max: that is a "\r" at its end, then "\n").
		text, _, adv := linecut.Cut(s.rest[:min(len(s.rest), s.max+2)])
		if len(text) > s.max {
			s.err = lineTooLong(s.n+1, s.max)
			return s.err
		}
		s.block = s.rest[:adv]
	}
	s.rest = s.rest[len(s.block):]
	return nil
}

// LengthFunc tells a FixedScanner how long the record starting with head is: head holds
// the first bytes of the record (as many as the scanner was told to peek, fewer only at
// the end of the stream). An error says what is wrong with the head (an unknown record
// code); the scanner adds where.
type LengthFunc func(head string) (int, error)

// FixedScanner reads a stream of fixed-length records without line breaks, possibly of
// several lengths (the record code decides), with constant memory. Like LineScanner, it
// converts its input to strings a block at a time.
type FixedScanner struct {
	src    io.Reader
	peek   int
	length LengthFunc
	buf    []byte
	block  string
	pos    int
	n      int
	offset int64
	err    error
}

// NewFixedScanner returns a scanner of r whose record lengths are told by length from
// the first peek bytes of each record.
func NewFixedScanner(r io.Reader, peek int, length LengthFunc) *FixedScanner {
	return &FixedScanner{src: r, peek: max(peek, 1), length: length, buf: make([]byte, 0, blockSize)}
}

// ErrPartialRecord is returned when a stream ends inside a record.
var ErrPartialRecord = errors.New("the stream ends inside a record")

// Next returns the next record, or io.EOF after the last one.
func (s *FixedScanner) Next() (Raw, error) {
	if s.pos >= len(s.block) {
		if err := s.fill(); err != nil {
			return Raw{}, err
		}
	}
	rest := s.block[s.pos:]
	n, err := s.length(rest[:min(s.peek, len(rest))])
	if err != nil || n <= 0 || n > len(rest) {
		// fill only converts complete records, so this is a length function that
		// changed its mind; report it rather than loop.
		return Raw{}, s.where(err, n)
	}
	s.n++
	raw := Raw{Number: s.n, Offset: s.offset + int64(s.pos), Text: rest[:n]}
	s.pos += n
	return raw, nil
}

func (s *FixedScanner) where(err error, n int) error {
	off := s.offset + int64(s.pos)
	if err == nil {
		err = fmt.Errorf("%w: record length %d", ErrRecordLength, n)
	}
	return fmt.Errorf("record %d (byte offset %d): %w", s.n+1, off, err)
}

func (s *FixedScanner) read() { s.buf, s.err = readSome(s.src, s.buf) }

// fill converts the complete records at the start of the buffer into s.block.
func (s *FixedScanner) fill() error {
	s.offset += int64(len(s.block))
	s.block, s.pos = "", 0
	for {
		if s.err == nil && len(s.buf) < cap(s.buf)/2 {
			s.read()
			continue
		}
		// Walk the complete records in the buffer, converted once.
		str := string(s.buf)
		end := 0
		for end < len(str) {
			head := str[end:min(end+s.peek, len(str))]
			if len(head) < s.peek && s.err == nil {
				break // read more first
			}
			n, err := s.length(head)
			if err != nil || n <= 0 {
				if end > 0 {
					break // hand out the good records first
				}
				s.pos = 0
				return s.whereAt(err, n, end)
			}
			if end+n > len(s.buf) {
				if s.err == nil && n <= cap(s.buf) {
					break
				}
				if end > 0 {
					break
				}
				if s.err == nil { // a record longer than the buffer: grow it
					s.buf = append(s.buf, make([]byte, n)...)[:len(s.buf)]
					break
				}
				if s.err == io.EOF {
					return fmt.Errorf("record %d (byte offset %d): %w: %d of %d bytes", s.n+1, s.offset, ErrPartialRecord, len(s.buf)-end, n)
				}
				return s.err
			}
			end += n
		}
		if end > 0 {
			s.block = str[:end]
			s.buf = s.buf[:copy(s.buf, s.buf[end:])]
			return nil
		}
		if s.err != nil {
			if len(s.buf) == 0 {
				return s.err
			}
			if s.err == io.EOF {
				return fmt.Errorf("record %d (byte offset %d): %w: %d bytes", s.n+1, s.offset, ErrPartialRecord, len(s.buf))
			}
			return s.err
		}
		if len(s.buf) == cap(s.buf) {
			s.buf = append(s.buf, 0)[:len(s.buf)]
		}
		s.read()
	}
}

func (s *FixedScanner) whereAt(err error, n, end int) error {
	if err == nil {
		err = fmt.Errorf("%w: record length %s", ErrRecordLength, strconv.Itoa(n))
	}
	return fmt.Errorf("record %d (byte offset %d): %w", s.n+1, s.offset+int64(end), err)
}
