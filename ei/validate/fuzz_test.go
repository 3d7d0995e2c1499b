package validate_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The validator takes any input without panicking, and what it reports is well-formed:
// a level, a line within the file, a COD954 return code, a message.
func FuzzValidate(f *testing.F) {
	lines := synthetic(f)
	f.Add([]byte(strings.Join(lines, "")))
	f.Add([]byte(strings.Join(broken(f), "")))
	f.Add([]byte(strings.Join(lines[:5], "")))
	f.Add([]byte(lines[0] + lines[3] + lines[1]))
	f.Add([]byte("01XXX0100T\n02\n99\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Today: sampleToday, MaxFindings: -1})
		if err != nil {
			t.Fatal(err)
		}
		n := bytes.Count(data, []byte("\n")) + 1
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
