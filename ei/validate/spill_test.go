package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

// tinySets is a budget of the whole-file sets that spills every few entries: 16 slots.
// The verzekerden set, which grows first (a 02 comes before its 04s), takes them all
// (full at 12 keys); the reference set gets the floor of 8 (full at 6 numbers), then logs
// 2 numbers a run.
const tinySets = 64

// spillFile is a generated MZ301 file of 40 verzekerden (per verzekerde i: the 02 on line
// 2+4i, its two 04s on 3+4i and 4+4i, a 98 on 5+4i) with faults the whole-file sets find,
// and what COD954 and seed 002 example 6 say of each: rule, line, field, return code.
func spillFile(t *testing.T) ([]byte, []string) {
	t.Helper()
	var buf bytes.Buffer
	if err := eitest.WriteMZ301(&buf, eitest.Options{Verzekerden: 40, LF: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	field := func(line, start, end int) string { return lines[line-1][start-1 : end] }
	set := func(line, start, end int, v string) {
		l := lines[line-1]
		lines[line-1] = l[:start-1] + v + l[end:]
	}
	ref := func(line int) string { return field(line, 165, 184) } // 0432 REFERENTIENUMMER DIT PRESTATIERECORD
	setRef := func(line int, v string) { set(line, 165, 184, v) } //
	bsn02 := func(i int) string { return field(2+4*i, 15, 23) }   // 0203 of verzekerde i
	setBSN := func(line int, v string) { set(line, 15, 23, v) }   // 0403
	other := string(eitest.BSN(5000))                             // the BSN of no verzekerde of the file
	for i := range 40 {
		if bsn02(i) == other {
			t.Fatalf("BSN %s is in the file", other)
		}
	}
	// 8192 "Referentienummer van dit prestatierecord is niet uniek binnen het bericht":
	// each repetition of an earlier number.
	setRef(11, ref(7))    // verzekerde 2 repeats verzekerde 1: both in memory
	setRef(84, ref(3))    // verzekerde 20 repeats verzekerde 0, spilled long before
	setRef(123, ref(3))   // and again, verzekerde 30
	setRef(108, ref(103)) // verzekerde 26 repeats verzekerde 25: both after the first spill
	// 8150 "Prestatierecord hoort niet bij voorliggend verzekerderecord" when the 04
	// carries the key (BSN, UZOVI-nummer) of another verzekerde of the file, before or
	// after it; else 0435 on the BSN (seed 002 example 6).
	setBSN(15, bsn02(1))  // verzekerde 3's 04 has verzekerde 1's key: in memory
	setBSN(51, bsn02(39)) // verzekerde 12's 04 has verzekerde 39's key: after it
	setBSN(59, other)     // verzekerde 14's 04 has nobody's key
	setBSN(63, bsn02(30)) // verzekerde 15's 04 has verzekerde 30's key: after it, spilled
	setBSN(83, bsn02(0))  // verzekerde 20's 04 has verzekerde 0's key: spilled before it
	want := []string{
		"N5-UNIQUE 11 0432 8192",
		"N5-PARENT 15 0403 8150",
		"N5-PARENT 51 0403 8150",
		"N5-PARENT 59 0403 0435",
		"N5-PARENT 63 0403 8150",
		"N5-PARENT 83 0403 8150",
		"N5-UNIQUE 84 0432 8192",
		"N5-UNIQUE 108 0432 8192",
		"N5-UNIQUE 123 0432 8192",
	}
	return []byte(strings.Join(lines, "")), want
}

func spillOpts(mem int) Options {
	return Options{Registry: standards.Registry(), Today: benchToday, MaxSetMemory: mem, TempDir: os.TempDir()}
}

func brief(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %d %s %s", f.Rule, f.Line, f.Field, f.Retourcode))
	}
	return out
}

// TestSpillFindings: the sets that spill find what the sets in memory find, in the same
// place, with every cap, FailFast, serially and in parallel.
func TestSpillFindings(t *testing.T) {
	data, want := spillFile(t)
	base, err := File(context.Background(), bytes.NewReader(data), spillOpts(-1))
	if err != nil {
		t.Fatal(err)
	}
	if got := brief(base.Findings); !reflect.DeepEqual(got, want) {
		t.Fatalf("in memory: have\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	variants := []struct {
		name string
		opts func(*Options)
	}{
		{"all", func(*Options) {}},
		{"max1", func(o *Options) { o.MaxFindings = 1 }},
		{"max3", func(o *Options) { o.MaxFindings = 3 }},
		{"max4", func(o *Options) { o.MaxFindings = 4 }},
		{"max6", func(o *Options) { o.MaxFindings = 6 }},
		{"max8", func(o *Options) { o.MaxFindings = 8 }},
		{"failfast", func(o *Options) { o.FailFast = true }},
		{"warn", func(o *Options) { o.Warn = []string{"N5-UNIQUE"}; o.FailFast = true }},
		{"off", func(o *Options) { o.Disable = []string{"N5-PARENT"} }},
	}
	for _, v := range variants {
		memory := spillOpts(-1)
		v.opts(&memory)
		wantRep, err := File(context.Background(), bytes.NewReader(data), memory)
		if err != nil {
			t.Fatal(err)
		}
		for _, mem := range []int{tinySets, 1, 256, 1 << 10, 0} {
			for _, workers := range []int{1, 2} {
				opts := spillOpts(mem)
				v.opts(&opts)
				opts.Workers = workers
				rep, err := File(context.Background(), unsized(data), opts) // workers: a parallel run
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(rep, wantRep) {
					t.Errorf("%s, %d bytes, %d workers: have (lines %d, truncated %v)\n%s\nwant (lines %d, truncated %v)\n%s", v.name, mem, workers,
						rep.Lines, rep.Truncated, listFindings(rep.Findings), wantRep.Lines, wantRep.Truncated, listFindings(wantRep.Findings))
				}
			}
		}
	}
}

// TestSpillStreaming: Findings yields what the spilled sets settle at the end of the file,
// after the rest, in file order (documented on Options.MaxSetMemory); the temporary file
// is there while they are and removed after, also when the caller stops early.
func TestSpillStreaming(t *testing.T) {
	data, _ := spillFile(t)
	dir := t.TempDir()
	opts := spillOpts(tinySets)
	opts.TempDir = dir
	v := New(bytes.NewReader(data), opts)
	var got []string
	files := 0
	for f := range v.Findings(context.Background()) {
		got = append(got, brief([]Finding{f})...)
		if entries, _ := os.ReadDir(dir); len(entries) > files {
			files = len(entries)
		}
	}
	if v.Err() != nil {
		t.Fatal(v.Err())
	}
	want := []string{
		"N5-UNIQUE 11 0432 8192",
		"N5-PARENT 15 0403 8150",
		"N5-PARENT 51 0403 8150", // the End hook, as in memory
		"N5-PARENT 59 0403 0435",
		"N5-PARENT 63 0403 8150",
		"N5-PARENT 83 0403 8150", // settled at the end
		"N5-UNIQUE 84 0432 8192",
		"N5-UNIQUE 108 0432 8192",
		"N5-UNIQUE 123 0432 8192",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("have\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if files != 2 {
		t.Errorf("%d temporary files during the run, want 2 (one per set)", files)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d temporary files left after the run", len(entries))
	}
	// A caller that stops: the files are removed too.
	v = New(bytes.NewReader(data), opts)
	for f := range v.Findings(context.Background()) {
		if f.Line == 59 {
			break
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || v.Err() != nil {
		t.Errorf("%d temporary files left after the caller stopped (err %v)", len(entries), v.Err())
	}
	// The cap counts them as any finding: 4 findings are 11, 15, 51 and 59.
	opts.MaxFindings = 4
	v = New(bytes.NewReader(data), opts)
	got = nil
	for f := range v.Findings(context.Background()) {
		got = append(got, brief([]Finding{f})...)
	}
	if !reflect.DeepEqual(got, want[:4]) || !v.Truncated() {
		t.Errorf("capped at 4 (truncated %v):\n%s", v.Truncated(), strings.Join(got, "\n"))
	}
}

// TestSpillError: a temporary file that cannot be written ends the run with the error,
// never a check silently skipped.
func TestSpillError(t *testing.T) {
	data, _ := spillFile(t)
	opts := spillOpts(tinySets)
	opts.TempDir = filepath.Join(t.TempDir(), "missing")
	for _, workers := range []int{1, 2} {
		opts.Workers = workers
		_, err := File(context.Background(), unsized(data), opts)
		if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "temporary file") {
			t.Errorf("%d workers: error %v, want one about the temporary file, wrapping fs.ErrNotExist", workers, err)
		}
	}
	// A file that never spills does not need the directory.
	if _, err := File(context.Background(), bytes.NewReader(data), Options{Registry: standards.Registry(), Today: benchToday, TempDir: opts.TempDir}); err != nil {
		t.Error(err)
	}
}

// TestSpillSameAsMemoryRepoFiles runs every EI file of the repository's testdata, as it is
// and with faults sprinkled in, and generated files with repeated reference numbers and
// keys, with sets that spill every few entries: the Report is the one of the sets in
// memory.
func TestSpillSameAsMemoryRepoFiles(t *testing.T) {
	var inputs []string
	var datas [][]byte
	for _, f := range repoEIFiles(t) {
		inputs = append(inputs, f.name, f.name+" sprinkled")
		datas = append(datas, f.data, sprinkle(f.data, uint64(len(datas)), 6))
	}
	for _, std := range []*record.Standard{gz321v10.Standard(), mz301v13.Standard()} {
		code, _, _ := strings.Cut(std.ID(), "@")
		data := generated(t, code, 150)
		inputs, datas = append(inputs, std.ID()+" repeated"), append(datas, repeatKeys(t, std, data, 7))
	}
	variants := []int{0, 1, 3, 5, 7, 8}
	if testing.Short() {
		variants = []int{0, 3}
	}
	for i, data := range datas {
		for _, vi := range variants {
			v := optionVariants[vi]
			opts := v.opts
			opts.Today = benchToday
			opts.MaxSetMemory = -1
			want, werr := File(context.Background(), bytes.NewReader(data), opts)
			opts.MaxSetMemory = tinySets
			got, err := File(context.Background(), bytes.NewReader(data), opts)
			if !errors.Is(err, werr) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s: spilled (err %v, lines %d, truncated %v):\n%s\nin memory (err %v, lines %d, truncated %v):\n%s", inputs[i], v.name,
					err, got.Lines, got.Truncated, listFindings(got.Findings), werr, want.Lines, want.Truncated, listFindings(want.Findings))
			}
		}
	}
}

// repeatKeys copies, every step lines, the BSN and the own reference number of a record
// of the same type earlier in the file (one third of the way): repeated keys and
// reference numbers far apart.
func repeatKeys(t *testing.T, std *record.Standard, data []byte, step int) []byte {
	t.Helper()
	lines := bytes.SplitAfter(data, []byte("\n"))
	n := 0
	for i := step; i+1 < len(lines); i += step {
		src, dst := lines[i/3], lines[i]
		if len(src) != len(dst) || len(src) < 2 || src[0] != dst[0] || src[1] != dst[1] {
			continue
		}
		l := append([]byte(nil), dst...)
		for _, lay := range std.Records() {
			if lay.Code() != string(src[:2]) {
				continue
			}
			for _, f := range lay.Fields() {
				if f.Role == record.RoleBSN || f.Role == record.RoleReference {
					copy(l[f.Start-1:f.End], src[f.Start-1:f.End])
					n++
				}
			}
		}
		lines[i] = l
	}
	if n < 20 {
		t.Fatalf("%s: only %d fields repeated", std.ID(), n)
	}
	return bytes.Join(lines, nil)
}

// A source of known size (a bytes.Reader, a file) sizes the reference set from the part
// read once it holds projectFrom numbers (fpSet.hint): one growth to about 1.3 slots a
// number, where a source of unknown size (a pipe) grows it by half. The findings are the
// same.
func TestRefSetSizedFromSource(t *testing.T) {
	var buf bytes.Buffer
	if err := eitest.WriteMZ301(&buf, eitest.Options{Verzekerden: 4000, LF: true}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	run := func(r io.Reader) (slots, n int, fs []Finding) {
		v := New(r, spillOpts(0))
		for f := range v.Findings(context.Background()) {
			fs = append(fs, f)
		}
		if v.Err() != nil {
			t.Fatal(v.Err())
		}
		return len(v.e.refs.mem.slots), v.e.refs.mem.n, fs
	}
	slots, n, sized := run(bytes.NewReader(data))
	if n < projectFrom*3/2 {
		t.Fatalf("%d reference numbers: too few for the test", n)
	}
	if load := float64(n) / float64(slots); load < 1/1.4 || load > 0.8 {
		t.Errorf("a source of known size: %d numbers in %d slots (load %.3f), want 1.3 slots a number", n, slots, load)
	}
	grown, n2, unsized := run(io.MultiReader(bytes.NewReader(data)))
	if n2 != n || grown == slots {
		t.Errorf("a source of unknown size: %d numbers in %d slots, like the sized one (%d in %d)", n2, grown, n, slots)
	}
	if !reflect.DeepEqual(sized, unsized) {
		t.Errorf("findings differ: %d with the size, %d without", len(sized), len(unsized))
	}

	// A file seeked into, past as many bytes as the file holds after them, read serially
	// and in parallel (at offsets, which are the file's): sized from what follows the
	// offset, as the bytes.Reader was, not from the whole file (which would give twice
	// the slots).
	path := filepath.Join(t.TempDir(), "seeked.asc")
	if err := os.WriteFile(path, append(bytes.Repeat([]byte("x"), len(data)), data...), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Seek(int64(len(data)), io.SeekStart); err != nil {
			t.Fatal(err)
		}
		opts := spillOpts(0)
		opts.Workers = workers
		v := New(f, opts)
		v.chunk = 64 << 10
		var found []Finding
		for fd := range v.Findings(context.Background()) {
			found = append(found, fd)
		}
		f.Close()
		if v.Err() != nil {
			t.Fatal(v.Err())
		}
		if got, n3 := len(v.e.refs.mem.slots), v.e.refs.mem.n; n3 != n || got != slots {
			t.Errorf("a file seeked into, %d workers: %d numbers in %d slots, want %d in %d as from the bytes.Reader", workers, n3, got, n, slots)
		}
		if !reflect.DeepEqual(sized, found) {
			t.Errorf("a file seeked into, %d workers: findings differ: %d, want %d", workers, len(found), len(sized))
		}
	}
}
