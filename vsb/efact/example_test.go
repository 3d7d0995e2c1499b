package efact_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
)

// Each record of a facturatiebestand has its type in ef920000v20: AppendTo writes one,
// Parse reads it back. Package vsb reads and writes whole files.
func Example() {
	rec := ef920000v20.ZendingBegin{NumeroDeLenvoi: 123, VersionFichier: 2}
	line, err := rec.AppendTo(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var back ef920000v20.ZendingBegin
	if err := back.Parse(string(line)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(line), string(line[:2]), back.NumeroDeLenvoi, back.VersionFichier)
	// Output: 350 10 123 2
}
