package validate_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// runLayouts are three-character records: a two-digit code and one value position.
func runLayouts() map[string]*record.Layout {
	L := map[string]*record.Layout{}
	for _, c := range []string{"10", "20", "50", "80", "90", "95"} {
		L[c] = record.NewLayout(c, "R"+c, "R"+c, []record.Field{
			{Number: "1", Name: "CODE", Type: record.Numeric, Length: 2, Start: 1, End: 2},
			{Number: "2", Name: "VALUE", Type: record.Numeric, Length: 1, Start: 3, End: 3},
		})
	}
	return L
}

var runHierarchy = validate.Hierarchy{
	{Heads: []string{"10"}, Ends: []string{"90"}},
	{Heads: []string{"20"}, Ends: []string{"80"}},
}

// records yields the records of texts (line = place, 1-based) with the layouts of
// runLayouts; a text of another code gets no layout.
func records(texts ...string) func(func(*validate.Record) bool) {
	L := runLayouts()
	return func(yield func(*validate.Record) bool) {
		for i, t := range texts {
			if !yield(validate.NewRecord(L[t[:2]], t, i+1)) {
				return
			}
		}
	}
}

// TestRunHierarchy checks the groups and parents the runner gives a sending of two
// invoices, and the order of the hooks: a group's hook after the Record hooks of its
// records (its end included), before the next record's.
func TestRunHierarchy(t *testing.T) {
	var log []string
	parentOf := func(rec *validate.Record) string {
		if p := rec.Parent(); p != nil {
			return strconv.Itoa(p.Line)
		}
		return "-"
	}
	rule := &validate.Rule{ID: "T-LOG", Level: validate.N5,
		Record: func(p *validate.Pass, rec *validate.Record) {
			log = append(log, rec.Code()+"^"+parentOf(rec))
		},
		Group: func(p *validate.Pass, g *validate.Group) {
			var in []string
			for i := 0; i < g.Len(); i++ {
				in = append(in, strconv.Itoa(g.At(i).Line))
			}
			log = append(log, "G"+strconv.Itoa(g.Head().Line)+"["+strings.Join(in, ",")+"]")
		},
		End: func(p *validate.Pass) { log = append(log, "END") },
	}
	err := validate.Run(context.Background(), "T", runHierarchy,
		records("100", "200", "500", "500", "800", "200", "500", "800", "900", "950", "33x"),
		validate.Options{Rules: []*validate.Rule{rule}}, func(validate.Finding) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"10^-", "20^1", "50^2", "50^2", "80^2", "G2[3,4,5]",
		"20^1", "50^6", "80^6", "G6[7,8]",
		"90^1", "G1[2,3,4,5,6,7,8,9]",
		"95^-", "33^-", "END",
	}
	if !slices.Equal(log, want) {
		t.Errorf("hooks\n got %v\nwant %v", log, want)
	}
}

// TestRunFindings checks the findings of Run: a rule's id, level and defaults, records
// without a layout only for rules of every type, Disable and Warn, the cap, and errors
// about the rules.
func TestRunFindings(t *testing.T) {
	nonZero := &validate.Rule{ID: "T-NONZERO", Level: validate.N4, Records: []string{"50"}, Err: validate.ErrValue,
		Record: func(p *validate.Pass, rec *validate.Record) {
			if rec.Raw("2") == "0" {
				p.Report(rec, validate.Finding{Field: "2", Letter: "R", Retourcode: "500203", Message: "niet toegelaten", Detail: "zero"})
			}
		}}
	frame := &validate.Rule{ID: "T-FRAME", Level: validate.N2,
		Record: func(p *validate.Pass, rec *validate.Record) {
			if rec.Layout == nil {
				p.Fail(rec, "", "no layout")
			}
		}}
	run := func(opts validate.Options, texts ...string) ([]validate.Finding, error) {
		var got []validate.Finding
		opts.RuleSets = append(opts.RuleSets, &validate.RuleSet{Name: "t", Standard: "T", Rules: []*validate.Rule{nonZero, frame}})
		err := validate.Run(context.Background(), "T", runHierarchy, records(texts...), opts, func(f validate.Finding) bool {
			got = append(got, f)
			return true
		})
		return got, err
	}
	got, err := run(validate.Options{}, "100", "200", "500", "501", "500", "77x", "800", "900")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("findings %v, want 3", got)
	}
	f := got[0]
	if f.Rule != "T-NONZERO" || f.Level != validate.N4 || f.Line != 3 || f.Record != "50" || f.Field != "2" || f.FieldName != "VALUE" ||
		f.Position != 3 || f.Letter != "R" || f.Retourcode != "500203" || f.Detail != "zero" || !errors.Is(f, validate.ErrValue) {
		t.Errorf("finding %+v", f)
	}
	if got[1].Line != 5 || got[2].Rule != "T-FRAME" || got[2].Line != 6 || got[2].Retourcode != "" {
		t.Errorf("findings %+v", got[1:])
	}
	if !strings.Contains(f.Error(), "niet toegelaten (zero)") {
		t.Errorf("Error() = %q, want the message and the detail", f.Error())
	}

	got, _ = run(validate.Options{Disable: []string{"T-FRAME"}, Warn: []string{"T-NONZERO"}}, "100", "200", "500", "77x")
	if len(got) != 1 || got[0].Severity != validate.Warning {
		t.Errorf("Disable/Warn: %+v", got)
	}
	got, _ = run(validate.Options{MaxFindings: 1}, "100", "200", "500", "500", "500")
	if len(got) != 1 {
		t.Errorf("MaxFindings 1: %d findings", len(got))
	}
	got, _ = run(validate.Options{Levels: validate.Levels(validate.N2)}, "100", "200", "500", "77x")
	if len(got) != 1 || got[0].Rule != "T-FRAME" {
		t.Errorf("Levels N2: %+v", got)
	}
	if _, err := run(validate.Options{Disable: []string{"T-NONE"}}); !errors.Is(err, validate.ErrUnknownRule) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := run(validate.Options{Rules: []*validate.Rule{{ID: "T-FRAME"}}}); !errors.Is(err, validate.ErrDuplicateRule) {
		t.Errorf("id used twice: %v", err)
	}
}

// A VSB finding's letter and detail are in the wire form; an EI finding's wire form has
// neither key (the schema zorgcheck validate -json writes is unchanged).
func TestFindingJSONLetterDetail(t *testing.T) {
	ei := validate.Finding{Level: validate.N3, Rule: "N3-DIGITS", Line: 2, Record: "04", Message: "m"}
	b, err := json.Marshal(ei)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "letter") || strings.Contains(string(b), "detail") {
		t.Errorf("EI finding: %s", b)
	}
	v := validate.Finding{Level: validate.N2, Rule: "VSB-CHECKNUMBER", Line: 5, Record: "51", Field: "99", Retourcode: "519902", Letter: "B",
		Message: "Controlecijfer van het record foutief.", Detail: "zone 99 holds 12, the record computes 16"}
	b, err = json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back validate.Finding
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back != v {
		t.Errorf("round trip\n got %+v\nwant %+v", back, v)
	}
}
