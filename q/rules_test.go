package q

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/fuzzedit"
)

var today = record.Date{Year: 2016, Month: 3, Day: 1}

func check(t *testing.T, text string, opts RuleOptions) []validate.Finding {
	t.Helper()
	rep, err := validate.File(context.Background(), strings.NewReader(text),
		validate.Options{Registry: Registry(), RuleSets: []*validate.RuleSet{RuleSet(opts)}, Today: today, MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Findings
}

// found is a finding reduced to what the tests compare.
type found struct {
	line                int
	rule, field, retour string
}

func (f found) String() string {
	return fmt.Sprintf("line %d %s %s %s", f.line, f.rule, f.field, f.retour)
}

// summary lists the findings, leaving out the warnings about UZOVI-nummers the register
// does not have (the invulinstructie's examples use such numbers, e.g. 7054).
func summary(fs []validate.Finding) []found {
	var out []found
	for _, f := range fs {
		if f.Rule == "N4-UZOVI" && f.Severity == validate.Warning {
			continue
		}
		out = append(out, found{f.Line, f.Rule, f.Field, f.Retourcode})
	}
	return out
}

func TestValidFile(t *testing.T) {
	text := qfile{recs: []vals{{}, {"0450": "P2", "0403": "781676447"}}}.text(t)
	if fs := check(t, text, RuleOptions{}); len(fs) != 0 {
		for _, f := range fs {
			t.Error(f.Error())
		}
	}
}

// history is a ledger of earlier deliveries for the tests.
type history map[string]Delivered

func (h history) Lookup(indiener, bron, id string) (Delivered, bool) {
	d, ok := h[indiener+"/"+bron+"/"+id]
	return d, ok
}

// TestRules has a passing and a failing file for every Q rule, with the expected findings
// taken from the invulinstructie (seed 003) and the return codes from COD954.
func TestRules(t *testing.T) {
	jan8 := record.Date{Year: 2016, Month: 1, Day: 8}
	feb8 := record.Date{Year: 2016, Month: 2, Day: 8}
	hist := history{
		"9664/0001/D3":  {Verwerkingsdatum: jan8},
		"9664/0001/C4":  {Credit: true, Verwerkingsdatum: jan8},
		"9664/0001/OLD": {Active: true, Verwerkingsdatum: feb8},
		"9664/0001/JAN": {Active: true, Verwerkingsdatum: jan8},
	}
	credit := vals{"0439": "C", "0441": "C", "0443": "C", "0445": "C", "0442": "100", "0444": "100", "0446": "0"}
	// big keeps every total of the 99 debit: the validator wants the indicators of one
	// record to agree (8064), and it applies that to the 99 too.
	big := vals{"0450": "P9", "0442": "90000", "0444": "90000", "0446": "0"}
	with := func(a, b vals) vals {
		out := vals{}
		for k, v := range a {
			out[k] = v
		}
		for k, v := range b {
			out[k] = v
		}
		return out
	}
	for _, tc := range []struct {
		name, source string
		file         qfile
		hist         History
		want         []found
	}{
		{"soort 01 needs table 4-3", "4.4.4, table 4-3",
			qfile{recs: []vals{{"0410": "0", "0412": "0", "0417": "0", "0434": "0", "0435": "0"}}}, nil,
			[]found{{2, RuleSoort01Mandatory, "0410", "5100"}, {2, RuleSoort01Mandatory, "0412", "0582"},
				{2, RuleSoort01Mandatory, "0417", "5105"}, {2, RuleSoort01Mandatory, "0434", "8081"},
				{2, RuleSoort01Mandatory, "0435", "8082"}}},
		{"soort 01 needs aanduiding prestatiecodelijst", "4.4.4, table 4-3",
			qfile{recs: []vals{{"0411": "0"}}}, nil,
			[]found{{2, RuleSoort01Mandatory, "0411", "0581"}}},
		{"soort 02 does not", "4.4.4",
			qfile{recs: []vals{{"0447": "02", "0410": "0", "0411": "0", "0412": "0", "0417": "0", "0434": "0", "0435": "0"}}}, nil, nil},
		{"soort 01 zero declaratiebedrag is filled", "2.3.18",
			qfile{recs: []vals{{"0438": "0", "0440": "0", "0446": "1"}}}, nil, nil},
		{"soort 01 is vervoer 016", "4.2", qfile{recs: []vals{{"0411": "016"}}}, nil, nil},
		{"soort 01 is ambulancevervoer 038", "4.4.4 situation 2 (\"0348\")", qfile{recs: []vals{{"0411": "038"}}}, nil, nil},
		{"soort 01 is not zittend ziekenvervoer 039", "4.4.4 situation 2",
			qfile{recs: []vals{{"0411": "039"}}}, nil,
			[]found{{2, RuleSoort01Lijst, "0411", "0581"}}},
		{"soort 02 any prestatiecodelijst", "4.4.4 situation 2",
			qfile{recs: []vals{{"0411": "016", "0447": "02"}}}, nil, nil},
		{"verwerkingsperiode of 31 days", "2.3.5.2",
			qfile{hdr: vals{"0108": "20160101", "0109": "20160131", "0107": "20160201"}, recs: []vals{{"0418": "20160101", "0449": "20160101"}}}, nil, nil},
		{"verwerkingsperiode of 32 days", "2.3.5.2",
			qfile{hdr: vals{"0108": "20160101", "0109": "20160201", "0107": "20160202"}, recs: []vals{{"0418": "20160101", "0449": "20160101"}}}, nil,
			[]found{{1, RulePeriodeLengte, "0109", "8355"}}},
		{"datum prestatie before 01-09-2007", "4.2",
			qfile{hdr: vals{"0108": "20070801", "0109": "20070831", "0107": "20070901"},
				recs: []vals{{"0418": "20070831", "0449": "20070831"}}}, nil,
			[]found{{2, RuleDatumPrestatie, "0418", "8222"}}},
		{"datum prestatie 01-09-2007", "4.2",
			qfile{hdr: vals{"0108": "20070901", "0109": "20070930", "0107": "20071001"},
				recs: []vals{{"0418": "20070901", "0449": "20070901"}}}, nil, nil},
		{"datum prestatie after the period", "COD954 8373",
			qfile{recs: []vals{{"0418": "20160201"}}}, nil,
			[]found{{2, RuleDatumPrestatie, "0418", "8373"}}},
		{"code land prestatie filled", "4.2",
			qfile{recs: []vals{{"0448": "NL"}}}, nil,
			[]found{{2, "N4-ALLOWED", "0448", "8389"}}},
		{"identificatiecode indiener unknown", "2.3.13, COD976",
			qfile{recs: []vals{{"0407": "06"}}}, nil,
			[]found{{2, "N4-CODELIST", "0407", "8434"}}},
		{"verzekerde with zeros", "2.3.13",
			qfile{recs: []vals{{"0407": "05", "0408": "0"}}}, nil, nil},
		{"verzekerde with an AGB-code", "2.3.13",
			qfile{recs: []vals{{"0407": "05"}}}, nil,
			[]found{{2, RuleAGBIndiener, "0408", "8437"}}},
		{"servicebureau without AGB-code", "2.3.13",
			qfile{recs: []vals{{"0407": "01", "0408": "0"}}}, nil,
			[]found{{2, RuleAGBIndiener, "0408", "8435"}}},
		{"eigen risico filled, indicatie empty", "2.3.19",
			qfile{recs: []vals{{"0444": "1500", "0446": "0"}}}, nil, nil},
		{"eigen risico filled, indicatie filled", "2.3.19, COD954 8481",
			qfile{recs: []vals{{"0444": "1500", "0446": "1"}}}, nil,
			[]found{{2, RuleEigenRisico, "0446", "8481"}}},
		{"eigen risico zeros, unknown", "2.3.19",
			qfile{recs: []vals{{"0444": "0", "0446": "2"}}}, nil, nil},
		{"eigen risico zeros, indicatie empty", "2.3.19, COD954 8480",
			qfile{recs: []vals{{"0444": "0", "0446": "0"}}}, nil,
			[]found{{2, RuleEigenRisico, "0446", "8480"}}},
		{"eigen risico zeros, indicatie 3", "2.3.19",
			qfile{recs: []vals{{"0444": "0", "0446": "3"}}}, nil,
			[]found{{2, "N4-ALLOWED", "0446", "8388"}}},
		{"debit and credit in one record", "COD954 8064",
			qfile{recs: []vals{{"0441": "C", "0440": "0"}}}, nil,
			[]found{{2, "N5-DEBITCREDIT", "0441", "8064"}}},
		{"credit without its debit", "2.3.21, COD954 8397",
			qfile{recs: []vals{with(credit, vals{"0450": "C1"}), big}}, nil,
			[]found{{2, RuleCreditRef, "0451", "8397"}}},
		{"debit naming a debit", "2.3.21, COD954 8398",
			qfile{recs: []vals{{"0451": "P0"}}}, nil,
			[]found{{2, RuleCreditRef, "0451", "8398"}}},
		{"credit of a debit in the same file", "2.3.21",
			qfile{recs: []vals{with(credit, vals{"0450": "C1", "0451": "P2"}), {"0450": "P2"}, big}}, nil, nil},
		{"credit of a credit in the same file", "2.3.21",
			qfile{recs: []vals{with(credit, vals{"0450": "C1", "0451": "C2"}), with(credit, vals{"0450": "C2", "0451": "P1"}), {"0450": "P1"}, big}}, nil,
			[]found{{2, RuleCreditRef, "0451", "8366"}}},
		{"one debit credited twice", "COD954 8368",
			qfile{recs: []vals{{"0450": "P1"}, with(credit, vals{"0450": "C1", "0451": "P1"}), with(credit, vals{"0450": "C2", "0451": "P1"}), big}}, nil,
			[]found{{4, RuleCreditRef, "0451", "8368"}}},
		{"credit of an earlier debit, no ledger", "2.3.21",
			qfile{recs: []vals{with(credit, vals{"0450": "C1", "0451": "D3"}), big}}, nil, nil},
		{"credit of an earlier debit", "2.3.21",
			qfile{recs: []vals{with(credit, vals{"0450": "C1", "0451": "D3"}), big}}, hist, nil},
		{"credit of an earlier credit", "2.3.21",
			qfile{recs: []vals{with(credit, vals{"0450": "C1", "0451": "C4"}), big}}, hist,
			[]found{{2, RuleCreditRef, "0451", "8366"}}},
		{"credit of nothing delivered", "2.3.21",
			qfile{recs: []vals{with(credit, vals{"0450": "C1", "0451": "NONE"}), big}}, hist,
			[]found{{2, RuleCreditRef, "0451", "8366"}}},
		{"identificatie twice in a file", "2.3.7, COD954 8377",
			qfile{recs: []vals{{"0450": "P1"}, {"0450": "P1"}}}, nil,
			[]found{{3, RuleUniek, "0450", "8377"}}},
		{"identificatie re-delivered in its period", "2.3.5.2, 2.3.7",
			qfile{recs: []vals{{"0450": "JAN"}}}, hist, nil},
		{"identificatie delivered before and staying active", "2.3.7",
			qfile{recs: []vals{{"0450": "OLD"}}}, hist,
			[]found{{2, RuleUniek, "0450", "8360"}}},
		{"file made before the period ends", "COD954 8371",
			qfile{hdr: vals{"0107": "20160131"}}, nil,
			[]found{{1, RulePeriode, "0107", "8371"}}},
		{"verwerkingsdatum before the period", "2.3.5.2, COD954 8392",
			qfile{recs: []vals{{"0449": "20151231", "0418": "20151230"}}}, nil,
			[]found{{2, RuleVerwerkingsdatum, "0449", "8392"}}},
		{"verwerkingsdatum after the period", "2.3.5.2, COD954 8393",
			qfile{recs: []vals{{"0449": "20160201"}}}, nil,
			[]found{{2, RuleVerwerkingsdatum, "0449", "8393"}}},
		{"total vergoed bedrag basisverzekering wrong", "COD954 8390",
			qfile{recs: []vals{{}}, end: vals{"9906": "1"}}, nil,
			[]found{{3, RuleTotalen, "9906", "8390"}}},
		{"totals with credits", "COD954 8390, 8365, 8391",
			qfile{recs: []vals{{"0450": "P1", "0442": "500", "0444": "700", "0446": "0"}, with(credit, vals{"0450": "C1", "0451": "P1", "0440": "100"})}}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(check(t, tc.file.text(t), RuleOptions{History: tc.hist}))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s (invulinstructie %s):\n got %v\nwant %v", tc.name, tc.source, got, tc.want)
				for _, f := range check(t, tc.file.text(t), RuleOptions{History: tc.hist}) {
					t.Log(f.Error())
				}
			}
		})
	}
}

// TestTable2_11: BSN bekend → the BSN; not bekend → the dummy 9x9; the verzekerdennummer is
// filled in both cases (invulinstructie 2.3.11, table 2-11).
func TestTable2_11(t *testing.T) {
	for _, tc := range []struct {
		name string
		rec  vals
		want []found
	}{
		{"BSN bekend, verzekerdennummer", vals{"0403": "116263684", "0405": "VZ7"}, nil},
		{"BSN niet bekend: dummy and verzekerdennummer", vals{"0403": "999999999", "0405": "VZ7"}, nil},
		{"dummy without verzekerdennummer", vals{"0403": "999999999", "0405": ""}, []found{{2, "N3-MANDATORY", "0405", "8101"}}},
		{"BSN bekend without verzekerdennummer", vals{"0403": "116263684", "0405": ""}, []found{{2, "N3-MANDATORY", "0405", "8101"}}},
		{"BSN not filled", vals{"0403": "0"}, []found{{2, "N3-MANDATORY", "0403", "0435"}}},
		{"BSN failing the elfproef", vals{"0403": "116263685"}, []found{{2, "N4-BSN", "0403", "0435"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(check(t, qfile{recs: []vals{tc.rec}}.text(t), RuleOptions{}))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestGelaagd: one file of indiener 9664 for the risicodragers 7119, 0104, 0201 and 7053
// (invulinstructie tables 2-2 and 2-5) is valid, as is the indiener being a risicodrager
// (3332 for 3332, 3333, 7054); schade on a volmacht also names the risicodrager (2.3.2).
func TestGelaagd(t *testing.T) {
	for _, tc := range []struct {
		name     string
		indiener string
		recs     []vals
		want     []found
	}{
		{"table 2-2", "9664", []vals{{"0404": "7119", "0450": "1"}, {"0404": "0104", "0450": "2"}, {"0404": "0201", "0450": "3"}, {"0404": "7053", "0450": "4"}}, nil},
		{"table 2-5", "3332", []vals{{"0404": "3332", "0450": "1"}, {"0404": "3333", "0450": "2"}, {"0404": "7054", "0450": "3"}}, nil},
		{"volmacht with risicodrager", "9664", []vals{{"0404": "7119", "0406": "3311"}}, nil},
		{"volmacht without risicodrager", "9664", []vals{{"0404": "0", "0406": "3311"}}, []found{{2, "N3-MANDATORY", "0404", "8367"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(check(t, qfile{hdr: vals{"0106": tc.indiener}, recs: tc.recs}.text(t), RuleOptions{}))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestTable2_12: the second delivery of table 2-12 credits debit 3 (record 9) and debit 7
// (record 11) of the first; with the first delivery in the ledger it is valid, and the
// debit/credit pairs are 3–9 and 7–11. (The table prints the identificatie of the first
// credit as "12"; the text below it, and the numbering 8 … 14, make it 9.)
func TestTable2_12(t *testing.T) {
	var first []vals
	for i := 1; i <= 7; i++ {
		first = append(first, vals{"0450": fmt.Sprint(i)})
	}
	credit := vals{"0439": "C", "0441": "C", "0443": "C", "0445": "C", "0438": "100", "0440": "100"}
	with := func(id, ref string) vals {
		v := vals{"0450": id, "0451": ref}
		for k, x := range credit {
			v[k] = x
		}
		return v
	}
	second := []vals{{"0450": "8"}, with("9", "3"), {"0450": "10"}, with("11", "7"), {"0450": "12"}, {"0450": "13"}, {"0450": "14"}}

	file1 := qfile{recs: first}.text(t)
	if fs := check(t, file1, RuleOptions{}); len(fs) != 0 {
		t.Fatalf("delivery 001: %v", summary(fs))
	}
	hist := history{}
	for _, v := range first {
		hist["9664/0001/"+v["0450"]] = Delivered{Active: true, Verwerkingsdatum: record.Date{Year: 2016, Month: 1, Day: 8}}
	}
	file2 := qfile{hdr: vals{"0110": "2", "0107": "20160305", "0108": "20160201", "0109": "20160229"},
		recs: second}
	for i := range file2.recs {
		file2.recs[i]["0449"], file2.recs[i]["0418"] = "20160210", "20160205"
	}
	if fs := check(t, file2.text(t), RuleOptions{History: hist}); len(fs) != 0 {
		t.Fatalf("delivery 002: %v", summary(fs))
	}
	// Without the first delivery, the credits name nothing.
	got := summary(check(t, file2.text(t), RuleOptions{History: history{}}))
	want := []found{{3, RuleCreditRef, "0451", "8366"}, {5, RuleCreditRef, "0451", "8366"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("delivery 002 without 001: got %v, want %v", got, want)
	}
	var pairs []string
	for _, v := range second {
		if v["0451"] != "" {
			pairs = append(pairs, v["0451"]+"-"+v["0450"])
		}
	}
	if fmt.Sprint(pairs) != "[3-9 7-11]" {
		t.Errorf("pairs %v, want 3-9 and 7-11", pairs)
	}
}

func TestRegistry(t *testing.T) {
	r := Registry()
	for _, s := range Standards() {
		if s.Status() != record.StatusReconstructed {
			t.Errorf("%s: status %q, want reconstructed", s.ID(), s.Status())
		}
		if got, ok := r.ByEICode(s.EICodes()[0], s.Version(), s.Subversion()); !ok || got != s {
			t.Errorf("%s: not found by EI code %d", s.ID(), s.EICodes()[0])
		}
	}
	if s, ok := r.Lookup("QVE301", "1.0"); !ok || s.EICodes()[0] != 542 {
		t.Errorf("QVE301 1.0: %v %v", s, ok)
	}
}

// The Q rules are listed with the validator's, documented, and switched off by id.
func TestRuleSetListed(t *testing.T) {
	set := RuleSet(RuleOptions{})
	rules, err := validate.Rules(Standards()[0], validate.Options{RuleSets: []*validate.RuleSet{set}})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, r := range rules {
		listed[r.ID] = true
	}
	for _, r := range set.Rules {
		if !listed[r.ID] {
			t.Errorf("%s not among the rules that run on QVE301", r.ID)
		}
		if r.Doc == "" || r.Level != validate.N5 {
			t.Errorf("%s: doc %q, level %v; want a doc and N5", r.ID, r.Doc, r.Level)
		}
	}
	text := qfile{recs: []vals{{"0450": "P1"}, {"0450": "P1"}}}.text(t)
	rep, err := validate.File(context.Background(), strings.NewReader(text), validate.Options{Registry: Registry(),
		RuleSets: []*validate.RuleSet{set}, Today: today, Disable: []string{RuleUniek}})
	if err != nil || len(rep.Findings) != 0 {
		t.Errorf("with %s disabled: %v, %v; want no findings", RuleUniek, err, summary(rep.Findings))
	}
	// Files of other standards are not checked by the Q rules.
	if set.Applies(ve303v42.Standard()) {
		t.Error("the Q rules apply to VE303")
	}
}

// Whatever the input, the Q rules do not panic and every finding says where it is.
func FuzzQValidate(f *testing.F) {
	// It fuzzes one edit (internal/fuzzedit) of a small real Q file rather than raw
	// bytes, so that the fuzzer's minimising of an interesting input does not take the
	// whole run: the fuzzed values are a few bytes.
	var files [][]string
	for _, tf := range testFiles {
		files = append(files, strings.SplitAfter(tf.text(f), "\n"))
	}
	files = append(files, strings.SplitAfter(qfile{recs: []vals{{"0439": "C", "0451": "X"}, {"0450": "X", "0441": "C"}}}.text(f), "\n"))
	for i := range files {
		if last := len(files[i]) - 1; files[i][last] == "" {
			files[i] = files[i][:last]
		}
	}
	for i := range files {
		f.Add(uint8(i), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "")
	}
	f.Add(uint8(0), uint8(fuzzedit.Recode), uint8(1), uint16(0), "02")
	f.Add(uint8(0), uint8(fuzzedit.Overwrite), uint8(1), uint16(30), "X")
	f.Add(uint8(0), uint8(fuzzedit.Join), uint8(1), uint16(0), "")
	hist := history{"9664/0001/X": {Active: true}}
	f.Fuzz(func(t *testing.T, file, op, line uint8, pos uint16, text string) {
		data := fuzzedit.Apply(files[int(file)%len(files)], op, line, pos, text)
		rep, err := validate.File(context.Background(), strings.NewReader(data), validate.Options{Registry: Registry(),
			RuleSets: []*validate.RuleSet{RuleSet(RuleOptions{History: hist})}, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range rep.Findings {
			if fd.Rule == "" || fd.Retourcode == "" || fd.Line == 0 && fd.Level > validate.N2 && strings.HasPrefix(fd.Rule, "Q-") {
				t.Errorf("finding without rule, return code or line: %+v", fd)
			}
		}
	})
}

// Every return code the Q rules give is a COD954 code (Vektis): the codes in the
// finding expectations of the tests above, and those of table 4-3 and the totals.
func TestRetourcodes(t *testing.T) {
	src, err := os.ReadFile("rules.go")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, re := range []string{`report\(p, rec, "[0-9]{4}", "([0-9]{4})"`, `Retourcode: "([0-9]{4})"`,
		`\{"04[0-9]{2}", "([0-9]{4})"\}`, `"99[0-9]{2}", "([0-9]{4})"`} {
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(string(src), -1) {
			codes = append(codes, m[1])
		}
	}
	if len(codes) < 20 {
		t.Fatalf("found %d codes in rules.go", len(codes))
	}
	for _, c := range codes {
		if _, ok := validate.Retourcode(c); !ok {
			t.Errorf("%s is not a COD954 return code", c)
		}
	}
}

// Table 2-6: gelaagd aanleveren agreed from January 2016. Files over earlier periods hold
// one risicodrager each, the indiener; from January 2016 one file of indiener 9664 holds
// 7119, 0104, 0201 and 7053.
func TestTable2_6(t *testing.T) {
	opts := RuleOptions{GelaagdVanaf: record.Date{Year: 2016, Month: 1, Day: 1}}
	dec := vals{"0107": "20160106", "0108": "20151201", "0109": "20151231"}
	inDec := vals{"0418": "20151210", "0449": "20151215"}
	four := []vals{{"0404": "7119", "0450": "1"}, {"0404": "0104", "0450": "2"}, {"0404": "0201", "0450": "3"}, {"0404": "7053", "0450": "4"}}
	for _, tc := range []struct {
		name string
		file qfile
		want []found
	}{
		{"per risicodrager before", qfile{hdr: with(dec, vals{"0106": "0104"}), recs: []vals{with(inDec, vals{"0404": "0104"})}}, nil},
		{"volmacht before", qfile{hdr: with(dec, vals{"0106": "3311"}), recs: []vals{with(inDec, vals{"0404": "0104", "0406": "3311"})}}, nil},
		{"gelaagd from January 2016", qfile{hdr: vals{"0106": "9664"}, recs: four}, nil},
		{"gelaagd before", qfile{hdr: with(dec, vals{"0106": "9664"}), recs: []vals{with(inDec, vals{"0404": "7119", "0450": "1"}), with(inDec, vals{"0404": "9664", "0450": "2"})}},
			[]found{{2, RuleVoorGelaagd, "0404", "8367"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(check(t, tc.file.text(t), opts))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// Without the date nothing is known about the agreement.
	if got := summary(check(t, qfile{hdr: with(dec, vals{"0106": "9664"}), recs: []vals{with(inDec, vals{"0404": "7119"})}}.text(t), RuleOptions{})); got != nil {
		t.Errorf("without GelaagdVanaf: %v", got)
	}
}

// BenchmarkQValidate validates a QVE301 file of 10,000 prestatierecords with the Q rules.
func BenchmarkQValidate(b *testing.B) {
	recs := make([]vals, 10000)
	for i := range recs {
		recs[i] = vals{"0450": fmt.Sprint("P", i)}
	}
	text := qfile{recs: recs}.text(b)
	opts := validate.Options{Registry: Registry(), RuleSets: []*validate.RuleSet{RuleSet(RuleOptions{})}, Today: today}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		rep, err := validate.File(context.Background(), strings.NewReader(text), opts)
		if err != nil || len(rep.Findings) != 0 {
			b.Fatal(err, rep.Findings)
		}
	}
}
