package retour_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

var update = flag.Bool("update", false, "rewrite the golden files and the example declarations under testdata")

// The declaration of seed 002 tables 3-2 to 3-4, rebuilt: two verzekerden, the first
// (detail record 1, BSN 123456782, born 1954-12-10) with one prestatie of € 10,00
// (record 2), the second (record 3, BSN 100197243, born 1922-03-22) with prestaties of
// € 500,00 (record 4) and € 150,00 (record 5, with a comment). Total € 660,00. UZOVI 0736.
// The BSNs are the seed's example numbers; names, addresses and references are made up.
type seedVariant struct {
	name string
	edit func(code string, id int, line []byte, l *record.Layout) // patch a record before writing
	post func(lines [][]byte)                                     // patch the written file
}

var seedVariants = []seedVariant{
	{name: "base"},
	// Example 2a: UZOVI-nummer 9900 in the voorlooprecord (not connected to the portal).
	{name: "uzovi9900", edit: func(code string, _ int, line []byte, l *record.Layout) {
		if code == "01" {
			must(putInt(line, l, "0108", 9900))
		}
	}},
	// Example 3a: the total declared in the sluitrecord is wrong (x ≠ € 660,00).
	{name: "total", post: func(lines [][]byte) {
		last := lines[len(lines)-1]
		copy(last[33:44], "00000066100")
	}},
	// Examples 4a and 5: date of birth 1932-03-22 in verzekerdenrecord 3 (the insurer has 1922-03-22).
	{name: "birth", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "02" && id == 3 {
			must(putInt(line, l, "0207", 19320322))
		}
	}},
	// Example 4b: begindatum prestatie 2011-03-32 in prestatierecord 4.
	{name: "date", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "04" && id == 4 {
			setName(line, l, "DATUM PRESTATIE", "20110332")
		}
	}},
	// Example 6: prestatierecord 4 has BSN 300197243 and UZOVI 0739, not those of its verzekerde.
	{name: "key", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "04" && id == 4 {
			must(putInt(line, l, code+"03", 300197243))
			must(putInt(line, l, code+"04", 739))
		}
	}},
	// Example 6 with only the BSN different (111222333 passes the elfproef and belongs to
	// no verzekerde of the file).
	{name: "keybsn", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "04" && id == 4 {
			must(putInt(line, l, code+"03", 111222333))
		}
	}},
	// Example 6 with only the UZOVI-nummer different.
	{name: "keyuzovi", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "04" && id == 4 {
			must(putInt(line, l, code+"04", 739))
		}
	}},
	// Prestatierecord 4 carries the key of verzekerde 1, a verzekerde before it.
	{name: "keyother", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "04" && id == 4 {
			must(putInt(line, l, code+"03", 123456782))
		}
	}},
	// Prestatierecord 2 (of verzekerde 1) carries the key of verzekerde 3, a verzekerde
	// after it.
	{name: "keylater", edit: func(code string, id int, line []byte, l *record.Layout) {
		if code == "04" && id == 2 {
			must(putInt(line, l, code+"03", 100197243))
		}
	}},
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// putInt and putText write field n of a formatted record: the tests name fields by the
// numbers of the BER.
func putInt(line []byte, l *record.Layout, n string, v int64) error {
	f := l.Field(n)
	if f == nil {
		return fmt.Errorf("record %s has no field %s", l.Code(), n)
	}
	return record.PutInt(line, l, f, v)
}

func putText(line []byte, l *record.Layout, n, v string) error {
	f := l.Field(n)
	if f == nil {
		return fmt.Errorf("record %s has no field %s", l.Code(), n)
	}
	return record.PutText(line, l, f, v)
}

// setName sets the field of the given name, when the layout has it.
func setName(line []byte, l *record.Layout, name, v string) {
	for i := range l.Fields() {
		if l.Fields()[i].Name == name {
			must(record.PutTextAt(line, l, i, v))
			return
		}
	}
}

// seedDeclaration writes the seed example declaration in standard std (MZ301 or VE303).
func seedDeclaration(t testing.TB, std *record.Standard, v seedVariant) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, std, ei.WriterOptions{})
	id := 0
	put := func(code string, fill func(line []byte, l *record.Layout)) {
		l := std.Layout(code)
		line := record.AppendBlank(nil, l)
		if l.IsDetail() {
			id++
		}
		fill(line, l)
		if v.edit != nil {
			v.edit(code, id, line, l)
		}
		rec := std.NewRecord(code)
		if err := rec.Parse(string(line)); err != nil {
			t.Fatalf("%s record %s: %v", v.name, code, err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatalf("%s record %s: %v", v.name, code, err)
		}
	}
	agb := int64(12001234) // tandarts
	if std.Code() == "VE303" {
		agb = 36001234 // ambulancevervoer
	}
	put("01", func(line []byte, l *record.Layout) {
		must(putInt(line, l, "0102", int64(std.EICodes()[0])))
		must(putInt(line, l, "0103", int64(std.Version())))
		must(putInt(line, l, "0104", int64(std.Subversion())))
		must(putText(line, l, "0105", "T"))
		must(putInt(line, l, "0108", 736))
		must(putInt(line, l, "0110", agb))
		if std.Code() == "MZ301" {
			must(putInt(line, l, "0111", 12000567))
			must(putInt(line, l, "0113", 3))
		} else {
			must(putInt(line, l, "0113", 2))
		}
		must(putInt(line, l, "0114", 20110301))
		must(putInt(line, l, "0115", 20110331))
		must(putText(line, l, "0116", "ZB2011-0042"))
		must(putInt(line, l, "0117", 20110401))
		must(putText(line, l, "0119", "EUR"))
	})
	type prest struct {
		cents int64
		ref   string
	}
	verz := []struct {
		bsn, birth int64
		vnr        string
		prest      []prest
	}{
		{123456782, 19541210, "ZB000001", []prest{{1000, "zb-2011-0001"}}},
		{100197243, 19220322, "ZB000002", []prest{{50000, "zb-2011-0002"}, {15000, "zb-2011-0003"}}},
	}
	for i, vz := range verz {
		put("02", func(line []byte, l *record.Layout) {
			must(putInt(line, l, "0203", vz.bsn))
			must(putInt(line, l, "0204", 736))
			must(putText(line, l, "0205", vz.vnr))
			must(putInt(line, l, "0207", vz.birth))
			must(putInt(line, l, "0208", int64(1+i)))
			must(putInt(line, l, "0209", 1))
			must(putText(line, l, "0210", "Testpersoon"))
			must(putText(line, l, "0215", "T"))
			must(putText(line, l, "0217", "3511AB"))
			must(putInt(line, l, "0219", int64(10+i)))
			must(putInt(line, l, "0223", 2))
		})
		for j, p := range vz.prest {
			put("04", func(line []byte, l *record.Layout) {
				must(putInt(line, l, "0403", vz.bsn))
				must(putInt(line, l, "0404", 736))
				must(putText(line, l, "0405", vz.vnr))
				must(putInt(line, l, "0407", 1))
				setName(line, l, "DATUM PRESTATIE", "20110331")
				if std.Code() == "MZ301" {
					setName(line, l, "INDICATIE SOORT PRESTATIERECORD", "01")
					setName(line, l, "INDICATIE BIJZONDERE TANDHEELKUNDE", "N")
					setName(line, l, "AANDUIDING PRESTATIECODELIJST", "010")
					setName(line, l, "PRESTATIECODE", "C11")
					setName(line, l, "ZORGVERLENERSCODE BEHANDELAAR/UITVOERDER", "12001234")
					setName(line, l, "AANTAL UITGEVOERDE PRESTATIES", "0001")
				} else {
					setName(line, l, "AANDUIDING PRESTATIECODELIJST", "038")
					setName(line, l, "PRESTATIECODE", "000001")
					setName(line, l, "ZORGVERLENERSCODE VERVOERDER", "36001234")
					setName(line, l, "EENHEID RIT/PRESTATIE", "1")
					setName(line, l, "AANTAL (RIT)EENHEDEN", "0001")
				}
				amt := []byte(padCents(p.cents, 8))
				setName(line, l, "TARIEF PRESTATIE (INCL. BTW)", string(amt))
				setName(line, l, "BEREKEND BEDRAG (INCL. BTW)", string(amt))
				setName(line, l, "INDICATIE DEBET/CREDIT (01)", "D")
				setName(line, l, "DECLARATIEBEDRAG (INCL. BTW)", string(amt))
				setName(line, l, "INDICATIE DEBET/CREDIT (02)", "D")
				setName(line, l, "REFERENTIENUMMER DIT PRESTATIERECORD", p.ref)
			})
			if i == 1 && j == 1 {
				put("98", func(line []byte, l *record.Layout) {
					must(putInt(line, l, "9803", 1))
					must(putText(line, l, "9804", "ABCDEFGH"))
				})
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if v.post != nil {
		lines := bytes.Split(bytes.TrimSuffix(out, []byte("\r\n")), []byte("\r\n"))
		v.post(lines)
		out = append(bytes.Join(lines, []byte("\r\n")), "\r\n"...)
	}
	return out
}

func padCents(c int64, n int) string {
	s := []byte{}
	for ; c > 0; c /= 10 {
		s = append([]byte{byte('0' + c%10)}, s...)
	}
	for len(s) < n {
		s = append([]byte{'0'}, s...)
	}
	return string(s)
}

// seedFile returns the example declaration of std and variant from testdata (rewritten
// with -update).
func seedFile(t testing.TB, std *record.Standard, variant string) []byte {
	t.Helper()
	path := filepath.Join("testdata", "decl", std.Code()+"-"+variant+".txt")
	if *update {
		for _, v := range seedVariants {
			if v.name == variant {
				data := seedDeclaration(t, std, v)
				must(os.MkdirAll(filepath.Dir(path), 0o755))
				must(os.WriteFile(path, data, 0o644))
				return data
			}
		}
		t.Fatalf("no variant %q", variant)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	return data
}

func readFile(t testing.TB, data []byte) *ei.File {
	t.Helper()
	f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	return f
}
