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

// BenchmarkReader measures streaming parse into typed records (a new record each).
func BenchmarkReader(b *testing.B) { benchReader(b, false) }

// BenchmarkReaderReuse measures streaming parse with ReaderOptions.ReuseRecord.
func BenchmarkReaderReuse(b *testing.B) { benchReader(b, true) }

func benchReader(b *testing.B, reuse bool) {
	data := benchFile(b)
	records := bytes.Count(data, []byte("\n"))
	reg := standards.Registry()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Registry: reg, ReuseRecord: reuse})
		for _, err := range r.All() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(records), "records/op")
}

// TestReaderAllocations holds the reader to at most one allocation per record (the record
// itself), and none per record with ReuseRecord.
func TestReaderAllocations(t *testing.T) {
	var buf bytes.Buffer
	if err := eitest.WriteGZ321(&buf, eitest.Options{Verzekerden: 500}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	records := float64(bytes.Count(data, []byte("\n")))
	reg := standards.Registry()
	for _, reuse := range []bool{false, true} {
		allocs := testing.AllocsPerRun(3, func() {
			r := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Registry: reg, ReuseRecord: reuse})
			for _, err := range r.All() {
				if err != nil {
					t.Fatal(err)
				}
			}
		})
		perRecord := allocs / records
		limit := 1.02 // the record, and a converted block per 256 KiB
		if reuse {
			limit = 0.02
		}
		if perRecord > limit {
			t.Errorf("ReuseRecord=%v: %.3f allocations per record, want at most %.2f", reuse, perRecord, limit)
		}
	}
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
		w := ei.NewWriter(io.Discard, f.Standard, ei.WriterOptions{KeepNumbers: true})
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
