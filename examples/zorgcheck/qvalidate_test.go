//go:build integration

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// qvalidate calls "q validate" the way the q command does.
func qvalidate(t *testing.T, args ...string) (code int, stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	code, err = runQValidate(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String(), err
}

const (
	qValid   = "../../q/testdata/qve301_valid.txt"
	qInvalid = "../../q/testdata/qve301_invalid.txt"
)

func TestQValidateValid(t *testing.T) {
	// As zorgcheck validate: a summary line for a valid file too.
	code, out, errOut, err := qvalidate(t, "-today", "2016-03-01", qValid)
	if want := qValid + ": QVE301 1.0, 6 lines: valid\n"; code != exitOK || err != nil || out != want || errOut != "" {
		t.Errorf("exit %d, err %v, stdout %q, stderr %q; want 0 and %q", code, err, out, errOut, want)
	}
}

// The synthetic file with one fault a record (q/testdata_test.go): the Q rules' findings,
// printed as zorgcheck validate prints findings.
func TestQValidateGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"qvalidate_invalid.golden", []string{"-today", "2016-03-01", qInvalid}},
		{"qvalidate_invalid_json.golden", []string{qInvalid, "-json", "-today", "2016-03-01", qValid}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errOut, err := qvalidate(t, tc.args...)
			if code != exitFindings || err != nil || errOut != "" {
				t.Fatalf("exit %d, err %v, stderr %q; want %d", code, err, errOut, exitFindings)
			}
			golden(t, tc.golden, out)
		})
	}
}

// The JSON objects are those of zorgcheck validate, naming the Q standard.
func TestQValidateJSON(t *testing.T) {
	_, out, _, _ := qvalidate(t, "-json", "-today", "2016-03-01", qInvalid)
	var rep reportJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Standard != "QVE301" || rep.Version != "1.0" || rep.Valid || len(rep.Findings) != 4 {
		t.Errorf("got %s %s valid %v with %d findings; want QVE301 1.0, invalid, 4 findings", rep.Standard, rep.Version, rep.Valid, len(rep.Findings))
	}
}

// zorgcheck validate knows every standard of the module, the Q standards too (issue 19
// item 5), and runs the Q rules on a QVE301 file as q validate does.
func TestValidateKnowsQ(t *testing.T) {
	code, out, _ := runTool(t, "validate", "-today", "2016-03-01", qValid)
	if code != exitOK || !strings.Contains(out, "QVE301 1.0") {
		t.Errorf("zorgcheck validate on a valid QVE301 file: exit %d, %q; want 0, read as QVE301 1.0", code, out)
	}
	code, out, _ = runTool(t, "validate", "-json", "-today", "2016-03-01", "../../q/testdata/qve301_invalid.txt")
	var rep reportJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	if code != exitFindings || rep.Standard != "QVE301" || len(rep.Findings) != 4 {
		t.Errorf("zorgcheck validate on an invalid QVE301 file: exit %d, %s with %d findings; want 1, QVE301, the 4 findings of q validate", code, rep.Standard, len(rep.Findings))
	}
}

func TestQValidateUsage(t *testing.T) {
	if code, _, _, err := qvalidate(t); code != exitFailure || !errors.Is(err, errUsage) {
		t.Errorf("no FILE: exit %d, err %v; want %d and a usage error", code, err, exitFailure)
	}
	if code, _, _, err := qvalidate(t, "-today", "yesterday", qValid); code != exitFailure || !errors.Is(err, errUsage) {
		t.Errorf("bad -today: exit %d, err %v; want %d and a usage error", code, err, exitFailure)
	}
	code, _, errOut, err := qvalidate(t, "testdata/no-such-file.txt")
	if code != exitFailure || err != nil || !strings.HasPrefix(errOut, "zorgcheck q validate: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("missing file: exit %d, err %v, stderr %q; want %d and one line", code, err, errOut, exitFailure)
	}
}

// The valid file is gelaagd (four risicodragers of indiener 9664) over January 2016: it is
// refused when gelaagd aanleveren was agreed only from February.
func TestQValidateGelaagd(t *testing.T) {
	if code, _, _, err := qvalidate(t, "-today", "2016-03-01", "-gelaagd-vanaf", "2016-01-01", qValid); code != exitOK || err != nil {
		t.Errorf("gelaagd from January: exit %d, %v; want 0", code, err)
	}
	code, out, _, err := qvalidate(t, "-today", "2016-03-01", "-gelaagd-vanaf", "2016-02-01", qValid)
	if code != exitFindings || err != nil || strings.Count(out, "Q-N5-0404-GELAAGD") != 4 {
		t.Errorf("gelaagd from February: exit %d, %v, %q; want 1 and the four prestatierecords", code, err, out)
	}
	if code, _, _, err := qvalidate(t, "-gelaagd-vanaf", "soon", qValid); code != exitFailure || !errors.Is(err, errUsage) {
		t.Errorf("bad -gelaagd-vanaf: exit %d, %v", code, err)
	}
}
