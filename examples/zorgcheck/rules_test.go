package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRulesTable(t *testing.T) {
	code, out, errOut := runTool(t, "rules", "MZ301")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden(t, "rules-mz301v1.3.txt", out)
	// The rows the issue names, with the rules that check them.
	for _, want := range []string{"0421 ", "MZ301-N5-0421", "0326 ", "MZ301-N5-0326", "Vektis, BER MZ301V0103"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestRulesStatusAndJSON(t *testing.T) {
	code, out, _ := runTool(t, "rules", "-json", "-status", "implemented", "GZ321@1.0")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var tab tableJSON
	if err := json.Unmarshal([]byte(out), &tab); err != nil {
		t.Fatal(err)
	}
	if tab.Standard != "GZ321" || tab.Version != "1.0" || len(tab.Conditions) == 0 {
		t.Fatalf("got %+v", tab)
	}
	for _, c := range tab.Conditions {
		if c.Status != "implemented" || len(c.Rules) == 0 {
			t.Errorf("field %s: status %s with %d rules; want only implemented rows, each with its rules", c.Field, c.Status, len(c.Rules))
		}
	}
}

func TestRulesErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"rules"}, "want one STANDARD"},
		{[]string{"rules", "-status", "done", "MZ301"}, "-status"},
		{[]string{"rules", "XX999"}, "describe -list"},
		{[]string{"rules", "-json", "PM304"}, "no conditions table"},
	} {
		code, out, errOut := runTool(t, tc.args...)
		if code != exitFailure || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want %d and nothing", tc.args, code, out, exitFailure)
		}
		wantOneLine(t, errOut, tc.want)
	}
}

// A standard without an official BER has no table; its rules are listed.
func TestRulesWithoutTable(t *testing.T) {
	code, out, errOut := runTool(t, "rules", "PM304")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"PM304 version 3.2 has no conditions table", "N5-PARENT", "N3-MANDATORY"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
