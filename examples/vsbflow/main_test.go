//go:build integration

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlow(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(&out, dir); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"920999 DF012: facturatiebestand of sending 11 refused by the technical validation (1 error)",
		"record 000004 (type 50) zone 99: B 509902 Controlecijfer van het record foutief.",
		"931000 DF011",
		"zorgkas: 1 of 102 records rejected (0.99 %): rejected records within 5 %",
		"920098 DF014: sending 11 accepted",
		"920900 DF015: afrekening of sending 11: 24279.68 accepted, 411.52 refused",
		"DF017 payment order for zending 11: 24279.68 to BE68539007547034, due 2027-01-13",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(names) != 5 {
		t.Errorf("wrote %v", names)
	}
	if _, err := os.Stat(filepath.Join(dir, "920900-011.txt")); err != nil {
		t.Error(err)
	}
}
