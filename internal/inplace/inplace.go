// Package inplace reads what is left of a source held in memory (a *bytes.Reader, a
// *strings.Reader) in place, without copying it: the validator checks such a file in the
// memory it is in, and its parallel run's workers and file-order pass then read the
// same memory instead of one reading a copy the other made.
package inplace

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unsafe"
)

// Read calls fn with what is left to read of r, in place, when r holds it in memory:
//   - a *strings.Reader gives its string (shared false);
//   - a *bytes.Reader gives its bytes as a string (shared true): that memory is the
//     owner's slice, which the owner may change once the reading is done, so nothing of
//     the string may be kept after fn returns (copy what is kept: strings.Clone).
//
// fn returns how many bytes of s it read; r is left after them, as if they had been read
// from it. Read reports whether it called fn. It does not, and leaves r as it was, when r
// is of another kind (a wrapper of one included), holds nothing more, or does not hand its
// content over in one piece.
//
// The content is taken through the reader's WriteTo (io.WriterTo), which hands it to a
// Writer in one call, without a copy: fn runs within that call and keeps nothing of it
// after (the contract of io.Writer). Should WriteTo hand over a part only, the part is
// refused unread (0 bytes written): r stays where it was, and Read reports false.
func Read(r io.Reader, fn func(s string, shared bool) (read int)) bool {
	var (
		wt io.WriterTo
		sk io.Seeker
		n  int
	)
	switch r := r.(type) {
	case *bytes.Reader:
		wt, sk, n = r, r, r.Len()
	case *strings.Reader:
		wt, sk, n = r, r, r.Len()
	default:
		return false
	}
	if n == 0 {
		return false
	}
	start, err := sk.Seek(0, io.SeekCurrent)
	if err != nil {
		return false
	}
	h := &hand{fn: fn, want: n}
	if _, err := wt.WriteTo(h); err != nil || !h.called {
		return false
	}
	sk.Seek(start+int64(h.read), io.SeekStart) // within what it held: no error
	return true
}

// errPart refuses a content handed over in parts.
var errPart = errors.New("inplace: content not handed over whole")

// hand is the Writer WriteTo hands the content to.
type hand struct {
	fn     func(string, bool) int
	want   int  // the bytes left in the reader
	called bool // fn has run
	read   int  // what fn read
}

func (h *hand) Write(p []byte) (int, error) {
	if h.called || len(p) != h.want {
		return 0, errPart
	}
	h.called = true
	h.read = min(max(h.fn(unsafe.String(unsafe.SliceData(p), len(p)), true), 0), len(p))
	return len(p), nil
}

func (h *hand) WriteString(s string) (int, error) {
	if h.called || len(s) != h.want {
		return 0, errPart
	}
	h.called = true
	h.read = min(max(h.fn(s, false), 0), len(s))
	return len(s), nil
}
