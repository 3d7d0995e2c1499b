package validate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
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
	report, err := validate.File(context.Background(), strings.NewReader(exampleFile()), validate.Options{Today: record.NewDate(2026, 1, 1)})
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
		Today: record.NewDate(2026, 1, 1),
		Rules: []*validate.Rule{machtiging},
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
	v := validate.New(strings.NewReader(exampleFile()), validate.Options{Today: record.NewDate(2026, 1, 1)})
	for f := range v.Findings(context.Background()) {
		fmt.Println("first finding on line", f.Line)
		break // stops reading the file
	}
	fmt.Println(v.Standard(), v.Err())
	// Output:
	// first finding on line 3
	// GZ321@1.0 <nil>
}
