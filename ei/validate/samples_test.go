package validate_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

var sampleToday = civil.NewDate(2026, 1, 1)

// The project's own correct files validate clean.
func TestProjectFilesClean(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no files (%v)", err)
	}
	more, _ := filepath.Glob(filepath.Join(sharedtest.RepoRoot(), "examples", "readsample", "*.txt"))
	for _, name := range append(names, more...) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			rep := validateFile(t, name)
			if len(rep.Findings) > 0 {
				t.Errorf("findings:\n%s", list(rep.Findings))
			}
		})
	}
}

// The real sample files of ../shared: the PM304 sample is clean; the MZ301 sample is too,
// but for its last record, which has no line break (the RBC rejects that: Vektis test file
// TB_N2_0006).
func TestSharedSamples(t *testing.T) {
	t.Run("PM304", func(t *testing.T) {
		rep := validateFile(t, sharedtest.Path(t, "vektis", "samples", "PM304v3.2_sample.dat"))
		if rep.Standard == nil || rep.Standard.ID() != "PM304@3.2" {
			t.Fatalf("standard %v", rep.Standard)
		}
		// The sample uses UZOVI 1234, which no insurer has: a warning, not an error.
		rep.Findings = unknownUZOVI(t, rep.Findings, "1234")
		if len(rep.Findings) > 0 {
			t.Errorf("findings:\n%s", list(rep.Findings))
		}
	})
	t.Run("MZ301", func(t *testing.T) {
		name := sharedtest.Path(t, "vektis", "samples", "MZ301v1.3_sample.asc")
		rep := validateFile(t, name)
		// The sample names UZOVI 9999 (no insurer) and 3317, which is not in the register:
		// warnings, not errors (issue: the register changes, test files use such numbers).
		rep.Findings = unknownUZOVI(t, rep.Findings, "9999", "3317")
		if len(rep.Findings) != 1 || !errors.Is(&rep.Findings[0], validate.ErrLineBreak) || rep.Findings[0].Line != 15 {
			t.Fatalf("want only the missing line break after line 15; findings:\n%s", list(rep.Findings))
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rep, err = validate.File(context.Background(), bytes.NewReader(append(data, '\r', '\n')), validate.Options{Registry: standards.Registry(), Today: sampleToday,
			Disable: []string{"N4-UZOVI"}})
		if err != nil || len(rep.Findings) > 0 {
			t.Errorf("with its line break: %v\n%s", err, list(rep.Findings))
		}
	})
}

func validateFile(t *testing.T, name string) *validate.Report {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := validate.File(context.Background(), f, validate.Options{Registry: standards.Registry(), Today: sampleToday, MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// unknownUZOVI checks that the findings of rule N4-UZOVI are warnings about exactly the
// given numbers, naming the register's date, and returns the other findings.
func unknownUZOVI(t *testing.T, fs []validate.Finding, numbers ...string) []validate.Finding {
	t.Helper()
	var rest []validate.Finding
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Rule != "N4-UZOVI" {
			rest = append(rest, f)
			continue
		}
		if f.Severity != validate.Warning || !strings.Contains(f.Message, "register (the module's copy of 2023)") {
			t.Errorf("N4-UZOVI finding is not a warning naming the register: %v", f)
		}
		ok := false
		for _, n := range numbers {
			if strings.Contains(f.Message, "UZOVI-nummer "+n+" ") {
				ok, seen[n] = true, true
			}
		}
		if !ok {
			t.Errorf("unexpected N4-UZOVI finding: %v", f)
		}
	}
	for _, n := range numbers {
		if !seen[n] {
			t.Errorf("UZOVI %s not reported", n)
		}
	}
	return rest
}
