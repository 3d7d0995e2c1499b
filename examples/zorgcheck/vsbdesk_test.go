//go:build integration

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Seed 001: a refusal for the percentage leaves only after a zorgkas employee confirms
// it; an accepted sending is sent (920098, 920900, DF017) only when an employee signs it.
func TestVSBAnswerWaitsForTheEmployee(t *testing.T) {
	dir := t.TempDir()
	six := writeCSV(t, "3,R,500130\n4,R,500130\n5,R,500130\n8,R,500130\n9,R,500130\n10,R,500130\n")
	code, stdout, _ := runTool(t, "vsb", "answer", "-errors", six, "-o", dir, vsbFile)
	if code != exitFindings || !strings.Contains(stdout, "920099 DF013") || !strings.Contains(stdout, "waits for confirmation") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("a refusal that waits for confirmation was written: %v", files)
	}
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", six, "-confirm", "J. Peeters", "-o", dir, vsbFile)
	if _, err := os.Stat(filepath.Join(dir, "920099-011.txt")); code != exitFindings || err != nil || strings.Contains(stdout, "waits for") {
		t.Errorf("confirmed: exit %d, %v: %s", code, err, stdout)
	}

	none := writeCSV(t, "")
	dir = t.TempDir()
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", none, "-o", dir, vsbFile)
	if files, _ := os.ReadDir(dir); code != exitOK || len(files) != 0 || !strings.Contains(stdout, "waits for signature") {
		t.Errorf("unsigned: exit %d, wrote %v: %s", code, files, stdout)
	}
}

// With -history the limits between sendings are checked: the same sending answered twice
// uses its zending number twice (100721, B): refused at once.
func TestVSBAnswerHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "history.db")
	none := writeCSV(t, "")
	code, stdout, _ := runTool(t, "vsb", "answer", "-errors", none, "-history", db, "-received", "2026-12-02", vsbFile)
	if code != exitOK || !strings.Contains(stdout, "waits for signature") {
		t.Fatalf("first: exit %d: %s", code, stdout)
	}
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", none, "-history", db, "-received", "2026-12-02", "-sign", "J. Peeters", vsbFile)
	if code != exitOK || !strings.Contains(stdout, "920098") || strings.Contains(stdout, "100721") {
		t.Fatalf("signed: exit %d: %s", code, stdout)
	}
	code, stdout, _ = runTool(t, "vsb", "answer", "-errors", none, "-history", db, "-received", "2026-12-03", vsbFile)
	if code != exitFindings || !strings.Contains(stdout, "920099 DF013 (blocking error (type B))") || !strings.Contains(stdout, "B 100721") {
		t.Errorf("again: exit %d: %s", code, stdout)
	}
}
