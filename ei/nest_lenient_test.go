package ei_test

import (
	"errors"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

// TestNesterLenient: a lenient Nester places every record and says what is out of order,
// by the order of DOMAIN.md: one 01 first and one 99 last, a 03 or 04 after the 02 it
// belongs to, a detail record after its 04, a 98 after the record it comments on.
func TestNesterLenient(t *testing.T) {
	open01 := place{code: "01", want: ei.Step{Level: ei.LevelFile}}
	for _, tc := range []struct {
		name   string
		places []place
	}{
		{"a comment on the 01", []place{open01,
			{code: "98", want: ei.Step{Level: ei.LevelFile, Parent: ei.ParentNone, Comment: true, Fault: ei.FaultComment}},
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
			{code: "98", want: ei.Step{Level: ei.LevelVerzekerde, Parent: ei.ParentRecord, Comment: true}},
		}},
		{"a detail record without its 04", []place{open01,
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentNone, Fault: ei.FaultNo04}},
			{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie}},
		}},
		{"a 03 and a 04 without their 02", []place{open01,
			{code: "03", want: ei.Step{Level: ei.LevelVerzekerde, Parent: ei.ParentNone, Fault: ei.FaultNo02}},
			{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentFile, Fault: ei.FaultNo02}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie}},
			{code: "02", want: ei.Step{Events: cp | ov, Level: ei.LevelVerzekerde}},
		}},
		{"records after the 99", []place{open01,
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
			{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
			{code: "99", want: ei.Step{Events: cp | cv, Level: ei.LevelFile}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentNone, Fault: ei.FaultAfterSluit | ei.FaultNo04}},
			{code: "98", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentRecord, Comment: true, Fault: ei.FaultAfterSluit}},
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde, Fault: ei.FaultAfterSluit}},
			{code: "01", want: ei.Step{Level: ei.LevelFile, Fault: ei.FaultVoorloop}},
			{code: "99", want: ei.Step{Events: cv, Level: ei.LevelFile, Fault: ei.FaultSluit}},
		}},
		{"a comment after the 99 with nothing to comment on", []place{open01,
			{code: "99", want: ei.Step{Level: ei.LevelFile}},
			{code: "98", want: ei.Step{Level: ei.LevelFile, Parent: ei.ParentNone, Comment: true, Fault: ei.FaultAfterSluit | ei.FaultComment}},
		}},
		{"no 01 first", []place{
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde, Fault: ei.FaultFirst}},
			{code: "01", want: ei.Step{Level: ei.LevelFile, Fault: ei.FaultVoorloop}},
			{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		}},
		{"a second 01 changes nothing", []place{open01,
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
			{code: "01", want: ei.Step{Level: ei.LevelFile, Fault: ei.FaultVoorloop}},
			{code: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
		}},
		// A record read by the layout it fits: the order by its kenmerk, the nesting by
		// its content.
		{"kenmerk and content differ", []place{open01,
			{code: "02", want: ei.Step{Events: ov, Level: ei.LevelVerzekerde}},
			{code: "06", content: "04", want: ei.Step{Events: op, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde, Fault: ei.FaultNo04}},
			{code: "04", content: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie}},
			{code: "99", content: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentPrestatie, Fault: ei.FaultAfterSluit}},
		}},
	} {
		n := ei.NewNester(ei.NestOptions{Standard: gz321v10.Standard(), Lenient: true})
		runPlaces(t, tc.name, n, tc.places)
	}
}

// TestNesterStandard: a strict Nester that knows the standard refuses a 03 or 04 outside
// a verzekerde where the standard has 02 records, and leaves the nesting as it was.
func TestNesterStandard(t *testing.T) {
	n := ei.NewNester(ei.NestOptions{Standard: mz301v13.Standard()})
	n.Place("01")
	for _, code := range []string{"03", "04"} {
		st := n.Place(code)
		if !errors.Is(st.Err, ei.ErrOrder) || st.Err.Error() != "record out of order: record "+code+" outside a verzekerde" || st.Fault != 0 {
			t.Errorf("%s without 02: got %+v", code, st)
		}
	}
	runPlaces(t, "after the refusals", n, []place{
		{code: "02", want: ei.Step{Events: ei.OpenVerzekerde, Level: ei.LevelVerzekerde}},
		{code: "04", want: ei.Step{Events: ei.OpenPrestatie, Level: ei.LevelPrestatie, Parent: ei.ParentVerzekerde}},
	})
}

// withoutPrestatie is GZ321 without its 04 prestatierecord: a standard whose detail
// records hang under the 02.
func withoutPrestatie() *record.Standard {
	std := gz321v10.Standard()
	var layouts []*record.Layout
	for _, l := range std.Records() {
		if l.Code() != record.CodePrestatie {
			layouts = append(layouts, l)
		}
	}
	return record.NewStandard(std.Info(), layouts, nil)
}

// TestNesterWithout04: in a standard without 04 records the detail records hang under
// the 02, or at file level before the first 02; no record is out of place for want of a
// 04, strict or lenient.
func TestNesterWithout04(t *testing.T) {
	for _, lenient := range []bool{false, true} {
		n := ei.NewNester(ei.NestOptions{Standard: withoutPrestatie(), Lenient: lenient})
		runPlaces(t, "without 04", n, []place{
			{code: "01", want: ei.Step{Level: ei.LevelFile}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentFile}},
			{code: "02", want: ei.Step{Events: ei.OpenVerzekerde, Level: ei.LevelVerzekerde}},
			{code: "06", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentVerzekerde}},
			{code: "98", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentRecord, Comment: true}},
			{code: "16", want: ei.Step{Level: ei.LevelDetail, Parent: ei.ParentVerzekerde}},
			{code: "99", want: ei.Step{Events: ei.CloseVerzekerde, Level: ei.LevelFile}},
		})
	}
}
