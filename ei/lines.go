package ei

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxLineLength is the longest line the line scanner accepts. Records are at most a few
// hundred positions; a longer line means the input is not an EI file (or has no line
// breaks), and reading on would hold it all in memory.
const MaxLineLength = 64 << 10

// ErrLineTooLong is returned for a line longer than MaxLineLength.
var ErrLineTooLong = errors.New("line too long for an EI record")

// Line is one line of a file.
type Line struct {
	Number int    // 1-based
	Text   string // without its line break
	// Break is the line break that ended the line: "\r\n", "\n", or "" for a last line
	// without one.
	Break string
}

// LineScanner reads the lines of a file with constant memory. It converts the input to
// strings a block at a time, so the Text of many lines shares one allocation: a caller
// that keeps a line for long after reading on should copy it (strings.Clone).
type LineScanner struct {
	src   io.Reader
	buf   []byte // bytes read but not yet converted
	block string // converted complete lines
	pos   int    // next unread position in block
	n     int    // lines returned
	err   error  // sticky read error or io.EOF
}

const blockSize = 256 << 10

// NewLineScanner returns a scanner reading from r.
func NewLineScanner(r io.Reader) *LineScanner {
	return &LineScanner{src: r, buf: make([]byte, 0, blockSize)}
}

// Next returns the next line, or io.EOF after the last one.
func (s *LineScanner) Next() (Line, error) {
	if s.pos >= len(s.block) {
		if err := s.fill(); err != nil {
			return Line{}, err
		}
	}
	rest := s.block[s.pos:]
	s.n++
	i := indexNL(rest)
	if i < 0 { // last line, without line break
		s.pos = len(s.block)
		return Line{Number: s.n, Text: rest}, nil
	}
	text, brk := rest[:i], "\n"
	if i > 0 && rest[i-1] == '\r' {
		text, brk = rest[:i-1], "\r\n"
	}
	s.pos += i + 1
	return Line{Number: s.n, Text: text, Break: brk}, nil
}

func indexNL(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return i
		}
	}
	return -1
}

// fill converts the next run of complete lines into s.block.
func (s *LineScanner) fill() error {
	s.block, s.pos = "", 0
	for {
		// Read until the buffer is half full, so that one conversion covers many lines
		// even when the source returns little at a time.
		if s.err == nil && len(s.buf) < cap(s.buf)/2 {
			n, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
			s.buf = s.buf[:len(s.buf)+n]
			s.err = err
			continue
		}
		if i := bytes.LastIndexByte(s.buf, '\n'); i >= 0 {
			s.block = string(s.buf[:i+1])
			s.buf = s.buf[:copy(s.buf, s.buf[i+1:])]
			return nil
		}
		if len(s.buf) > MaxLineLength {
			return fmt.Errorf("line %d: %w (more than %d bytes without a line break)", s.n+1, ErrLineTooLong, MaxLineLength)
		}
		if s.err != nil {
			if len(s.buf) > 0 && s.err == io.EOF { // last line without line break
				s.block = string(s.buf)
				s.buf = s.buf[:0]
				return nil
			}
			return s.err
		}
		if len(s.buf) == cap(s.buf) {
			s.buf = append(s.buf, 0)[:len(s.buf)]
		}
		n, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.err = err
		}
	}
}
