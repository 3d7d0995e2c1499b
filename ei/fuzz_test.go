package ei_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
)

// maxFuzzInput bounds what the reader fuzz target looks at: six records of 310 characters
// and their line breaks. Larger inputs reach no new code, and a large input that finds new
// coverage traps the fuzzer in minimising it for the rest of the run.
const maxFuzzInput = 6 * 312

// FuzzReader: whatever the bytes, reading never panics, and every error is about the
// input. The seeds are the first records of the synthetic GZ321 and MZ301 files (header,
// insured person, a claim), with CR LF, without the last break, and cut in a record.
func FuzzReader(f *testing.F) {
	for _, name := range []string{"gz321-synthetic.txt", "mz301-synthetic.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		lines := bytes.SplitAfter(data, []byte("\n"))
		head := bytes.Join(lines[:3], nil)
		f.Add(head)
		f.Add(bytes.ReplaceAll(head, []byte("\n"), []byte("\r\n")))
		f.Add(bytes.TrimSuffix(head, []byte("\n")))
		f.Add(head[:len(head)-100])
		f.Add(append(bytes.Clone(lines[0]), lines[len(lines)-2]...)) // header and closing record
	}
	f.Add([]byte("011760103P"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		r := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
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
