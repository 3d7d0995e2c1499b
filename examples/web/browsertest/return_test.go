package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// returnOf writes the MZ301 sample (with the line break after its last record that it
// lacks) and an insurer's return to it (MZ302) that rejects prestatie 3 with 0586 and
// accepts the others, and returns their file names.
func returnOf(t testing.TB, sample, dir string) (decl, ret string) {
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	data = append(bytes.TrimRight(data, "\r\n"), '\n')
	f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	var out retour.Outcomes
	out.Reject(retour.Key{Record: record.CodePrestatie, ID: 3}, "0586")
	m, err := retour.Build(f, out, retour.Options{Role: retour.Insurer, Registry: standards.Registry(), Dagtekening: civil.DateOf(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	decl, ret = filepath.Join(dir, "declaratie.asc"), filepath.Join(dir, "retour.asc")
	if err := os.WriteFile(decl, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ret, m.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return decl, ret
}
