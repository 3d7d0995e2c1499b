package ei_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// roundTrip reads data with the streaming Reader and writes every record back with a
// Writer set up like the input (line breaks, final break, numbering and totals computed
// anew), and the same through the whole-file model.
func roundTrip(t *testing.T, data []byte) {
	t.Helper()
	lf := !bytes.Contains(data, []byte("\r\n"))
	omitFinal := !bytes.HasSuffix(data, []byte("\n"))
	opts := ei.WriterOptions{LF: lf, OmitFinalBreak: omitFinal}

	rd := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	std, err := rd.Standard()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := ei.NewWriter(&out, std, opts)
	n := 0
	for e, err := range rd.All() {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if e.Line != n {
			t.Fatalf("entry %d has line %d", n, e.Line)
		}
		if err := w.Write(e.Record); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("streaming round trip differs:\n%s", firstDiff(data, out.Bytes()))
	}

	f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.Records()); got != n {
		t.Fatalf("file model holds %d records, the file %d", got, n)
	}
	out.Reset()
	if err := f.Write(&out, opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("file model round trip differs:\n%s", firstDiff(data, out.Bytes()))
	}
}

func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var a, b string
		if i < len(wl) {
			a = wl[i]
		}
		if i < len(gl) {
			b = gl[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\nwant " + a + "\ngot  " + b
		}
	}
	return "(same lines, different bytes)"
}

func TestRoundTripShared(t *testing.T) {
	for _, rel := range [][]string{
		{"vektis", "samples", "MZ301v1.3_sample.asc"},
		{"vektis", "rbc-gz321", "GZ321-basisbestand-correct.ASC"},
	} {
		t.Run(rel[len(rel)-1], func(t *testing.T) {
			data, err := os.ReadFile(sharedtest.Path(t, rel...))
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, data)
		})
	}
}
