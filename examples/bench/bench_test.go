package main

import (
	"os"
	"slices"
	"strconv"
	"strings"
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

// TestHostChecks runs the harness on a small generated file and looks for the host's
// ratios under the parallel validation's, and for none of them in the contenders' table.
func TestHostChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("maps 256 MB")
	}
	var out strings.Builder
	if err := run(&out, 1, 1, 2, "", "MZ301"); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"validate workers (2 cores) / serial (1 core)", "validate workers: cores busy (CPU / wall)",
		"validate workers: CPU / serial CPU", "host: register loop on 2 cores / 1 core", "host: memory copy on 2 cores / 1 core",
		"host: hand-over between 2 cores / on 1 core", "host: 2 serial validations at once / 1 alone",
		"validate workers: ratio / the line above"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the output:\n%s", want, text)
		}
	}
	if strings.Contains(text, "register loop, 1 goroutine") || strings.Contains(text, "serial, 2 at once") {
		t.Errorf("a host check is in the contenders' table:\n%s", text)
	}
	if strings.Index(text, "host: register loop") < strings.Index(text, "validate workers (2 cores) / serial") {
		t.Errorf("the host's ratios are not under the parallel validation's:\n%s", text)
	}
	// The parallel ratio taken apart, under it: cores busy and the CPU over the serial
	// run's, each a positive number (CPU time over wall time cannot pass the cores by
	// much; the parallel run's CPU is not a hundredth of the serial run's).
	if strings.Index(text, "validate workers: cores busy") < strings.Index(text, "validate workers (2 cores) / serial") {
		t.Errorf("the cores busy are not under the parallel ratio:\n%s", text)
	}
	// The control (what the host gave this work) and the parallel run's share of it: the
	// host cannot give two goroutines more than a few times one's pace, nor less than a
	// hundredth of it.
	for what, limits := range map[string][2]float64{"validate workers: cores busy (CPU / wall)": {0, 2.5}, "validate workers: CPU / serial CPU": {0.01, 100},
		"host: 2 serial validations at once / 1 alone": {0.01, 4}, "validate workers: ratio / the line above": {0.01, 100}} {
		i := strings.Index(text, what)
		if i < 0 {
			continue // reported above
		}
		fields := strings.Fields(text[i+len(what):])
		v, err := strconv.ParseFloat(fields[0], 64)
		if err != nil || v <= limits[0] || v > limits[1] {
			t.Errorf("%s: %q, want a number in (%g, %g]", what, fields[0], limits[0], limits[1])
		}
	}
}

// TestMadvFreeEnv: the command starts itself again with madvdontneed=0 added to GODEBUG,
// once: a GODEBUG that names madvdontneed is left as it is (the second start sees it), and
// other settings are kept in the one GODEBUG the new process reads.
func TestMadvFreeEnv(t *testing.T) {
	for _, c := range []struct {
		in    []string
		want  []string
		again bool
	}{
		{[]string{"HOME=/root"}, []string{"HOME=/root", "GODEBUG=madvdontneed=0"}, true},
		{[]string{"GODEBUG=gctrace=1", "HOME=/root"}, []string{"HOME=/root", "GODEBUG=gctrace=1,madvdontneed=0"}, true},
		{[]string{"GODEBUG=madvdontneed=1"}, []string{"GODEBUG=madvdontneed=1"}, false},
		{[]string{"GODEBUG=gctrace=1,madvdontneed=0"}, []string{"GODEBUG=gctrace=1,madvdontneed=0"}, false},
	} {
		got, again := madvFreeEnv(c.in)
		if again != c.again || !slices.Equal(got, c.want) {
			t.Errorf("madvFreeEnv(%q) = %q, %v; want %q, %v", c.in, got, again, c.want, c.again)
		}
		if again {
			// The process started again must not start itself once more.
			if _, more := madvFreeEnv(got); more {
				t.Errorf("madvFreeEnv(%q) would start the command again", got)
			}
		}
	}
}
