package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"
	"unsafe"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

func main() {
	var (
		mb     = flag.Int("mb", 100, "size of each EI file in megabytes (10^6 bytes)")
		rounds = flag.Int("rounds", 5, "rounds; every contender runs once per round (several passes when one is shorter than 100 ms); medians over the rounds are printed")
		cores  = flag.Int("cores", runtime.NumCPU(), "GOMAXPROCS of the parallel validation")
		shared = flag.String("shared", "", "the shared reference directory (default: ../shared beside the repository, or $ZORGBERICHT_SHARED)")
		only   = flag.String("only", "", "run only the files whose name contains this (\"official\", \"MZ301\", \"VSB\", …)")
	)
	flag.Parse()
	madvFree()
	if err := run(os.Stdout, *mb, *rounds, *cores, *shared, *only); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// madvFree starts the command again with GODEBUG madvdontneed=0 (see the package doc)
// unless GODEBUG names madvdontneed; it returns when it does not (or cannot).
func madvFree() {
	env, again := madvFreeEnv(os.Environ())
	if !again {
		return
	}
	exe, err := os.Executable()
	if err == nil {
		err = syscall.Exec(exe, os.Args, env) // returns only when it fails
	}
	fmt.Fprintln(os.Stderr, "bench: running with the runtime's default madvdontneed:", err)
}

// madvFreeEnv returns environ with madvdontneed=0 added to GODEBUG, and whether it added
// it: not when GODEBUG names madvdontneed already. GODEBUG is given once, at the end: of
// two variables of one name the first counts.
func madvFreeEnv(environ []string) (env []string, added bool) {
	godebug := ""
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "GODEBUG="); ok {
			godebug = v
			break
		}
	}
	for _, setting := range strings.Split(godebug, ",") {
		if strings.HasPrefix(strings.TrimSpace(setting), "madvdontneed=") {
			return environ, false
		}
	}
	if godebug != "" {
		godebug += ","
	}
	env = slices.DeleteFunc(slices.Clone(environ), func(kv string) bool { return strings.HasPrefix(kv, "GODEBUG=") })
	return append(env, "GODEBUG="+godebug+"madvdontneed=0"), true
}

func run(out io.Writer, mb, rounds, cores int, shared, only string) error {
	if mb < 1 || rounds < 1 || cores < 1 {
		return errors.New("-mb, -rounds and -cores must be at least 1")
	}
	size := mb * 1_000_000
	fmt.Fprintf(out, "zorgbericht bench: %s %s/%s, %d cores (parallel runs use %d), %d rounds, go-fixedwidth %s\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cores, rounds, depVersion("github.com/ianlopshire/go-fixedwidth"))
	fmt.Fprintf(out, "started %s, load average %s, GODEBUG=%s\n", time.Now().UTC().Format(time.RFC3339), loadAverage(), os.Getenv("GODEBUG"))
	defer func() {
		fmt.Fprintf(out, "\nended %s, load average %s\n", time.Now().UTC().Format(time.RFC3339), loadAverage())
	}()

	var files []*input
	if path, ok := basisbestand(shared); ok {
		f, err := officialFile(path, size)
		if err != nil {
			return err
		}
		files = append(files, f)
	} else {
		fmt.Fprintf(out, "\nofficial file: %s not found, skipped\n", path)
	}
	for _, g := range []struct {
		name  string
		write func(io.Writer, eitest.Options) error
		per   int // bytes per verzekerde
	}{{"generated GZ321 (internal/eitest)", eitest.WriteGZ321, 7 * 312}, {"generated MZ301 (internal/eitest)", eitest.WriteMZ301, 4 * 312}} {
		var buf bytes.Buffer
		if err := g.write(&buf, eitest.Options{Verzekerden: max(1, size/g.per)}); err != nil {
			return fmt.Errorf("%s: %w", g.name, err)
		}
		f, err := newInput(g.name, buf.Bytes())
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	var copies *hostCopy
	if cores > 1 {
		var err error
		if copies, err = newHostCopy(cores); err != nil {
			return err
		}
	}
	for _, f := range files {
		if only != "" && !strings.Contains(f.name, only) {
			continue
		}
		if err := measure(out, f, rounds, cores, copies); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if only == "" || strings.Contains("VSB facturatiebestand", only) {
		if err := measureVSB(out, size, rounds); err != nil {
			return fmt.Errorf("vsb: %w", err)
		}
	}
	return nil
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes (/proc/loadavg), or
// "unknown": the figures of a shared machine mean little without it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

// depVersion is the version of a dependency as built into this binary.
func depVersion(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return "(unknown)"
}

// basisbestand finds the official Vektis GZ321 base file.
func basisbestand(shared string) (string, bool) {
	if shared == "" {
		shared = os.Getenv("ZORGBERICHT_SHARED")
	}
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared") // examples/bench → beside the repository
	}
	p := filepath.Join(shared, "vektis", "rbc-gz321", "GZ321-basisbestand-correct.ASC")
	_, err := os.Stat(p)
	return p, err == nil
}

// officialFile grows the official base file to about size bytes: its 01, its body (every
// record between 01 and 99) repeated, and a 99, written by ei.Writer (which numbers the
// detail records and fills the 99's counts and totals), with the base file's LF breaks.
// The reference numbers (referentienummer dit …record and voorgaande gerelateerde …record)
// get a suffix per repetition, the same in both, so that they stay unique in the file and
// the grown file is as valid as the base file.
func officialFile(path string, size int) (*input, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := ei.ReadFile(bytes.NewReader(src), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	std := f.Standard
	layouts := map[string]*record.Layout{}
	for _, l := range std.Records() {
		layouts[l.Code()] = l
	}
	lines := strings.Split(strings.TrimRight(string(src), "\r\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	var buf bytes.Buffer
	buf.Grow(size + len(src))
	w := ei.NewWriter(&buf, std, ei.WriterOptions{LF: true})
	write := func(line string) error {
		rec, err := ei.ParseRecord(std, line)
		if err != nil {
			return err
		}
		return w.Write(rec)
	}
	if err := write(lines[0]); err != nil {
		return nil, err
	}
	body := lines[1 : len(lines)-1]
	for rep := 0; buf.Len() < size; rep++ {
		suffix := "." + strconv.FormatInt(int64(rep), 36)
		for _, line := range body {
			if rep > 0 {
				if line, err = renumberReferences(line, layouts[line[:2]], suffix); err != nil {
					return nil, err
				}
			}
			if err := write(line); err != nil {
				return nil, err
			}
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return newInput("official GZ321 content (Vektis basisbestand, body repeated)", buf.Bytes())
}

// renumberReferences appends suffix to the non-blank reference numbers of line.
func renumberReferences(line string, l *record.Layout, suffix string) (string, error) {
	if l == nil {
		return line, nil
	}
	b := []byte(line)
	for _, f := range l.Fields() {
		if f.Role != record.RoleReference && f.Role != record.RoleRelatedRef {
			continue
		}
		v := strings.TrimRight(line[f.Start-1:f.End], " ")
		if v == "" {
			continue
		}
		v += suffix
		if len(v) > f.Length {
			return "", fmt.Errorf("reference %q does not fit field %s", v, f.Number)
		}
		copy(b[f.Start-1:f.End], v+strings.Repeat(" ", f.Length-len(v)))
	}
	return string(b), nil
}

// input is one file and what the contenders need of it.
type input struct {
	name    string
	data    []byte
	records int
	std     *record.Standard
	decoder *fixedDecoder
	// outcomes rejects every tenth prestatie, for return building.
	outcomes retour.Outcomes

	serialFindings, parallelFindings []validate.Finding // of the last validations
}

func newInput(name string, data []byte) (*input, error) {
	in := &input{name: name, data: data, records: bytes.Count(data, []byte("\n"))}
	decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	in.std = decl.Standard
	in.decoder = newFixedDecoder(in.std)
	n := 0
	for _, v := range decl.Verzekerden {
		for _, p := range v.Prestaties {
			if d, ok := p.Record.(record.Detail); ok {
				if n++; n%10 == 0 {
					in.outcomes.Reject(retour.Key{Record: record.CodePrestatie, ID: d.DetailID()}, "0586")
				}
			}
		}
	}
	return in, nil
}

// contender is one way of doing a job on the file; run returns an error when it failed.
type contender struct {
	key   string // short name, for -bench
	name  string
	cores int // GOMAXPROCS while it runs
	run   func() error
	// machine: not a contender but a check of the host (hostLoop): left out of the
	// table, printed as the host's scaling.
	machine bool
	// passes: how many times a measured run runs it (calibrate), so that a run lasts
	// at least minRun; the times, CPU and allocations kept are per pass.
	passes int

	times  []time.Duration
	cpu    []time.Duration // process CPU time (user + system)
	allocs []uint64
	// faults: the process's minor page faults, per pass. Memory the Go runtime has
	// returned to the operating system (its scavenger) costs a fault per page when it is
	// used again; a round with thousands of them is slower for that alone.
	faults []int64
}

// usage is the CPU time the process has used (user and system) and its minor page faults.
func usage() (cpu time.Duration, faults int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Minflt
}

// minRun is the shortest measured run: a pass of a few milliseconds (a line scan of 100
// MB takes 8) is at the mercy of one hiccup of a shared machine, so short contenders
// run several passes in a row and their time is divided by the passes.
const minRun = 100 * time.Millisecond

// calibrate runs c twice, unmeasured (the first run warms the caches and the heap up;
// the second is timed), and sets its passes so that a measured run lasts at least
// minRun.
func (c *contender) calibrate() error {
	runtime.GOMAXPROCS(c.cores)
	if err := c.run(); err != nil {
		return err
	}
	runtime.GC()
	start := time.Now()
	if err := c.run(); err != nil {
		return err
	}
	d := max(time.Since(start), time.Microsecond)
	c.passes = int(min(1000, (minRun+d-1)/d))
	return nil
}

// once runs c's passes after a collection and records the duration, CPU time and
// allocations of one pass.
func (c *contender) once() error {
	passes := max(c.passes, 1)
	runtime.GOMAXPROCS(c.cores)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu, faults := usage()
	start := time.Now()
	var err error
	for range passes {
		if err = c.run(); err != nil {
			break
		}
	}
	d := time.Since(start)
	cpu1, faults1 := usage()
	runtime.ReadMemStats(&after)
	c.times = append(c.times, d/time.Duration(passes))
	c.cpu = append(c.cpu, (cpu1-cpu)/time.Duration(passes))
	c.allocs = append(c.allocs, (after.Mallocs-before.Mallocs)/uint64(passes))
	c.faults = append(c.faults, (faults1-faults)/int64(passes))
	return err
}

// pairedRatio is how many times faster a ran than b: the median over the rounds of the
// ratio of b's time to a's time in the same round, with the lowest and highest of those
// ratios. A ratio of two runs close together in time is not moved by the machine's speed
// drifting from one round to the next, which a ratio of the two medians is.
func pairedRatio(a, b []time.Duration) (med, lo, hi float64) {
	n := min(len(a), len(b))
	if n == 0 {
		return 0, 0, 0
	}
	r := make([]float64, n)
	for i := range n {
		r[i] = float64(b[i]) / float64(max(a[i], 1))
	}
	slices.Sort(r)
	return r[n/2], r[0], r[n-1]
}

func median[T cmp.Ordered](v []T) T {
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

func (c *contender) median() (time.Duration, uint64) {
	return median(c.times), median(c.allocs)
}

// tableHeader heads the contenders' table (tab-separated, for a tabwriter); printRow
// prints a contender's row under it for a file of the given bytes and records.
const tableHeader = "contender\tcores\tpasses\tmedian\tMB/s\tMB/CPU-s\tallocs/record\tpage faults/pass (most)\t"

func (c *contender) printRow(w io.Writer, bytes, records int) {
	d, a := c.median()
	fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%.0f\t%.0f\t%.3f\t%d (%d)\t\n", c.name, c.cores, c.passes, d.Round(time.Millisecond),
		c.mbps(bytes), c.cpuMBps(bytes), float64(a)/float64(records), median(c.faults), slices.Max(c.faults))
}

// mbps is the throughput of the median wall-clock time.
func (c *contender) mbps(bytes int) float64 {
	return float64(bytes) / 1e6 / median(c.times).Seconds()
}

// cpuMBps is the throughput of the median CPU time: megabytes per second of CPU. On a
// machine shared with other work it is steadier than mbps for the one-core contenders
// (time spent waiting for a core does not count).
func (c *contender) cpuMBps(bytes int) float64 {
	return float64(bytes) / 1e6 / median(c.cpu).Seconds()
}

// contenders are the jobs run on an EI file, in the order they run in a round.
func contenders(in *input, cores int) []*contender {
	ctx := context.Background()
	today := civil.NewDate(2026, 1, 1)
	validateRun := func(workers int, keep *[]validate.Finding) func() error {
		return func() error {
			rep, err := validate.File(ctx, bytes.NewReader(in.data), validate.Options{Registry: standards.Registry(), Today: today, Workers: workers})
			if err != nil {
				return err
			}
			*keep = rep.Findings
			return nil
		}
	}
	build := func(role retour.Role) func() error {
		return func() error {
			_, err := retour.Stream(ctx, io.Discard, bytes.NewReader(in.data), in.outcomes,
				retour.Options{Role: role, Registry: standards.Registry(), Dagtekening: today, Referentie: "BENCH"})
			return err
		}
	}
	reader := func(reuse bool) func() error {
		return func() error {
			r := ei.NewReader(bytes.NewReader(in.data), ei.ReaderOptions{Standard: in.std, ReuseRecord: reuse})
			for _, err := range r.All() {
				if err != nil {
					return err
				}
			}
			return nil
		}
	}
	all := []*contender{
		{key: "scan", name: "line scan (bufio.Scanner)", cores: 1, run: func() error {
			sc := bufio.NewScanner(bytes.NewReader(in.data))
			n := 0
			for sc.Scan() {
				n += len(sc.Bytes())
			}
			if n == 0 {
				return errors.New("no lines")
			}
			return sc.Err()
		}},
		{key: "go-fixedwidth", name: "go-fixedwidth " + depVersion("github.com/ianlopshire/go-fixedwidth"), cores: 1, run: func() error {
			sc := bufio.NewScanner(bytes.NewReader(in.data))
			for sc.Scan() {
				if _, err := in.decoder.decode(bytes.TrimSuffix(sc.Bytes(), []byte("\r"))); err != nil {
					return err
				}
			}
			return sc.Err()
		}},
		{key: "read", name: "ei.Reader", cores: 1, run: reader(false)},
		{key: "read-reuse", name: "ei.Reader ReuseRecord", cores: 1, run: reader(true)},
		{key: "validate-serial", name: "validate.File N1-N5 serial", cores: 1, run: validateRun(1, &in.serialFindings)},
		{key: "validate-workers", name: fmt.Sprintf("validate.File N1-N5 workers (%d cores)", cores), cores: cores, run: validateRun(-1, &in.parallelFindings)},
	}
	if cores > 1 {
		// The control of the parallel ratio: the serial validation on every core at once,
		// each on the whole file: what these cores give this very work in the round (cores
		// × the serial run's time over its time: 2 on two whole cores), as the register
		// loop tells it for work in registers. A host that slows one core down (another
		// guest on the same physical core) slows it as it slows the parallel run, which
		// the register loop does not show (BENCHMARKS.md, the twenty-fourth round).
		all = append(all, &contender{key: "validate-serial-each", name: fmt.Sprintf("validate.File N1-N5 serial, %d at once", cores), cores: cores, machine: true,
			run: func() error {
				errs := make(chan error, cores)
				for range cores {
					go func() {
						var keep []validate.Finding
						errs <- validateRun(1, &keep)()
					}()
				}
				var err error
				for range cores {
					err = errors.Join(err, <-errs)
				}
				return err
			}})
	}
	if _, ok := standards.Registry().ReturnOf(in.std); ok {
		all = append(all,
			&contender{key: "return-insurer", name: "return: retour.Stream (insurer)", cores: 1, run: build(retour.Insurer)},
			&contender{key: "return-portal", name: "return: retour.Stream (portal)", cores: 1, run: build(retour.Portal)})
	}
	return all
}

// machineChecks are the checks of the host run in every round beside the contenders;
// none when the parallel validation runs on one core (-cores 1).
func machineChecks(copies *hostCopy, cores int) []*contender {
	if copies == nil || cores < 2 {
		return nil
	}
	return []*contender{
		{key: "host-1", name: "register loop, 1 goroutine", cores: 1, machine: true, run: func() error { return hostLoop(1) }},
		{key: "host-n", name: fmt.Sprintf("register loop, %d goroutines", cores), cores: cores, machine: true, run: func() error { return hostLoop(cores) }},
		{key: "copy-1", name: "memory copy, 1 goroutine", cores: 1, machine: true, run: func() error { return copies.run(1) }},
		{key: "copy-n", name: fmt.Sprintf("memory copy, %d goroutines", cores), cores: cores, machine: true, run: func() error { return copies.run(cores) }},
		{key: "handover-1", name: "hand-over, 1 goroutine", cores: 1, machine: true, run: func() error { return copies.handOver(false) }},
		{key: "handover-2", name: "hand-over, 2 goroutines", cores: 2, machine: true, run: func() error { return copies.handOver(true) }},
	}
}

func measure(out io.Writer, in *input, rounds, cores int, copies *hostCopy) error {
	all := append(contenders(in, cores), machineChecks(copies, cores)...)
	by := map[string]*contender{}
	for _, c := range all {
		by[c.key] = c
	}
	defer runtime.GOMAXPROCS(runtime.NumCPU())
	for _, c := range all {
		if err := c.calibrate(); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	for r := 0; r < rounds; r++ {
		order := all
		if r%2 == 1 {
			// Every other round runs the contenders in the reverse order, so that a
			// machine that speeds up or slows down during a round favours none of them.
			order = slices.Clone(all)
			slices.Reverse(order)
		}
		for _, c := range order {
			if err := c.once(); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
		if r == 0 && !slices.Equal(findingKeys(in.serialFindings), findingKeys(in.parallelFindings)) {
			return fmt.Errorf("the parallel run's findings differ from the serial run's (%d against %d)", len(in.parallelFindings), len(in.serialFindings))
		}
	}

	fmt.Fprintf(out, "\n== %s: %.1f MB, %d records, %s; validation findings %d (serial = parallel); load average %s\n",
		in.name, float64(len(in.data))/1e6, in.records, in.std.ID(), len(in.serialFindings), loadAverage())
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, tableHeader)
	for _, c := range all {
		if !c.machine {
			c.printRow(tw, len(in.data), in.records)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	ratio := func(what, a, b string, target float64) {
		v, lo, hi := pairedRatio(by[a].times, by[b].times)
		verdict := "PASS"
		if v < target {
			verdict = "MISS"
		}
		cpu := "-"
		if by[a].cores == 1 && by[b].cores == 1 {
			c, _, _ := pairedRatio(by[a].cpu, by[b].cpu)
			cpu = fmt.Sprintf("%.3f", c)
		}
		old := by[a].mbps(len(in.data)) / by[b].mbps(len(in.data))
		fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7.3f  (target ≥ %.3g: %s)\n", what, v, cpu, lo, hi, old, target, verdict)
	}
	fmt.Fprintf(out, "ratios (median of the rounds' ratios)        %18s %7s %15s %7s\n", "wall", "CPU", "rounds' range", "medians")
	ratio("ei.Reader / go-fixedwidth", "read", "go-fixedwidth", 12)
	ratio("ei.Reader ReuseRecord / go-fixedwidth", "read-reuse", "go-fixedwidth", 12)
	ratio("ei.Reader / line scan", "read", "scan", 0.1)
	ratio("validate serial / go-fixedwidth", "validate-serial", "go-fixedwidth", 4)
	ratio(fmt.Sprintf("validate workers (%d cores) / serial (1 core)", cores), "validate-workers", "validate-serial", 1.85)
	if cores > 1 {
		// The parallel ratio taken apart, per round: the cores the parallel run kept busy
		// (its CPU time over its wall time) and its CPU time over the serial run's (the
		// extra work of running in parallel, as CPU time measures it on a shared host: it
		// ranged 0.85-1.11 in one run). The ratio is about the first over the second: a
		// miss with few cores busy is time the run did not get or did not use, a miss with
		// much extra CPU is work.
		p, s := by["validate-workers"], by["validate-serial"]
		v, lo, hi := pairedRatio(p.times, p.cpu)
		fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (not a target: %d is every core busy all the time)\n",
			"validate workers: cores busy (CPU / wall)", v, "-", lo, hi, "", cores)
		v, lo, hi = pairedRatio(s.cpu, p.cpu)
		fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (not a target: the parallel run's extra CPU time)\n",
			"validate workers: CPU / serial CPU", v, "-", lo, hi, "")
		if each := by["validate-serial-each"]; each != nil {
			// What the host gave this work in the same rounds, and the parallel run's share
			// of it, per round: its ratio over the control's.
			n := float64(cores)
			v, lo, hi = pairedRatio(each.times, s.times)
			fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (the machine, not a target: %d is %d whole cores for this work)\n",
				fmt.Sprintf("host: %d serial validations at once / 1 alone", cores), n*v, "-", n*lo, n*hi, "", cores, cores)
			v, lo, hi = pairedRatio(p.times, each.times)
			fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (not a target: 1 is all the host gave)\n",
				"validate workers: ratio / the line above", v/n, "-", lo/n, hi/n, "")
		}
	}
	if by["host-n"] != nil {
		// What the host gave in the same rounds: n goroutines each doing the one
		// goroutine's work, in registers (no memory), at GOMAXPROCS n. n is n whole cores.
		v, lo, hi := pairedRatio(by["host-n"].times, by["host-1"].times)
		n := float64(cores)
		fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (the machine, not a target: %d is %d whole cores)\n",
			fmt.Sprintf("host: register loop on %d cores / 1 core", cores), n*v, "-", n*lo, n*hi, "", cores, cores)
		v, lo, hi = pairedRatio(by["copy-n"].times, by["copy-1"].times)
		fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (the machine, not a target: the memory the cores share)\n",
			fmt.Sprintf("host: memory copy on %d cores / 1 core", cores), n*v, "-", n*lo, n*hi, "")
		v, lo, hi = pairedRatio(by["handover-2"].times, by["handover-1"].times)
		fmt.Fprintf(out, "  %-52s %7.3f %7s %7.3f–%-7.3f %7s  (the machine, not a target: 2 is memory written on one core read on the other as on one)\n",
			"host: hand-over between 2 cores / on 1 core", v, "-", lo, hi, "")
	}
	if by["return-insurer"] != nil {
		ratio("return insurer / go-fixedwidth (300 MB/s at 105)", "return-insurer", "go-fixedwidth", 300.0/105)
		ratio("return portal / go-fixedwidth (300 MB/s at 105)", "return-portal", "go-fixedwidth", 300.0/105)
	} else {
		fmt.Fprintf(out, "  (no return standard for %s: no return built)\n", in.std.ID())
	}
	return nil
}

// hostLoop runs n goroutines, each spinning hostSpins rounds of a generator in
// registers, and returns when all are done: at GOMAXPROCS n on n idle cores it takes as
// long as one goroutine alone. It tells how many cores the host gave the process in the
// rounds the parallel validation ran in (a virtual machine's cores are shared).
func hostLoop(n int) error {
	done := make(chan uint64, n)
	for range n {
		go func() {
			x := uint64(1)
			for range hostSpins {
				x = x*6364136223846793005 + 1442695040888963407
				x ^= x >> 17
			}
			done <- x
		}()
	}
	var sum uint64
	for range n {
		sum |= <-done
	}
	if sum == 0 {
		return errors.New("register loop: no result")
	}
	return nil
}

// hostSpins is about 0.1 s of one core.
const hostSpins = 60_000_000

// hostCopy copies, on each of n goroutines, a buffer of its own larger than the
// machine's caches into another, hostCopies times: the memory traffic of a validation
// (the input read, the scanner's blocks written) without its work. At GOMAXPROCS n it
// takes as long as one goroutine alone when the memory keeps up with n cores.
type hostCopy struct {
	src, dst [][]byte
	ring     [][]uint64 // the buffers of handOver
}

const (
	hostCopySize = 64 << 20
	hostCopies   = 4
)

// newHostCopy maps the buffers outside the Go heap, so that they move neither the
// garbage collector's pace nor the heap the other contenders allocate from.
func newHostCopy(n int) (*hostCopy, error) {
	h := &hostCopy{src: make([][]byte, n), dst: make([][]byte, n)}
	for i := range n {
		for _, b := range []*[]byte{&h.src[i], &h.dst[i]} {
			m, err := syscall.Mmap(-1, 0, hostCopySize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
			if err != nil {
				return nil, fmt.Errorf("memory copy: %w", err)
			}
			for j := range m { // touched once, so that no run pays the first page faults
				m[j] = byte(j)
			}
			*b = m
		}
	}
	m, err := syscall.Mmap(-1, 0, handOverRing*handOverSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil, fmt.Errorf("hand-over: %w", err)
	}
	words := unsafe.Slice((*uint64)(unsafe.Pointer(&m[0])), len(m)/8)
	for i := range handOverRing {
		b := words[i*handOverSize/8 : (i+1)*handOverSize/8 : (i+1)*handOverSize/8]
		clear(b) // touched once, as the copy's buffers
		h.ring = append(h.ring, b)
	}
	return h, nil
}

func (h *hostCopy) run(n int) error {
	done := make(chan struct{}, n)
	for i := range n {
		go func() {
			for range hostCopies {
				copy(h.dst[i], h.src[i])
			}
			done <- struct{}{}
		}()
	}
	for range n {
		<-done
	}
	return nil
}

// handOver passes buffers of a chunk's size (256 KiB, a parallel validation's) from a
// goroutine that writes them to one that reads them, handOvers of them through a ring of
// handOverRing, as the parallel validation's worker hands the marks of a chunk to the
// file-order pass; without cross, one goroutine writes and reads each in turn. With cross,
// at GOMAXPROCS 2, the two overlap: it takes half as long as one goroutine when a line
// written on one core is read on the other as fast as on the same core. On this project's
// machines (7 December 2026) it was 0.93-1.5 in quiet rounds (the host's placement moved
// it between the two) and 0.16-0.28 in the bad rounds in which the parallel validation
// missed its target furthest: its worker hands over every chunk's marks and text so
// (BENCHMARKS.md, the twenty-third round).
func (h *hostCopy) handOver(cross bool) error {
	ring := h.ring
	sum := func(b []uint64) (s uint64) {
		for _, v := range b {
			s += v
		}
		return s
	}
	fill := func(b []uint64, r int) {
		for j := range b {
			b[j] = uint64(r + j)
		}
	}
	var got uint64
	if !cross {
		for r := range handOvers {
			b := ring[r%len(ring)]
			fill(b, r)
			got += sum(b)
		}
	} else {
		// ready[i] holds r+1 once buffer i holds hand-over r, and -(r+1) once it was read.
		var ready [handOverRing]struct {
			atomic.Int64
			_ [56]byte // a cache line each
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for r := range handOvers {
				i := r % len(ring)
				for r >= len(ring) && ready[i].Load() != -int64(r-len(ring)+1) {
				}
				fill(ring[i], r)
				ready[i].Store(int64(r + 1))
			}
		}()
		for r := range handOvers {
			i := r % len(ring)
			for ready[i].Load() != int64(r+1) {
			}
			got += sum(ring[i])
			ready[i].Store(-int64(r + 1))
		}
		<-done
	}
	// Each buffer holds r, r+1, …: the sums are known.
	var want uint64
	n := uint64(len(ring[0]))
	for r := range uint64(handOvers) {
		want += n*r + n*(n-1)/2
	}
	if got != want {
		return fmt.Errorf("hand-over: read %d, want %d", got, want)
	}
	return nil
}

const (
	handOverSize = 256 << 10
	handOverRing = 8
	handOvers    = 200
)

// findingKeys makes findings comparable.
func findingKeys(fs []validate.Finding) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = fmt.Sprintf("%+v", f)
	}
	return keys
}
