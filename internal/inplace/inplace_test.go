package inplace

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unsafe"
)

// TestRead: a strings.Reader and a bytes.Reader hand over what is left of them, in place
// (the string's own memory, the slice's own bytes), once; the reader is left after what
// fn read.
func TestRead(t *testing.T) {
	const content = "0100 first line\n0200 second\n9900\n"
	data := []byte(content)
	for _, skip := range []int{0, 5, len(content) - 1} {
		for _, read := range []int{0, 7, len(content) - skip, len(content) + 10, -3} {
			sr := strings.NewReader(content)
			br := bytes.NewReader(data)
			sr.Seek(int64(skip), io.SeekStart)
			br.Seek(int64(skip), io.SeekStart)
			for _, c := range []struct {
				name   string
				r      io.Reader
				shared bool
				at     func() (int64, error)
				base   *byte
			}{
				{"strings.Reader", sr, false, func() (int64, error) { return sr.Seek(0, io.SeekCurrent) }, unsafe.StringData(content)},
				{"bytes.Reader", br, true, func() (int64, error) { return br.Seek(0, io.SeekCurrent) }, &data[0]},
			} {
				calls := 0
				ok := Read(c.r, func(s string, shared bool) int {
					calls++
					if s != content[skip:] {
						t.Errorf("%s after %d bytes: fn is given %q, want %q", c.name, skip, s, content[skip:])
					}
					if unsafe.StringData(s) != (*byte)(unsafe.Add(unsafe.Pointer(c.base), skip)) {
						t.Errorf("%s after %d bytes: fn is given a copy, not the reader's memory", c.name, skip)
					}
					if shared != c.shared {
						t.Errorf("%s: shared %v, want %v", c.name, shared, c.shared)
					}
					return read
				})
				if !ok || calls != 1 {
					t.Fatalf("%s after %d bytes: Read reports %v with fn called %d times, want true and once", c.name, skip, ok, calls)
				}
				want := int64(skip + min(max(read, 0), len(content)-skip))
				if at, _ := c.at(); at != want {
					t.Errorf("%s after %d bytes, fn read %d: the reader is left at %d, want %d", c.name, skip, read, at, want)
				}
			}
		}
	}
}

// TestReadNot: other readers, wrapped ones and empty ones are not read in place; fn does
// not run and the reader is left as it was.
func TestReadNot(t *testing.T) {
	done := strings.NewReader("0100\n")
	done.Seek(0, io.SeekEnd)
	for name, r := range map[string]io.Reader{
		"wrapped strings.Reader": struct{ io.Reader }{strings.NewReader("0100\n")},
		"bytes.Buffer":           bytes.NewBufferString("0100\n"),
		"empty strings.Reader":   strings.NewReader(""),
		"empty bytes.Reader":     bytes.NewReader(nil),
		"strings.Reader at end":  done,
	} {
		before := snapshot(r)
		if Read(r, func(string, bool) int { t.Errorf("%s: fn runs", name); return 0 }) {
			t.Errorf("%s: read in place", name)
		}
		if after := snapshot(r); after != before {
			t.Errorf("%s: left with %q to read, had %q", name, after, before)
		}
	}
}

// snapshot returns what is left to read of r without reading it, where it can tell.
func snapshot(r io.Reader) string {
	switch r := r.(type) {
	case *strings.Reader:
		at, _ := r.Seek(0, io.SeekCurrent)
		rest := make([]byte, r.Len())
		r.ReadAt(rest, at)
		return string(rest)
	case *bytes.Buffer:
		return r.String()
	}
	return ""
}

// TestHandRefusesParts: should a WriteTo hand the content over in parts, the first part
// is refused unread (0 bytes written, an error), so that the reader stays where it was,
// and fn never runs.
func TestHandRefusesParts(t *testing.T) {
	h := &hand{fn: func(string, bool) int { t.Error("fn runs on a part"); return 0 }, want: 10}
	if n, err := h.Write(make([]byte, 4)); n != 0 || err == nil {
		t.Errorf("a part of 4 bytes of 10: Write gives %d, %v; want 0 and an error", n, err)
	}
	if n, err := h.WriteString("abcd"); n != 0 || err == nil {
		t.Errorf("a part of 4 bytes of 10: WriteString gives %d, %v; want 0 and an error", n, err)
	}
	h = &hand{fn: func(string, bool) int { return 10 }, want: 10}
	if n, err := h.Write(make([]byte, 10)); n != 10 || err != nil {
		t.Fatalf("the whole: Write gives %d, %v", n, err)
	}
	if n, err := h.Write(make([]byte, 10)); n != 0 || err == nil {
		t.Errorf("a second Write gives %d, %v; want 0 and an error", n, err)
	}
}
