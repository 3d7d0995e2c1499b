package main

import (
	"os"
	"strconv"
	"sync"
	"testing"
)

// The Go benchmarks of this package run the harness's contenders on the official-content
// file one at a time, for profiling:
//
//	go test -run '^$' -bench Official/validate-serial -cpu 1 -cpuprofile cpu.out
//	go tool pprof -top cpu.out
//
// ZORGBERICHT_BENCH_MB sets the size of the file (default 20 MB).

var official = sync.OnceValues(func() (*input, error) {
	path, ok := basisbestand("")
	if !ok {
		return nil, nil
	}
	mb := 20
	if v, err := strconv.Atoi(os.Getenv("ZORGBERICHT_BENCH_MB")); err == nil && v > 0 {
		mb = v
	}
	return officialFile(path, mb*1_000_000)
})

func BenchmarkOfficial(b *testing.B) {
	in, err := official()
	if err != nil {
		b.Fatal(err)
	}
	if in == nil {
		b.Skip("the official base file is not there")
	}
	for _, c := range contenders(in, 2) {
		b.Run(c.key, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSmoke runs every contender once on small files.
func TestSmoke(t *testing.T) {
	in, err := official()
	if err != nil {
		t.Fatal(err)
	}
	if in == nil {
		t.Skip("the official base file is not there")
	}
	for _, c := range contenders(in, 2) {
		if err := c.run(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
