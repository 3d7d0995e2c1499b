package ei_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
)

// TestNester places the records of a file in the nesting DOMAIN.md describes: per
// verzekerde a 02 with its 03 and 04 records, each 04 with the records under it, a 98
// under the record before it.
func TestNester(t *testing.T) {
	var n ei.Nester
	runPlaces(t, "a file", &n, []place{
		{code: "01", want: ei.Step{Level: ei.LevelFile}},
		{code: "98", want: ei.Step{Level: ei.LevelFile, Parent: ei.ParentRecord, Comment: true}},
		{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
		{code: "98", want: ei.Step{Level: ei.LevelVerzekerde, Parent: ei.ParentRecord, Comment: true}},
		{code: "03", want: ei.Step{Level: ei.LevelVerzekerde, Parent: ei.ParentVerzekerde}},
		{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		{code: "98", want: ei.Step{Level: ei.LevelPrestatie, Parent: ei.ParentRecord, Comment: true}},
		{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie}},
		{code: "98", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentRecord, Comment: true}},
		{code: "04", want: ei.Step{Events: cp | op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		{code: "02", want: ei.Step{Events: cp | cv | ov, Level: ei.LevelVerzekerde}},
		{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		{code: "99", want: ei.Step{Events: cp | cv, Level: ei.LevelFile}},
	})
	if ev, err := n.End(); ev != 0 || err != nil {
		t.Errorf("End: %v, %v", ev, err)
	}
}

// Shorthands of the nesting events, for the tables of the Nester tests.
const (
	cp = ei.ClosePrestatie
	cv = ei.CloseVerzekerde
	ov = ei.OpenVerzekerde
	op = ei.OpenPrestatie
)

// place is one record given to a Nester: its kenmerk, the type of its content (when it
// differs: PlaceAs) and the step expected.
type place struct {
	code, content string
	want          ei.Step
}

// runPlaces gives n the records of places in order and checks every step.
func runPlaces(t *testing.T, name string, n *ei.Nester, places []place) {
	t.Helper()
	for i, p := range places {
		var got ei.Step
		if p.content == "" {
			got = n.Place(p.code)
		} else {
			got = n.PlaceAs(p.code, p.content)
		}
		if got != p.want {
			t.Errorf("%s: record %d (%s): got %+v, want %+v", name, i+1, p.code, got, p.want)
		}
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
