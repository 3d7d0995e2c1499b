package retour_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
)

// 0001 ("bericht is afgekeurd om technische redenen") belongs only in the 01 of a return
// that holds just 01 and 99 (seed 002 §3.3); a rejected detail record carries its own
// code (issue 20). Every return this test can make — the seed declarations and every
// field of every record of them spoilt in turn, each validated with the built-in rules
// (and for VE303 with the rules of every scenario), answered in both roles — is checked.
func TestNoTechnischOnRecords(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "decl", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no declarations: %v", err)
	}
	returns := 0
	for _, path := range paths {
		base, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		std := readFile(t, base).Standard
		var optSets []validate.Options
		optSets = append(optSets, validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2011, 4, 10)})
		if std.Code() == "VE303" {
			for _, col := range []string{"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C"} {
				s, err := ve303.ParseScenario(col)
				if err != nil {
					t.Fatal(err)
				}
				o, err := ve303.ValidateOptions(s)
				if err != nil {
					t.Fatal(err)
				}
				o.Today = civil.NewDate(2011, 4, 10)
				optSets = append(optSets, o)
			}
		}
		variants := [][]byte{base}
		if strings.HasSuffix(path, "-base.txt") {
			variants = spoilt(t, std, base)
		}
		for _, data := range variants {
			decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
			if err != nil {
				continue // not readable as records: only a file-level answer is possible
			}
			for _, opts := range optSets {
				rep, err := validate.File(context.Background(), bytes.NewReader(data), opts)
				if err != nil {
					t.Fatal(err)
				}
				out, _, err := retour.FromFindings(decl, rep.Findings)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				for _, role := range []retour.Role{retour.Portal, retour.Insurer} {
					m, err := retour.Build(decl, out, retour.Options{Registry: standards.Registry(), Role: role, Dagtekening: civil.NewDate(2011, 4, 15), Referentie: "ref"})
					if err != nil {
						t.Fatalf("%s %s: %v", path, role, err)
					}
					returns++
					for i, line := range m.Lines {
						l := m.Standard.Layout(string(line[:2]))
						for _, fi := range l.RoleIndexes(record.RoleReturnCode) {
							f := l.FieldIndex(fi)
							if string(record.FieldText(line, &f)) != retour.CodeTechnisch {
								continue
							}
							if l.Code() != record.CodeVoorloop || len(m.Lines) != 2 {
								t.Fatalf("%s %s: 0001 in field %s of record %d (%s) of a return of %d records:\n%s",
									path, role, f.Number, i+1, l.Code(), len(m.Lines), m.Bytes())
							}
						}
					}
				}
			}
		}
	}
	if returns < 500 {
		t.Errorf("only %d returns made", returns)
	}
}

// spoilt returns data and, for every field of every record, data with that field's first
// position spoilt: a letter in an N field, a leading space in an AN field.
func spoilt(t *testing.T, std *record.Standard, data []byte) [][]byte {
	out := [][]byte{data}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if len(line) < 2 {
			continue
		}
		l := std.Layout(string(line[:2]))
		if l == nil {
			continue
		}
		for _, f := range l.Fields() {
			if f.Start < 3 || f.Start > len(line) {
				continue
			}
			c := byte('X')
			if f.Type != record.Numeric {
				c = ' '
				if f.Length < 2 {
					continue
				}
			}
			spoiled := bytes.Clone(line)
			spoiled[f.Start-1] = c
			if f.Type != record.Numeric {
				spoiled[f.Start] = 'Y'
			}
			var b bytes.Buffer
			for j, l2 := range lines {
				if j == i {
					b.Write(spoiled)
				} else {
					b.Write(l2)
				}
			}
			out = append(out, b.Bytes())
		}
	}
	return out
}

// A finding on a detail record without a code of its own (a rule that gives none), or
// with 0001, is refused, and so is 0001 in the outcome of a record: the writer cannot
// put 0001 on a detail record.
func TestTechnischRefused(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "decl", "MZ301-base.txt"))
	if err != nil {
		t.Fatal(err)
	}
	decl := readFile(t, data)
	for _, code := range []string{"", retour.CodeTechnisch} {
		f := validate.Finding{Level: validate.N5, Rule: "ACME", Line: 3, Record: "04", Field: "0403", Retourcode: code}
		if _, _, err := retour.FromFindings(decl, []validate.Finding{f}); !errors.Is(err, retour.ErrCode) {
			t.Errorf("finding with code %q on a 04: err %v, want ErrCode", code, err)
		}
	}
	var out retour.Outcomes
	out.Reject(k("04", 2), retour.CodeTechnisch)
	if _, err := retour.Build(decl, out, retour.Options{Registry: standards.Registry(), Role: retour.Portal, Referentie: "ref"}); !errors.Is(err, retour.ErrCode) {
		t.Errorf("0001 on a 04: err %v, want ErrCode", err)
	}
}
