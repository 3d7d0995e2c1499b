package q

import (
	"context"
	"fmt"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// TestAnswer answers the five examples of chapter 3 with Answer, as VECOZO's portal: the
// expected returns are those of tables 3-2 and 3-3 (see TestReturnExamples); voorbeeld 2
// comes from the list of connected UZOVI-nummers (9900 is not in it).
func TestAnswer(t *testing.T) {
	march := vals{"0107": "20140405", "0108": "20140301", "0109": "20140331"}
	n := 0
	in := func(d string) vals { n++; return vals{"0418": d, "0449": "20140320", "0450": fmt.Sprint("Q", n)} }
	three := func() []vals { return []vals{in("20140310"), in("20140311"), in("20140312")} }
	connected := []string{"9664", "0736"}
	for _, tc := range []struct {
		name   string
		file   qfile
		edit   func(string) string
		want   []returned // nil: no return, the file is forwarded
		prest  int64
		detail int64
	}{
		{name: "1 goedgekeurd", file: qfile{hdr: march, recs: three()}},
		{name: "2 niet aangesloten", file: qfile{hdr: with(march, vals{"0106": "9900"}), recs: three()},
			want: []returned{{"01", 0, "0001 8198"}}},
		{name: "3 fout in sluitrecord", file: qfile{hdr: march, recs: three(), end: vals{"9903": "4"}},
			want: []returned{{"01", 0, "0001 0156"}}},
		{name: "4 fout in datum prestatie", file: qfile{hdr: march, recs: three()},
			edit: func(s string) string { return putField(s, 3, "0418", "20140332") },
			want: []returned{{"01", 0, "0200"}, {"04", 2, "8007"}}, prest: 1, detail: 1},
		{name: "5 fout in BSN", file: qfile{hdr: march, recs: []vals{in("20140310"), with(in("20140311"), vals{"0403": "116263685"}), in("20140312")}},
			want: []returned{{"01", 0, "0200"}, {"04", 2, "0435"}}, prest: 1, detail: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.file.text(t)
			if tc.edit != nil {
				text = tc.edit(text)
			}
			m, dropped, err := Answer(context.Background(), []byte(text), PortalOptions{
				Return:    ReturnOptions{Dagtekening: record.Date{Year: 2014, Month: 4, Day: 7}, Referentie: "VECOZO-TEST-1"},
				Validate:  validate.Options{Today: record.Date{Year: 2014, Month: 4, Day: 7}},
				Connected: connected,
			})
			if err != nil || dropped != 0 {
				t.Fatalf("Answer: %v, %d dropped", err, dropped)
			}
			if tc.want == nil {
				if !m.Forwarded || len(m.Lines) != 0 {
					t.Fatalf("want no return, got %d records", len(m.Lines))
				}
				return
			}
			got, prest, detail := readReturn(t, m)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) || prest != tc.prest || detail != tc.detail {
				t.Errorf("got %v, 99: %d, %d\nwant %v, 99: %d, %d", got, prest, detail, tc.want, tc.prest, tc.detail)
			}
		})
	}
}
