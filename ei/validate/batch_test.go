package validate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The serial run compiles the GGZ rules that read the same things first (a tariefrecord's
// prestatie and soort, a prestatie's product) into one step per row (run.go, batch). A
// rule handed out by RuleSets runs by its own hook. So the GZ321 set's rules, switched
// off and given again as rules of one's own under other ids (they run in the same place:
// the GZ321 set is the last built-in set of a GZ321 file), must find exactly what the
// built-in rules find, in the same order, on every Vektis test file of GZ321 and the
// base file; also with rules in the middle of a row switched off or made warnings.
func TestBatchedRulesFindWhatTheirHooksFind(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	names, _ := filepath.Glob(filepath.Join(dir, "visible", "*.asc"))
	names = append(names, filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
	if len(names) < 100 {
		t.Fatalf("%d GZ321 test files, want the Vektis suite", len(names))
	}
	var gz321 *validate.RuleSet
	for _, s := range validate.RuleSets() {
		if s.Name == "GZ321" {
			gz321 = s
		}
	}
	if gz321 == nil {
		t.Fatal("no rule set GZ321")
	}
	const prefix = "COPY-"
	var ids []string
	var copies []*validate.Rule
	for _, r := range gz321.Rules {
		ids = append(ids, r.ID)
		c := *r
		c.ID = prefix + r.ID
		copies = append(copies, &c)
	}
	// Rules in the middle of the tariefrecord's row (0611 … 0625) and of the product's
	// (0610, 0410 … 0437, 1713, 1714).
	off := []string{"GZ321-N5-0615", "GZ321-N5-0426", "GZ321-N5-0433"}
	warn := []string{"GZ321-N5-0617", "GZ321-N5-0432", "GZ321-N5-0410"}
	prefixed := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, prefix+id)
		}
		return out
	}
	found := 0
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, variant := range []struct {
			name        string
			builtin     validate.Options
			copiedRules validate.Options
		}{
			{"all", validate.Options{}, validate.Options{Disable: ids, Rules: copies}},
			{"some off or warnings", validate.Options{Disable: off, Warn: warn},
				validate.Options{Disable: append(append([]string(nil), ids...), prefixed(off)...), Warn: prefixed(warn), Rules: copies}},
		} {
			run := func(opts validate.Options) string {
				opts.Registry, opts.Today, opts.MaxFindings = standards.Registry(), civil.NewDate(2016, 1, 1), -1
				rep, err := validate.File(context.Background(), bytes.NewReader(data), opts)
				if err != nil {
					t.Fatalf("%s: %v", filepath.Base(name), err)
				}
				var b strings.Builder
				for _, f := range rep.Findings {
					if strings.HasPrefix(f.Rule, "GZ321-") || strings.HasPrefix(f.Rule, prefix) {
						found++
					}
					fmt.Fprintf(&b, "%s %s %v %d %s %s %d %s %v %s %v\n", strings.TrimPrefix(f.Rule, prefix), f.Level, f.Severity,
						f.Line, f.Record, f.Field, f.Position, f.Retourcode, errors.Unwrap(f.Err) == nil, f.Message, f.Err)
				}
				return b.String()
			}
			if got, want := run(variant.builtin), run(variant.copiedRules); got != want {
				t.Errorf("%s (%s): the built-in rules found\n%s\nthe rules by their own hooks\n%s", filepath.Base(name), variant.name, got, want)
			}
		}
	}
	if found < 100 {
		t.Errorf("the GZ321 rules found %d things over the suite: the test compares too little", found)
	}
}

// N5-SELFREF and N5-CREDITREF share one check, which the serial run makes once for both
// (a sharedHook batch): each reports its own findings, and switching one off takes
// exactly its findings away.
func TestSharedHookRulesReportTheirOwn(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	names, _ := filepath.Glob(filepath.Join(dir, "visible", "*.asc"))
	seen := map[string]int{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		run := func(off ...string) []string {
			rep, err := validate.File(context.Background(), bytes.NewReader(data),
				validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2016, 1, 1), MaxFindings: -1, Disable: off})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, f := range rep.Findings {
				out = append(out, fmt.Sprintf("%s %d %s %s %s", f.Rule, f.Line, f.Field, f.Retourcode, f.Message))
			}
			return out
		}
		all := run()
		for _, id := range []string{"N5-SELFREF", "N5-CREDITREF"} {
			var want []string
			for _, f := range all {
				if strings.HasPrefix(f, id+" ") {
					seen[id]++
				} else {
					want = append(want, f)
				}
			}
			if got := run(id); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s with %s off:\n%s\nwant\n%s", filepath.Base(name), id, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	if seen["N5-SELFREF"] == 0 || seen["N5-CREDITREF"] == 0 {
		t.Errorf("findings over the suite: %v; want both rules to find something", seen)
	}
}

// Record.Int reads one to eight digits as one word (record.DigitsWord4, DigitsWord): on every record
// of the Vektis GZ321 suite (which holds letters, spaces and signs in N fields), every
// field's Int is the number its text (Raw) holds when that is all digits, else 0 and false.
func TestRecordIntOnEveryField(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	names, _ := filepath.Glob(filepath.Join(dir, "visible", "*.asc"))
	checked, bad := 0, 0
	rule := &validate.Rule{ID: "TEST-INT", Record: func(p *validate.Pass, rec *validate.Record) {
		if rec.Layout == nil {
			return
		}
		for _, f := range rec.Layout.Fields() {
			raw := rec.Raw(f.Number)
			want, wantOK := int64(0), raw != "" && len(raw) <= 18 && strings.Trim(raw, "0123456789") == ""
			if wantOK {
				for _, c := range raw {
					want = want*10 + int64(c-'0')
				}
			} else {
				bad++
			}
			checked++
			if got, ok := rec.Int(f.Number); got != want || ok != wantOK {
				t.Errorf("line %d field %s %q: Int %d, %v; want %d, %v", rec.Line, f.Number, raw, got, ok, want, wantOK)
			}
		}
	}}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(),
			Today: civil.NewDate(2016, 1, 1), MaxFindings: -1, Rules: []*validate.Rule{rule}}); err != nil {
			t.Fatal(err)
		}
	}
	if checked < 10000 || bad < 100 {
		t.Errorf("%d fields checked, %d not numbers: too few", checked, bad)
	}
}
