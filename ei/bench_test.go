package ei_test

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

// Benchmark files of about 100 MB with realistic contents (every verzekerde its own BSN,
// numbers, references and dates), generated once per run.
var (
	gz321File = sync.OnceValue(func() []byte { return generate(eitest.WriteGZ321, 48000) })
	mz301File = sync.OnceValue(func() []byte { return generate(eitest.WriteMZ301, 84000) })
)

func generate(write func(io.Writer, eitest.Options) error, verzekerden int) []byte {
	var buf bytes.Buffer
	if err := write(&buf, eitest.Options{Verzekerden: verzekerden}); err != nil {
		panic(err) // the generator writes valid files; a failure is a bug in it
	}
	return buf.Bytes()
}

// benchFile is the GZ321 file of the small benchmarks (10.9 MB).
func benchFile(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := eitest.WriteGZ321(&buf, eitest.Options{Verzekerden: 5000}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkReader measures streaming parse into typed records (a new record each).
func BenchmarkReader(b *testing.B) { benchReader(b, benchFile(b), false) }

// BenchmarkReaderReuse measures streaming parse with ReaderOptions.ReuseRecord.
func BenchmarkReaderReuse(b *testing.B) { benchReader(b, benchFile(b), true) }

// BenchmarkRead100MB: streaming parse of 100 MB GZ321 and MZ301 files, with and without
// ReuseRecord.
func BenchmarkRead100MB(b *testing.B) {
	for _, f := range []struct {
		name string
		data func() []byte
	}{{"GZ321", gz321File}, {"MZ301", mz301File}} {
		for _, reuse := range []bool{false, true} {
			name := f.name
			if reuse {
				name += "/reuse"
			}
			b.Run(name, func(b *testing.B) { benchReader(b, f.data(), reuse) })
		}
	}
}

// BenchmarkWrite100MB: formatting, numbering and totals of 100 MB GZ321 and MZ301 files.
func BenchmarkWrite100MB(b *testing.B) {
	for _, f := range []struct {
		name string
		data func() []byte
	}{{"GZ321", gz321File}, {"MZ301", mz301File}} {
		b.Run(f.name, func(b *testing.B) { benchWriter(b, f.data()) })
	}
}

func benchReader(b *testing.B, data []byte, reuse bool) {
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
		limit := 0.1 // the records, a batch at a time, and a converted block per 256 KiB
		if reuse {
			limit = 0.02
		}
		if perRecord > limit {
			t.Errorf("ReuseRecord=%v: %.3f allocations per record, want at most %.2f", reuse, perRecord, limit)
		}
	}
}

// BenchmarkWriter measures formatting typed records, numbering and totals.
func BenchmarkWriter(b *testing.B) { benchWriter(b, benchFile(b)) }

func benchWriter(b *testing.B, data []byte) {
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
