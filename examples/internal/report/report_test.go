package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// synthetic is zorgcheck's synthetic PM304 3.2 file (invented BSN 100000009): head,
// verzekerde, prestatie, comment, sluit.
var synthetic = filepath.Join("..", "..", "zorgcheck", "testdata", "pm304-synthetic.txt")

func opener(data []byte) Opener {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

func today() validate.Options {
	return validate.Options{Today: record.Date{Year: 2026, Month: 1, Day: 1}}
}

// manyFaults is the synthetic file with n prestaties, each with a letter in its BSN (an
// N3-DIGITS error per prestatie), numbered and totalled as the standard wants.
func manyFaults(t *testing.T, n int) []byte {
	data, err := os.ReadFile(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	l := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	head, verz, pres, comm, sluit := l[0], l[1], l[2], l[3], l[4]
	put := func(s string, pos int, v string) string { return s[:pos-1] + v + s[pos-1+len(v):] }
	var b strings.Builder
	b.WriteString(head + "\n")
	for i := range n {
		b.WriteString(put(verz, 3, fmt.Sprintf("%012d", 2*i+1)) + "\n")
		p := put(pres, 3, fmt.Sprintf("%012d", 2*i+2))
		p = put(p, 192, fmt.Sprintf("%-20s", fmt.Sprintf("REF%08d", i)))
		b.WriteString(put(p, 17, "X") + "\n")
		b.WriteString(put(comm, 3, fmt.Sprintf("%012d", 2*i+2)) + "\n")
	}
	s := put(sluit, 3, fmt.Sprintf("%06d", n))
	s = put(s, 15, fmt.Sprintf("%06d", n))
	s = put(s, 21, fmt.Sprintf("%06d", n))
	s = put(s, 27, fmt.Sprintf("%07d", 3*n))
	s = put(s, 34, fmt.Sprintf("%011d", 3850*n))
	b.WriteString(s + "\n")
	return []byte(b.String())
}

// The page keeps the first MaxRecords records and those with a listed finding, lists
// the first MaxListed findings, counts everything, and says so.
func TestBuildCaps(t *testing.T) {
	data := manyFaults(t, 300) // 902 records, 300 N3-DIGITS errors (lines 3, 6, …, 900)
	opts := Options{Validate: today(), MaxRecords: 100, MaxListed: 50}
	opts.Validate.MaxFindings = -1
	page, err := Build(context.Background(), "many.txt", opener(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	if page.Records != 902 || page.Errors != 300 || page.FindingsTotal != 300 || len(page.Findings) != 50 {
		t.Errorf("records %d, errors %d, total %d, listed %d; want 902, 300, 300, 50", page.Records, page.Errors, page.FindingsTotal, len(page.Findings))
	}
	// The first 100 records, and the records of the 50 listed findings (lines 3 … 150):
	// those up to line 100 are among the first 100 already; lines 102 … 150 add 17.
	if page.RecordsShown != 117 {
		t.Errorf("%d records shown, want 117", page.RecordsShown)
	}
	if len(page.Unlisted) != 1 || page.Unlisted[0] != (RuleCount{Rule: "N3-DIGITS", Listed: 50, Total: 300}) {
		t.Errorf("unlisted %+v", page.Unlisted)
	}
	var b bytes.Buffer
	if err := page.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2>Findings (300, the first 50 listed)</h2>`,
		`Not all listed: N3-DIGITS 50 of 300;`,
		`The page holds 117 of the 902 lines: the first ones and every line with a listed finding`,
		`<tr data-type="04"><td>04 PRESTATIERECORD</td><td>300</td><td class="err">300</td><td>0</td></tr>`,
		`Not valid: 300 errors, 0 warnings`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page has no %q", want)
		}
	}
	if strings.Contains(b.String(), "100000009") {
		t.Error("the page shows the BSN")
	}
}

// Lines that are not records (10,000 lines of one letter): counted, the first shown.
func TestBuildTinyLines(t *testing.T) {
	data := bytes.Repeat([]byte("a\n"), 10000)
	page, err := Build(context.Background(), "tiny.txt", opener(data), Options{Validate: today(), MaxRecords: 10})
	if err != nil {
		t.Fatal(err)
	}
	if page.Lines != 10000 || page.BadLines != 10000 || page.RecordsShown > 11 || page.Standard != "not known" || page.Errors == 0 {
		t.Errorf("lines %d, bad %d, shown %d, standard %q, errors %d", page.Lines, page.BadLines, page.RecordsShown, page.Standard, page.Errors)
	}
}

// A file whose 01 record names QVE301 is checked with the Q rules.
func TestBuildQ(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "q", "testdata", "qve301_invalid.txt"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := Build(context.Background(), "q.txt", opener(data), Options{Validate: today()})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range page.Findings {
		rules[f.Rule] = true
	}
	if page.Format != "Q" || !strings.HasPrefix(page.Standard, "QVE301 ") || !rules["Q-N5-0450"] || !rules["Q-N5-0408"] {
		t.Errorf("format %q, standard %q, rules %v", page.Format, page.Standard, rules)
	}
}

// A Vektis test file: the finding at its field, the field's value masked.
func TestBuildVektisN5(t *testing.T) {
	name := sharedtest.Path(t, "vektis", "rbc-gz321", "visible", "GZ321v1.0_RBCu4_TB_N5_016_v1.asc")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	page, err := Build(context.Background(), "n5.asc", opener(data), Options{Validate: today()})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Findings) != 1 || page.Findings[0].Field != "0213" || page.Findings[0].Start != 100 || page.Findings[0].Length != 25 || page.Verdict != "Not valid: 1 error, 0 warnings" {
		t.Fatalf("findings %+v, verdict %q", page.Findings, page.Verdict)
	}
	if strings.Contains(string(page.Data), "XXXXXXXXXXXXXXXXXXXXXXXXX") {
		t.Error("0213 NAAM VERZEKERDE (02) is shown unmasked")
	}
}

// A line that is not a well-formed record (a verzekerdenrecord one position too long, a
// verzekerdenrecord and a prestatierecord joined on one line) is masked everywhere after
// its record code: its BSN, date of birth and name do not appear on the page.
func TestBuildMasksBadLines(t *testing.T) {
	data, err := os.ReadFile(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	l := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	bad := strings.Join([]string{l[0], l[1] + "X", l[1] + l[2], l[3], l[4]}, "\n") + "\n"
	for _, unmask := range []bool{false, true} {
		page, err := Build(context.Background(), "bad.txt", opener([]byte(bad)), Options{Validate: today(), Unmask: unmask})
		if err != nil {
			t.Fatal(err)
		}
		if page.BadLines != 2 {
			t.Errorf("%d bad lines, want 2", page.BadLines)
		}
		// 100000009 is the synthetic BSN, 19700517 the date of birth, Testpersoon the name.
		for _, secret := range []string{"100000009", "19700517", "Testpersoon"} {
			if got := strings.Contains(string(page.Data), secret); got != unmask {
				t.Errorf("unmask %v: the page shows %q: %v", unmask, secret, got)
			}
		}
	}
}
