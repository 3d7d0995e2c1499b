package retour_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/fuzzedit"
)

// FuzzCheckRead: whatever a return holds, Check and Read answer without panicking, and
// Read gives a result only for a return Check accepts. It fuzzes one edit
// (internal/fuzzedit: overwrite, insert, delete, drop, duplicate, swap, join, cut, another
// record code, CR LF) of a golden return (real MZ302 files of a few records each) rather
// than raw bytes, so that the fuzzer's minimising of an interesting input does not take
// the whole run: the fuzzed values are a few bytes.
func FuzzCheckRead(f *testing.F) {
	goldens, _ := filepath.Glob("testdata/golden/MZ301-*.txt")
	var files [][]string
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		files = append(files, lines)
	}
	if len(files) == 0 {
		f.Fatal("no golden returns in testdata/golden")
	}
	for i := range files {
		f.Add(uint8(i), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "")
	}
	f.Add(uint8(0), uint8(fuzzedit.Recode), uint8(1), uint16(0), "04")
	f.Add(uint8(1), uint8(fuzzedit.Overwrite), uint8(2), uint16(300), "8001")
	f.Add(uint8(2), uint8(fuzzedit.Drop), uint8(1), uint16(0), "")
	declData, err := os.ReadFile("testdata/decl/MZ301-birth.txt")
	if err != nil {
		f.Fatal(err)
	}
	decl, err := ei.ReadFile(bytes.NewReader(declData), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, file, op, line uint8, pos uint16, text string) {
		data := fuzzedit.Apply(files[int(file)%len(files)], op, line, pos, text)
		ret, err := ei.ReadFile(strings.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
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
