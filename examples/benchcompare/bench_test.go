package benchcompare

import (
	"bufio"
	"bytes"
	"os"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
)

// file returns a GZ321 file of about 100 MB: the project's synthetic GZ321 file with its
// verzekerden repeated, numbered and totalled by the writer.
func file(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("../../ei/testdata/gz321-synthetic.txt")
	if err != nil {
		b.Fatal(err)
	}
	f, err := ei.ReadFile(bytes.NewReader(src), ei.ReaderOptions{Standard: gz321v10.Standard()})
	if err != nil {
		b.Fatal(err)
	}
	recs := f.Records()
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, f.Standard, ei.WriterOptions{})
	if err := w.Write(recs[0]); err != nil {
		b.Fatal(err)
	}
	for buf.Len() < 100<<20 {
		for _, r := range recs[1 : len(recs)-1] {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

var data []byte

func input(b *testing.B) []byte {
	if data == nil {
		data = file(b)
	}
	return data
}

// BenchmarkLibraryReader: zorgbericht's reader, typed records, reused.
func BenchmarkLibraryReader(b *testing.B) {
	in := input(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r := ei.NewReader(bytes.NewReader(in), ei.ReaderOptions{Standard: gz321v10.Standard(), ReuseRecord: true})
		for _, err := range r.All() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReflectionDecoder: the general-purpose way on the same lines.
func BenchmarkReflectionDecoder(b *testing.B) {
	in := input(b)
	d := NewDecoder(gz321v10.Standard())
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		sc := bufio.NewScanner(bytes.NewReader(in))
		for sc.Scan() {
			line := bytes.TrimSuffix(sc.Bytes(), []byte("\r"))
			if _, err := d.Decode(string(line)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLineScan: the bare line scan of the same bytes, the ceiling of any reader.
func BenchmarkLineScan(b *testing.B) {
	in := input(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		sc := bufio.NewScanner(bytes.NewReader(in))
		for sc.Scan() {
			n += len(sc.Bytes())
		}
	}
	_ = record.Cents(int64(n))
}
