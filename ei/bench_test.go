package ei_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

func benchFile(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := eitest.WriteGZ321(&buf, eitest.Options{Verzekerden: 5000}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkReader measures streaming parse into typed records; allocs/op are per file.
func BenchmarkReader(b *testing.B) {
	data := benchFile(b)
	records := bytes.Count(data, []byte("\n"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		for _, err := range r.All() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(records), "records/op")
}

// BenchmarkWriter measures formatting typed records, numbering and totals.
func BenchmarkWriter(b *testing.B) {
	data := benchFile(b)
	f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		b.Fatal(err)
	}
	recs := f.Records()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := ei.NewWriter(io.Discard, f.Standard, ei.WriterOptions{})
		for _, r := range recs {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(recs)), "records/op")
}

var sink record.Record

// BenchmarkParseRecord measures one typed parse of a tarief record (four amounts).
func BenchmarkParseRecord(b *testing.B) {
	data := benchFile(b)
	line := string(bytes.Split(data, []byte("\r\n"))[3])
	f, _ := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := ei.ParseRecord(f.Standard, line)
		if err != nil {
			b.Fatal(err)
		}
		sink = r
	}
}
