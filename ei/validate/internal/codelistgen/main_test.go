package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The data files in ei/validate/codelists are what this program makes of the Vektis code
// lists in ../shared: run go generate in ei/validate when this fails.
func TestCodelistsCurrent(t *testing.T) {
	files, err := Files(sharedtest.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "codelists", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("codelists/%s is not current: run go generate in ei/validate", name)
		}
	}
}
