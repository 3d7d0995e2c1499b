package validate

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// Standards with official BERs and no Vektis test files (AP304, EP301, MZ301, AW319, ZH308,
// EI181), and every other message standard the registry has: the test writes a correct
// file per standard version and, the way Vektis does, one broken file per N3/N4 check of
// every field, and requires a finding on that field at that level. It covers whatever the
// registry holds when it runs (every standard with a voorlooprecord).

var mutationToday = civil.NewDate(2026, 1, 1)

// fixtures set fields of the generated correct file where the generic values would break a
// condition of the standard (N5).
var fixtures = map[string]map[string]string{
	// 0420 08: verwezen zonder AGB-code of the verwijzer, so 0421 stays empty.
	"MZ301": {"0410": "N", "0420": "01000001"},
	"EI181": {"0610": "02"},
	// 0482: "Spatie invullen omdat Berekend bedrag zorgverzekeraar niet ingevuld wordt."
	"AP305": {"0482": " "},
	"GZ321": {"0420": "08", "0610": "14", "0611": "063", "0416": "01000001", "0417": "9911", "0426": "A", "0431": "01", "0434": "01",
		"0433": "000001", "0435": "000001", "0436": "000001", "1710": "01", "1711": "01000001", "1716": "000001"},
}

func TestGeneratedCorrectFiles(t *testing.T) {
	for _, std := range mutationTargets(t) {
		t.Run(std.ID(), func(t *testing.T) {
			t.Parallel() // the standards are independent
			data := correctFile(t, std)
			rep := validateBytes(t, data, std)
			if len(rep.Findings) > 0 {
				t.Fatalf("the generated correct file has findings:\n%s\n%s", listFindings(rep.Findings), data)
			}
		})
	}
}

func TestGeneratedMutations(t *testing.T) {
	for _, std := range mutationTargets(t) {
		t.Run(std.ID(), func(t *testing.T) {
			t.Parallel() // the standards are independent
			data := correctFile(t, std)
			lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
			pl := compile(std)
			n, tried := 0, 0
			for li, line := range lines {
				lp := pl.layout(line[:2])
				for fi := range lp.fields {
					fp := &lp.fields[fi]
					for _, m := range mutations(fp, line) {
						if tried++; !testlevel.Full() && tried%3 != 0 {
							continue // the full run (CI) takes every mutation, the default every third
						}
						n++
						broken := append([]string(nil), lines...)
						broken[li] = line[:fp.start] + m.value + line[fp.end:]
						file := []byte(strings.Join(broken, "\r\n") + "\r\n")
						rep := validateBytes(t, file, nil)
						if !hasFinding(rep, li+1, fp.f.Number, m.level) {
							t.Errorf("line %d field %s (%s) %s: no %s finding on the field; found:\n%s",
								li+1, fp.f.Number, fp.f.Name, m.what, m.level, listFindings(rep.Findings))
						}
					}
				}
			}
			t.Logf("%d broken files", n)
		})
	}
}

func mutationTargets(t *testing.T) []*record.Standard {
	var out []*record.Standard
	for _, s := range standards.Registry().All() {
		if s.Layout(record.CodeVoorloop) != nil && s.Layout(record.CodeSluit) != nil {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Skip("no standards registered")
	}
	return out
}

type mutation struct {
	what  string
	value string
	level Level
}

// mutations returns the broken values of one field, each with the level it breaks.
func mutations(fp *fieldPlan, line string) []mutation {
	f := fp.f
	n := f.Length
	var out []mutation
	pad := func(s string) string {
		if len(s) >= n {
			return s[:n]
		}
		return s + strings.Repeat(" ", n-len(s))
	}
	switch {
	case fp.kenmerk:
		out = append(out, mutation{"kenmerk XX", "XX", N3})
	case fp.reserve:
		out = append(out, mutation{"reserve not spaces", strings.Repeat("0", n), N4})
	case fp.numeric:
		out = append(out, mutation{"non-digit", "X" + line[fp.start+1:fp.end], N3})
		if fp.mandatory && !fp.zeroOK || fp.required {
			out = append(out, mutation{"not filled", strings.Repeat("0", n), N3})
		}
		switch {
		case fp.date:
			out = append(out, mutation{"not a date", "99999999", N4}, mutation{"DDMMEEJJ", "01012014", N3})
		case fp.allowed != nil || fp.list != nil:
			if v, ok := notAllowed(fp); ok {
				out = append(out, mutation{"value not allowed", v, N4})
			}
		case fp.agb != agbNone:
			out = append(out, mutation{"AGB soort 00", "00999999", N4})
		case fp.bsn:
			out = append(out, mutation{"BSN fails the elfproef", "123456789", N4})
		}
	default:
		if fp.mandatory || fp.required {
			out = append(out, mutation{"not filled", strings.Repeat(" ", n), N3})
		}
		if n > 1 {
			out = append(out, mutation{"leading space", pad(" X"), N4})
		}
		if fp.allowed != nil || fp.list != nil {
			if v, ok := notAllowed(fp); ok {
				out = append(out, mutation{"value not allowed", v, N4})
			}
		}
	}
	return out
}

// notAllowed finds a well-formed value the field does not allow.
func notAllowed(fp *fieldPlan) (string, bool) {
	n := fp.f.Length
	ok := func(v string) bool {
		if fp.allowed != nil {
			return fp.allowed[normalise(v, fp.numeric)]
		}
		return fp.list.has(v, fp.numeric)
	}
	if fp.numeric {
		for _, d := range "987654321" {
			v := strings.Repeat(string(d), n)
			if !ok(v) {
				return v, true
			}
		}
		return "", false
	}
	var cands []string
	if fp.pattern != "" {
		cands = append(cands, strings.NewReplacer("A", "Q", "N", "9").Replace(fp.pattern), strings.NewReplacer("A", "Z", "N", "8").Replace(fp.pattern))
	}
	cands = append(cands, "~", "#", "Q")
	for _, v := range cands {
		v += strings.Repeat(" ", n-len(v))
		if !ok(v) {
			return v, true
		}
	}
	return "", false
}

// correctFile writes a correct file of std with the ei.Writer: one record of every type,
// a comment on the prestatierecord, values from the layout (first allowed code, valid
// dates, a valid BSN), fixtures where the standard's conditions need more.
func correctFile(t *testing.T, std *record.Standard) []byte {
	t.Helper()
	pl := compile(std)
	// Fields a child record repeats are filled, also where they are conditional.
	keyed := map[string]bool{}
	for _, lp := range pl.layouts {
		for _, k := range lp.keys {
			keyed[lp.code+lp.fields[k.child].f.Number] = true
			keyed[lp.parent+pl.layout(lp.parent).fields[k.parent].f.Number] = true
		}
	}
	var recs []record.Record
	values := map[string]string{} // record code → the generated record
	add := func(code string) {
		lp := pl.layout(code)
		if lp == nil {
			return
		}
		line := []byte(strings.Repeat(" ", std.RecordLength()))
		for i := range lp.fields {
			v := fieldValue(std, lp, &lp.fields[i], len(recs), keyed[lp.code+lp.fields[i].f.Number])
			copy(line[lp.fields[i].start:], v)
		}
		// Fields that repeat the parent's take its value.
		if par, ok := values[lp.parent]; ok {
			for _, k := range lp.keys {
				copy(line[lp.fields[k.child].start:lp.fields[k.child].end], par[pl.layout(lp.parent).fields[k.parent].start:])
			}
		}
		values[code] = string(line)
		rec := std.NewRecord(code)
		if rec == nil {
			t.Fatalf("%s: no typed record %s", std.ID(), code)
		}
		if err := rec.Parse(string(line)); err != nil {
			t.Fatalf("%s: generated record %s: %v\n%s", std.ID(), code, err, line)
		}
		recs = append(recs, rec)
	}
	add(record.CodeVoorloop)
	add(record.CodeVerzekerde)
	add(record.CodeDebiteur)
	add(record.CodePrestatie)
	add(record.CodeCommentaar)
	var rest []string
	for _, lp := range pl.layouts {
		switch lp.code {
		case "01", "02", "03", "04", "98", "99":
		default:
			rest = append(rest, lp.code)
		}
	}
	sort.Strings(rest)
	for _, c := range rest {
		add(c)
	}
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, std, ei.WriterOptions{})
	for _, r := range recs {
		if d, ok := r.(record.Detail); ok && std.IsReturn() {
			d.SetDetailID(0) // a return keeps given numbers: let the writer number these
		}
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fieldValue(std *record.Standard, lp *layoutPlan, fp *fieldPlan, seq int, keyed bool) string {
	f := fp.f
	fill := fp.mandatory || fp.required || keyed
	n := f.Length
	num := func(v int64) string {
		s := strconv.FormatInt(v, 10)
		return strings.Repeat("0", max(0, n-len(s))) + s
	}
	text := func(s string) string { return s + strings.Repeat(" ", max(0, n-len(s))) }
	// A return standard runs the rules of the declaration it answers: its fixtures too.
	v, ok := fixtures[std.Code()][f.Number]
	if !ok && std.Answers() != "" {
		v, ok = fixtures[std.Answers()][f.Number]
	}
	if ok {
		if fp.numeric {
			return strings.Repeat("0", max(0, n-len(v))) + v
		}
		return text(v)
	}
	name := f.Name
	switch {
	case fp.kenmerk:
		return lp.code
	case fp.reserve:
		return strings.Repeat(" ", n)
	case f.Role == record.RoleDetailID:
		return num(0)
	case lp.code == record.CodeVoorloop && f.Number == "0102":
		return num(int64(std.EICodes()[0]))
	case lp.code == record.CodeVoorloop && f.Number == "0103":
		return num(int64(std.Version()))
	case lp.code == record.CodeVoorloop && f.Number == "0104":
		return num(int64(std.Subversion()))
	case strings.HasPrefix(f.Element, "COD061") && fill:
		return num(3311) // an insurer of the UZOVI register
	case name == "SOORT BERICHT":
		return "T"
	case strings.HasPrefix(name, "INDICATIE DEBET/CREDIT"):
		return "D"
	case name == "VALUTACODE":
		return "EUR"
	case name == "INDICATIE CLIENT OVERLEDEN":
		return "2"
	case name == "IDENTIFICATIECODE BETALING AAN":
		return num(4)
	case name == "INSTELLINGSCODE" && lp.code == record.CodeVoorloop:
		return "01000001"
	case strings.HasPrefix(name, "REFERENTIENUMMER DIT"):
		return text("REF" + strconv.Itoa(seq))
	case fp.date:
		switch {
		case strings.Contains(name, "GEBOORTE"):
			return "19800101"
		case name == "BEGINDATUM DECLARATIEPERIODE":
			return "20250101"
		case name == "EINDDATUM DECLARATIEPERIODE":
			return "20250131"
		case name == "DAGTEKENING FACTUUR":
			return "20250201"
		case fill:
			return "20250115"
		}
		return num(0)
	case fp.bsn:
		return "111222333"
	case fp.allowed != nil && (fill || !fp.allowed[normalise(strings.Repeat("0", n), fp.numeric)] && !fp.allowed[""]):
		vals := make([]string, 0, len(fp.allowed))
		for v := range fp.allowed {
			vals = append(vals, v)
		}
		sort.Strings(vals)
		if fp.numeric {
			x, _ := strconv.ParseInt(vals[0], 10, 64)
			return num(x)
		}
		return text(vals[0])
	case !fill:
		if fp.numeric {
			return num(0)
		}
		return text("")
	case fp.list != nil:
		codes := make([]string, 0, len(fp.list.text))
		for c := range fp.list.text {
			if fp.numeric && isDigits(c) && len(c) <= n && !allZero(c) || !fp.numeric && len(c) <= n {
				codes = append(codes, c)
			}
		}
		sort.Strings(codes)
		if fp.numeric {
			x, _ := strconv.ParseInt(codes[0], 10, 64)
			return num(x)
		}
		return text(codes[0])
	case fp.agb != agbNone:
		if fp.agb == agbServicebureau {
			return "98000001"
		}
		return "01000001"
	case fp.numeric:
		if fp.zeroOK {
			return num(0)
		}
		return num(1)
	case fp.pattern != "":
		return text(strings.NewReplacer("N", "1", "A", "A").Replace(fp.pattern))
	}
	return text("A")
}

func validateBytes(t *testing.T, data []byte, std *record.Standard) *Report {
	t.Helper()
	rep, err := File(context.Background(), bytes.NewReader(data), Options{Registry: standards.Registry(), Today: mutationToday, MaxFindings: -1, Standard: std})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if _, ok := Retourcode(f.Retourcode); !ok {
			t.Errorf("%s: retourcode %q is not in COD954", f.Error(), f.Retourcode)
		}
	}
	return rep
}

func hasFinding(rep *Report, line int, field string, level Level) bool {
	for _, f := range rep.Findings {
		if f.Line == line && f.Field == field && f.Level == level && f.Severity == Error {
			return true
		}
	}
	return false
}

func listFindings(fs []Finding) string {
	var b strings.Builder
	for i := range fs {
		fmt.Fprintf(&b, "\t%s [%s %s]\n", fs[i].Error(), fs[i].Rule, fs[i].Retourcode)
	}
	return b.String()
}
