package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunPrintsEveryRecord(t *testing.T) {
	var out bytes.Buffer
	if err := run(bytes.NewReader(sample), "sample", &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	records := bytes.Count(sample, []byte("\n"))
	if n := strings.Count(got, "\nline "); n != records {
		t.Errorf("printed %d records, the sample has %d:\n%s", n, records, got)
	}
	for _, want := range []string{"MZ301 1.3", "factuur MZ2025-0042", "C11 on 2025-03-04: EUR 23.67 D", "total EUR 156.21 D"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "100000009") {
		t.Error("a full BSN in the output")
	}
}
