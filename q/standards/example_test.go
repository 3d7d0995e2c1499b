package standards_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/q/standards"
)

// The registry of the Q standards recognises a file by its 01 record: EI code 542 is a
// QVE301 delivery, 543 its QVE302 answer. Both are reconstructions, and say so.
func ExampleRegistry() {
	for _, head := range []string{"015420100T", "015430100T"} {
		std, err := standards.Registry().Detect([]byte(head))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(std) // a reconstructed standard says so wherever it is printed
	}
	// Output:
	// QVE301@1.0 (reconstructed)
	// QVE302@1.0 (reconstructed)
}
