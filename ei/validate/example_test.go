package validate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// exampleFile returns the project's GZ321 test file with a letter in the BSN of the first
// prestatierecord.
func exampleFile() string {
	data, err := os.ReadFile("../testdata/gz321-synthetic.txt")
	if err != nil {
		panic(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines[2] = lines[2][:14] + "X" + lines[2][15:]
	return strings.Join(lines, "")
}

func Example() {
	report, err := validate.File(context.Background(), strings.NewReader(exampleFile()), validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(report.Standard, "valid:", report.Valid())
	for _, f := range report.Findings {
		fmt.Println(f.Error())
		fmt.Println("retourcode", f.Retourcode, "rule", f.Rule, "kind:", errors.Is(&f, validate.ErrType))
	}
	// Output:
	// GZ321@1.0 valid: false
	// line 3: N3 0403 BURGERSERVICENUMMER (BSN) VERZEKERDE: a numeric (N) field holds a non-digit at position 15
	// retourcode 0435 rule N3-DIGITS kind: true
}

// A rule of one's own: an insurer that wants a machtiging (prior authorisation) for
// specialised GGZ (prestatiecodelijst 050).
func ExampleRule() {
	machtiging := &validate.Rule{
		ID:         "ACME-MACHTIGING",
		Doc:        "Specialised GGZ (prestatiecodelijst 050) needs a machtiging (0406).",
		Retourcode: "0551",
		Records:    []string{"04"},
		Record: func(p *validate.Pass, rec *validate.Record) {
			if rec.Value("0408") == "050" {
				p.MustBeFilled(rec, "0406", "for specialised GGZ")
			}
		},
	}
	report, err := validate.File(context.Background(), strings.NewReader(exampleFile()), validate.Options{
		Registry: standards.Registry(),
		Today:    civil.NewDate(2026, 1, 1),
		Rules:    []*validate.Rule{machtiging},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings {
		if f.Level == validate.N6 {
			fmt.Println(f.Error(), "/", f.Rule, f.Retourcode)
		}
	}
	// Output:
	// line 3: N6 0406 MACHTIGINGSNUMMER: must be filled for specialised GGZ / ACME-MACHTIGING 0551
	// line 10: N6 0406 MACHTIGINGSNUMMER: must be filled for specialised GGZ / ACME-MACHTIGING 0551
	// line 17: N6 0406 MACHTIGINGSNUMMER: must be filled for specialised GGZ / ACME-MACHTIGING 0551
}

func ExampleNew() {
	v := validate.New(strings.NewReader(exampleFile()), validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1)})
	for f := range v.Findings(context.Background()) {
		fmt.Println("first finding on line", f.Line)
		break // stops reading the file
	}
	fmt.Println(v.Standard(), v.Err())
	// Output:
	// first finding on line 3
	// GZ321@1.0 <nil>
}

// A rule set of one's own for one standard, with a hook per closed group: an insurer that
// accepts at most one tariefrecord per GGZ prestatie.
func ExampleRuleSet() {
	acme := &validate.RuleSet{
		Name:     "acme",
		Standard: "GZ321", // every version; "GZ321@1.0" for one
		Doc:      "ACME's contract conditions for GGZ.",
		Rules: []*validate.Rule{{
			ID:         "ACME-TARIEVEN",
			Doc:        "A prestatie has one tariefrecord (06).",
			Retourcode: "0584",
			Records:    []string{"04"}, // groups headed by a prestatierecord
			Group: func(p *validate.Pass, g *validate.Group) {
				n := 0
				for i := range g.Len() {
					if g.At(i).Code() == "06" {
						n++
					}
				}
				if n > 1 {
					p.Fail(g.Head(), "0409", "the prestatie has "+strconv.Itoa(n)+" tariefrecords; ACME accepts one")
				}
			},
		}},
	}
	report, err := validate.File(context.Background(), strings.NewReader(exampleFile()), validate.Options{
		Registry: standards.Registry(),
		Today:    civil.NewDate(2026, 1, 1),
		RuleSets: []*validate.RuleSet{acme},
		Disable:  []string{"N3-DIGITS"}, // the letter in the BSN of line 3 is not reported
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings {
		fmt.Println(f.Error(), "/", f.Rule, f.Retourcode)
	}
	// Output:
	// line 3: N6 0409 PRESTATIECODE/DBC DECLARATIECODE: the prestatie has 2 tariefrecords; ACME accepts one / ACME-TARIEVEN 0584
	// line 10: N6 0409 PRESTATIECODE/DBC DECLARATIECODE: the prestatie has 2 tariefrecords; ACME accepts one / ACME-TARIEVEN 0584
	// line 17: N6 0409 PRESTATIECODE/DBC DECLARATIECODE: the prestatie has 2 tariefrecords; ACME accepts one / ACME-TARIEVEN 0584
}

// The rules that run on a standard's files, as `zorgcheck rules` lists them.
func ExampleRules() {
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		fmt.Println(err)
		return
	}
	rules, err := validate.Rules(std, validate.Options{Warn: []string{"GZ321-N5-0421"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rules {
		if strings.HasPrefix(r.ID, "GZ321-N5-04") && (r.ID < "GZ321-N5-0412" || r.ID == "GZ321-N5-0421") {
			fmt.Println(r.ID, r.Level, r.Severity, r.Retourcode)
		}
	}
	// Output:
	// GZ321-N5-0421 N5 warning 8284
	// GZ321-N5-0411 N5 error 8222
	// GZ321-N5-0410 N5 error 8300
}

// Options switch rules off and make them warnings by id; the report is then valid.
func ExampleOptions() {
	report, err := validate.File(context.Background(), strings.NewReader(exampleFile()), validate.Options{
		Registry: standards.Registry(),
		Today:    civil.NewDate(2026, 1, 1),
		Warn:     []string{"N3-DIGITS"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings {
		fmt.Println(f.Rule, f.Severity, "valid:", report.Valid())
	}
	// Output:
	// N3-DIGITS warning valid: true
}
