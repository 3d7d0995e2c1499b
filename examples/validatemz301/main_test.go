package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/zorgbericht/zorgbericht"

// TestLinksOneGeneratedStandard is the point of the example: a program that validates
// MZ301 with a registry of MZ301 links that one generated package, not the catalogue
// (issue 17: explicit catalogues).
func TestLinksOneGeneratedStandard(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	var generated []string
	for p := range strings.FieldsSeq(string(out)) {
		if strings.HasPrefix(p, module+"/ei/standards") || strings.HasPrefix(p, module+"/q/standards") || strings.HasPrefix(p, module+"/vsb/efact") {
			generated = append(generated, p)
		}
	}
	if want := module + "/ei/standards/mz301v13"; len(generated) != 1 || generated[0] != want {
		t.Errorf("go list -deps lists the generated packages %v, want only %s", generated, want)
	}
}

func sampleFile(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../readsample/sample-mz301.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestValidSample(t *testing.T) {
	var out bytes.Buffer
	valid, err := check(context.Background(), bytes.NewReader(sampleFile(t)), "sample", &out)
	if err != nil {
		t.Fatal(err)
	}
	if !valid || out.String() != "sample: MZ301@1.3, 14 lines, valid\n" {
		t.Errorf("valid = %v, output:\n%s", valid, out.String())
	}
}

// A GZ321 header (EI code 195, version 1.0) names a standard this program does not know.
func TestOtherStandardIsUnknown(t *testing.T) {
	data := sampleFile(t)
	if string(data[:9]) != "011760103" {
		t.Fatalf("the sample starts with %q, expected the MZ301 1.3 header 011760103", data[:9])
	}
	copy(data[2:9], "1950100")
	var out bytes.Buffer
	valid, err := check(context.Background(), bytes.NewReader(data), "gz", &out)
	if err != nil {
		t.Fatal(err)
	}
	if valid || !strings.Contains(out.String(), "EI code 195 version 01 subversion 00 is not a standard (version) this validator knows") {
		t.Errorf("valid = %v, output:\n%s", valid, out.String())
	}
}
