//go:build integration

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
	// Issue 20: every row shows its level, and the counts of the 99 name N3-TRAILERZERO
	// (zeros where the file has records: the field is not filled).
	if !strings.Contains(out, "levels: ") {
		t.Error("output lacks the count of rows per level")
	}
	found := false
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 4 && f[0] == "9905" {
			found = true
			if !strings.Contains(l, " N5 ") || !strings.Contains(l, "N3-TRAILERZERO") {
				t.Errorf("row 9905 (aantal commentaarrecords) lacks level N5 or rule N3-TRAILERZERO: %q", l)
			}
		}
	}
	if !found {
		t.Error("no row 9905")
	}
}

// The JSON of a row gives the level of each of its rules.
func TestRulesJSONLevels(t *testing.T) {
	code, out, _ := runTool(t, "rules", "-json", "MZ301@1.3")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var tab tableJSON
	if err := json.Unmarshal([]byte(out), &tab); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"N3-TRAILERZERO": "N3", "N5-COUNT": "N5", "N4-CODELIST": "N4", "MZ301-N5-0421": "N5"}
	seen := map[string]bool{}
	for _, c := range tab.Conditions {
		if c.Level == "" {
			t.Errorf("field %s has no level", c.Field)
		}
		for _, r := range c.Rules {
			if w, ok := want[r.ID]; ok {
				seen[r.ID] = true
				if r.Level != w {
					t.Errorf("field %s: rule %s has level %q, want %s", c.Field, r.ID, r.Level, w)
				}
			}
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("no row names %s", id)
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
