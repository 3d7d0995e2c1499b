package standards_test

import (
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

// A program that must recognise any EI file uses the registry of every standard.
func ExampleRegistry() {
	std, err := standards.Registry().Detect([]byte("011760103T"))
	if err != nil {
		panic(err)
	}
	fmt.Println(std, std.Name(), std.RecordLength())
	// Output: MZ301@1.3 DECLARATIE MONDZORG 310
}

// A program that handles one standard imports just its package and builds a registry of
// what it uses.
func Example_oneStandard() {
	reg, err := ei.NewRegistry(mz301v13.Standard())
	if err != nil {
		panic(err)
	}
	_, err = reg.Detect([]byte("011950100T"))
	fmt.Println(strings.Contains(err.Error(), "unknown EI standard"))
	// Output: true
}
