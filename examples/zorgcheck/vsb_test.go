//go:build integration

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// testdata/vsb holds the messages examples/vsbflow writes (go run ./examples/vsbflow -o
// examples/zorgcheck/testdata/vsb): an invented sending 011 of 102 records and its replies.
const vsbFile = "testdata/vsb/920000-011.txt"

func TestVSBCheck(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reply.txt")
	code, stdout, _ := runTool(t, "vsb", "check", "-o", out, vsbFile)
	if code != exitOK || !strings.Contains(stdout, "931000 DF011 (file accepted)") {
		t.Fatalf("exit %d: %s", code, stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "931000") || len(b) != 677 {
		t.Errorf("reply file: %v %q", err, b)
	}
	// One wrong check number: exit 1, 920999 with 509902 on record 000004.
	b, _ := os.ReadFile(vsbFile)
	b[227+3*350+348] = '0'
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, b, 0o644)
	out = filepath.Join(t.TempDir(), "reply.txt") // an existing file is not overwritten
	code, stdout, _ = runTool(t, "vsb", "check", "-json", "-o", out, bad)
	var res vsbResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err, stdout)
	}
	if code != exitFindings || res.Message != "920999" || res.DF != "DF012" || len(res.Errors) != 1 {
		t.Fatalf("exit %d: %+v", code, res)
	}
	if e := res.Errors[0]; e.Order != 4 || e.Zone != "99" || e.Letter != "B" || e.Code != "509902" || e.Text != "Controlecijfer van het record foutief." {
		t.Errorf("error %+v", e)
	}
}

func writeCSV(t *testing.T, s string) string {
	p := filepath.Join(t.TempDir(), "errors.csv")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVSBAnswer(t *testing.T) {
	dir := t.TempDir()
	// 102 records: 5 rejected = 4.91 % (rounded up) → 920098 + 920900; 6 = 5.89 % → 920099.
	five := writeCSV(t, "order,letter,code\n3,,500130\n4,R,500130\n5,R,500130\n8,R,500130\n9,R,500130\n")
	code, stdout, _ := runTool(t, "vsb", "answer", "-json", "-errors", five, "-received", "2026-12-02", "-sign", "J. Peeters", "-o", dir, vsbFile)
	var res vsbResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err, stdout)
	}
	if code != exitOK || res.Message != "920098" || res.DF != "DF014" || res.ErrorPercentage != "4.91" || res.Settlement != "920900" ||
		res.Payment == nil || res.Payment.Due.String() != "2027-01-13" || res.Payment.Amount.String() != "22633.60" || res.Payment.DF != "DF017" || len(res.Written) != 2 {
		t.Fatalf("exit %d: %s", code, stdout)
	}
	six := writeCSV(t, "3,R,500130\n4,R,500130\n5,R,500130\n8,R,500130\n9,R,500130\n10,R,500130\n")
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", six, "-o", dir, vsbFile)
	if code != exitFindings || !strings.Contains(stdout, "920099 DF013 (rejected records above 5 %); 6 of 102 records rejected = 5.89 %") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	// An F error in a record 20 of a 5-record invoice (orders 2-6) counts 5 records.
	inv := writeCSV(t, "2,F,200130\n")
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", inv, vsbFile)
	if code != exitOK || !strings.Contains(stdout, "5 of 102 records rejected = 4.91 %") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	blocking := writeCSV(t, "1,B,100721\n")
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", blocking, vsbFile)
	if code != exitFindings || !strings.Contains(stdout, "920099 DF013 (blocking error (type B)); 1 of 102") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	if code, _, errOut := runTool(t, "vsb", "answer", "-errors", writeCSV(t, "x,R,1\n"), vsbFile); code != exitFailure || !strings.Contains(errOut, "not a record order number") {
		t.Errorf("bad CSV: exit %d %s", code, errOut)
	}
	if code, _, errOut := runTool(t, "vsb", "answer", "-errors", writeCSV(t, "3,,999999\n"), vsbFile); code != exitFailure || !strings.Contains(errOut, "not in the eFact dictionary") {
		t.Errorf("unknown code: exit %d %s", code, errOut)
	}
}

func TestVSBRead(t *testing.T) {
	for _, tt := range []struct {
		file string
		code int
		want string
	}{
		{"testdata/vsb/931000-011.txt", exitOK, "931000 DF011"},
		{"testdata/vsb/920999-011.txt", exitFindings, "record 000004 (type 50) zone 99: B 509902 Controlecijfer van het record foutief."},
		{"testdata/vsb/920098-011.txt", exitOK, "920098 DF014: sending 11 accepted; 0.99 % of the records rejected, 1 error listed"},
		{"testdata/vsb/920900-011.txt", exitOK, "24279.68 accepted, 411.52 refused"},
	} {
		code, stdout, _ := runTool(t, "vsb", "read", tt.file)
		if code != tt.code || !strings.Contains(stdout, tt.want) {
			t.Errorf("%s: exit %d\n%s", tt.file, code, stdout)
		}
	}
}

func TestVSBReadSamples(t *testing.T) {
	code, stdout, _ := runTool(t, "vsb", "read", "-json", sharedtest.Path(t, "vsb", "sample-920999.txt"))
	var res vsbResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if code != exitFindings || res.Message != "920099" || res.DF != "DF013" {
		t.Errorf("exit %d %+v", code, res)
	}
	code, stdout, _ = runTool(t, "vsb", "read", sharedtest.Path(t, "vsb", "sample-920098.txt"))
	if code != exitOK || !strings.Contains(stdout, "920098 DF014: sending 235 accepted") {
		t.Errorf("exit %d %s", code, stdout)
	}
}

func TestVSBDump(t *testing.T) {
	code, stdout, _ := runTool(t, "vsb", "dump", vsbFile)
	if code != exitOK || !strings.Contains(stdout, "record 50 order 000003") || !strings.Contains(stdout, `"**********016"`) {
		t.Errorf("exit %d", code)
	}
	if strings.Contains(stdout, "0085010100016") {
		t.Error("INSZ unmasked in the dump")
	}
	code, stdout, _ = runTool(t, "vsb", "dump", "-json", "testdata/vsb/920900-011.txt")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != exitOK || len(lines) != 2+2+4 { // 200, 300, echo + detail, 91 ×3, 92
		t.Errorf("exit %d, %d lines", code, len(lines))
	}
}

func TestVSBUsage(t *testing.T) {
	for _, args := range [][]string{
		{"vsb"}, {"vsb", "frob"}, {"vsb", "check"}, {"vsb", "answer", vsbFile}, {"vsb", "read", "testdata/vsb/none.txt"},
		{"vsb", "read", vsbFile},
	} {
		code, stdout, errOut := runTool(t, args...)
		if code != exitFailure || stdout != "" || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d stdout %q stderr %q", args, code, stdout, errOut)
		}
	}
}

// An unreadable file (truncated, garbage, CR/LF between records) gets a 920999 from both
// check and answer, written with -o, which `vsb read` reads back with the position where
// reading stopped.
func TestVSBUnreadable(t *testing.T) {
	good, err := os.ReadFile(vsbFile)
	if err != nil {
		t.Fatal(err)
	}
	crlf := append(append(append([]byte{}, good[:227+350]...), "\r\n"...), good[227+350:]...)
	for _, tt := range []struct {
		name string
		in   []byte
		stop string
	}{
		{"truncated", good[:227+3*350+17], "byte offset 1277"},
		{"garbage", []byte("\x00\x01garbage\xff"), "byte offset 0"},
		{"crlf", crlf, "byte offset 577"},
		{"a reply, not a 920000", []byte(mustRead(t, "testdata/vsb/931000-011.txt")), "byte offset 0"},
	} {
		dir := t.TempDir()
		in := filepath.Join(dir, "in.txt")
		if err := os.WriteFile(in, tt.in, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "920999.txt")
		code, stdout, _ := runTool(t, "vsb", "check", "-o", out, in)
		if code != exitFindings || !strings.Contains(stdout, "920999 DF012") || !strings.Contains(stdout, tt.stop) {
			t.Errorf("%s: check exit %d: %s", tt.name, code, stdout)
		}
		code, stdout, _ = runTool(t, "vsb", "read", out)
		if code != exitFindings || !strings.Contains(stdout, "920999 DF012") || !strings.Contains(stdout, "reading stopped at "+tt.stop) {
			t.Errorf("%s: read exit %d: %s", tt.name, code, stdout)
		}
		csv := writeCSV(t, "")
		code, stdout, _ = runTool(t, "vsb", "answer", "-errors", csv, "-o", dir, in)
		if code != exitFindings || !strings.Contains(stdout, "920999 DF012") {
			t.Errorf("%s: answer exit %d: %s", tt.name, code, stdout)
		}
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
