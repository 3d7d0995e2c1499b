//go:build integration

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// personalValues returns the values of the personal fields (BSN, identifying numbers,
// names, addresses, birth dates: the spec files' personal column) of an EI file, as the
// file holds them and as Go shows them (a date as YYYY-MM-DD).
func personalValues(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := ei.NewReader(f, ei.ReaderOptions{Registry: standards.Registry()})
	seen := map[string]bool{}
	var out []string
	for e, err := range r.All() {
		if err != nil {
			break // what was read so far is enough
		}
		b, err := e.Record.AppendTo(nil)
		if err != nil {
			continue
		}
		l := e.Record.Layout()
		for i := 0; i < l.NumFields(); i++ {
			fd := l.FieldIndex(i)
			if fd.Personal == record.NotPersonal {
				continue
			}
			v := strings.TrimSpace(string(record.FieldText(b, &fd)))
			if len(v) < 4 || strings.Trim(v, "0") == "" || v == "999999999" {
				continue // too short to tell apart from other text, empty, or the dummy
			}
			if fd.Type == record.Numeric && fd.Kind != record.KindDate && fd.Kind != record.KindBSN {
				if v = strings.TrimLeft(v, "0"); len(v) < 4 {
					continue // a short number (a house number) occurs everywhere in a file
				}
			}
			vals := []string{v}
			if fd.Kind == record.KindDate && len(v) == 8 {
				vals = append(vals, v[:4]+"-"+v[4:6]+"-"+v[6:])
			}
			for _, x := range vals {
				if !seen[x] {
					seen[x] = true
					out = append(out, x)
				}
			}
		}
	}
	return out
}

// TestNoPersonalDataInOutput runs every command that shows a file (dump, validate, report,
// as text and JSON) on the project's test files and checks that none of their personal
// values appears unmasked in standard output or standard error.
func TestNoPersonalDataInOutput(t *testing.T) {
	root := sharedtest.RepoRoot()
	files, _ := filepath.Glob(filepath.Join(root, "ei", "testdata", "*.txt"))
	more, _ := filepath.Glob(filepath.Join(root, "ei", "retour", "testdata", "decl", "*.txt"))
	files = append(files, more...)
	files = append(files, filepath.Join(root, "examples", "zorgcheck", "testdata", "pm304-synthetic.txt"))
	if len(files) < 5 {
		t.Fatalf("only %d test files found", len(files))
	}
	checked := 0
	for _, path := range files {
		secrets := personalValues(t, path)
		if len(secrets) == 0 {
			continue
		}
		checked++
		out := filepath.Join(t.TempDir(), "report.html")
		for _, args := range [][]string{
			{"dump", path}, {"dump", "-json", path},
			{"validate", "-today", "2026-01-01", path}, {"validate", "-json", "-today", "2026-01-01", path},
			{"report", "-today", "2026-01-01", "-o", out, path},
		} {
			var stdout, stderr bytes.Buffer
			run(args, &stdout, &stderr)
			shown := stdout.String() + stderr.String()
			if args[0] == "report" {
				page, err := os.ReadFile(out)
				if err != nil {
					t.Fatalf("%v: %v", args, err)
				}
				shown += string(page)
			}
			for _, s := range secrets {
				if strings.Contains(shown, s) {
					t.Errorf("zorgcheck %s shows personal data of %s unmasked (%d characters)", strings.Join(args[:len(args)-1], " "),
						filepath.Base(path), len(s))
				}
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d files had personal data to look for", checked)
	}
}
