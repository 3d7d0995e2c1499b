package validate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/fuzzedit"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// fuzzFiles are the real files FuzzValidate edits: the synthetic GZ321 cut down to one
// patient (01 02 04 06 98 99) and the synthetic MZ301 cut down to one (01 02 04 04 98 99).
// The closing record's totals then no longer match: that is one more thing to find.
func fuzzFiles(tb testing.TB) [][]string {
	var files [][]string
	for _, name := range []string{"gz321-synthetic.txt", "mz301-synthetic.txt"} {
		data, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", name))
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		lines = lines[:strings.Count(string(data), "\n")]
		files = append(files, append(lines[:5:5], lines[len(lines)-1]))
	}
	return files
}

// FuzzValidate: the validator takes any file without panicking, and what it reports is
// well-formed: a level, a line within the file, a COD954 return code, a message.
//
// It fuzzes one edit (internal/fuzzedit: overwrite, insert, delete, drop, duplicate,
// swap, join, cut, another record code, CR LF) of a small real file rather than raw bytes:
// validating costs milliseconds per file, and the fuzzer minimises every input that finds
// new code; with whole files as inputs that minimising took the whole run (8 executions in
// 60 s). The fuzzed values here are a few bytes.
func FuzzValidate(f *testing.F) {
	files := fuzzFiles(f)
	seeds := []struct {
		file, op, line uint8
		pos            uint16
		text           string
	}{
		{0, fuzzedit.Overwrite, 0, 0, ""},          // the file as it is
		{1, fuzzedit.Overwrite, 0, 0, ""},          // the file as it is
		{0, fuzzedit.Overwrite, 2, 14, "X"},        // N3 0403
		{0, fuzzedit.Overwrite, 0, 80, " "},        // N4 0116
		{1, fuzzedit.Recode, 1, 0, "98"},           // an 02 that claims to be a 98
		{1, fuzzedit.Join, 1, 0, ""},               // an 02 and an 04 on one line
		{0, fuzzedit.Drop, 0, 0, ""},               // no header
		{0, fuzzedit.Swap, 1, 0, ""},               // records out of order
		{1, fuzzedit.Cut, 2, 100, ""},              // truncated in a record
		{1, fuzzedit.CRLF, 3, 0, ""},               // mixed line breaks
		{0, fuzzedit.Insert, 1, 20, "123 456 782"}, // a record too long
		{0, fuzzedit.Delete, 3, 7, "abc"},          // a record too short
		{0, fuzzedit.Duplicate, 2, 0, ""},          // a record twice
	}
	for _, s := range seeds {
		f.Add(s.file, s.op, s.line, s.pos, s.text)
	}
	f.Fuzz(func(t *testing.T, file, op, line uint8, pos uint16, text string) {
		data := fuzzedit.Apply(files[int(file)%len(files)], op, line, pos, text)
		rep, err := validate.File(context.Background(), strings.NewReader(data), validate.Options{Registry: standards.Registry(), Today: sampleToday, MaxFindings: -1})
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(data, "\n") + 1
		for _, fd := range rep.Findings {
			if fd.Level < validate.N1 || fd.Level > validate.N5 || fd.Line < 0 || fd.Line > n || fd.Message == "" || fd.Rule == "" || fd.Err == nil {
				t.Errorf("malformed finding %+v", fd)
			}
			if _, ok := validate.Retourcode(fd.Retourcode); !ok {
				t.Errorf("%s: retourcode %q", fd.Error(), fd.Retourcode)
			}
		}
		if len(data) > 0 && rep.Valid() && rep.Standard == nil {
			t.Error("valid without a standard")
		}
	})
}
