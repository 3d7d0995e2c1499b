package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// outcome is everything a run tells: the findings in the order they were yielded, the
// lines read, the cap flag, the standard and the error.
type outcome struct {
	Findings  []Finding
	Lines     int
	Truncated bool
	Standard  string
	Err       error
}

// unsized reads data without saying its size: with workers the parallel run runs even on
// a file of one chunk (oneChunk would check it serially), so that its machinery is what
// the tests test.
func unsized(data []byte) io.Reader { return struct{ io.Reader }{bytes.NewReader(data)} }

// atOnly reads data at offsets (a positioned source: the parallel run reads its chunks
// apart), without saying its size (as unsized).
func atOnly(data []byte) io.Reader {
	r := bytes.NewReader(data)
	return struct {
		io.Reader
		io.ReaderAt
		io.Seeker
	}{r, r, r}
}

func runWith(t *testing.T, data []byte, opts Options, chunk int) outcome {
	t.Helper()
	return runAhead(t, data, opts, chunk, aheadAlways)
}

// runAhead is runWith with the workers running the local hooks ahead as policy says.
func runAhead(t *testing.T, data []byte, opts Options, chunk int, policy aheadPolicy) outcome {
	t.Helper()
	return runFrom(t, unsized(data), opts, chunk, policy)
}

// runFrom is runAhead on the source r.
func runFrom(t *testing.T, r io.Reader, opts Options, chunk int, policy aheadPolicy) outcome {
	t.Helper()
	return runPath(t, r, opts, chunk, policy, serialBySize)
}

// runPath is runFrom with a serial run (opts.Workers 0 or 1) reading r as serial says.
func runPath(t *testing.T, r io.Reader, opts Options, chunk int, policy aheadPolicy, serial serialPath) outcome {
	t.Helper()
	v := New(r, opts)
	v.chunk, v.ahead, v.serial = chunk, policy, serial
	var o outcome
	for f := range v.Findings(context.Background()) {
		o.Findings = append(o.Findings, f)
	}
	o.Lines, o.Truncated, o.Err = v.Lines(), v.Truncated(), v.Err()
	if s := v.Standard(); s != nil {
		o.Standard = s.ID()
	}
	return o
}

// The ways a run reads its file: as a sequential source (unsized), as a positioned one
// (atOnly: chunks read apart, at offsets) and in place (a bytes.Reader: inplace.Read).
const (
	inTurn = iota
	atOffsets
	inPlace
)

var readWays = [...]string{inTurn: "in turn", atOffsets: "at offsets", inPlace: "in place"}

// sourceFor returns data as a source read the way how.
func sourceFor(data []byte, how int) io.Reader {
	switch how {
	case atOffsets:
		return atOnly(data)
	case inPlace:
		return bytes.NewReader(data)
	}
	return unsized(data)
}

// sameAsSerial requires every parallel run of data (several worker counts and chunk
// sizes) and the serial run a chunk at a time (serialChunks) to give exactly the outcome
// of the serial run a line at a time, and the serial run in place that of the serial run
// in turn. The full matrix (testlevel) runs every worker count with every chunk size;
// the default run each worker count once, with each chunk size once; -short one run,
// with the local hooks run ahead on every chunk. The runs take the ahead policies in turn
// (aheadPolicy: always, workers, adaptive, never), and read the file in turn (unsized), at
// offsets (atOnly) and in place (a bytes.Reader: a file of one chunk is checked serially
// then); the full matrix reads it the three ways on every run. A run of one worker is the
// serial run a chunk at a time.
func sameAsSerial(t *testing.T, name string, data []byte, opts Options) {
	t.Helper()
	opts.Workers = 1
	want := runPath(t, unsized(data), opts, 0, aheadAlways, serialLines)
	if got := runFrom(t, bytes.NewReader(data), opts, 0, aheadAlways); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the serial run in place differs from the serial run in turn:\n%s", name, diffOutcome(got, want))
		return
	}
	type run struct {
		workers, chunk, how int
	}
	var runs []run
	switch {
	case testing.Short():
		runs = []run{{3, 8 << 10, inPlace}, {1, 8 << 10, atOffsets}}
	case !testlevel.Full():
		runs = []run{{3, 8 << 10, atOffsets}, {2, 0, inTurn}, {8, 21_000, inPlace}, {2, 8 << 10, inTurn}, {3, 8 << 10, inPlace},
			{1, 8 << 10, inTurn}, {1, 21_000, atOffsets}, {1, 8 << 10, inPlace}}
	default:
		for _, workers := range []int{1, 2, 3, 8} {
			for _, chunk := range []int{0, 8 << 10, 21_000} {
				for how := range readWays {
					runs = append(runs, run{workers, chunk, how})
				}
			}
		}
	}
	policies := []aheadPolicy{aheadAlways, aheadQueued, aheadWorkers, aheadAdaptive, aheadNever}
	for i, r := range runs {
		opts.Workers = r.workers
		policy := policies[i%len(policies)]
		got := runPath(t, sourceFor(data, r.how), opts, r.chunk, policy, serialChunks)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s, %d workers, chunks of %d read %s, ahead policy %d: the parallel run differs from the serial one:\n%s", name, r.workers, r.chunk, readWays[r.how], policy, diffOutcome(got, want))
			return
		}
	}
}

func diffOutcome(got, want outcome) string {
	var b strings.Builder
	if got.Lines != want.Lines || got.Truncated != want.Truncated || got.Standard != want.Standard || !errors.Is(got.Err, want.Err) {
		fmt.Fprintf(&b, "lines %d truncated %v standard %s err %v; serial: lines %d truncated %v standard %s err %v\n",
			got.Lines, got.Truncated, got.Standard, got.Err, want.Lines, want.Truncated, want.Standard, want.Err)
	}
	fmt.Fprintf(&b, "%d findings, serial %d\n", len(got.Findings), len(want.Findings))
	for i := range max(len(got.Findings), len(want.Findings)) {
		var g, w Finding
		if i < len(got.Findings) {
			g = got.Findings[i]
		}
		if i < len(want.Findings) {
			w = want.Findings[i]
		}
		if !reflect.DeepEqual(g, w) {
			fmt.Fprintf(&b, "first difference at %d:\n  parallel %+v\n  serial   %+v\n", i, g, w)
			break
		}
	}
	return b.String()
}

// optionVariants are the options every file is run with: no cap, the default cap, small
// caps, fail-fast, some levels only, rules switched off or made warnings.
var optionVariants = []struct {
	name string
	opts Options
}{
	{"all", Options{Registry: standards.Registry(), MaxFindings: -1}},
	{"default", Options{Registry: standards.Registry()}},
	{"max1", Options{Registry: standards.Registry(), MaxFindings: 1}},
	{"max7", Options{Registry: standards.Registry(), MaxFindings: 7}},
	{"max60", Options{Registry: standards.Registry(), MaxFindings: 60}},
	{"failfast", Options{Registry: standards.Registry(), FailFast: true, MaxFindings: -1}},
	{"N3N4", Options{Registry: standards.Registry(), Levels: Levels(N3, N4), MaxFindings: -1}},
	{"N2N5", Options{Registry: standards.Registry(), Levels: Levels(N2, N5), MaxFindings: 25}},
	{"off", Options{Registry: standards.Registry(), Disable: []string{"N5-UNIQUE"}, Warn: []string{"N5-PARENT"}, MaxFindings: -1}},
}

func TestParallelSameAsSerialProjectFiles(t *testing.T) {
	for _, name := range []string{"gz321-synthetic.txt", "mz301-synthetic.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range optionVariants {
			v.opts.Today = benchToday
			sameAsSerial(t, name+"/"+v.name, data, v.opts)
		}
	}
}

// TestParallelLineEnds: files whose lines end in other ways than the synthetic ones do
// (LF only, no break after the last line, a line too long for a record in the middle,
// at the end, or in the first chunk) give the serial run's outcome: the parallel run
// cuts its chunks into lines apart from the serial scanner (linecut), and ends where it
// ends.
func TestParallelLineEnds(t *testing.T) {
	var buf bytes.Buffer
	if err := eitest.WriteGZ321(&buf, eitest.Options{Verzekerden: 40}); err != nil {
		t.Fatal(err)
	}
	data := buf.String()
	lines := strings.SplitAfter(data, "\n")
	joined := func(from, to int) string { // lines from..to-1 as one line
		var b strings.Builder
		for _, l := range lines[from:to] {
			b.WriteString(strings.TrimRight(l, "\r\n"))
		}
		b.WriteString("\r\n")
		return b.String()
	}
	long := len(lines) / 2
	n := ei.MaxLineLength/300 + 2 // lines that make one longer than a record may be
	for _, tc := range []struct {
		name string
		data string
	}{
		{"LF", strings.ReplaceAll(data, "\r\n", "\n")},
		{"no final break", strings.TrimRight(data, "\r\n")},
		{"too long in the middle", strings.Join(lines[:long], "") + joined(long, long+n) + strings.Join(lines[long+n:], "")},
		{"too long at the end", strings.Join(lines[:len(lines)-n-1], "") + strings.TrimRight(joined(len(lines)-n-1, len(lines)), "\r\n")},
		{"too long at the start", joined(0, n) + strings.Join(lines[n:], "")},
	} {
		for _, v := range []int{0, 5} {
			opts := optionVariants[v].opts
			opts.Today = benchToday
			sameAsSerial(t, tc.name+"/"+optionVariants[v].name, []byte(tc.data), opts)
		}
	}
}

func TestParallelSameAsSerialVektisRBC(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	names, _ := filepath.Glob(filepath.Join(dir, "visible", "*"))
	// Every Vektis test file in the full run; every fifth (of every level: they are named
	// by level and condition) by default.
	names = testlevel.Sample(names, 5)
	names = append(names, filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
	today := civil.NewDate(2016, 1, 1) // the Vektis files are dated 2014-2015
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []int{0, 2, 5} {
			opts := optionVariants[v].opts
			opts.Today = today
			sameAsSerial(t, filepath.Base(name)+"/"+optionVariants[v].name, data, opts)
		}
	}
}

// TestParallelSameAsSerialLarge generates files with faults of every level sprinkled
// through them, many at chunk boundaries (chunks of 8 KiB hold 26 records).
func TestParallelSameAsSerialLarge(t *testing.T) {
	gz, mz := generated(t, "GZ321", 400), generated(t, "MZ301", 500)
	seeds := uint64(testlevel.Pick(4, 1))
	for seed := range seeds {
		for _, f := range []struct {
			name string
			data []byte
		}{{"GZ321", gz}, {"MZ301", mz}} {
			data := sprinkle(f.data, seed, 40)
			for _, v := range optionVariants {
				v.opts.Today = benchToday
				sameAsSerial(t, fmt.Sprintf("%s seed %d/%s", f.name, seed, v.name), data, v.opts)
			}
		}
	}
	// Valid files, and some that are broken in their framing.
	sameAsSerial(t, "GZ321 valid", gz, Options{Registry: standards.Registry(), Today: benchToday})
	sameAsSerial(t, "MZ301 valid", mz, Options{Registry: standards.Registry(), Today: benchToday})
	noBreak := bytes.TrimRight(gz, "\r\n")
	sameAsSerial(t, "no break at the end", noBreak, Options{Registry: standards.Registry(), Today: benchToday})
	long := append(append(append([]byte(nil), gz[:100*314]...), bytes.Repeat([]byte("9"), 9000)...), gz[100*314:]...)
	sameAsSerial(t, "a line too long", long, Options{Registry: standards.Registry(), Today: benchToday})
	lf := bytes.ReplaceAll(gz, []byte("\r\n"), []byte("\n"))
	sameAsSerial(t, "LF", sprinkle(lf, 9, 20), Options{Registry: standards.Registry(), Today: benchToday})
	sameAsSerial(t, "starts with a 02", gz[314:], Options{Registry: standards.Registry(), Today: benchToday})
	sameAsSerial(t, "not EI", bytes.Repeat([]byte("hello world\n"), 5000), Options{Registry: standards.Registry(), Today: benchToday})
	sameAsSerial(t, "empty", nil, Options{Registry: standards.Registry(), Today: benchToday})
	bad := append([]byte(nil), gz...)
	copy(bad[2:9], "1x50100") // the version is not digits: the standard is chosen by the records
	sameAsSerial(t, "unclear standard", sprinkle(bad, 3, 10), Options{Registry: standards.Registry(), Today: benchToday})
}

func generated(t testing.TB, std string, n int) []byte {
	var buf bytes.Buffer
	write := eitest.WriteGZ321
	if std == "MZ301" {
		write = eitest.WriteMZ301
	}
	if err := write(&buf, eitest.Options{Verzekerden: n}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sprinkle returns data with n faults put in at random lines: a character changed (N3,
// N4, N5 faults), lines swapped, dropped, doubled, shortened or emptied (N2, N5).
func sprinkle(data []byte, seed uint64, n int) []byte {
	rnd := rand.New(rand.NewPCG(seed, 42))
	lines := bytes.SplitAfter(data, []byte("\n"))
	chars := []byte("0 9AZ-x\x01\xe9")
	for range n {
		if len(lines) < 4 {
			break
		}
		i := 1 + rnd.IntN(len(lines)-2)
		l := append([]byte(nil), lines[i]...)
		switch rnd.IntN(8) {
		case 0, 1, 2:
			if len(l) > 3 {
				l[rnd.IntN(len(l)-2)] = chars[rnd.IntN(len(chars))]
			}
			lines[i] = l
		case 3:
			lines[i], lines[i+1] = lines[i+1], lines[i]
		case 4:
			lines = append(lines[:i], lines[i+1:]...)
		case 5:
			lines = append(lines[:i+1], lines[i:]...)
		case 6:
			if len(l) > 10 {
				lines[i] = append(l[:len(l)-10:len(l)-10], "\r\n"...)
			}
		case 7:
			lines = append(lines[:i+1], append([][]byte{[]byte("\r\n")}, lines[i+1:]...)...)
		}
	}
	return bytes.Join(lines, nil)
}

// TestParallelCancel: cancelling the context stops the run and every goroutine it
// started.
func TestParallelCancel(t *testing.T) {
	data := generated(t, "GZ321", 2000)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfter{r: bytes.NewReader(data), n: 200 << 10, cancel: cancel}
	_, err := File(ctx, r, Options{Registry: standards.Registry(), Today: benchToday, Workers: 4})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after the run, %d before", g, before)
	}
}

// cancelAfter cancels after n bytes have been read.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n -= n; c.n <= 0 {
		c.cancel()
	}
	return n, err
}

// TestParallelReadError: a read error ends the parallel run as it ends the serial run.
func TestParallelReadError(t *testing.T) {
	data := generated(t, "GZ321", 300)
	boom := errors.New("boom")
	for _, workers := range []int{1, 2} {
		r := io.MultiReader(bytes.NewReader(data[:100_003]), iotestErr{boom})
		_, err := File(context.Background(), r, Options{Registry: standards.Registry(), Today: benchToday, Workers: workers})
		if !errors.Is(err, boom) {
			t.Errorf("%d workers: err = %v, want boom", workers, err)
		}
	}
}

// TestParallelReadErrorAt: a positioned source's read error ends the parallel run as the
// same error, at the same place, ends the serial run: the same findings, lines and error.
func TestParallelReadErrorAt(t *testing.T) {
	data := generated(t, "GZ321", 300)
	boom := errors.New("boom")
	opts := Options{Registry: standards.Registry(), Today: benchToday, Workers: 1}
	for _, at := range []int{0, 1, 100_003, 8 << 10, 3*(8<<10) - 1, len(data) - 1} {
		want := runFrom(t, io.MultiReader(bytes.NewReader(data[:at]), iotestErr{boom}), opts, 0, aheadAlways)
		if !errors.Is(want.Err, boom) {
			t.Fatalf("read error at %d: the serial run ends with %v", at, want.Err)
		}
		for _, workers := range []int{2, 3} {
			o := opts
			o.Workers = workers
			r := bytes.NewReader(data)
			src := struct {
				io.Reader
				io.ReaderAt
				io.Seeker
			}{r, failingAt{r, int64(at), boom}, r}
			got := runFrom(t, src, o, 8<<10, aheadWorkers)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read error at %d, %d workers: the parallel run differs from the serial one:\n%s", at, workers, diffOutcome(got, want))
			}
		}
	}
}

// failingAt cannot read the bytes of r from p on.
type failingAt struct {
	r   io.ReaderAt
	p   int64
	err error
}

func (f failingAt) ReadAt(b []byte, off int64) (int, error) {
	if off >= f.p {
		return 0, f.err
	}
	if off+int64(len(b)) > f.p {
		n, _ := f.r.ReadAt(b[:f.p-off], off)
		return n, f.err
	}
	return f.r.ReadAt(b, off)
}

// TestParallelPositionedSource: a positioned source is read from where it stands, its
// lines numbered from there as the serial run numbers them, and left after the last line.
//
// The file is cut after the first line that ends at or past a few offsets around the
// end of a part (8 KiB), so that its last part holds no line start, one, or a line that
// runs over the end of the part before.
func TestParallelPositionedSource(t *testing.T) {
	full := generated(t, "GZ321", 300)
	before := []byte("something else, read before\n0100 not this one\n")
	const part = 8 << 10
	for _, at := range []int{len(full), 3 * part, 3*part - 1, 3*part + 1, 3*part + 150} {
		cut := at
		if i := bytes.IndexByte(full[min(at, len(full)):], '\n'); i >= 0 {
			cut = at + i + 1
		}
		data := full[:cut]
		opts := Options{Registry: standards.Registry(), Today: benchToday, Workers: 1}
		want := runWith(t, data, opts, 0)
		r := bytes.NewReader(append(slices.Clip(before), data...))
		if _, err := r.Seek(int64(len(before)), io.SeekStart); err != nil {
			t.Fatal(err)
		}
		opts.Workers = 2
		got := runFrom(t, struct {
			io.Reader
			io.ReaderAt
			io.Seeker
		}{r, r, r}, opts, part, aheadWorkers)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d bytes: the parallel run of a source read from %d differs from the serial run:\n%s", len(data), len(before), diffOutcome(got, want))
		}
		if pos, _ := r.Seek(0, io.SeekCurrent); pos != int64(len(before)+len(data)) {
			t.Errorf("%d bytes: the source is left at %d, want its end, %d", len(data), pos, len(before)+len(data))
		}

		// In place (a bytes.Reader, a strings.Reader), serially and in parallel: from where
		// it stands, and left at its end.
		for _, workers := range []int{1, 2} {
			opts.Workers = workers
			for _, kind := range []string{"bytes.Reader", "strings.Reader"} {
				var src interface {
					io.Reader
					io.Seeker
				}
				if kind == "bytes.Reader" {
					src = bytes.NewReader(append(slices.Clip(before), data...))
				} else {
					src = strings.NewReader(string(before) + string(data))
				}
				src.Seek(int64(len(before)), io.SeekStart)
				got := runFrom(t, src, opts, part, aheadWorkers)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%d bytes, %d workers: the run in place of a %s read from %d differs from the serial run:\n%s", len(data), workers, kind, len(before), diffOutcome(got, want))
				}
				if pos, _ := src.Seek(0, io.SeekCurrent); pos != int64(len(before)+len(data)) {
					t.Errorf("%d bytes, %d workers: the %s is left at %d, want its end, %d", len(data), workers, kind, pos, len(before)+len(data))
				}
			}
		}
	}
}

// TestInPlaceFindingsOwnNothing: the findings of a file read in place from a bytes.Reader
// keep no part of its memory: changed after the run, the slice leaves the findings as
// they were (those of a run on a copy of it), serially and in parallel, with the
// findings the whole-file sets settle at the end too.
func TestInPlaceFindingsOwnNothing(t *testing.T) {
	data := sprinkle(generated(t, "GZ321", 200), 7, 60)
	// A reference number repeated: a finding of a whole-file set (N5-UNIQUE).
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		t.Fatal(err)
	}
	ref := std.Layout(record.CodePrestatie).Role(record.RoleReference)
	lines := bytes.SplitAfter(data, []byte("\n"))
	var prest []int
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("04")) && len(l) >= ref.End {
			prest = append(prest, i)
		}
	}
	first, last := lines[prest[0]], lines[prest[len(prest)-1]]
	copy(last[ref.Start-1:ref.End], first[ref.Start-1:ref.End])
	data = bytes.Join(lines, nil)
	for _, workers := range []int{1, 2} {
		opts := Options{Registry: standards.Registry(), Today: benchToday, MaxFindings: -1, Workers: workers}
		want := runFrom(t, unsized(data), opts, 8<<10, aheadWorkers)
		mem := slices.Clone(data)
		got := runFrom(t, bytes.NewReader(mem), opts, 8<<10, aheadWorkers)
		for i := range mem {
			mem[i] = 'X'
		}
		if len(want.Findings) < 20 || !slices.ContainsFunc(want.Findings, func(f Finding) bool { return f.Rule == "N5-UNIQUE" }) {
			t.Fatalf("%d workers: %d findings, N5-UNIQUE not among them; the test needs many, and that one", workers, len(want.Findings))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: the findings of the run in place changed with its memory:\n%s", workers, diffOutcome(got, want))
		}
	}
}

type iotestErr struct{ err error }

func (e iotestErr) Read([]byte) (int, error) { return 0, e.err }

func TestSprinkleFindsEveryLevel(t *testing.T) {
	data := sprinkle(generated(t, "GZ321", 400), 0, 40)
	o := runWith(t, data, Options{Registry: standards.Registry(), Today: benchToday, MaxFindings: -1, Workers: 2}, 8<<10)
	levels := map[Level]int{}
	for _, f := range o.Findings {
		levels[f.Level]++
	}
	for _, l := range []Level{N2, N3, N4, N5} {
		if levels[l] == 0 {
			t.Errorf("no finding of level %v in the sprinkled file: %v", l, levels)
		}
	}
	t.Logf("findings by level: %v", levels)
}

// TestUniqueOverWholeFile: by default the reference numbers of the whole file are held,
// also beyond the 262,144 the old default cap allowed: the last two prestaties with
// the same reference are found, and no warning says the check was partial.
func TestUniqueOverWholeFile(t *testing.T) {
	if !testlevel.Full() {
		t.Skip("generates a file of 120 MB: run with " + testlevel.EnvFull + "=1 (CI does)")
	}
	const n = 55_000 // 5 references per verzekerde: 275,000
	data := generated(t, "GZ321", n)
	lines := bytes.SplitAfter(data, []byte("\n"))
	first, last := -1, -1 // the last two prestaties
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("04")) {
			first, last = last, i
		}
	}
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		t.Fatal(err)
	}
	ref := std.Layout(record.CodePrestatie).Role(record.RoleReference)
	if ref == nil {
		t.Fatal("the 04 of GZ321 has no reference field")
	}
	copy(lines[last][ref.Start-1:ref.End], lines[first][ref.Start-1:ref.End])
	data = bytes.Join(lines, nil)
	for _, workers := range []int{1, 2} {
		rep, err := File(context.Background(), bytes.NewReader(data), Options{Registry: standards.Registry(), Today: benchToday, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) != 1 || rep.Findings[0].Rule != "N5-UNIQUE" || rep.Findings[0].Line != last+1 {
			t.Fatalf("%d workers: want one N5-UNIQUE finding on line %d, have:\n%s", workers, last+1, listFindings(rep.Findings))
		}
	}
	// A cap (the old default) misses it, and says so.
	rep, err := File(context.Background(), bytes.NewReader(data), Options{Registry: standards.Registry(), Today: benchToday, MaxReferences: 1 << 18})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "N5-UNIQUE" || rep.Findings[0].Severity != Warning {
		t.Fatalf("capped: want only the warning that the check was partial, have:\n%s", listFindings(rep.Findings))
	}
}

// TestParallelSameAsSerialRepoFiles runs every EI file in the repository's testdata
// (declarations and return messages of every standard the tests use), as it is and with
// faults sprinkled in.
func TestParallelSameAsSerialRepoFiles(t *testing.T) {
	files := repoEIFiles(t)
	for i, f := range files {
		for _, v := range []int{0, 3, 5} {
			opts := optionVariants[v].opts
			opts.Today = benchToday
			sameAsSerial(t, f.name+"/"+optionVariants[v].name, f.data, opts)
			sameAsSerial(t, f.name+" sprinkled/"+optionVariants[v].name, sprinkle(f.data, uint64(i+1), 6), opts)
		}
	}
	t.Logf("%d EI files", len(files))
}

// eiFile is an EI file of the repository's testdata.
type eiFile struct {
	name string
	data []byte
}

// repoEIFiles returns every EI file (a 01 record first) under a testdata directory of
// the repository, under 4 MiB, in walk order; it fails the test when fewer than ten are
// found.
func repoEIFiles(t *testing.T) []eiFile {
	t.Helper()
	head := regexp.MustCompile(`^01[0-9]{7}`)
	var files []eiFile
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.Contains(filepath.ToSlash(path), "/testdata/") {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() < 4<<20 {
			if data, err := os.ReadFile(path); err == nil && head.Match(data) {
				files = append(files, eiFile{path, data})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("only %d EI files found in testdata", len(files))
	}
	return files
}

// TestParallelStopIteration: a caller that stops taking findings stops the parallel run
// (no goroutine left), after the same findings as the serial run.
func TestParallelStopIteration(t *testing.T) {
	data := sprinkle(generated(t, "GZ321", 2000), 5, 200)
	before := runtime.NumGoroutine()
	var got [2][]Finding
	for i, workers := range []int{1, 4} {
		v := New(bytes.NewReader(data), Options{Registry: standards.Registry(), Today: benchToday, Workers: workers})
		for f := range v.Findings(context.Background()) {
			got[i] = append(got[i], f)
			if len(got[i]) == 5 {
				break
			}
		}
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("parallel:\n%s\nserial:\n%s", listFindings(got[1]), listFindings(got[0]))
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after the run, %d before", g, before)
	}
}

// The fingerprint set answers as a map does, through its growth, for 0 and for values
// that share their high bits (the same first slot).
func TestFingerprintSet(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	var s fpSet
	want := map[uint64]bool{}
	for i := range 200_000 {
		h := rnd.Uint64()
		switch {
		case i%100 == 0:
			h &= 0xFFFF // clustered in the first slots
		case i%100 == 1:
			h |= 0xFFFF_FFFF_0000_0000 // clustered at the end, probing wraps around
		}
		if i == 77 {
			h = 0
		}
		if s.has(h) != want[max(h, 1)] {
			t.Fatalf("%d: has(%#x) = %v before adding", i, h, s.has(h))
		}
		s.add(h)
		want[max(h, 1)] = true
		if !s.has(h) {
			t.Fatalf("%d: has(%#x) false after adding", i, h)
		}
	}
	if s.n != len(want) {
		t.Errorf("%d fingerprints held, want %d", s.n, len(want))
	}
	if per := float64(len(s.slots)*8) / float64(s.n); per < 10 || per > 15 {
		t.Errorf("%.1f bytes per fingerprint, want 10 to 15", per)
	}
}

// TestRecordLocalRunAhead: a rule marked RecordLocal runs on the workers (its hook sees
// engines other than the one of the file-order pass) and its findings, which read the
// parent and the voorlooprecord, are those of the serial run; a rule not marked runs only
// in the file-order pass.
func TestRecordLocalRunAhead(t *testing.T) {
	data := sprinkle(generated(t, "GZ321", 1500), 3, 40)
	for _, local := range []bool{false, true} {
		var mu sync.Mutex
		engines := map[*engine]bool{}
		rule := &Rule{ID: "TEST-AHEAD", Level: N5, Retourcode: "8001", RecordLocal: local,
			Record: func(p *Pass, rec *Record) {
				mu.Lock()
				engines[p.e] = true
				mu.Unlock()
				par, h := rec.Parent(), p.Header()
				if par == nil || h == nil || rec.Line%7 != 0 {
					return
				}
				p.Fail(rec, "", fmt.Sprintf("under line %d (%s), header line %d", par.Line, par.Code(), h.Line))
			}}
		opts := Options{Registry: standards.Registry(), Today: benchToday, MaxFindings: -1, Rules: []*Rule{rule}}
		sameAsSerial(t, fmt.Sprintf("RecordLocal %v", local), data, opts)
		opts.Workers = 2
		clear(engines)
		got := runWith(t, data, opts, 8<<10)
		n := 0
		for _, f := range got.Findings {
			if f.Rule == "TEST-AHEAD" {
				n++
			}
		}
		if n < 100 {
			t.Errorf("RecordLocal %v: %d findings of the rule, want hundreds", local, n)
		}
		// Not local: the file-order pass alone. Local: also a checker ahead (the worker,
		// the file-order pass's own, which checks the first chunk, or both).
		if n := len(engines); !local && n != 1 || local && (n < 2 || n > 3) {
			t.Errorf("RecordLocal %v: the hook ran on %d engines, want %s", local, n, map[bool]string{false: "1 (the file-order pass)", true: "2 or 3 (the file-order pass and the checkers ahead)"}[local])
		}
		// aheadWorkers (every chunk a worker checks): the file-order pass's own checker,
		// which checks the first chunk, never runs the hook ahead; the file-order pass runs
		// it there, as on every chunk a worker has not.
		clear(engines)
		if again := runAhead(t, data, opts, 8<<10, aheadWorkers); !reflect.DeepEqual(again, got) {
			t.Errorf("RecordLocal %v: aheadWorkers's outcome differs from aheadAlways's", local)
		}
		if n := len(engines); !local && n != 1 || local && n != 2 {
			t.Errorf("RecordLocal %v, aheadWorkers: the hook ran on %d engines, want %s", local, n, map[bool]string{false: "1 (the file-order pass)", true: "2 (the file-order pass and the worker)"}[local])
		}
	}
}

// TestGroupLocalRunAhead: the Group hooks of GroupLocal rules run on the workers and
// their findings come out as in a serial run, in the order of the rules also when a rule
// that is not GroupLocal runs between them; the others run in file order only.
func TestGroupLocalRunAhead(t *testing.T) {
	data := sprinkle(generated(t, "GZ321", 1500), 3, 40)
	for _, local := range []bool{false, true} {
		var mu sync.Mutex
		engines := map[*engine]bool{}
		group := func(id string, local bool, every int) *Rule {
			return &Rule{ID: id, Level: N5, Retourcode: "8001", GroupLocal: local,
				Group: func(p *Pass, g *Group) {
					if local {
						mu.Lock()
						engines[p.e] = true
						mu.Unlock()
					}
					head, h := g.Head(), p.Header()
					if h == nil || head.Line%every != 0 {
						return
					}
					var lines []string
					for i := range g.Len() {
						r := g.At(i)
						par := 0
						if r.Parent() != nil {
							par = r.Parent().Line
						}
						lines = append(lines, fmt.Sprintf("%d/%s<%d", r.Line, r.Code(), par))
					}
					p.Fail(head, "", fmt.Sprintf("%s group %v complete %v, header line %d", head.Code(), lines, g.Complete(), h.Line))
				}}
		}
		rules := []*Rule{group("TEST-GROUP-A", local, 3), group("TEST-GROUP-B", false, 2), group("TEST-GROUP-C", local, 5)}
		opts := Options{Registry: standards.Registry(), Today: benchToday, MaxFindings: -1, Rules: rules}
		sameAsSerial(t, fmt.Sprintf("GroupLocal %v", local), data, opts)
		opts.Workers = 2
		clear(engines)
		got := runWith(t, data, opts, 8<<10)
		n := map[string]int{}
		for _, f := range got.Findings {
			n[f.Rule]++
		}
		for _, id := range []string{"TEST-GROUP-A", "TEST-GROUP-B", "TEST-GROUP-C"} {
			if n[id] < 100 {
				t.Errorf("GroupLocal %v: %d findings of %s, want hundreds", local, n[id], id)
			}
		}
		if n := len(engines); !local && n != 0 || local && (n < 2 || n > 3) {
			t.Errorf("GroupLocal %v: the local hooks ran on %d engines, want %s", local, n, map[bool]string{false: "0", true: "2 or 3 (the file-order pass and the checkers ahead)"}[local])
		}
	}
}

// TestMarkRecordLocal: the rules of the shared sets named RecordLocal exist, with a Record
// hook; the stateful ones are not marked.
func TestMarkRecordLocal(t *testing.T) {
	marked := map[string]bool{}
	for _, s := range builtinSets() {
		for _, r := range s.Rules {
			if r.RecordLocal {
				marked[r.ID] = true
				if r.Record == nil {
					t.Errorf("%s is RecordLocal without a Record hook", r.ID)
				}
			}
		}
	}
	for _, id := range []string{"N5-DATERANGE", "N5-INVOICEDATE", "N5-DEBITCREDIT", "N4-UZOVI", "N5-NAAM02", "GZ321-N5-0612"} {
		if !marked[id] {
			t.Errorf("%s is not RecordLocal", id)
		}
	}
	for _, id := range []string{"N5-PARENT", "N5-PERIOD", "N5-UNIQUE", "N5-COUNT", "N5-TOTAL"} {
		if marked[id] {
			t.Errorf("%s keeps state over the file, but is RecordLocal", id)
		}
	}
	groupLocal := map[string]bool{}
	for _, s := range builtinSets() {
		for _, r := range s.Rules {
			if r.GroupLocal {
				groupLocal[r.ID] = true
				if r.Group == nil {
					t.Errorf("%s is GroupLocal without a Group hook", r.ID)
				}
			}
		}
	}
	for _, id := range []string{"GZ321-N5-0610", "GZ321-N5-0410", "GZ321-N5-0414", "GZ321-N5-0411", "GZ321-N5-1713"} {
		if !groupLocal[id] {
			t.Errorf("%s is not GroupLocal", id)
		}
	}
	if groupLocal["N5-PARENT"] {
		t.Errorf("N5-PARENT decides at a group what its Record hook kept, but is GroupLocal")
	}
}

// TestCodeNumbers: the worker's record codes as numbers are those of package record.
func TestCodeNumbers(t *testing.T) {
	for code, want := range map[string]int{
		record.CodeVoorloop: codeVoorloop, record.CodeVerzekerde: codeVerzekerde, record.CodeDebiteur: codeDebiteur,
		record.CodePrestatie: codePrestatie, record.CodeCommentaar: codeCommentaar, record.CodeSluit: codeSluit,
	} {
		if got, ok := codeIndex(code); !ok || got != want {
			t.Errorf("codeIndex(%q) = %d, %v; want %d", code, got, ok, want)
		}
	}
	if _, ok := codeIndex("0A"); ok {
		t.Error(`codeIndex("0A") is a number`)
	}
}

// TestParentKeysFromWorkers: a prestatierecord that carries the key of another
// verzekerde of the file is reported with 8150 (a wrong physical relation), one whose key
// no verzekerde has with each field's own code (N5-PARENT). The verzekerden's keys are
// hashed by the workers of a parallel run (aheadLine.sum); the findings are the serial
// run's, in every way of reading the file. Keys of verzekerden before and after the
// prestatie, and one of none.
func TestParentKeysFromWorkers(t *testing.T) {
	data := generated(t, "GZ321", 400)
	lines := bytes.SplitAfter(data, []byte("\n"))
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		t.Fatal(err)
	}
	bsn02 := std.Layout(record.CodeVerzekerde).Role(record.RoleBSN)
	bsn04 := std.Layout(record.CodePrestatie).Role(record.RoleBSN)
	if bsn02 == nil || bsn04 == nil {
		t.Fatal("no BSN field in the 02 or the 04 of GZ321")
	}
	var v02, first04 []int // the verzekerden's lines, and the first prestatie of each
	for i, l := range lines {
		switch {
		case bytes.HasPrefix(l, []byte("02")):
			v02 = append(v02, i)
		case bytes.HasPrefix(l, []byte("04")) && len(first04) < len(v02):
			first04 = append(first04, i)
		}
	}
	if len(v02) < 300 || len(first04) != len(v02) {
		t.Fatalf("%d verzekerden, %d with a prestatie: not the file the test expects", len(v02), len(first04))
	}
	key := func(i int) []byte { return lines[i][bsn02.Start-1 : bsn02.End] }
	put := func(i int, k []byte) {
		l := append([]byte(nil), lines[i]...)
		copy(l[bsn04.Start-1:bsn04.End], k)
		lines[i] = l
	}
	put(first04[250], key(v02[10])) // the key of a verzekerde long before it
	put(first04[20], key(v02[380])) // of one long after it
	// of the last one before with another BSN (the generated file gives some verzekerden
	// one BSN with another UZOVI-nummer)
	before := 149
	for bytes.Equal(key(v02[before]), key(v02[150])) {
		before--
	}
	put(first04[150], key(v02[before]))
	put(first04[300], []byte("123456782"))
	data = bytes.Join(lines, nil)

	opts := Options{Registry: standards.Registry(), Today: benchToday, MaxFindings: -1}
	serial, err := File(context.Background(), bytes.NewReader(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	wrong := map[int]string{}
	for _, f := range serial.Findings {
		if f.Rule == "N5-PARENT" && f.Field == bsn04.Number {
			wrong[f.Line] = f.Retourcode
		}
	}
	for _, c := range []struct {
		at   int
		want string
	}{{first04[250], "8150"}, {first04[20], "8150"}, {first04[150], "8150"}, {first04[300], bsn04.Retourcode}} {
		if got := wrong[c.at+1]; got != c.want {
			t.Errorf("line %d: N5-PARENT on the BSN with %q, want %q (all: %v)", c.at+1, got, c.want, wrong)
		}
	}
	sameAsSerial(t, "prestaties with another verzekerde's key", data, opts)
}

// TestAheadLineFitsACacheLine: a line's marks are one cache line, which the file-order
// pass reads on another core than the one that wrote them (aheadLine; BENCHMARKS.md, the
// twenty-third round). A field added to them must make room first.
func TestAheadLineFitsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(aheadLine{}); n > 64 {
		t.Errorf("aheadLine is %d bytes, more than a cache line (64)", n)
	}
}

// TestSerialPath: a serial run reads a source that says it holds more than
// serialChunksFrom bytes a chunk at a time, and a smaller one, or one that does not say
// its size, a line at a time; both give the findings of the other.
func TestSerialPath(t *testing.T) {
	large := sprinkle(generated(t, "GZ321", 800), 5, 60) // 1.75 MB
	small := sprinkle(generated(t, "GZ321", 300), 5, 20) // 650 KB
	if len(large) <= serialChunksFrom || len(small) > serialChunksFrom || len(small) <= parallelChunk {
		t.Fatalf("files of %d and %d bytes: want one above %d and one between %d and it", len(large), len(small), serialChunksFrom, parallelChunk)
	}
	path := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(path, large, 0o600); err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	opts := Options{Registry: standards.Registry(), Today: benchToday, MaxFindings: -1}
	for _, c := range []struct {
		name    string
		data    []byte
		r       io.Reader
		chunked bool
	}{
		{"large in place", large, bytes.NewReader(large), true},
		{"large file", large, file, true},
		{"large unsized", large, unsized(large), false},
		{"small in place", small, bytes.NewReader(small), false},
	} {
		v := New(c.r, opts)
		var got []Finding
		for f := range v.Findings(context.Background()) {
			got = append(got, f)
		}
		if v.Err() != nil {
			t.Fatalf("%s: %v", c.name, v.Err())
		}
		if chunked := v.e.chunks > 0; chunked != c.chunked {
			t.Errorf("%s: read a chunk at a time %v (%d chunks), want %v", c.name, chunked, v.e.chunks, c.chunked)
		}
		want := runPath(t, unsized(c.data), opts, 0, aheadWorkers, serialLines).Findings
		if len(want) == 0 {
			t.Fatalf("%s: no findings in the sprinkled file", c.name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s", c.name, diffOutcome(outcome{Findings: got}, outcome{Findings: want}))
		}
	}
}

// TestWorkerAhead: the default policy (aheadQueued) runs a chunk ahead when the
// file-order pass has more chunks queued before it than there are goroutines.
func TestWorkerAhead(t *testing.T) {
	var v Validator
	if v.ahead != aheadQueued {
		t.Errorf("the default policy is %d, want aheadQueued (%d)", v.ahead, aheadQueued)
	}
	for _, c := range []struct {
		p              aheadPolicy
		queued, n      int
		adaptive, want bool
	}{
		{aheadQueued, 1, 2, false, false}, // the file-order pass waits for this very chunk
		{aheadQueued, 2, 2, true, false},  // one before it, perhaps still being checked
		{aheadQueued, 3, 2, false, true},  // at least one checked and waiting
		{aheadQueued, 8, 2, false, true},
		{aheadQueued, 8, 8, false, false},
		{aheadQueued, 9, 8, false, true},
		{aheadWorkers, 1, 2, false, true},
		{aheadAlways, 1, 2, false, true},
		{aheadAdaptive, 8, 2, false, false},
		{aheadAdaptive, 1, 2, true, true},
		{aheadNever, 8, 2, true, false},
	} {
		if got := c.p.workerAhead(c.queued, c.n, c.adaptive); got != c.want {
			t.Errorf("policy %d, %d queued, %d goroutines, adaptive %v: ahead %v, want %v", c.p, c.queued, c.n, c.adaptive, got, c.want)
		}
	}
}
