package ei_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

// TestNester places the records of a file in the nesting DOMAIN.md describes: per
// verzekerde a 02 with its 03 and 04 records, each 04 with the records under it, a 98
// under the record before it.
func TestNester(t *testing.T) {
	const (
		cp = ei.ClosePrestatie
		cv = ei.CloseVerzekerde
		ov = ei.OpenVerzekerde
		op = ei.OpenPrestatie
	)
	steps := []struct {
		code string
		want ei.Step
	}{
		{"01", ei.Step{Level: ei.LevelFile}},
		{"98", ei.Step{Level: ei.LevelFile, Parent: ei.ParentRecord, Comment: true}},
		{"02", ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
		{"98", ei.Step{Level: ei.LevelVerzekerde, Parent: ei.ParentRecord, Comment: true}},
		{"03", ei.Step{Level: ei.LevelVerzekerde, Parent: ei.ParentVerzekerde}},
		{"04", ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		{"98", ei.Step{Level: ei.LevelPrestatie, Parent: ei.ParentRecord, Comment: true}},
		{"06", ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie}},
		{"98", ei.Step{Level: ei.LevelDetail, Parent: ei.ParentRecord, Comment: true}},
		{"04", ei.Step{Events: cp | op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		{"02", ei.Step{Events: cp | cv | ov, Level: ei.LevelVerzekerde}},
		{"04", ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		{"99", ei.Step{Events: cp | cv, Level: ei.LevelFile}},
	}
	var n ei.Nester
	for i, s := range steps {
		if got := n.Place(s.code); got != s.want {
			t.Errorf("record %d (%s): got %+v, want %+v", i+1, s.code, got, s.want)
		}
	}
	if ev, err := n.End(); ev != 0 || err != nil {
		t.Errorf("End: %v, %v", ev, err)
	}
}

// TestNesterWithout02: in a standard without 02 records a 04 hangs under the file.
func TestNesterWithout02(t *testing.T) {
	var n ei.Nester
	n.Place("01")
	if got := n.Place("04"); got != (ei.Step{Events: ei.OpenPrestatie, Level: ei.LevelPrestatie, Parent: ei.ParentFile}) {
		t.Errorf("04: got %+v", got)
	}
	if got := n.Place("04"); got.Events != ei.ClosePrestatie|ei.OpenPrestatie || got.Parent != ei.ParentFile {
		t.Errorf("second 04: got %+v", got)
	}
	if got := n.Place("99"); got.Events != ei.ClosePrestatie {
		t.Errorf("99: got %+v", got)
	}
}

// TestNesterOrder: records out of place are refused with ErrOrder, and leave the nesting
// as it was.
func TestNesterOrder(t *testing.T) {
	for _, tc := range []struct {
		codes []string
		want  string
	}{
		{[]string{"02"}, "record out of order: the first record must be the 01 voorlooprecord"},
		{[]string{"01", "01"}, "record out of order: a second 01 voorlooprecord"},
		{[]string{"01", "02", "06"}, "record out of order: record 06 outside a prestatie"},
		{[]string{"01", "99", "98"}, "record out of order: record 98 after the 99 sluitrecord"},
	} {
		var n ei.Nester
		var last ei.Step
		for _, c := range tc.codes {
			last = n.Place(c)
		}
		if !errors.Is(last.Err, ei.ErrOrder) || last.Err.Error() != tc.want {
			t.Errorf("%v: got %v, want %q", tc.codes, last.Err, tc.want)
		}
	}
	var n ei.Nester
	n.Place("01")
	n.Place("02")
	if ev, err := n.End(); ev != ei.CloseVerzekerde || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("End without 99: %v, %v", ev, err)
	}
}

// TestTotals adds up records as the 99 of the seed 002 example declaration counts them:
// 2 verzekerden, 3 prestaties, 1 comment, 6 detail records, € 660.00 declared, and a
// credit prestatie (D/C field C) subtracts.
func TestTotals(t *testing.T) {
	data, err := os.ReadFile("retour/testdata/decl/MZ301-base.txt")
	if err != nil {
		t.Fatal(err)
	}
	std := mz301v13.Standard()
	tot := ei.NewTotals(std)
	rd := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Standard: std})
	var prestatie []byte
	for e, err := range rd.All() {
		if err != nil {
			t.Fatal(err)
		}
		tot.Add(e.Record.Layout(), []byte(rd.Text()))
		if e.Code() == record.CodePrestatie {
			prestatie = []byte(rd.Text())
		}
	}
	if tot.Count("02") != 2 || tot.Count("04") != 3 || tot.Count("98") != 1 || tot.Details() != 6 || tot.Declared() != 66000 {
		t.Fatalf("got 02 %d, 04 %d, 98 %d, details %d, declared %d", tot.Count("02"), tot.Count("04"), tot.Count("98"), tot.Details(), tot.Declared())
	}
	l := std.Layout(record.CodePrestatie)
	amount := l.RoleIndex(record.RoleDeclared)
	v, err := record.SignedAt(prestatie, l, amount)
	if err != nil {
		t.Fatal(err)
	}
	if err := record.PutSignedAt(prestatie, l, amount, -v); err != nil {
		t.Fatal(err)
	}
	tot.Add(l, prestatie)
	if want := int64(66000 - v); tot.Declared() != want {
		t.Errorf("after a credit prestatie of %d: declared %d, want %d", v, tot.Declared(), want)
	}
	sluit := std.Layout(record.CodeSluit)
	for i := 0; i < sluit.NumFields(); i++ {
		f := sluit.FieldIndex(i)
		if f.Role == record.RoleTotalDeclared {
			if got, ok := tot.Want(&f); !ok || got != tot.Declared() {
				t.Errorf("Want(%s) = %d, %v", f.Number, got, ok)
			}
		}
	}
}

func ExampleNester() {
	var n ei.Nester
	for _, code := range []string{"01", "02", "04", "98", "04", "02", "04", "99"} {
		s := n.Place(code)
		fmt.Printf("%s level %d", code, s.Level)
		if s.Events&ei.CloseVerzekerde != 0 {
			fmt.Print(", closes the verzekerde")
		}
		if s.Events&ei.OpenVerzekerde != 0 {
			fmt.Print(", opens a verzekerde")
		}
		if s.Events&ei.OpenPrestatie != 0 {
			fmt.Print(", opens a prestatie")
		}
		fmt.Println()
	}
	// Output:
	// 01 level 0
	// 02 level 1, opens a verzekerde
	// 04 level 2, opens a prestatie
	// 98 level 2
	// 04 level 2, opens a prestatie
	// 02 level 1, closes the verzekerde, opens a verzekerde
	// 04 level 2, opens a prestatie
	// 99 level 0, closes the verzekerde
}
