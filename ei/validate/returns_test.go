package validate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// mz301Lines returns the project's synthetic MZ301 declaration as lines without line
// breaks: 02 (1), 04 (2, 3), 98 (3), 02 (4), 04 (5, 6), 98 (6), 02 (7), 04 (8, 9), 98 (9).
func mz301Lines(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "mz301-synthetic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"), "\n")
}

// partialReturn builds an MZ302 return message that answers the declaration lines of
// MZ301 given by their index (0 the 01): each returned record is the declared record
// (positions 1-310, the same fields in MZ302 v1.3) followed by the return's own fields;
// the 99 counts what is returned. Amounts: each prestatie is allowed in full.
func partialReturn(decl []string, keep ...int) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\r\n") }
	// 01: EI code 177 (MZ302), then 0181 referentienummer zorgverzekeraar, 0182
	// dagtekening retourbericht, 0196-0198 retourcodes, reserve.
	line("01177" + decl[0][5:310] + pad("REF-ZV-1", 24) + "20250415" + "0001" + "    " + "    " + strings.Repeat(" ", 16))
	var n02, n04, n98, total int64
	for _, i := range keep {
		d := decl[i]
		switch d[:2] {
		case "02":
			n02++
			line(d + "0001" + strings.Repeat(" ", 8) + strings.Repeat(" ", 48))
		case "04":
			n04++
			amount := d[155:163] // 0430 DECLARATIEBEDRAG (positions 156-163)
			total += atoi(amount)
			line(d + amount + "D" + amount + "D" + "0001" + strings.Repeat(" ", 8) + strings.Repeat(" ", 30))
		case "98":
			n98++
			line(d + "0001" + strings.Repeat(" ", 8) + strings.Repeat(" ", 48))
		}
	}
	line("99" + num(n02, 6) + num(0, 6) + num(n04, 6) + num(n98, 6) + num(n02+n04+n98, 7) + num(total, 11) + "D" + num(total, 11) + "D" + strings.Repeat(" ", 313))
	return b.String()
}

func pad(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }

func num(v int64, n int) string {
	s := itoa(int(v))
	return strings.Repeat("0", n-len(s)) + s
}

func atoi(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}

func validateString(t *testing.T, s string, opts validate.Options) *validate.Report {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = sampleToday
	}
	rep, err := validate.File(context.Background(), strings.NewReader(s), opts)
	if err != nil {
		t.Fatal(err)
	}
	checkRetourcodes(t, rep.Findings)
	return rep
}

func TestPartialReturn(t *testing.T) {
	decl := mz301Lines(t)
	d, err := validate.ReadDeclaration(context.Background(), strings.NewReader(strings.Join(decl, "\r\n")+"\r\n"), standards.Registry())
	if err != nil {
		t.Fatal(err)
	}
	if d.Standard.ID() != "MZ301@1.3" || d.Len() != 9 || d.Type(4) != "02" || d.Type(6) != "04" || d.Type(10) != "" {
		t.Fatalf("declaration %s, %d records, 4 is %q, 6 is %q", d.Standard.ID(), d.Len(), d.Type(4), d.Type(6))
	}
	// The second verzekerde (detail record 4) with its second prestatie (6) and the
	// comment on it: numbers 4, 6, 6.
	ret := partialReturn(decl, 5, 7, 8)
	for _, opts := range []validate.Options{{Registry: standards.Registry()}, {Registry: standards.Registry(), Declaration: d}} {
		rep := validateString(t, ret, opts)
		if rep.Standard == nil || rep.Standard.ID() != "MZ302@1.3" || len(rep.Findings) > 0 {
			t.Errorf("declaration given %v: standard %v, findings:\n%s", opts.Declaration != nil, rep.Standard, list(rep.Findings))
		}
	}
	for _, tc := range []struct {
		name     string
		number   string // the new number of the returned 04 (line 3)
		withDecl bool
		want     string
	}{
		{"number of a verzekerde of the declaration", "000000000007", true, "N2@3:0402:N2-NUMBERING N2@4:9802:N2-COMMENTID"},
		{"increasing without the declaration", "000000000007", false, "N2@4:9802:N2-COMMENTID"},
		{"beyond the declaration", "000000000012", true, "N2@3:0402:N2-NUMBERING N2@4:9802:N2-COMMENTID"},
		{"not increasing", "000000000003", false, "N2@3:0402:N2-NUMBERING N2@4:9802:N2-COMMENTID"},
		{"zero", "000000000000", false, "N2@3:0402:N2-NUMBERING N3@3:0402:N3-MANDATORY N2@4:9802:N2-COMMENTID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.SplitAfter(ret, "\r\n")
			put(lines, 3, 3, tc.number)
			opts := validate.Options{Registry: standards.Registry()}
			if tc.withDecl {
				opts.Declaration = d
			}
			rep := validateString(t, strings.Join(lines, ""), opts)
			if got := rules(rep); got != tc.want {
				t.Errorf("findings %s, want %s:\n%s", got, tc.want, list(rep.Findings))
			}
		})
	}
	t.Run("declaration of another standard", func(t *testing.T) {
		gz, err := validate.ReadDeclaration(context.Background(), strings.NewReader(strings.Join(synthetic(t), "")), standards.Registry())
		if err != nil {
			t.Fatal(err)
		}
		rep := validateString(t, ret, validate.Options{Registry: standards.Registry(), Declaration: gz})
		if got := rules(rep); got != "N1@1::N1-DECLARATION" {
			t.Errorf("findings %s:\n%s", got, list(rep.Findings))
		}
	})
	t.Run("not a declaration", func(t *testing.T) {
		if _, err := validate.ReadDeclaration(context.Background(), strings.NewReader(ret), standards.Registry()); !errors.Is(err, validate.ErrDeclaration) {
			t.Errorf("a return read as declaration: %v", err)
		}
	})
}

// A return standard runs the rules of the declaration it answers on the records it
// returns, besides its own.
func TestReturnRunsDeclarationRules(t *testing.T) {
	reg := standards.Registry()
	mz302, err := reg.Parse("MZ302@1.3")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := validate.Rules(mz302, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range rs {
		ids[r.ID] = true
	}
	for _, id := range []string{"MZ301-N5-0411", "MZ301-N5-0421", "MZ301-N5-0326", "N5-PARENT", "N3-MANDATORY"} {
		if !ids[id] {
			t.Errorf("MZ302 does not run %s", id)
		}
	}
	if ids["GZ321-N5-0417"] {
		t.Errorf("MZ302 runs a rule of GZ321")
	}
	// 0410 J (bijzondere tandheelkunde) without 0411 in the returned prestatie; with a
	// machtiging (0406), so that 0417 need not be filled.
	lines := strings.SplitAfter(partialReturn(mz301Lines(t), 5, 7, 8), "\r\n")
	put(lines, 3, 69, "J")   // 0410
	put(lines, 3, 70, "000") // 0411
	put(lines, 3, 43, "M1")  // 0406
	rep := validateString(t, strings.Join(lines, ""), validate.Options{Registry: standards.Registry()})
	if got := rules(rep); got != "N5@3:0411:MZ301-N5-0411" {
		t.Errorf("findings %s:\n%s", got, list(rep.Findings))
	}
}

// ReadDeclaration says where it cannot read a declaration.
func TestReadDeclarationErrors(t *testing.T) {
	decl := mz301Lines(t)
	for _, tc := range []struct {
		name string
		edit func([]string) []string
		want string
	}{
		{"empty", func([]string) []string { return nil }, "the file is empty"},
		{"no voorlooprecord", func(l []string) []string { return l[1:] }, "line 1: the first record is not a 01 voorlooprecord"},
		{"unknown standard", func(l []string) []string { l[0] = "01999" + l[0][5:]; return l }, "line 1: EI code 999 version 01 subversion 03"},
		{"detail number not digits", func(l []string) []string { l[2] = l[2][:5] + "X" + l[2][6:]; return l }, "line 3: field 0402"},
		{"detail number zero", func(l []string) []string { l[2] = l[2][:2] + "000000000000" + l[2][14:]; return l }, "line 3: field 0402"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := tc.edit(append([]string(nil), decl...))
			in := strings.Join(lines, "\r\n")
			if in != "" {
				in += "\r\n"
			}
			_, err := validate.ReadDeclaration(context.Background(), strings.NewReader(in), standards.Registry())
			if !errors.Is(err, validate.ErrDeclaration) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one with %q", err, tc.want)
			}
		})
	}
}

// TestReturnGoldenTotalsAndCounts: the 99 of a correct return repeats the declaration's
// totaal ingediend and gives the totaal toegekend over every accepted prestatie (seed 002
// table 3-3, example 4a), not the sums of the records returned: no N5-TOTAL; the counts of
// the returned records are still checked.
func TestReturnGoldenTotalsAndCounts(t *testing.T) {
	path := filepath.Join(sharedtest.RepoRoot(), "ei", "retour", "testdata", "golden", "MZ301-4a-insurer.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	rep, err := validate.File(context.Background(), strings.NewReader(string(data)),
		validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Rule == "N5-TOTAL" {
			t.Errorf("correct return reported: %v", f)
		}
	}
	// One record fewer than the 99 counts: N5-COUNT.
	lines := strings.Split(strings.TrimRight(string(data), "\r\n"), "\r\n")
	if len(lines) < 4 {
		t.Fatalf("golden file has %d lines", len(lines))
	}
	cut := strings.Join(append(append([]string{}, lines[:len(lines)-2]...), lines[len(lines)-1]), "\r\n") + "\r\n"
	rep, err = validate.File(context.Background(), strings.NewReader(cut),
		validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2026, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || f.Rule == "N5-COUNT"
	}
	if !found {
		t.Errorf("a return whose 99 counts a record it does not hold is not reported: %v", rep.Findings)
	}
}
