package validate

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

// benchFiles holds the generated benchmark files, made once per test binary: a GZ321
// and an MZ301 declaration of about 100 MiB each, with the realistic field contents of
// internal/eitest (every verzekerde its own BSN, numbers, references).
var benchFiles = struct {
	sync.Mutex
	m map[string][]byte
}{m: map[string][]byte{}}

func benchFile(tb testing.TB, std string, verzekerden int) []byte {
	tb.Helper()
	benchFiles.Lock()
	defer benchFiles.Unlock()
	key := std + "/" + strconv.Itoa(verzekerden)
	if b, ok := benchFiles.m[key]; ok {
		return b
	}
	var buf bytes.Buffer
	write := eitest.WriteGZ321
	if std == "MZ301" {
		write = eitest.WriteMZ301
	}
	if err := write(&buf, eitest.Options{Verzekerden: verzekerden}); err != nil {
		tb.Fatal(err)
	}
	benchFiles.m[key] = buf.Bytes()
	return buf.Bytes()
}

// Sizes of the benchmark files: GZ321 has 7 records of 312 bytes per verzekerde, MZ301
// 4 records of 312 bytes.
const (
	benchGZ321Verzekerden = 48_000 // 105 MB
	benchMZ301Verzekerden = 84_000 // 105 MB
)

// BenchmarkValidate validates generated ~100 MB files, serially (workers=1) and in
// parallel (workers=N): compare the MB/s of -cpu 1 and -cpu 2.
func BenchmarkValidate(b *testing.B) {
	for _, c := range []struct {
		std string
		n   int
	}{{"GZ321", benchGZ321Verzekerden}, {"MZ301", benchMZ301Verzekerden}} {
		for _, workers := range []int{1, -1} {
			name := c.std + "/serial"
			if workers != 1 {
				name = c.std + "/parallel"
			}
			b.Run(name, func(b *testing.B) {
				data := benchFile(b, c.std, c.n)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					rep, err := File(context.Background(), bytes.NewReader(data), Options{Registry: standards.Registry(), Today: benchToday, Workers: workers})
					if err != nil || !rep.Valid() {
						b.Fatalf("%v %d findings: %v", err, len(rep.Findings), rep.Findings[:min(3, len(rep.Findings))])
					}
				}
			})
		}
	}
}

// BenchmarkValidateMemoryWorkers is BenchmarkValidateMemory for the serial and the
// parallel run of a 512 MiB file streamed from the generator (no file in memory): the
// peak heap in use while validating, with the reference numbers of the whole file held.
func BenchmarkValidateMemoryWorkers(b *testing.B) {
	for _, workers := range []int{1, -1} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			size := int64(512 << 20)
			b.SetBytes(newGenFile(b, size).Size())
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				g := newGenFile(b, size)
				runtime.GC()
				var before, ms runtime.MemStats
				runtime.ReadMemStats(&before)
				g.sampleEvery, g.nextSample = 4<<20, 4<<20
				g.sample = func() {
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse-min(ms.HeapInuse, before.HeapInuse))
				}
				rep, err := File(context.Background(), g, Options{Registry: standards.Registry(), Today: benchToday, Workers: workers})
				if err != nil || !rep.Valid() {
					b.Fatalf("%v %d findings", err, len(rep.Findings))
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
