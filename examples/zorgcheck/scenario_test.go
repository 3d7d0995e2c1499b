//go:build integration

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
)

// -scenario names the VE303 scenario of seed 002 table 2-2 (issue 20): a file sent to the
// insurer by the zorgaanbieder itself (1C) has no AGB code of a servicebureau (0109).
// Without the option validate, report and retour do not know the scenario; with it they
// check its filling rules.
func TestScenarioOption(t *testing.T) {
	data, err := os.ReadFile("../../ei/retour/testdata/decl/VE303-base.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	hdr := []byte(lines[0])
	l01 := ve303v42.Standard().Layout("01")
	if err := record.PutText(hdr, l01, l01.Field("0109"), "98001234"); err != nil {
		t.Fatal(err)
	}
	lines[0] = string(hdr)
	name := filepath.Join(t.TempDir(), "ve303-1c-servicebureau.txt")
	if err := os.WriteFile(name, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	today := []string{"-today", "2011-04-10"}
	if code, out, errOut := runTool(t, append(append([]string{"validate"}, today...), name)...); code != exitOK {
		t.Fatalf("without -scenario: exit %d, %s %s; want valid (the scenario is not known)", code, out, errOut)
	}
	code, out, errOut := runTool(t, append(append([]string{"validate", "-scenario", "1C"}, today...), name)...)
	if code != exitFindings || !strings.Contains(out, "VE303-ADDRESS") || !strings.Contains(out, "0109") {
		t.Errorf("validate -scenario 1C: exit %d, stdout %q, stderr %q; want the VE303-ADDRESS finding on 0109", code, out, errOut)
	}
	// 3C: via a servicebureau to the insurer, 0109 filled is right.
	if code, out, errOut := runTool(t, append(append([]string{"validate", "-scenario", "3C"}, today...), name)...); strings.Contains(out, "0109") {
		t.Errorf("validate -scenario 3C: exit %d, stdout %q, stderr %q; want no finding on 0109", code, out, errOut)
	}
	ret := filepath.Join(t.TempDir(), "ret.txt")
	code, out, errOut = runTool(t, "retour", "-role", "portal", "-date", "2011-04-15", "-scenario", "1C", "-o", ret, name)
	if code != exitFindings {
		t.Errorf("retour -scenario 1C: exit %d, stdout %q, stderr %q; want a return", code, out, errOut)
	}
	if code, _, errOut := runTool(t, "validate", "-scenario", "4D", name); code != exitFailure || !strings.Contains(errOut, "-scenario") {
		t.Errorf("-scenario 4D: exit %d, stderr %q; want a usage error", code, errOut)
	}
	if code, _, errOut := runTool(t, "report", "-scenario", "1C", "-o", filepath.Join(t.TempDir(), "r.html"), name); code != exitFindings {
		t.Errorf("report -scenario 1C: exit %d, stderr %q; want findings", code, errOut)
	}
}
