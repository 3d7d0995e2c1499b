package srcsize

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.asc")
	if err := os.WriteFile(path, []byte("0100\n9900\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// openAt opens the file and seeks to off.
	openAt := func(off int64) *os.File {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		return f
	}
	f, seeked, past := openAt(0), openAt(5), openAt(20)
	partly := strings.NewReader("0100\n9900\n")
	partly.Read(make([]byte, 5))
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for _, c := range []struct {
		name string
		r    io.Reader
		n    int64
		ok   bool
	}{
		{"strings.Reader", strings.NewReader("0100\n9900\n"), 10, true},
		{"strings.Reader partly read", partly, 5, true},
		{"bytes.Reader", bytes.NewReader(make([]byte, 300)), 300, true},
		{"bytes.Buffer", bytes.NewBufferString("abc"), 3, true},
		{"regular file", f, 10, true},
		{"regular file seeked into", seeked, 5, true},
		{"regular file seeked past its end", past, 0, true},
		{"pipe", pr, 0, false},
		{"directory", dir, 0, false},
		{"bufio.Reader", bufio.NewReader(strings.NewReader("abc")), 0, false},
		{"reader that says nothing", struct{ io.Reader }{strings.NewReader("abc")}, 0, false},
	} {
		if n, ok := Of(c.r); n != c.n || ok != c.ok {
			t.Errorf("%s: Of = %d, %v; want %d, %v", c.name, n, ok, c.n, c.ok)
		}
	}
}
