package ei_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/internal/fuzzedit"
)

// FuzzReader: whatever the bytes, reading never panics, and every error is about the
// input. It fuzzes one edit (internal/fuzzedit: overwrite, insert, delete, drop,
// duplicate, swap, join, cut, another record code, CR LF) of the first records of the
// synthetic GZ321 and MZ301 files (header, insured person, a claim, closing record), or
// up to 64 raw bytes, rather than whole files: a file-sized input that finds new code makes
// the fuzzer spend its run minimising it.
func FuzzReader(f *testing.F) {
	var files [][]string
	for _, name := range []string{"gz321-synthetic.txt", "mz301-synthetic.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		lines = lines[:strings.Count(string(data), "\n")]
		files = append(files, append(lines[:3:3], lines[len(lines)-1]))
	}
	files = append(files, nil) // nil: the edit's text is the whole input
	for _, s := range []struct {
		file, op, line uint8
		pos            uint16
		text           string
	}{
		{0, fuzzedit.Overwrite, 0, 0, ""},   // as it is
		{1, fuzzedit.Overwrite, 0, 0, ""},   // as it is
		{0, fuzzedit.CRLF, 1, 0, ""},        // CR LF
		{1, fuzzedit.Cut, 2, 200, ""},       // cut in a record
		{0, fuzzedit.Join, 0, 0, ""},        // two records on one line
		{1, fuzzedit.Recode, 1, 0, "99"},    // a closing record too early
		{0, fuzzedit.Insert, 2, 20, "\x00"}, // a NUL
		{2, fuzzedit.Overwrite, 0, 0, "011760103P"},
		{2, fuzzedit.Overwrite, 0, 0, ""},
	} {
		f.Add(s.file, s.op, s.line, s.pos, s.text)
	}
	f.Fuzz(func(t *testing.T, file, op, line uint8, pos uint16, text string) {
		data := fuzzedit.Apply(files[int(file)%len(files)], op, line, pos, text)
		r := ei.NewReader(strings.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		for e, err := range r.All() {
			if err != nil {
				if !ei.IsInputError(err) {
					t.Fatalf("error not about the input: %v", err)
				}
				return
			}
			if e.Record == nil {
				t.Fatal("nil record without error")
			}
		}
	})
}

// FuzzRecordRoundTrip: for every record type of every standard, a line that parses and
// holds only printable Latin-1 formats back to exactly the same bytes.
func FuzzRecordRoundTrip(f *testing.F) {
	stds := standards.Registry().All()
	f.Add(uint16(0), uint8(1), []byte("000000000001123456782331100000000"))
	f.Add(uint16(2), uint8(3), []byte("000000000002100000009331120250101"))
	if data, err := os.ReadFile(filepath.Join("testdata", "gz321-synthetic.txt")); err == nil {
		for i, line := range bytes.Split(data, []byte("\n"))[:4] {
			if len(line) > 2 {
				f.Add(uint16(0), uint8(i), line[2:]) // real records: the body after the code
			}
		}
	}
	f.Fuzz(func(t *testing.T, si uint16, ri uint8, body []byte) {
		if len(body) > 320 {
			return // longer than any record: cut off anyway
		}
		std := stds[int(si)%len(stds)]
		l := std.Records()[int(ri)%len(std.Records())]
		line := make([]byte, std.RecordLength())
		for i := range line {
			line[i] = ' '
		}
		copy(line, l.Code())
		copy(line[2:], body)
		rec, err := ei.ParseRecord(std, string(line))
		if err != nil {
			return // not a valid record
		}
		out, err := rec.AppendTo(nil)
		if err != nil {
			for _, c := range line {
				if c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) {
					return // control characters are not valid in an EI record
				}
			}
			t.Fatalf("%s record %s parsed but does not format: %v", std.ID(), l.Code(), err)
		}
		if !bytes.Equal(out, line) {
			t.Fatalf("%s record %s: format(parse(x)) != x\n x: %q\nfx: %q", std.ID(), l.Code(), line, out)
		}
	})
}
