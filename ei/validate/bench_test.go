package validate

import (
	"context"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// genFile produces a valid GZ321 file of about size bytes on the fly, without holding it:
// the voorlooprecord of the project's synthetic file, then its first verzekerde (02, 04,
// 06, 98, 06, 16, 17) over and over with new detail numbers and reference numbers, then a
// sluitrecord that counts them.
type genFile struct {
	std     *record.Standard
	header  string
	group   []string
	groups  int64
	g       int64
	id      int64
	ref     int64
	counts  map[string]int64
	fields  map[string][]record.Field // the fields of each record type
	details int64
	total   int64
	buf     []byte
	done    bool
	// sample is called every sampleEvery bytes produced (to watch the heap).
	sample      func()
	sampleEvery int64
	produced    int64
	nextSample  int64
}

func newGenFile(tb testing.TB, size int64) *genFile {
	tb.Helper()
	data, err := os.ReadFile("../testdata/gz321-synthetic.txt")
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\r\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		tb.Fatal(err)
	}
	g := &genFile{std: std, header: lines[0], counts: map[string]int64{}, fields: map[string][]record.Field{}}
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "02") && len(g.group) > 0 {
			break
		}
		g.group = append(g.group, l)
	}
	per := int64(len(g.group) * (std.RecordLength() + 2))
	g.groups = max(1, (size-int64(2*(std.RecordLength()+2)))/per)
	g.buf = append(g.buf, g.header...)
	g.buf = append(g.buf, "\r\n"...)
	return g
}

// Size returns the number of bytes the file has.
func (g *genFile) Size() int64 {
	return int64(2+g.groups*int64(len(g.group))) * int64(g.std.RecordLength()+2)
}

func (g *genFile) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && !g.done {
		g.next()
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	g.produced += int64(n)
	if g.sample != nil && g.produced >= g.nextSample {
		g.sample()
		g.nextSample += g.sampleEvery
	}
	if n == 0 && g.done {
		return 0, io.EOF
	}
	return n, nil
}

func (g *genFile) next() {
	if g.g == g.groups {
		g.trailer()
		g.done = true
		return
	}
	g.g++
	for _, tmpl := range g.group {
		start := len(g.buf)
		g.buf = append(g.buf, tmpl...)
		rec := g.buf[start:]
		code := tmpl[:2]
		lay := g.std.Layout(code)
		if code != record.CodeCommentaar {
			g.id++
		}
		putDigits(rec[2:14], g.id)
		fields := g.fields[code]
		if fields == nil {
			fields = lay.Fields() // a copy: made once per record type
			g.fields[code] = fields
		}
		for i := range fields {
			f := &fields[i]
			switch {
			case strings.HasPrefix(f.Name, "REFERENTIENUMMER DIT "):
				g.ref++
				rec[f.Start-1] = 'R'
				putDigits(rec[f.Start:f.Start+12], g.ref)
			case f.Role == record.RoleDeclared:
				v, _ := record.FieldInt(tmpl, lay, f)
				g.total += v
			}
		}
		g.counts[code]++
		g.details++
		g.buf = append(g.buf, "\r\n"...)
	}
}

// putDigits writes v zero-padded into b, without allocating.
func putDigits(b []byte, v int64) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
}

func (g *genFile) trailer() {
	lay := g.std.Layout(record.CodeSluit)
	rec := []byte(strings.Repeat(" ", g.std.RecordLength()))
	for i := range lay.Fields() {
		f := &lay.Fields()[i]
		switch {
		case i == 0:
			copy(rec, record.CodeSluit)
		case f.Role == record.RoleCount:
			record.PutInt(rec, lay, f, g.counts[f.Counts])
		case f.Role == record.RoleDetailCount:
			record.PutInt(rec, lay, f, g.details)
		case f.Role == record.RoleTotalDeclared:
			record.PutInt(rec, lay, f, g.total)
		case f.Role == record.RoleSign || f.Type == record.Alphanumeric && f.Length == 1:
			record.PutText(rec, lay, f, "D")
		case f.Type == record.Numeric:
			record.PutInt(rec, lay, f, 0)
		}
	}
	g.buf = append(g.buf, rec...)
	g.buf = append(g.buf, "\r\n"...)
}

var benchToday = civil.NewDate(2026, 1, 1)

func TestGeneratedLargeFileIsValid(t *testing.T) {
	g := newGenFile(t, 2<<20)
	rep, err := File(context.Background(), g, Options{Registry: standards.Registry(), Today: benchToday})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Valid() || len(rep.Findings) > 0 {
		t.Fatalf("the generated file has findings:\n%s", listFindings(rep.Findings))
	}
	if want := int(g.Size() / int64(g.std.RecordLength()+2)); rep.Lines != want {
		t.Errorf("read %d lines, want %d", rep.Lines, want)
	}
}

// BenchmarkValidateGZ321 validates a generated GZ321 file of 128 MiB.
func BenchmarkValidateGZ321(b *testing.B) {
	size := int64(128 << 20)
	b.SetBytes(newGenFile(b, size).Size())
	b.ReportAllocs()
	for b.Loop() {
		rep, err := File(context.Background(), newGenFile(b, size), Options{Registry: standards.Registry(), Today: benchToday})
		if err != nil || !rep.Valid() {
			b.Fatalf("%v %d findings", err, len(rep.Findings))
		}
	}
}

// BenchmarkValidateMemory validates generated files of growing size and reports the
// highest heap in use while validating (sampled every 4 MiB) and the bytes allocated per
// MiB of input: memory stays flat when both are about the same for every size.
func BenchmarkValidateMemory(b *testing.B) {
	for _, mib := range []int64{32, 128, 512} {
		b.Run(strconv.FormatInt(mib, 10)+"MiB", func(b *testing.B) {
			size := mib << 20
			b.SetBytes(newGenFile(b, size).Size())
			b.ReportAllocs()
			var peak, allocs uint64
			for b.Loop() {
				g := newGenFile(b, size)
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				var ms runtime.MemStats
				g.sampleEvery, g.nextSample = 4<<20, 4<<20
				g.sample = func() {
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse-min(ms.HeapInuse, before.HeapInuse))
				}
				rep, err := File(context.Background(), g, Options{Registry: standards.Registry(), Today: benchToday})
				if err != nil || !rep.Valid() {
					b.Fatalf("%v %d findings", err, len(rep.Findings))
				}
				runtime.ReadMemStats(&ms)
				allocs = ms.TotalAlloc - before.TotalAlloc
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(allocs)/float64(mib), "alloc-B/MiB")
		})
	}
}
