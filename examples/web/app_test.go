package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head, kind, why string
	}{
		{"", kindUnknown, "the file is empty"},
		{"Dear insurer,\n", kindUnknown, "not a file zorgcheck knows"},
		{"9200000002...", kindVSB, ""},
		{"920098000200120000", kindUnknown, "a VSB/eFact reply (message 920098)"},
		{"0119501001" + strings.Repeat(" ", 300) + "\r\n", kindEI, ""}, // GZ321 1.0 (EI code 195)
		{"01999990100\n", kindEI, ""},                                  // a 01 record naming no known standard: the report's N1
	} {
		kind, why := detect([]byte(tc.head))
		if kind != tc.kind || !strings.HasPrefix(why, tc.why) {
			t.Errorf("%.20q: %s %q, want %s %q", tc.head, kind, why, tc.kind, tc.why)
		}
	}
}

func fileInput(t *testing.T, path string) input {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return input{Name: filepath.Base(path), Size: int64(len(data)),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

func TestAnalyze(t *testing.T) {
	q := fileInput(t, filepath.Join("..", "..", "q", "testdata", "qve301_valid.txt"))
	notes := input{Name: "notes.txt", Size: 5, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("hello")), nil }}
	var passes []int
	res, outcome := analyze(context.Background(), []input{q, notes}, false, func(file, pass int, read, size int64) {
		if file == 0 && read == size {
			passes = append(passes, pass)
		}
	})
	if outcome != nil || len(res) != 2 {
		t.Fatalf("%d results, outcome %v", len(res), outcome)
	}
	if res[0].Kind != kindQ || res[0].Verdict != "Valid" || !strings.Contains(res[0].HTML, `id="verdict">Valid<`) {
		t.Errorf("QVE301: kind %q, verdict %q", res[0].Kind, res[0].Verdict)
	}
	if res[1].Kind != kindUnknown || res[1].HTML != "" {
		t.Errorf("notes: kind %q", res[1].Kind)
	}
	if len(passes) != 2 || passes[0] != 1 || passes[1] != 2 {
		t.Errorf("progress to the end of passes %v, want [1 2]", passes)
	}
}
