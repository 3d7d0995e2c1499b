//go:build integration

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
)

func TestDescribeGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"describe-zh308v9.0.txt", []string{"describe", "ZH308@9.0"}},
		{"describe-pm305v3.2.json", []string{"describe", "-json", "PM305@3.2"}},
		{"describe-list.txt", []string{"describe"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errOut := runTool(t, tc.args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}

func TestDescribeFlagsAnywhere(t *testing.T) {
	_, before, _ := runTool(t, "describe", "-json", "MZ302@1.3")
	code, after, errOut := runTool(t, "describe", "MZ302@1.3", "-json")
	if code != exitOK || errOut != "" || before != after {
		t.Errorf("describe MZ302@1.3 -json: exit %d, stderr %q, same output as -json first: %v", code, errOut, before == after)
	}
}

func TestDescribeJSON(t *testing.T) {
	code, out, _ := runTool(t, "describe", "-json", "AP305@7.2")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var got standardLayout
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	std, _ := standards.Registry().Parse("AP305@7.2")
	if got.ID != "AP305@7.2" || got.Answers != "AP304" || got.RecordLength != 370 || len(got.Records) != len(std.Records()) {
		t.Fatalf("got %+v", got.standardSummary)
	}
	for i, l := range std.Records() {
		if len(got.Records[i].Fields) != len(l.Fields()) {
			t.Errorf("record %s: %d fields, want %d", l.Code(), len(got.Records[i].Fields), len(l.Fields()))
		}
	}
	f := got.Records[0].Fields[1]
	if f.Number != "0102" || f.Start != 3 || f.End != 5 || f.Type != "N" || f.Obligation != "M" || f.ValueList != "COD002-VEKT" {
		t.Errorf("field 0102 = %+v", f)
	}
}

func TestDescribeListsEveryStandard(t *testing.T) {
	code, out, _ := runTool(t, "describe", "-list", "-json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var got []standardSummary
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	all := registry().All()
	if len(got) != len(all) {
		t.Fatalf("%d standards listed, registry has %d", len(got), len(all))
	}
	for i, s := range all {
		if got[i].ID != s.ID() || got[i].Status != string(s.Status()) || got[i].RecordLength != s.RecordLength() {
			t.Errorf("entry %d = %+v, want %s", i, got[i], s)
		}
	}
}

func TestDescribeErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string // in stderr
		one  bool   // stderr is one line
	}{
		{[]string{"describe", "XX999"}, exitFailure, `unknown EI standard or version: "XX999"`, true},
		{[]string{"describe", "MZ301@9.9"}, exitFailure, `unknown EI standard or version: "MZ301@9.9"`, true},
		{[]string{"describe", "MZ301", "MZ302"}, exitFailure, "want one STANDARD[@VERSION]", false},
		{[]string{"describe", "-list", "MZ301"}, exitFailure, "-list takes no STANDARD", false},
		{[]string{"describe", "-bogus"}, exitFailure, "flag provided but not defined: -bogus", false},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := runTool(t, tc.args...)
			if code != tc.code || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, tc.code, tc.want)
			}
			if tc.one {
				wantOneLine(t, errOut, tc.want)
			}
		})
	}
}
