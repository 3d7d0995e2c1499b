package crosscheck

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/berimport"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

var update = flag.Bool("update", false, "rewrite the spec files from the BERs (TestImportGolden)")

// A ber is one official BER export and the standard the project has for it.
type ber struct {
	id      string // standard@version in the registry
	layout  string // layout sheet (GIS027-028) in vektis/ber
	ident   string // identification sheet (GIS022), or ""
	answers string // for a return standard, the declaration standard
}

// bers lists every official BER in ../shared/vektis/ber. TestEveryBERIsChecked keeps it complete.
var bers = []ber{
	{"AP304@7.2", "AP304V0702__GIS027-028.csv", "AP304V0702__GIS022.csv", ""},
	{"AP305@7.2", "AP305V0702__GIS027-028.csv", "AP305V0702__GIS022.csv", "AP304"},
	{"AW319@1.4", "AW319v1.4_BERu7__GIS027-028.csv", "AW319v1.4_BERu7__GIS022.csv", ""},
	{"EP301@1.2", "EP301V0102__GIS027-028.csv", "EP301V0102__GIS022.csv", ""},
	{"EP302@1.2", "EP302V0102__GIS027-028.csv", "EP302V0102__GIS022.csv", "EP301"},
	{"MZ301@1.3", "MZ301V0103__GIS027-028.csv", "MZ301V0103__GIS022.csv", ""},
	{"MZ302@1.3", "MZ302V0103__GIS027-028.csv", "MZ302V0103__GIS022.csv", "MZ301"},
	{"ZH308@9.0", "ZH308v9.0_BERu2__GIS027-028.csv", "ZH308v9.0_BERu2__GIS022.csv", ""},
	{"GZ321@1.0", "EI195v01_GZ321v1.0__BER.tsv", "", ""},
	{"EI181@1.1", "EI181v01__BER.tsv", "", ""},
	{"EI181@2.0", "EI181v02__BER.tsv", "", ""},
}

// berField is one row of a BER layout sheet, as this test reads it.
type berField struct {
	record, number, name                string
	typ, obligation, element, valueList string
	length, end                         int
	line                                int
}

// readTable reads a CSV or TSV export, UTF-8 or Latin-1.
func readTable(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		var b []byte
		for _, c := range data {
			b = utf8.AppendRune(b, rune(c))
		}
		data = b
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
	return rows
}

// readLayout reads the field rows of a BER layout sheet, finding the header row and its
// columns by name.
func readLayout(t *testing.T, path string) []berField {
	t.Helper()
	rows := readTable(t, path)
	for hi, header := range rows {
		col := map[string]int{}
		for i, h := range header {
			if _, dup := col[strings.TrimSpace(h)]; !dup {
				col[strings.TrimSpace(h)] = i
			}
		}
		if _, ok := col["Volgnummer"]; !ok {
			continue
		}
		need := []string{"Recordcode", "Volgnummer", "Naam gegevenselement", "Type", "Lengte", "Eindpositie",
			"Verplichting", "Code gegeven", "Organisatiecode", "Code codelijst"}
		for _, c := range need {
			if _, ok := col[c]; !ok {
				t.Fatalf("%s: header row %d has no column %q", path, hi+1, c)
			}
		}
		get := func(row []string, c string) string {
			if i := col[c]; i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		var fields []berField
		for i, row := range rows[hi+1:] {
			if get(row, "Volgnummer") == "" {
				continue
			}
			f := berField{record: fmt.Sprintf("%02s", get(row, "Recordcode")), number: fmt.Sprintf("%04s", get(row, "Volgnummer")),
				name: strings.Join(strings.Fields(get(row, "Naam gegevenselement")), " "), typ: get(row, "Type"),
				obligation: get(row, "Verplichting"), valueList: get(row, "Code codelijst"), line: hi + i + 2}
			f.element = get(row, "Code gegeven")
			if org := get(row, "Organisatiecode"); f.element != "" && org != "" {
				f.element += "-" + org
			}
			var err1, err2 error
			f.length, err1 = strconv.Atoi(get(row, "Lengte"))
			f.end, err2 = strconv.Atoi(get(row, "Eindpositie"))
			if err1 != nil || err2 != nil {
				t.Fatalf("%s:%d: Lengte %q or Eindpositie %q is not a number", path, f.line, get(row, "Lengte"), get(row, "Eindpositie"))
			}
			fields = append(fields, f)
		}
		return fields
	}
	t.Fatalf("%s: no header row with Volgnummer", path)
	return nil
}

// readIdentification reads the identification sheet: EI codes, version, record length.
func readIdentification(t *testing.T, path string) (codes []int, version string, recordLength int) {
	t.Helper()
	for _, row := range readTable(t, path) {
		if len(row) < 2 {
			continue
		}
		v := strings.TrimSpace(row[1])
		switch strings.TrimSpace(row[0]) {
		case "Code EI-bericht":
			for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
				n, err := strconv.Atoi(s)
				if err != nil {
					t.Fatalf("%s: Code EI-bericht %q", path, v)
				}
				codes = append(codes, n)
			}
		case "Versie":
			if version == "" {
				version = v
			}
		case "Kenmerken":
			m := regexp.MustCompile(`Recordlengte\D*(\d+)`).FindStringSubmatch(v)
			if m == nil {
				t.Fatalf("%s: Kenmerken %q names no record length", path, v)
			}
			recordLength, _ = strconv.Atoi(m[1])
		}
	}
	return codes, version, recordLength
}

// TestEveryBERIsChecked fails when ../shared/vektis/ber has a BER that bers does not list.
func TestEveryBERIsChecked(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "ber")
	listed := map[string]bool{}
	for _, b := range bers {
		listed[b.layout] = true
	}
	var found []string
	for _, pat := range []string{"*GIS027-028.csv", "*BER.tsv"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		found = append(found, m...)
	}
	if len(found) == 0 {
		t.Fatalf("no BER layout sheets in %s", dir)
	}
	for _, p := range found {
		if !listed[filepath.Base(p)] {
			t.Errorf("%s is not cross-checked: add it to bers", filepath.Base(p))
		}
	}
}

// TestSpecsAgreeWithBERs compares every field of every standard that has an official BER
// with the BER, read independently of the importer: start, length, type, obligation,
// element code, value list (and name), and the standard's EI codes, version and record
// length with the identification sheet.
func TestSpecsAgreeWithBERs(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "ber")
	for _, b := range bers {
		t.Run(b.id, func(t *testing.T) {
			std, err := standards.Registry().Parse(b.id)
			if err != nil {
				t.Fatal(err)
			}
			if std.Status() != record.StatusOfficial {
				t.Errorf("%s: status %q, want official", b.id, std.Status())
			}
			fields := readLayout(t, filepath.Join(dir, b.layout))
			if b.ident != "" {
				codes, version, length := readIdentification(t, filepath.Join(dir, b.ident))
				if fmt.Sprint(codes) != fmt.Sprint(std.EICodes()) {
					t.Errorf("%s: EI codes %v, BER %v", b.id, std.EICodes(), codes)
				}
				if version != std.VersionString() {
					t.Errorf("%s: version %s, BER %s", b.id, std.VersionString(), version)
				}
				if length != std.RecordLength() {
					t.Errorf("%s: record length %d, BER %d", b.id, std.RecordLength(), length)
				}
			} else {
				maxEnd := 0
				for _, f := range fields {
					maxEnd = max(maxEnd, f.end)
				}
				if maxEnd != std.RecordLength() {
					t.Errorf("%s: record length %d, BER fields end at %d", b.id, std.RecordLength(), maxEnd)
				}
			}
			if std.Answers() != b.answers {
				t.Errorf("%s: answers %q, want %q", b.id, std.Answers(), b.answers)
			}
			seen := map[string]bool{}
			for _, bf := range fields {
				where := fmt.Sprintf("%s record %s field %s (%s row %d)", b.id, bf.record, bf.number, b.layout, bf.line)
				l := std.Layout(bf.record)
				if l == nil {
					t.Errorf("%s: the spec has no record %s", where, bf.record)
					continue
				}
				f := l.Field(bf.number)
				if f == nil {
					t.Errorf("%s: the spec has no such field", where)
					continue
				}
				seen[bf.record+"/"+bf.number] = true
				for _, c := range []struct{ prop, spec, ber string }{
					{"start", strconv.Itoa(f.Start), strconv.Itoa(bf.end - bf.length + 1)},
					{"length", strconv.Itoa(f.Length), strconv.Itoa(bf.length)},
					{"end", strconv.Itoa(f.End), strconv.Itoa(bf.end)},
					{"type", f.Type.String(), bf.typ},
					{"obligation", f.Obligation.String(), bf.obligation},
					{"element code", f.Element, bf.element},
					{"value list", f.ValueList, bf.valueList},
					{"name", f.Name, bf.name},
				} {
					if c.spec != c.ber {
						t.Errorf("%s: %s is %q in the spec, %q in the BER", where, c.prop, c.spec, c.ber)
					}
				}
			}
			for _, l := range std.Records() {
				for _, f := range l.Fields() {
					if !seen[l.Code()+"/"+f.Number] {
						t.Errorf("%s record %s field %s: in the spec, not in the BER", b.id, l.Code(), f.Number)
					}
				}
			}
			if len(fields) == 0 {
				t.Errorf("%s: no fields read from %s", b.id, b.layout)
			}
		})
	}
}

// TestImportGolden imports every BER with internal/berimport and compares the result with the
// committed spec file, byte for byte: the spec files are the goldens. -update rewrites
// them (then run go generate ./...).
func TestImportGolden(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "ber")
	cod954, err := os.Open(sharedtest.Path(t, "vektis", "codes", "COD954_retourcodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer cod954.Close()
	codes, err := specfile.ReadCOD954(cod954)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bers {
		t.Run(b.id, func(t *testing.T) {
			opts := berimport.Options{Answers: b.answers, ReturnCodes: codes} // the retourcode column, derived at import
			if b.ident != "" {
				id, err := os.Open(filepath.Join(dir, b.ident))
				if err != nil {
					t.Fatal(err)
				}
				defer id.Close()
				opts.Identification = id
			}
			f, err := os.Open(filepath.Join(dir, b.layout))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			std, err := berimport.Import(f, filepath.Join(dir, b.layout), opts)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := specfile.Write(&got, std); err != nil {
				t.Fatal(err)
			}
			code, version, _ := strings.Cut(b.id, "@")
			golden := filepath.Join(sharedtest.RepoRoot(), "specs", code+"v"+version+".csv")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("importing %s does not give %s (run with -update after a deliberate change):\n%s", b.layout, golden, firstDiff(want, got.Bytes()))
			}
		})
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nspec:   %s\nimport: %s", i+1, w, g)
		}
	}
	return "same lines, different bytes"
}
