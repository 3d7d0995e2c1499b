package validate

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The conditions tables against the BERs they summarise and the rules the validator has:
// every field whose BER row has a text in Constraints/condities has a row; every rule a
// row names exists and checks that field; every rule of a standard is in a row of its
// table.
func TestConditionsTables(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	dir := sharedtest.Path(t, "vektis", "ber")
	cat := ruleCatalogue(t)
	inRows := map[string]bool{} // rule ids named by some row
	for _, tab := range tables {
		t.Run(tab.ID(), func(t *testing.T) {
			ber := readBERConditions(t, filepath.Join(dir, tab.BER))
			std, err := standards.Registry().Parse(tab.ID())
			if err != nil {
				t.Fatal(err)
			}
			p := compile(std)
			runs := map[string]bool{} // the rules that run on files of std
			rs, err := Rules(std, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				runs[r.ID] = true
			}
			for _, f := range ber {
				if tab.Row(f.number) == nil {
					t.Errorf("%s: field %s %s has a condition in the BER but no row", tab.File, f.number, f.name)
				}
			}
			for _, row := range tab.Rows {
				where := tab.File + ":" + itoa(row.Line) + ": field " + row.Field
				i := slices.IndexFunc(ber, func(f berField) bool { return f.number == row.Field })
				if i < 0 {
					t.Errorf("%s: the BER states no condition for this field", where)
					continue
				}
				if ber[i].name != row.Name {
					t.Errorf("%s: name %q, the BER says %q", where, row.Name, ber[i].name)
				}
				fp, lp := planField(p, row.Field)
				if fp == nil {
					t.Errorf("%s: the layout of %s has no such field", where, tab.ID())
					continue
				}
				for _, id := range row.Rules {
					inRows[id] = true
					switch {
					case !cat.ids[id]:
						t.Errorf("%s: rule %s does not exist", where, id)
					case !runs[id]:
						t.Errorf("%s: rule %s does not run on files of %s", where, id, tab.ID())
					}
					if code, _, ok := strings.Cut(id, "-N"); ok && len(code) == 5 && code != tab.Standard && code != std.Answers() {
						t.Errorf("%s: rule %s belongs to another standard", where, id)
					}
				}
				// The field checks the row names are the ones the validator makes on the
				// field, and the other way round: deleting one fails here.
				for _, c := range []struct {
					id  string
					has bool
				}{
					{"N4-ALLOWED", fp.allowed != nil},
					{"N4-CODELIST", fp.list != nil && fp.allowed == nil}, // the allowed values replace the list
					{"N3-MANDATORY", fp.mandatory},
					{"N3-REQUIRED", fp.required},
					{"N4-RESERVE", fp.reserve},
					{"N4-AGB", fp.agb != agbNone},
					{"N4-BSN", fp.bsn},
					{"N4-FUTURE", fp.notFuture},
				} {
					if listed := slices.Contains(row.Rules, c.id); listed != c.has {
						if c.has {
							t.Errorf("%s: the validator checks %s on this field, the row does not say so", where, c.id)
						} else {
							t.Errorf("%s: the row names %s, the validator does not check it on this field", where, c.id)
						}
					}
				}
				// A count or total of the 99 that the trailer compares with the file is not
				// filled when it holds only zeros where the file has records: N3-TRAILERZERO.
				for _, c := range lp.counts {
					if lp.fields[c.field].f.Number != row.Field {
						continue
					}
					compared := c.kind == countRecords || c.kind == countDetails ||
						(c.kind == countTotal || c.kind == countAllowed) && !std.IsReturn()
					if listed := slices.Contains(row.Rules, "N3-TRAILERZERO"); listed != compared {
						t.Errorf("%s: the trailer compares this field with the file: %v; the row names N3-TRAILERZERO: %v", where, compared, listed)
					}
				}
				if lp.isKey(lp.index[row.Field]) && !slices.Contains(row.Rules, "N5-PARENT") {
					t.Errorf("%s: the field repeats its parent's (N5-PARENT), the row does not say so", where)
				}
				if p.fields[row.Field].Allowed != "" && !slices.Contains(row.Rules, "N4-ALLOWED") {
					t.Errorf("%s: %s restricts the values (N4-ALLOWED), the row does not say so", where, tab.Standard)
				}
			}
		})
	}
	for id, code := range cat.standardOf {
		if !inRows[id] {
			t.Errorf("rule %s of %s is in no row of a conditions table", id, code)
		}
	}
	for id := range cat.ids {
		if strings.HasPrefix(id, "N5-") && !inRows[id] {
			t.Errorf("rule %s is in no row of a conditions table", id)
		}
	}
}

type berField struct{ number, name, text string }

// readBERConditions returns the fields of a BER layout sheet (CSV or TSV, UTF-8 or
// Latin-1) whose Constraints/condities column holds a text, with that text.
func readBERConditions(t *testing.T, path string) []berField {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		out := make([]byte, 0, len(data))
		for _, c := range data {
			out = utf8.AppendRune(out, rune(c))
		}
		data = out
	}
	r := csv.NewReader(bytes.NewReader(data))
	if strings.HasSuffix(path, ".tsv") {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	num, name, cond := -1, -1, -1
	var out []berField
	for _, row := range rows {
		if num < 0 {
			num, name, cond = slices.Index(row, "Volgnummer"), slices.Index(row, "Naam gegevenselement"), slices.Index(row, "Constraints/condities")
			if num >= 0 && (name < 0 || cond < 0) {
				t.Fatalf("%s: header row without Naam gegevenselement or Constraints/condities", path)
			}
			continue
		}
		if len(row) <= cond || strings.TrimSpace(row[num]) == "" || strings.TrimSpace(row[cond]) == "" {
			continue
		}
		n := strings.TrimSpace(row[num])
		for len(n) < 4 {
			n = "0" + n
		}
		out = append(out, berField{n, strings.Join(strings.Fields(row[name]), " "), strings.Join(strings.Fields(row[cond]), " ")})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no conditions found", path)
	}
	return out
}

func planField(p *plan, number string) (*fieldPlan, *layoutPlan) {
	for _, lp := range p.layouts {
		if i, ok := lp.index[number]; ok {
			return &lp.fields[i], lp
		}
	}
	return nil, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// catalogue is what the validator's rules are: every rule id, and the standard of each
// standard's own rule.
type catalogue struct {
	ids        map[string]bool
	standardOf map[string]string
}

// ruleCatalogue lists the built-in rules (RuleSets): those of the sets for a standard
// belong to it.
func ruleCatalogue(t *testing.T) catalogue {
	t.Helper()
	c := catalogue{ids: map[string]bool{}, standardOf: map[string]string{}}
	for _, set := range RuleSets() {
		for _, r := range set.Rules {
			c.ids[r.ID] = true
			if set.Standard != "" {
				code, _, _ := strings.Cut(set.Standard, "@")
				c.standardOf[r.ID] = code
			}
		}
	}
	if len(c.ids) == 0 {
		t.Fatal("RuleSets lists no rules")
	}
	return c
}

// The field checks a table names fire on their field: for every row naming N3-MANDATORY,
// N4-ALLOWED or N4-CODELIST, the generated correct file with that field emptied, or set to a
// value outside the allowed values or the code list, must give that rule's finding on the
// field. Deleting one of these checks for a field with a BER condition fails here.
func TestConditionsRulesFire(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range tables {
		t.Run(tab.ID(), func(t *testing.T) {
			std, err := standards.Registry().Parse(tab.ID())
			if err != nil {
				t.Fatal(err)
			}
			p := compile(std)
			base := n5Base(t, std, true)
			for _, row := range tab.Rows {
				fp, lp := planField(p, row.Field)
				if fp == nil || lp.index[row.Field] == 0 {
					continue // the kenmerk: another value makes it another record
				}
				line := -1
				for i, l := range base {
					if strings.HasPrefix(l, lp.code) {
						line = i
						break
					}
				}
				if line < 0 {
					continue
				}
				for _, id := range row.Rules {
					var v string
					switch id {
					case "N3-MANDATORY":
						if fp.zeroOK && fp.numeric {
							continue // zero is a value
						}
						v = ""
					case "N4-ALLOWED":
						v = outside(fp, func(v string) bool { return fp.allowed[normalise(v, fp.numeric)] })
					case "N4-CODELIST":
						v = outside(fp, func(v string) bool { return fp.list.has(v, fp.numeric) })
					default:
						continue
					}
					lines := slices.Clone(base)
					f := fp.f
					if fp.numeric {
						v = strings.Repeat("0", f.Length-len(v)) + v
					} else {
						v += strings.Repeat(" ", f.Length-len(v))
					}
					lines[line] = lines[line][:f.Start-1] + v + lines[line][f.End:]
					rep := validateBytes(t, []byte(strings.Join(lines, "\r\n")+"\r\n"), std)
					found := false
					for _, fd := range rep.Findings {
						found = found || fd.Rule == id && fd.Line == line+1 && fd.Field == row.Field
					}
					if !found {
						t.Errorf("%s:%d: field %s set to %q gives no %s on line %d; findings:\n%s", tab.File, row.Line, row.Field, v, id, line+1, listFindings(rep.Findings))
					}
				}
			}
		})
	}
}

// outside returns a value of the field's type and length that in does not accept.
func outside(fp *fieldPlan, in func(string) bool) string {
	n := fp.f.Length
	var cands []string
	if fp.date {
		cands = append(cands, "20250101") // a date, so that the date checks pass
	}
	if fp.numeric {
		for _, d := range "987654321" {
			cands = append(cands, strings.Repeat(string(d), n))
		}
		for i := 1; i < 100; i++ {
			cands = append(cands, strconv.Itoa(i))
		}
	} else {
		cands = []string{"ZZ"[:min(2, n)], "Q", "X9"[:min(2, n)], "9", "ZZZZ"[:min(4, n)]}
	}
	for _, c := range cands {
		if len(c) <= n && !in(c) {
			return c
		}
	}
	return ""
}

// Every row shows its level: the highest RBC level of the rules that check the field. A
// row without rules (a condition the file alone cannot show) states the level the
// condition has by the reading of LEVELS.md. The level is that of the rules themselves
// (RuleSets), not a copy.
func TestConditionsRowLevels(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]Level{}
	for _, set := range RuleSets() {
		for _, r := range set.Rules {
			levels[r.ID] = r.level()
		}
	}
	for _, tab := range tables {
		for _, row := range tab.Rows {
			want := row.Level
			var top Level
			for _, id := range row.Rules {
				if l, ok := levels[id]; ok && l > top {
					top = l
				}
			}
			if top != 0 {
				want = top.String()
			} else if !slices.Contains([]string{"N1", "N2", "N3", "N4", "N5", "-"}, row.Level) {
				t.Errorf("%s:%d: field %s: level %q is not N1 to N5 or -", tab.File, row.Line, row.Field, row.Level)
			}
			if row.Level != want {
				t.Errorf("%s:%d: field %s: level %s, the rules %v say %s", tab.File, row.Line, row.Field, row.Level, row.Rules, want)
			}
		}
	}
}
