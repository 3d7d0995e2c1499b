package sortedruns

import (
	"cmp"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pair is an entry of two fields, ordered by key only: entries of equal key keep the
// order of their runs in a merge.
type pair struct{ key, tag uint32 }

func pairCodec() Codec[pair] {
	return Codec[pair]{
		Size: 8,
		Encode: func(b []byte, v pair) {
			binary.LittleEndian.PutUint32(b, v.key)
			binary.LittleEndian.PutUint32(b[4:], v.tag)
		},
		Decode:  func(b []byte) pair { return pair{binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])} },
		Compare: func(a, b pair) int { return cmp.Compare(a.key, b.key) },
	}
}

// runsOf makes the runs of the test: run j holds sizes[j] entries with keys j, j+k, j+2k,
// ... (k the number of runs, so that the runs interleave), each tagged with its run; every
// third run repeats the keys of the one before (duplicates across runs).
func runsOf(sizes []int) [][]pair {
	runs := make([][]pair, len(sizes))
	for j, n := range sizes {
		base := j
		if j%3 == 2 {
			base = j - 1
		}
		for i := range n {
			runs[j] = append(runs[j], pair{key: uint32(base + i*len(sizes)), tag: uint32(j)})
		}
	}
	return runs
}

// want is the merge of runs and mem by hand: all entries, by key, equal keys in the order
// of their runs (mem last).
func want(runs [][]pair, mem []pair) []pair {
	var all []pair
	for _, r := range runs {
		all = append(all, r...)
	}
	all = append(all, mem...)
	slices.SortStableFunc(all, func(a, b pair) int { return cmp.Compare(a.key, b.key) })
	return all
}

func TestFile(t *testing.T) {
	tests := []struct {
		name     string
		sizes    []int
		mem      []pair
		collapse bool
		unlink   bool
	}{
		{name: "no runs", sizes: nil},
		{name: "no runs, memory only", sizes: nil, mem: []pair{{1, 99}, {1, 99}, {5, 99}}},
		{name: "one empty run", sizes: []int{0}},
		{name: "one run", sizes: []int{10}},
		{name: "empty runs among others", sizes: []int{0, 7, 0, 3, 0}},
		{name: "duplicates across runs", sizes: []int{5, 5, 5, 5, 5, 5}, mem: []pair{{2, 99}, {3, 99}}},
		{name: "many runs", sizes: slicesRepeat(70, 37)},
		{name: "large runs past the buffers", sizes: []int{20000, 30000, 1}},
		{name: "collapse", sizes: []int{5, 9, 5, 1, 0, 12}, mem: []pair{{4, 99}}, collapse: true},
		{name: "collapse many", sizes: slicesRepeat(64, 100), collapse: true, unlink: true},
		{name: "collapse one run", sizes: []int{8}, collapse: true},
		{name: "unlinked", sizes: []int{4, 4, 4}, unlink: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			rf := File[pair]{Codec: pairCodec(), Dir: dir, Unlink: tt.unlink}
			runs := runsOf(tt.sizes)
			for _, r := range runs {
				if err := rf.WriteSorted(r); err != nil {
					t.Fatal(err)
				}
			}
			if rf.Runs() != len(runs) {
				t.Errorf("%d runs, want %d", rf.Runs(), len(runs))
			}
			for j, r := range runs {
				rd := rf.Run(j, 0)
				var got []pair
				for {
					v, ok, err := rd.Next()
					if err != nil {
						t.Fatal(err)
					}
					if !ok {
						break
					}
					got = append(got, v)
				}
				if !slices.Equal(got, r) {
					t.Fatalf("run %d read back as %v, want %v", j, got, r)
				}
			}
			if tt.collapse {
				if err := rf.Collapse(); err != nil {
					t.Fatal(err)
				}
				if w := min(len(runs), 1); rf.Runs() != w {
					t.Errorf("%d runs after Collapse, want %d", rf.Runs(), w)
				}
				if entries, _ := os.ReadDir(dir); len(entries) > 1 || tt.unlink && len(entries) != 0 {
					t.Errorf("%d files after Collapse (unlink %v)", len(entries), tt.unlink)
				}
			}
			var got []pair
			if err := rf.Merge(tt.mem, func(v pair) error { got = append(got, v); return nil }); err != nil {
				t.Fatal(err)
			}
			if w := want(runs, tt.mem); !slices.Equal(got, w) {
				t.Errorf("merged %d entries %v\nwant %d %v", len(got), head(got), len(w), head(w))
			}
			if tt.unlink {
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("%d files while open, want none (unlinked)", len(entries))
				}
			}
			if err := rf.Close(); err != nil {
				t.Fatal(err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%d files left after Close", len(entries))
			}
			if err := rf.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
		})
	}
}

// TestMergeStops: the error of the callback ends the merge and comes back as it is.
func TestMergeStops(t *testing.T) {
	rf := File[uint64]{Codec: Uint64(), Dir: t.TempDir()}
	defer rf.Close()
	for _, r := range [][]uint64{{1, 3, 5}, {2, 4, 6}} {
		if err := rf.WriteSorted(r); err != nil {
			t.Fatal(err)
		}
	}
	stop := errors.New("enough")
	var got []uint64
	err := rf.Merge(nil, func(v uint64) error {
		got = append(got, v)
		if v == 3 {
			return stop
		}
		return nil
	})
	if err != stop || !slices.Equal(got, []uint64{1, 2, 3}) {
		t.Errorf("merge gave %v, error %v; want [1 2 3], %v", got, err, stop)
	}
}

// TestUnwritableDir: a directory the file cannot be made in is an error that says so and
// wraps the cause; nothing is left to close.
func TestUnwritableDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	rf := File[uint64]{Codec: Uint64(), Dir: dir}
	err := rf.WriteSorted([]uint64{1, 2})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "temporary file") {
		t.Errorf("error %v, want one about the temporary file wrapping fs.ErrNotExist", err)
	}
	if rf.Runs() != 0 || rf.Name() != "" {
		t.Errorf("after the error: %d runs, file %q", rf.Runs(), rf.Name())
	}
	if err := rf.Close(); err != nil {
		t.Error(err)
	}
}

// TestReadTruncated: a run cut short on disk is an error, not an end.
func TestReadTruncated(t *testing.T) {
	rf := File[uint64]{Codec: Uint64(), Dir: t.TempDir()}
	defer rf.Close()
	if err := rf.WriteSorted([]uint64{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(rf.Name(), 12); err != nil {
		t.Fatal(err)
	}
	err := rf.Merge(nil, func(uint64) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "reading a run back") {
		t.Errorf("error %v, want one about reading a run back", err)
	}
}

// TestMergeAllocs: merging allocates per run, not per entry.
func TestMergeAllocs(t *testing.T) {
	rf := File[uint64]{Codec: Uint64(), Dir: t.TempDir()}
	defer rf.Close()
	r := make([]uint64, 10000)
	for i := range r {
		r[i] = uint64(i)
	}
	for range 4 {
		if err := rf.WriteSorted(r); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	allocs := testing.AllocsPerRun(3, func() {
		if err := rf.Merge(nil, func(uint64) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 50 {
		t.Errorf("%.0f allocations to merge 4 runs of 10,000 entries", allocs)
	}
}

func slicesRepeat(n, size int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = size
	}
	return s
}

func head(p []pair) []pair { return p[:min(len(p), 12)] }
