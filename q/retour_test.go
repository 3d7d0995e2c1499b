package q

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// returned is one record of a return as tables 3-2 and 3-3 of the invulinstructie show it.
type returned struct {
	code  string
	id    int64
	codes string // retourcode (01) (02) (03), space separated
}

// The five examples of chapter 3 (seed 003), on QVE301 files of our own. The
// expectations are written from tables 3-2 and 3-3 and the text of 3.2 and 3.3, not from
// the code: which records come back, with which codes, and the counts of the 99.
// QVE301 has no tariefrecords (see specs/q/QVE302v1.0.notes.md): example 4 has no 06 to
// return with 8002, and example 5's fault (a tariefrecord whose BSN differs from its
// prestatierecord's) takes the one form it has in QVE301, a prestatierecord with a wrong
// BSN.
func TestReturnExamples(t *testing.T) {
	march := vals{"0107": "20140405", "0108": "20140301", "0109": "20140331"}
	n := 0
	in := func(d string) vals { n++; return vals{"0418": d, "0449": "20140320", "0450": fmt.Sprint("Q", n)} }
	three := []vals{in("20140310"), in("20140311"), in("20140312")}
	for _, tc := range []struct {
		name     string
		file     qfile
		edit     func(string) string // a fault the builder cannot write
		outcomes func(t *testing.T, decl *ei.File, text string) retour.Outcomes
		want     []returned // nil: no return
		prest    int64      // 9902 aantal prestatierecords retour
		detail   int64      // 9903 totaal aantal detailrecords retour
	}{
		// Voorbeeld 1: approved as a whole: VECOZO sends no voorloop- and sluitrecord back.
		{name: "1 goedgekeurd", file: qfile{hdr: march, recs: three}, outcomes: validated},
		// Voorbeeld 2: UZOVI-nummer 9900 is not connected to VECOZO: the whole file is
		// rejected, only 01 (0001, 8198) and 99 come back.
		{name: "2 fout in voorlooprecord", file: qfile{hdr: with(march, vals{"0106": "9900"}), recs: three},
			outcomes: func(*testing.T, *ei.File, string) retour.Outcomes {
				var o retour.Outcomes
				o.RejectFile("8198")
				return o
			},
			want: []returned{{"01", 0, "0001 8198"}}},
		// Voorbeeld 3: the totaal aantal detailrecords in the 99 does not match the file:
		// only 01 (0001, 0156) and 99.
		{name: "3 fout in sluitrecord", file: qfile{hdr: march, recs: three, end: vals{"9903": "4"}},
			outcomes: validated, want: []returned{{"01", 0, "0001 0156"}}},
		// Voorbeeld 4: datum prestatie 20140332 does not exist: the 01 (0200) and the
		// rejected prestatierecord (8007) come back; no other record.
		{name: "4 fout in datum prestatie", file: qfile{hdr: march, recs: []vals{in("20140310"), in("20140311"), in("20140312")}},
			edit:     func(s string) string { return putField(s, 3, "0418", "20140332") },
			outcomes: validated, want: []returned{{"01", 0, "0200"}, {"04", 2, "8007"}}, prest: 1, detail: 1},
		// Voorbeeld 5: a wrong BSN: the 01 (0200) and the rejected record (0435); the other
		// approved prestatierecords are NOT returned.
		{name: "5 fout in sleutel (BSN)", file: qfile{hdr: march, recs: []vals{in("20140310"), with(in("20140311"), vals{"0403": "116263685"}), in("20140312")}},
			outcomes: validated, want: []returned{{"01", 0, "0200"}, {"04", 2, "0435"}}, prest: 1, detail: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.file.text(t)
			if tc.edit != nil {
				text = tc.edit(text)
			}
			decl, err := ei.ReadFile(strings.NewReader(text), ei.ReaderOptions{Registry: Registry()})
			if err != nil {
				t.Fatal(err)
			}
			out := tc.outcomes(t, decl, text)
			m, err := Return(decl, out, ReturnOptions{Dagtekening: record.Date{Year: 2014, Month: 4, Day: 7}, Referentie: "VECOZO-TEST-1"})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if !m.Forwarded || len(m.Lines) != 0 {
					t.Fatalf("want no return, got %d records", len(m.Lines))
				}
				return
			}
			if m.Standard.Code() != "QVE302" {
				t.Fatalf("return in %s, want QVE302", m.Standard.ID())
			}
			got, prest, detail := readReturn(t, m)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) || prest != tc.prest || detail != tc.detail {
				t.Errorf("got %v, 99: %d prestatierecords, %d detailrecords\nwant %v, 99: %d, %d", got, prest, detail, tc.want, tc.prest, tc.detail)
			}
			// A return never changes declared data: each returned record starts with its
			// declaration record (the 01 with the return's EI code, 543).
			lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
			lines[0] = lines[0][:2] + "543" + lines[0][5:]
			for _, l := range m.Lines[:len(m.Lines)-1] {
				if !containsPrefix(lines, string(l[:310])) {
					t.Errorf("returned record %.14s… does not repeat a declaration record", l)
				}
			}
			// And ei/retour finds it a valid answer to the delivery.
			rf, err := m.File()
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range retour.Check(rf, decl) {
				t.Errorf("retour.Check: %v", p)
			}
			golden(t, "retour-"+strings.Fields(tc.name)[0]+".txt", string(m.Bytes()))
		})
	}
}

// validated gives the outcomes of the Q validation of the file.
func validated(t *testing.T, decl *ei.File, text string) retour.Outcomes {
	t.Helper()
	out, dropped, err := Outcomes(context.Background(), decl, strings.NewReader(text), validate.Options{Today: record.Date{Year: 2014, Month: 4, Day: 7}})
	if err != nil || dropped != 0 {
		t.Fatalf("Outcomes: %v, %d dropped", err, dropped)
	}
	return out
}

func with(a, b vals) vals {
	out := vals{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// putField overwrites field number on line n (1-based) of text.
func putField(text string, n int, number, v string) string {
	lines := strings.Split(text, "\r\n")
	f := Standards()[0].Layout(lines[n-1][:2]).Field(number)
	l := lines[n-1]
	lines[n-1] = l[:f.Start-1] + v + l[f.End:]
	return strings.Join(lines, "\r\n")
}

func containsPrefix(lines []string, p string) bool {
	for _, l := range lines {
		if l == p {
			return true
		}
	}
	return false
}

// readReturn reads the records of a return back: record type, identificatie
// detailrecord, return codes, and the counts of its 99.
func readReturn(t *testing.T, m *retour.Message) (got []returned, prest, detail int64) {
	t.Helper()
	std := m.Standard
	for _, l := range m.Lines {
		s := string(l)
		lay := std.Layout(s[:2])
		if lay == nil {
			t.Fatalf("record %q not in %s", s[:2], std.ID())
		}
		field := func(n string) string {
			f := lay.Field(n)
			return strings.TrimSpace(s[f.Start-1 : f.End])
		}
		if lay.Code() == "99" {
			fmt.Sscan(field("9902"), &prest)
			fmt.Sscan(field("9903"), &detail)
			continue
		}
		r := returned{code: lay.Code(), codes: strings.Join(strings.Fields(field(lay.Code()+"96")+" "+field(lay.Code()+"97")+" "+field(lay.Code()+"98")), " ")}
		if lay.Code() != "01" {
			fmt.Sscan(field("0402"), &r.id)
		}
		got = append(got, r)
	}
	return got, prest, detail
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./q -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the return written (run go test ./q -update after checking the change)", path)
	}
}
