package validate_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// Every rule can be switched off, or made a warning, by its id: built-in checks of the
// layout (N3), relations every standard shares (N5) and a standard's own.
func TestDisableAndWarn(t *testing.T) {
	for _, tc := range []struct {
		name, id string
		edit     func([]string)
		want     string // the finding when the rule is on
	}{
		{"field check", "N3-DIGITS", func(l []string) { put(l, 3, 15, "X") }, "N3@3:0403:N3-DIGITS"},
		{"common relation", "N5-PARENT", func(l []string) { put(l, 3, 24, "3313") }, "N5@3:0404:N5-PARENT"},
		// 0417 beroep left empty while the AGB code of the hoofdbehandelaar (0416) is
		// filled: GZ321's own rule.
		{"standard's rule", "GZ321-N5-0417", func(l []string) { put(l, 3, 127, "0000") }, "N5@3:0417:GZ321-N5-0417"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := synthetic(t)
			tc.edit(l)
			rep := run(t, l, validate.Options{Registry: standards.Registry()})
			if got := rules(rep); got != tc.want || rep.Valid() {
				t.Fatalf("findings %s, want %s:\n%s", got, tc.want, list(rep.Findings))
			}
			if rep := run(t, l, validate.Options{Registry: standards.Registry(), Disable: []string{tc.id}}); len(rep.Findings) != 0 {
				t.Errorf("disabled, yet findings:\n%s", list(rep.Findings))
			}
			rep = run(t, l, validate.Options{Registry: standards.Registry(), Warn: []string{tc.id}})
			if got := rules(rep); got != tc.want || !rep.Valid() || rep.Findings[0].Severity != validate.Warning {
				t.Errorf("made a warning: findings %s, valid %v:\n%s", got, rep.Valid(), list(rep.Findings))
			}
		})
	}
	t.Run("unknown id", func(t *testing.T) {
		_, err := validate.File(context.Background(), strings.NewReader(strings.Join(synthetic(t), "")),
			validate.Options{Registry: standards.Registry(), Disable: []string{"N5-NOSUCHRULE"}, Warn: []string{"GZ321-N5-9999"}})
		if !errors.Is(err, validate.ErrUnknownRule) || !strings.Contains(err.Error(), "N5-NOSUCHRULE") || !strings.Contains(err.Error(), "GZ321-N5-9999") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("id of a built-in rule", func(t *testing.T) {
		_, err := validate.File(context.Background(), strings.NewReader(strings.Join(synthetic(t), "")),
			validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{{ID: "N5-PARENT"}}})
		if !errors.Is(err, validate.ErrDuplicateRule) {
			t.Errorf("error %v", err)
		}
	})
}

// A rule set of one's own for one standard, with hooks per record, per group (prestatie
// and verzekerde) and at the end, and a FieldRule narrowing a field check.
func TestCustomRuleSet(t *testing.T) {
	var seen []string
	note := func(s string) { seen = append(seen, s) }
	set := &validate.RuleSet{
		Name: "acme", Standard: "GZ321@1.0", Doc: "ACME's checks.",
		Fields: map[string]validate.FieldRule{
			// 0406 machtigingsnummer: ACME wants one.
			"0406": {Required: "ACME wants a machtiging"},
		},
		Rules: []*validate.Rule{
			{ID: "ACME-TARIEF", Level: validate.N5, Records: []string{"06"}, Doc: "Every tariefrecord is noted.",
				Record: func(p *validate.Pass, rec *validate.Record) { note("06@" + itoa(rec.Line)) }},
			{ID: "ACME-PRESTATIE", Records: []string{"04"}, Doc: "A prestatie has at most one tariefrecord.", Retourcode: "0584",
				Group: func(p *validate.Pass, g *validate.Group) {
					if g.Head().Code() != "04" || !g.Complete() {
						t.Errorf("group of %s", g.Head().Code())
					}
					n := 0
					for i := range g.Len() {
						rec := g.At(i)
						if rec.Code() == "06" {
							n++
							if rec.Parent() != g.Head() {
								t.Errorf("line %d: parent %v, not the head", rec.Line, rec.Parent())
							}
						}
						if rec.Code() == "98" && (rec.Parent() == nil || rec.Parent().Line != rec.Line-1) {
							t.Errorf("line %d: a comment's parent %v", rec.Line, rec.Parent())
						}
					}
					note("04@" + itoa(g.Head().Line) + "+" + itoa(g.Len()))
					if n > 1 {
						p.Fail(g.Head(), "0409", "more than one tariefrecord")
					}
				}},
			{ID: "ACME-VERZEKERDE", Records: []string{"02"}, Doc: "The records of a verzekerde.",
				Group: func(p *validate.Pass, g *validate.Group) {
					for i := range g.Len() {
						if rec := g.At(i); rec.Code() == "16" && (rec.Parent() == nil || rec.Parent().Code() != "04") {
							t.Errorf("line %d: the parent of a 16 is %v", rec.Line, rec.Parent())
						}
					}
					note("02@" + itoa(g.Head().Line) + "+" + itoa(g.Len()))
				}},
			{ID: "ACME-END", Doc: "Notes the end.", End: func(p *validate.Pass) {
				note("end " + p.Standard().ID())
			}},
		},
	}
	rep := run(t, synthetic(t), validate.Options{Registry: standards.Registry(), RuleSets: []*validate.RuleSet{set}})
	// The synthetic file: three verzekerden (lines 2, 9, 16), each 02 04 06 98 06 16 17.
	const want = "06@4 06@6 04@3+5 02@2+6 06@11 06@13 04@10+5 02@9+6 06@18 06@20 04@17+5 02@16+6 end GZ321@1.0"
	if got := strings.Join(seen, " "); got != want {
		t.Errorf("hooks ran\n%s\nwant\n%s", got, want)
	}
	if got := rules(rep); got != "N3@3:0406:N3-REQUIRED N6@3:0409:ACME-PRESTATIE N3@10:0406:N3-REQUIRED N6@10:0409:ACME-PRESTATIE N3@17:0406:N3-REQUIRED N6@17:0409:ACME-PRESTATIE" {
		t.Errorf("findings %s:\n%s", got, list(rep.Findings))
	}
	if f := rep.Findings[1]; f.Retourcode != "0584" || f.FieldName != "PRESTATIECODE/DBC DECLARATIECODE" || !errors.Is(&f, validate.ErrCustom) {
		t.Errorf("finding %+v", f)
	}
	// Not for another standard.
	seen = nil
	mz := strings.SplitAfter(strings.Join(mz301Lines(t), "\r\n")+"\r\n", "\r\n")
	if rep := run(t, mz[:len(mz)-1], validate.Options{Registry: standards.Registry(), RuleSets: []*validate.RuleSet{set}}); len(seen) > 0 || len(rep.Findings) > 0 {
		t.Errorf("the GZ321 set ran on MZ301: %v %s", seen, rules(rep))
	}
}

// The rules can be listed: every built-in rule has an id, a level and a doc string, and
// the ids are unique.
func TestRuleList(t *testing.T) {
	seen := map[string]string{}
	n := 0
	for _, s := range validate.RuleSets() {
		if s.Name == "" || s.Doc == "" {
			t.Errorf("set %q has no name or doc", s.Name)
		}
		for _, r := range s.Rules {
			n++
			if r.ID == "" || r.Doc == "" || r.Level == 0 {
				t.Errorf("set %s: rule %q: no id, doc or level", s.Name, r.ID)
			}
			if other, ok := seen[r.ID]; ok {
				t.Errorf("rule %s in sets %s and %s", r.ID, other, s.Name)
			}
			seen[r.ID] = s.Name
			if r.BuiltIn() != (s.Name == "rbc") {
				t.Errorf("rule %s of set %s: built in %v", r.ID, s.Name, r.BuiltIn())
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d rules", n)
	}
	gz, _ := standards.Registry().Parse("GZ321@1.0")
	rs, err := validate.Rules(gz, validate.Options{Disable: []string{"N5-UNIQUE"}, Warn: []string{"GZ321-N5-0417"}})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]*validate.Rule{}
	for _, r := range rs {
		ids[r.ID] = r
	}
	if ids["N5-UNIQUE"] != nil || ids["N3-DIGITS"] == nil || ids["MZ301-N5-0411"] != nil || ids["GZ321-N5-0417"].Severity != validate.Warning {
		t.Errorf("rules of GZ321: %d", len(rs))
	}
	// The listing does not change the built-in rules.
	for _, s := range validate.RuleSets() {
		for _, r := range s.Rules {
			if r.ID == "GZ321-N5-0417" && r.Severity != validate.Error {
				t.Errorf("Rules changed the built-in rule")
			}
		}
	}
}

// With the standard given (Options.Standard), the 01 record must still name it: every
// Vektis N1 test file of GZ321 gives an N1 error checked against GZ321@1.0.
func TestStandardGivenChecksIdentification(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "rbc-gz321")
	names, _ := filepath.Glob(filepath.Join(dir, "visible", "*_TB_N1_*"))
	if len(names) == 0 {
		t.Fatal("no N1 test files")
	}
	gz, _ := standards.Registry().Parse("GZ321@1.0")
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Standard: gz, Today: rbcToday, MaxFindings: -1})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range rep.Findings {
				if f.Level == validate.N1 && f.Severity == validate.Error {
					return
				}
			}
			t.Errorf("no N1 error:\n%s", list(rep.Findings))
		})
	}
	t.Run("version 88", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, "visible", "GZ321v1.0_RBCu4_TB_N1_0009_01_v1.asc"))
		if err != nil {
			t.Fatal(err)
		}
		rep, _ := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Standard: gz, Today: rbcToday})
		if got := rules(rep); got != "N1@1:0103:N1-IDENTIFICATION" {
			t.Errorf("findings %s:\n%s", got, list(rep.Findings))
		}
	})
	t.Run("the base file", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, "GZ321-basisbestand-correct.ASC"))
		if err != nil {
			t.Fatal(err)
		}
		if rep := check(t, data); len(rep.Findings) > 0 {
			t.Errorf("findings:\n%s", list(rep.Findings))
		}
		rep, _ := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Standard: gz, Today: rbcToday})
		if len(rep.Findings) > 0 {
			t.Errorf("with the standard given: findings:\n%s", list(rep.Findings))
		}
	})
}

// Record.Amount reads an amount with the sign of its debet/credit field: a rule that adds
// up the declaratiebedragen of the tariefrecords finds the total of the 99.
func TestAmountHelper(t *testing.T) {
	type sum struct{ total record.Money }
	rule := &validate.Rule{ID: "SUM", Level: validate.N5, Records: []string{"06", "99"}, Doc: "Adds up 0625.",
		NewState: func() any { return &sum{} },
		Record: func(p *validate.Pass, rec *validate.Record) {
			s := p.State().(*sum)
			if rec.Code() == "06" {
				v, ok := rec.Amount("0625")
				if !ok {
					p.Fail(rec, "0625", "no amount")
				}
				s.total, _ = s.total.Add(v)
				return
			}
			if total, ok := rec.Amount("9910"); !ok || total != s.total {
				p.Fail(rec, "9910", "total "+total.String()+", the tariefrecords add up to "+s.total.String())
			}
		}}
	if rep := run(t, synthetic(t), validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{rule}}); len(rep.Findings) > 0 {
		t.Errorf("findings:\n%s", list(rep.Findings))
	}
	// A credit tariefrecord (0626 C) counts negative: the sums differ by twice its amount.
	l := synthetic(t)
	put(l, 4, 147, "C")
	rep := run(t, l, validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{rule}, Disable: []string{"N5-DEBITCREDIT", "N5-CREDITREF", "N5-TOTAL"}})
	if got := rules(rep); got != "N5@23:9910:SUM" {
		t.Errorf("findings %s:\n%s", got, list(rep.Findings))
	}
}
