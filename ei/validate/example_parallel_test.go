package validate_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Options.Workers spreads the checks of one file over the cores (-1: all of them); the
// findings are the serial run's, in the same order.
func ExampleOptions_workers() {
	opts := validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1), Workers: -1}
	report, err := validate.File(context.Background(), strings.NewReader(exampleFile()), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	serial := opts
	serial.Workers = 1
	again, _ := validate.File(context.Background(), strings.NewReader(exampleFile()), serial)
	fmt.Println(len(report.Findings), "finding(s); the same as serially:", fmt.Sprint(report.Findings) == fmt.Sprint(again.Findings))
	fmt.Println(report.Findings[0].Rule, "on line", report.Findings[0].Line)
	// Output:
	// 1 finding(s); the same as serially: true
	// N3-DIGITS on line 3
}
