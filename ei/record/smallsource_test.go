package record_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// TestLineScannerSmallSource: a source that says how much it holds (strings.Reader, a
// regular file) gets a buffer of its size; the lines, their numbers, offsets and breaks,
// and the error that ends them are those of the same bytes read from a source that does
// not say (the scanner's 256 KiB blocks).
func TestLineScannerSmallSource(t *testing.T) {
	inputs := map[string]string{
		"lf":                 "0100\n0200\n0400\n9900\n",
		"crlf":               "0100\r\n0200\r\n0400\r\n9900\r\n",
		"no last break":      "0100\n0200",
		"only a break":       "\n",
		"empty":              "",
		"one line, no break": "0100",
		"line too long":      "0100\n" + strings.Repeat("x", 65) + "\n0400\n",
		"last line too long": "0100\n" + strings.Repeat("y", 90),
		"beyond the minimum": strings.Repeat("0400 some text of a record\r\n", 400), // > 4 KiB
		"at the maximum":     strings.Repeat("z", 64) + "\n" + strings.Repeat("z", 64),
	}
	scan := func(r io.Reader) (lines []record.Raw, err error) {
		s := record.NewLineScanner(r, 64)
		for {
			raw, err := s.Next()
			if err != nil {
				return lines, err
			}
			lines = append(lines, raw)
		}
	}
	dir := t.TempDir()
	for name, in := range inputs {
		want, wantErr := scan(struct{ io.Reader }{strings.NewReader(in)}) // hides Len
		path := filepath.Join(dir, "in.asc")
		if err := os.WriteFile(path, []byte(in), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for source, r := range map[string]io.Reader{"strings.Reader": strings.NewReader(in), "os.File": f} {
			got, gotErr := scan(r)
			if !errors.Is(gotErr, wantErr) && (gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error()) {
				t.Errorf("%s from %s: ends with %v, want %v", name, source, gotErr, wantErr)
			}
			if len(got) != len(want) {
				t.Errorf("%s from %s: %d lines, want %d", name, source, len(got), len(want))
				continue
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s from %s: line %d is %+v, want %+v", name, source, i+1, got[i], want[i])
				}
			}
		}
		f.Close()
	}
}

// TestLineScannerSmallSourceMemory: reading a file of 9 KB from memory allocates about
// its size, not a block of 256 KiB (nor a second one to find the end of the stream),
// from memory or from a regular file.
func TestLineScannerSmallSourceMemory(t *testing.T) {
	in := strings.Repeat(strings.Repeat("x", 298)+"\r\n", 30) // 9,000 bytes
	path := filepath.Join(t.TempDir(), "in.asc")
	if err := os.WriteFile(path, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	file := false
	read := func() {
		var src io.Reader = strings.NewReader(in)
		if file {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			src = f
		}
		s := record.NewLineScanner(src, 0)
		n := 0
		for {
			if _, err := s.Next(); err != nil {
				if err != io.EOF || n != 30 {
					t.Fatalf("after %d lines: %v", n, err)
				}
				return
			}
			n++
		}
	}
	for _, file = range []bool{false, true} {
		read()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		const runs = 20
		for range runs {
			read()
		}
		runtime.ReadMemStats(&after)
		if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 32<<10 {
			t.Errorf("reading 9,000 bytes (from a file: %v) allocated %d bytes a run, want at most 32 KiB", file, per)
		}
	}
}
