package retour_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// maxFuzzReturn bounds the returns FuzzCheckRead looks at: the small golden returns fit
// (up to 3 KB); a larger input that finds new coverage would trap the fuzzer in
// minimising it for the rest of the run.
const maxFuzzReturn = 3 * 1024

// FuzzCheckRead: whatever a return holds, Check and Read answer without panicking, and
// Read gives a result only for a return Check accepts. The seeds are the golden returns
// (real MZ302 files of a few records each).
func FuzzCheckRead(f *testing.F) {
	goldens, _ := filepath.Glob("testdata/golden/MZ301-*.txt")
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= maxFuzzReturn {
			f.Add(data)
		}
	}
	declData, err := os.ReadFile("testdata/decl/MZ301-birth.txt")
	if err != nil {
		f.Fatal(err)
	}
	decl, err := ei.ReadFile(bytes.NewReader(declData), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzReturn {
			return
		}
		ret, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		if err != nil {
			return
		}
		probs := retour.Check(ret, decl)
		res, err := retour.Read(ret, decl)
		if (len(probs) == 0) != (err == nil) || err == nil && res == nil {
			t.Fatalf("Check found %d problems, Read: %v", len(probs), err)
		}
		// A declaration read as its own return is never a valid answer.
		if len(retour.Check(decl, ret)) == 0 && !ret.Standard.IsReturn() {
			t.Fatal("a declaration accepted as the answer to a return")
		}
	})
}
