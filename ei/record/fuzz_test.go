package record_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// FuzzFixedReader: a stream of fixed-length records without breaks never makes the reader
// panic or loop, every error says where, and what it reads formats back to what it read.
func FuzzFixedReader(f *testing.F) {
	f.Add([]byte("100001ZORGKAS   2025120142"))
	f.Add([]byte("2000010001-000012345KAMER   17"))
	f.Add([]byte("200001"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			return // a dozen records of the test format; more reaches no new code
		}
		fm := format()
		r := record.NewReader(bytes.NewReader(data), fm, record.ReaderOptions{})
		for n := 0; ; n++ {
			if n > len(data) {
				t.Fatal("more records than bytes: no progress")
			}
			raw, rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				if err.Error() == "" {
					t.Fatal("empty error")
				}
				return
			}
			out, err := rec.AppendTo(nil)
			if err != nil {
				return // e.g. a control character: valid to read, refused to write
			}
			// Formatting is stable: what was formatted parses and formats to the same bytes
			// (a record read with "-0" in an SN field is written "+0").
			again := fm.New(rec.Layout().Code())
			if err := again.Parse(string(out)); err != nil {
				t.Fatalf("formatted record does not parse: %v\n%q", err, out)
			}
			out2, err := again.AppendTo(nil)
			if err != nil || !bytes.Equal(out, out2) {
				t.Fatalf("format(parse(format(parse(x)))) != format(parse(x))\n x: %q\nfx: %q\nffx: %q", raw.Text, out, out2)
			}
		}
	})
}
