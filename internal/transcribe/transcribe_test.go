package transcribe

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

var update = flag.Bool("update", false, "rewrite the transcribed spec and notes files in specs/")

const flatHeader = "standard,version,eicode,record_id,record_name,record_length,element_id,code,type,start,length,end,name\n"

func TestReadFlatErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"no column", "standard,version\nX,1\n", `header has no column "eicode"`},
		{"bad number", flatHeader + "XX001,1.0,999,01,VoorloopRecord,310,0101,COD001,N,one,2,2,KENMERK RECORD\n", `t.csv:2: unreadable layout file: start "one" is not a number`},
		{"empty id", flatHeader + "XX001,1.0,999,01,VoorloopRecord,310,,COD001,N,1,2,2,KENMERK RECORD\n", "t.csv:2: unreadable layout file: standard, version, record_id and element_id must be filled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFlat(strings.NewReader(tc.in), "t.csv")
			if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrFormat with %q", err, tc.want)
			}
		})
	}
}

// A tiny standard: 01 and 99 of 20 positions, with a gap in 99 that a repair closes.
const tiny = flatHeader +
	"XX001,1.0,176,01,VoorloopRecord,20,0101,COD001,N,1,2,2,KENMERK RECORD\n" +
	"XX001,1.0,176,01,VoorloopRecord,20,0102,COD002,N,3,3,5,CODE EXTERNE-INTEGRATIEBERICHT\n" +
	"XX001,1.0,176,01,VoorloopRecord,20,0180,TEC007,AN,6,15,20,RESERVE\n" +
	"XX001,1.0,176,99,SluitRecord,20,9901,COD001,N,1,2,2,KENMERK RECORD\n" +
	"XX001,1.0,176,99,SluitRecord,20,9902,FOO123,N,3,6,8,AANTAL IETS\n" +
	"XX001,1.0,176,99,SluitRecord,20,9980,TEC007,AN,10,12,21,RESERVE\n"

func tinyInput(t *testing.T) Input {
	t.Helper()
	rows, err := ReadFlat(strings.NewReader(tiny), "tiny.csv")
	if err != nil {
		t.Fatal(err)
	}
	ref := &specfile.Spec{Info: record.Info{Code: "RF001", Version: 1, Subversion: 0, RecordLength: 20, Status: record.StatusOfficial, EICodes: []int{1}},
		Records: []specfile.Layout{{Code: "01", Name: "VOORLOOPRECORD", Fields: []record.Field{
			{Number: "0101", Name: "KENMERK RECORD", Type: record.Numeric, Length: 2, Start: 1, End: 2, Obligation: record.Mandatory, Key: "T", Element: "COD001-VEK4"},
			{Number: "0102", Name: "CODE EXTERNE-INTEGRATIEBERICHT", Type: record.Numeric, Length: 3, Start: 3, End: 5, Obligation: record.Mandatory, Pattern: "NNN", Element: "COD002-VEKT", ValueList: "COD002-VEKT"},
			{Number: "0180", Name: "RESERVE", Type: record.Alphanumeric, Length: 15, Start: 6, End: 20, Obligation: record.Reserve, Element: "TEC007-015"},
		}}}}
	return Input{Rows: rows, SourceName: "tiny.csv", References: map[string]*specfile.Spec{"RF001@1.0": ref},
		CodeLists: func(n string) bool { return n == "002" }, MessageCodes: map[int]string{176: "Declaratie iets"}}
}

var tinyPlan = Plan{ID: "XX001@1.0", Name: "DECLARATIE IETS", NameSource: "test", References: []string{"RF001@1.0"}}

func TestTranscribeRepairsAndReports(t *testing.T) {
	in := tinyInput(t)
	in.Repairs = []Repair{{ID: "XX001@1.0", Record: "99", Field: "9980", Op: OpStart, Value: "9", Reason: "closes the gap"}}
	in.Acceptances = []Acceptance{{ID: "XX001@1.0", Check: "element", Reason: "FOO is a test element"}}
	res, err := Transcribe(tinyPlan, in)
	if err != nil {
		t.Fatal(err)
	}
	var defects []string
	for _, d := range res.Defects {
		defects = append(defects, d.String())
	}
	want := []string{
		"consistency: record 99 field 9980: gap: starts at 10, positions 9-9 belong to no field",
		"consistency: record 99: fields end at position 21, but the record length is 20",
	}
	if strings.Join(defects, "\n") != strings.Join(want, "\n") {
		t.Errorf("defects:\n%s\nwant:\n%s", strings.Join(defects, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Repairs) != 1 || res.Repairs[0].Change != "positions 10-21 → 9-20" {
		t.Errorf("repairs = %+v", res.Repairs)
	}
	std := res.Standard
	if std.Status != record.StatusTranscribed || std.RecordLength != 20 || std.Name != "DECLARATIE IETS" || std.Layout("99").Name != "SLUITRECORD" {
		t.Errorf("standard = %+v", std)
	}
	// Completion: 0102 from the reference, 9902 by rule, reserves S.
	f := std.Layout("01").Field("0102")
	if f.Obligation != record.Mandatory || f.Element != "COD002-VEKT" || f.ValueList != "COD002-VEKT" || f.Pattern != "NNN" {
		t.Errorf("0102 = %+v", f)
	}
	if f := std.Layout("99").Field("9902"); f.Obligation != record.Conditional || f.Element != "FOO123" || f.ValueList != "" {
		t.Errorf("9902 = %+v", f)
	}
	if f := std.Layout("99").Field("9980"); f.Obligation != record.Reserve || f.Start != 9 || f.End != 20 {
		t.Errorf("9980 = %+v", f)
	}
	notes := string(res.Notes())
	for _, s := range []string{"**Status: transcribed.**", "| 99 | 9980 | positions 10-21 → 9-20 | closes the gap |",
		"FOO is a test element", "| 99 | 9902 | AANTAL IETS | C |", "COD002: Declaratie iets"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes lack %q:\n%s", s, notes)
		}
	}
}

func TestTranscribeRefusesUnrepairedAndUnjudged(t *testing.T) {
	in := tinyInput(t)
	in.Repairs = []Repair{}
	in.Acceptances = []Acceptance{{ID: "XX001@1.0", Check: "element", Reason: "test"}}
	if _, err := Transcribe(tinyPlan, in); !errors.Is(err, ErrUnjudged) || !strings.Contains(err.Error(), "record 99 field 9980: gap") {
		t.Errorf("without the repair: err = %v, want ErrUnjudged naming the gap", err)
	}
	in.Repairs = []Repair{{ID: "XX001@1.0", Record: "99", Field: "9980", Op: OpStart, Value: "9"}}
	in.Acceptances = []Acceptance{}
	if _, err := Transcribe(tinyPlan, in); !errors.Is(err, ErrUnjudged) || !strings.Contains(err.Error(), `element code "FOO123"`) {
		t.Errorf("without the acceptance: err = %v, want ErrUnjudged naming FOO123", err)
	}
}

func TestTranscribeRefusesStale(t *testing.T) {
	for name, mod := range map[string]func(*Input){
		"repair that changes nothing": func(in *Input) {
			in.Repairs = append(in.Repairs, Repair{ID: "XX001@1.0", Record: "01", Field: "0102", Op: OpStart, Value: "3"})
		},
		"repair of no row": func(in *Input) {
			in.Repairs = append(in.Repairs, Repair{ID: "XX001@1.0", Record: "01", Field: "0199", Op: OpDrop})
		},
		"acceptance that judges nothing": func(in *Input) {
			in.Acceptances = append(in.Acceptances, Acceptance{ID: "XX001@1.0", Check: "return", Reason: "nothing"})
		},
		"record order already right": func(in *Input) {
			in.Repairs = append(in.Repairs, Repair{ID: "XX001@1.0", Op: OpRecordOrder})
		},
	} {
		t.Run(name, func(t *testing.T) {
			in := tinyInput(t)
			in.Repairs = []Repair{{ID: "XX001@1.0", Record: "99", Field: "9980", Op: OpStart, Value: "9"}}
			in.Acceptances = []Acceptance{{ID: "XX001@1.0", Check: "element", Reason: "test"}}
			mod(&in)
			if _, err := Transcribe(tinyPlan, in); !errors.Is(err, ErrStale) {
				t.Errorf("err = %v, want ErrStale", err)
			}
		})
	}
}

func sharedInput(t *testing.T) Input {
	t.Helper()
	root := sharedtest.RepoRoot()
	in, err := Load(Paths{
		Layouts: sharedtest.Path(t, "vektis", "layouts", "olmeca_layouts_flat.csv"),
		Types:   sharedtest.Path(t, "vektis", "layouts", "sb311-types.json"),
		Codes:   sharedtest.Path(t, "vektis", "codes"),
		Specs:   filepath.Join(root, "specs"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// The committed transcribed specs and notes are what the converter writes (goldens;
// -update rewrites them, then run go generate ./...).
func TestTranscribedSpecsAreCurrent(t *testing.T) {
	in := sharedInput(t)
	results, err := All(Plans(), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		specName, spec, notesName, notes, err := res.Files()
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{specName: spec, notesName: notes} {
			path := filepath.Join(sharedtest.RepoRoot(), "specs", name)
			if *update {
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, data) {
				t.Errorf("%s is not what go run ./gen transcribe writes (err %v); run it, or this test with -update", path, err)
			}
		}
	}
}

// The known defects of the transcription (DOMAIN.md §9) are found by the consistency check.
func TestKnownDefectsAreFound(t *testing.T) {
	in := sharedInput(t)
	results, err := All(Plans(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"PM305@3.2": {"consistency: record 03: fields end at position 383, but the record length is 370", "consistency: record 03 field 0380: field number repeated"},
		"SB311@1.0": {"consistency: record 03: fields end at position 299, but the record length is 310"},
		"SB311@2.0": {"consistency: record 03: fields end at position 308, but the record length is 310"},
		"VK302@2.2": {"consistency: record 99 field 9980: overlap: starts at 46", "consistency: record 99: fields end at position 358"},
		"AP304@8.0": {`element: record 03 field 0329: MACHTIGINGSDATUM: element code "FAM001"`},
	}
	for _, res := range results {
		var got []string
		for _, d := range res.Defects {
			got = append(got, d.String())
		}
		all := strings.Join(got, "\n")
		for _, w := range want[res.Standard.ID()] {
			if !strings.Contains(all, w) {
				t.Errorf("%s: defects do not include %q:\n%s", res.Standard.ID(), w, all)
			}
		}
		delete(want, res.Standard.ID())
	}
	for id := range want {
		t.Errorf("%s was not transcribed", id)
	}
}

// Where the transcription covers a standard with an official BER, it agrees with the BER
// on every field number, position, length, type and element code: the transcription is
// trustworthy where it can be checked. Its only deviation is in the names of the
// sluitrecord of the returns.
func TestTranscriptionAgreesWithOfficialBERs(t *testing.T) {
	in := sharedInput(t)
	for _, id := range []string{"AP304@7.2", "EP301@1.2", "EP302@1.2", "MZ301@1.3", "MZ302@1.3"} {
		off := in.References[id]
		if off == nil {
			t.Fatalf("no official spec of %s", id)
		}
		got, fs := build(pick(in.Rows, id), Plan{ID: id})
		if len(fs) > 0 {
			t.Errorf("%s: %v", id, fs)
		}
		if got.RecordLength != off.RecordLength || fmt.Sprint(got.EICodes) != fmt.Sprint(off.EICodes[:1]) {
			t.Errorf("%s: record length %d, EI codes %v; official %d, %v", id, got.RecordLength, got.EICodes, off.RecordLength, off.EICodes)
		}
		names := 0
		for _, ol := range off.Records {
			gl := got.Layout(ol.Code)
			if gl == nil || len(gl.Fields) != len(ol.Fields) || gl.Name != ol.Name {
				t.Errorf("%s record %s: transcription differs in fields or name", id, ol.Code)
				continue
			}
			for i, of := range ol.Fields {
				gf := gl.Fields[i]
				if gf.Number != of.Number || gf.Start != of.Start || gf.Length != of.Length || gf.End != of.End ||
					gf.Type != of.Type || gf.Element != elementBase(of.Element) {
					t.Errorf("%s record %s field %s: transcription %s, official %s", id, ol.Code, of.Number, describe(&gf), describe(&of))
				}
				if gf.Name != of.Name {
					names++
					if ol.Code != record.CodeSluit || off.Answers == "" {
						t.Errorf("%s record %s field %s: name %q, official %q", id, ol.Code, of.Number, gf.Name, of.Name)
					}
				}
			}
		}
		if off.Answers != "" && names == 0 {
			t.Errorf("%s: the names of the sluitrecord agree now; update this test and the acceptances", id)
		}
	}
}

// The notes of SB311 2.0 say AP304 8.0 has its debiteurrecord field for field up to 0330.
func TestAP304v80DebiteurrecordIsSB311v20(t *testing.T) {
	in := sharedInput(t)
	results, err := All(Plans(), in)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*specfile.Spec{}
	for _, r := range results {
		byID[r.Standard.ID()] = r.Standard
	}
	ap, sb := byID["AP304@8.0"].Layout("03"), byID["SB311@2.0"].Layout("03")
	for i, f := range sb.Fields {
		if f.Number == "0380" {
			break
		}
		g := ap.Fields[i]
		if g.Number != f.Number || g.Name != f.Name || g.Start != f.Start || g.Length != f.Length || g.Type != f.Type || g.Element != f.Element {
			t.Errorf("field %s: AP304 8.0 %s, SB311 2.0 %s", f.Number, describe(&g), describe(&f))
		}
	}
}
