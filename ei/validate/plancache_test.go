package validate

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// TestPlanShared: validations whose options bring no field rules of their own share the
// plan of their standard; options that narrow a field get a plan of their own, which
// neither changes the shared one nor is kept.
func TestPlanShared(t *testing.T) {
	std, ok := standards.Registry().Lookup("GZ321", "1.0")
	if !ok {
		t.Fatal("no GZ321 1.0")
	}
	plain := planFor(std, selectRules(std, &Options{}))
	if again := planFor(std, selectRules(std, &Options{Disable: []string{"N5-PARENT"}, Warn: []string{"N4-VALUE"}})); again != plain {
		t.Error("a second validation compiled the standard again")
	}
	acme := &RuleSet{Name: "acme", Standard: "GZ321@1.0", Fields: map[string]FieldRule{"0406": {Required: "ACME wants a machtiging"}}}
	own := planFor(std, selectRules(std, &Options{RuleSets: []*RuleSet{acme}}))
	if own == plain {
		t.Fatal("a rule set's field rules were compiled into the shared plan")
	}
	if _, ok := own.fields["0406"]; !ok {
		t.Error("the rule set's plan lacks its field rule")
	}
	if _, ok := plain.fields["0406"]; ok {
		t.Error("the shared plan has the rule set's field rule")
	}
	if after := planFor(std, selectRules(std, &Options{})); after != plain {
		t.Error("after a rule set's own plan, a plain validation got another plan than the shared one")
	}

	// And in whole validations: the rule set's narrowing finds the empty machtigingsnummer
	// (0406) of the synthetic file; a plain validation before and after it does not.
	raw, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "gz321-synthetic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data := string(raw)
	count := func(opts Options) (n int) {
		opts.Registry, opts.Today = standards.Registry(), civil.NewDate(2026, 1, 1)
		rep, err := File(context.Background(), strings.NewReader(data), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.Field == "0406" {
				n++
			}
		}
		return n
	}
	before := count(Options{})
	withSet := count(Options{RuleSets: []*RuleSet{acme}})
	after := count(Options{})
	if before != 0 || after != 0 || withSet == 0 {
		t.Errorf("findings on field 0406: %d plain, %d with the rule set, %d plain again; want 0, some, 0", before, withSet, after)
	}
}

// TestPlanOfAStandardBuiltAtRunTime: the shared plan of a standard goes with the standard.
func TestPlanOfAStandardBuiltAtRunTime(t *testing.T) {
	base, ok := standards.Registry().Lookup("MZ301", "1.3")
	if !ok {
		t.Fatal("no MZ301 1.3")
	}
	std := base.WithNewRecords(nil) // a standard of its own, as one loaded at run time
	if planFor(std, selectRules(std, &Options{})) == nil {
		t.Fatal("no plan")
	}
	key := weak.Make(std)
	if _, ok := plans.Load(key); !ok {
		t.Fatal("the plan is not shared")
	}
	std = nil
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		if _, ok := plans.Load(key); !ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the plan of a standard no longer used is still held after 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestOneChunkRunsSerially: with workers, a file that says it fits in one chunk is
// checked serially (no parallel run is set up: no plan is compiled for one), one that
// does not say its size or is larger runs in parallel, and all three find the same.
func TestOneChunkRunsSerially(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "gz321-synthetic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// ACME's narrowing makes findings: an empty machtigingsnummer (0406) in three prestaties.
	acme := &RuleSet{Name: "acme", Standard: "GZ321@1.0", Fields: map[string]FieldRule{"0406": {Required: "ACME wants a machtiging"}}}
	opts := Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1), Workers: 2, MaxFindings: -1, RuleSets: []*RuleSet{acme}}
	check := func(name string, r io.Reader, chunk int, parallel bool) []Finding {
		t.Helper()
		v := New(r, opts)
		v.chunk = chunk
		var found []Finding
		for f := range v.Findings(context.Background()) {
			found = append(found, f)
		}
		if err := v.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ran := v.e.compiled != nil; ran != parallel {
			t.Errorf("%s: ran in parallel %v, want %v", name, ran, parallel)
		}
		return found
	}
	serial := check("a file of one chunk that says its size", bytes.NewReader(raw), 0, false)
	hidden := check("the same file, its size not said", unsized(raw), 0, true)
	chunks := check("the same file in chunks of 2 KiB", bytes.NewReader(raw), 2<<10, true)
	if len(serial) != 3 {
		t.Fatalf("%d findings, want ACME's three", len(serial))
	}
	if !reflect.DeepEqual(hidden, serial) || !reflect.DeepEqual(chunks, serial) {
		t.Errorf("the runs differ: %d findings serially, %d in parallel, %d in parallel chunks", len(serial), len(hidden), len(chunks))
	}
}
