//go:build integration

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seedDecl = "../../ei/retour/testdata/decl/"
const seedGolden = "../../ei/retour/testdata/golden/"

// zorgcheck retour writes the returns of seed 002 that ei/retour's golden tests hold.
func TestRetour(t *testing.T) {
	dir := t.TempDir()
	invoices := filepath.Join(dir, "invoices.txt")
	if err := os.WriteFile(invoices, []byte("ZB2011-0041\nZB2011-0042\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		decl   string
		exit   int
		golden string // "" : no return written
	}{
		{"1 portal forwards", []string{"-role", "portal"}, "MZ301-base.txt", exitOK, ""},
		{"1 insurer accepts", []string{"-role", "insurer", "-ref", "insurer-ref"}, "MZ301-base.txt", exitOK, "MZ301-1-insurer.txt"},
		{"2a portal not connected", []string{"-role", "portal", "-ref", "portal-ref", "-connected", "0736,3311"}, "MZ301-uzovi9900.txt", exitFindings, "MZ301-2a-portal.txt"},
		{"2b insurer invoice used", []string{"-role", "insurer", "-ref", "insurer-ref", "-invoices", invoices}, "VE303-base.txt", exitFindings, "VE303-2b-insurer.txt"},
		{"3a portal total", []string{"-role", "portal", "-ref", "portal-ref"}, "VE303-total.txt", exitFindings, "VE303-3a-portal.txt"},
		{"4b portal date", []string{"-role", "portal", "-ref", "portal-ref"}, "MZ301-date.txt", exitFindings, "MZ301-4b-portal.txt"},
		{"4b insurer date", []string{"-role", "insurer", "-ref", "insurer-ref"}, "VE303-date.txt", exitFindings, "VE303-4b-insurer.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".txt")
			args := append([]string{"retour", "-date", "2011-04-15", "-o", out}, tc.args...)
			code, stdout, stderr := runTool(t, append(args, seedDecl+tc.decl)...)
			if code != tc.exit || stderr != "" {
				t.Fatalf("exit %d, stderr %q; want %d (stdout %q)", code, stderr, tc.exit, stdout)
			}
			got, err := os.ReadFile(out)
			if tc.golden == "" {
				if err == nil {
					t.Fatalf("a return was written; want none")
				}
				if !strings.Contains(stdout, "forwards") {
					t.Errorf("stdout %q does not say the file is forwarded", stdout)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(seedGolden + tc.golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the return differs from %s", tc.golden)
			}
			// And the vendor reads it back.
			// One exit-code rule: outcome says of the return what retour said of it (issue 23 point 4).
			code, stdout, stderr = runTool(t, "outcome", out, seedDecl+tc.decl)
			if code != tc.exit || stderr != "" || !strings.HasPrefix(stdout, "invoice ZB2011-0042: ") {
				t.Errorf("outcome: exit %d, stdout %q, stderr %q; want exit %d as retour's", code, stdout, stderr, tc.exit)
			}
		})
	}
}

func TestOutcomeGolden(t *testing.T) {
	for _, tc := range []struct{ golden, ret, decl string }{
		{"outcome-4a.txt", "MZ301-4a-insurer.txt", "MZ301-birth.txt"},
		{"outcome-2a.txt", "VE303-2a-portal.txt", "VE303-uzovi9900.txt"},
	} {
		// Both returns reject (part of) the declaration: exit 1, as retour's for them.
		code, stdout, stderr := runTool(t, "outcome", seedGolden+tc.ret, seedDecl+tc.decl)
		if code != exitFindings || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", tc.ret, code, stderr)
		}
		golden(t, tc.golden, stdout)
	}
	code, stdout, _ := runTool(t, "outcome", "-json", seedGolden+"MZ301-6-insurer.txt", seedDecl+"MZ301-key.txt")
	if code != exitFindings {
		t.Fatalf("-json: exit %d", code)
	}
	golden(t, "outcome-6.json", stdout)
}

// Example 3b and 5: a return that is not a valid answer: exit 1 with the reasons.
func TestOutcomeInvalid(t *testing.T) {
	data, err := os.ReadFile(seedGolden + "MZ301-4a-insurer.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\r\n")
	last := len(lines) - 2
	lines[last] = lines[last][:14] + "000003" + lines[last][20:] // 9904: 3 prestaties, the return has 2
	lines[1] = lines[1][:53] + "19220323" + lines[1][61:]        // 0207: a "corrected" date of birth
	name := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runTool(t, "outcome", name, seedDecl+"MZ301-birth.txt")
	if code != exitFindings || !strings.Contains(stdout, "9904") || !strings.Contains(stdout, "0207") {
		t.Errorf("exit %d, stdout %q; want 1 naming 9904 and 0207", code, stdout)
	}
	if strings.Contains(stdout, "1922") || strings.Contains(stdout, "1932") {
		t.Errorf("the reasons show a date of birth: %q", stdout)
	}
}

func TestRetourUsage(t *testing.T) {
	for _, args := range [][]string{
		{"retour", "-o", "x", seedDecl + "MZ301-base.txt"},                     // no role
		{"retour", "-role", "vecozo2", "-o", "x", seedDecl + "MZ301-base.txt"}, // unknown role
		{"retour", "-role", "portal", seedDecl + "MZ301-base.txt"},             // no -o
		{"retour", "-role", "portal", "-o", "x", "-connected", "abc", seedDecl + "MZ301-base.txt"},
		{"retour", "-role", "portal", "-o", "x", "/nonexistent/decl.txt"},
		{"outcome", seedGolden + "MZ301-4a-insurer.txt"},
		{"outcome", "/nonexistent/a", "/nonexistent/b"},
	} {
		if code, _, _ := runTool(t, args...); code != exitFailure {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// A declaration whose records cannot be read (a letter in a BSN) is rejected as a whole,
// with the validator's code as the reason, and the vendor reads that answer.
func TestRetourUnreadableRecords(t *testing.T) {
	data, err := os.ReadFile(seedDecl + "MZ301-base.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\r\n")
	lines[2] = lines[2][:14] + "X" + lines[2][15:] // 0403 BSN of prestatierecord 2
	dir := t.TempDir()
	decl := filepath.Join(dir, "broken.txt")
	if err := os.WriteFile(decl, []byte(strings.Join(lines, "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "retour.txt")
	code, stdout, stderr := runTool(t, "retour", "-role", "portal", "-date", "2011-04-15", "-o", out, decl)
	if code != exitFindings || stderr != "" || !strings.Contains(stdout, "0001 0435") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = runTool(t, "outcome", out, decl)
	if code != exitFindings || stderr != "" || !strings.HasPrefix(stdout, "invoice ZB2011-0042: rejected") {
		t.Fatalf("outcome: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// zorgcheck retour -role portal answers a QVE301 as VECOZO does (issue 19 item 5,
// invulinstructie chapter 3): nothing for an approved file (voorbeeld 1), only 01 and 99
// with 0001 8198 for an indiener not connected (voorbeeld 2), 0200 and the rejected
// records otherwise (voorbeelden 4, 5); outcome reads the answer.
func TestRetourQ(t *testing.T) {
	const valid, invalid = "../../q/testdata/qve301_valid.txt", "../../q/testdata/qve301_invalid.txt"
	code, stdout, stderr := runTool(t, "retour", "-role", "portal", "-date", "2016-03-01", "-o", "-", valid)
	if code != exitOK || stdout != "" || !strings.Contains(stderr, "forwards") {
		t.Errorf("approved: exit %d, stdout %q, stderr %q; want no return", code, stdout, stderr)
	}
	code, stdout, _ = runTool(t, "retour", "-role", "portal", "-date", "2016-03-01", "-connected", "1234", "-o", "-", valid)
	lines := strings.Split(strings.TrimSuffix(stdout, "\r\n"), "\r\n")
	if code != exitFindings || len(lines) != 2 || !strings.HasPrefix(lines[0], "01543") || !strings.HasPrefix(lines[1], "99") ||
		!strings.Contains(lines[0], "0001") || !strings.Contains(lines[0], "8198") {
		t.Errorf("not connected: exit %d, %q; want 01 (QVE302, 0001 8198) and 99", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "qve302.txt")
	code, stdout, _ = runTool(t, "retour", "-role", "portal", "-date", "2016-03-01", "-o", out, invalid)
	if code != exitFindings || !strings.Contains(stdout, "QVE302@1.0 return written") || !strings.Contains(stdout, "retourcode 0200") {
		t.Fatalf("rejected records: exit %d, %q", code, stdout)
	}
	code, stdout, stderr = runTool(t, "outcome", out, invalid)
	if code != exitFindings || !strings.HasPrefix(stdout, "the file: ") || !strings.Contains(stdout, "rejected") || strings.Contains(stdout, "not a valid answer") {
		t.Errorf("outcome of the QVE302 (a Q delivery has no invoice number): exit %d, %q %q", code, stdout, stderr)
	}
	if code, _, _ := runTool(t, "retour", "-role", "insurer", "-o", "-", invalid); code != exitFailure {
		t.Errorf("-role insurer on a QVE301: exit %d, want 2", code)
	}
}
