package q

import (
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The test files are built from the layout and field values by number, so that they do
// not depend on the Go types of the generated records. All data is synthetic: the BSNs
// are invented and pass the elfproef.

type vals map[string]string

// line formats one record of layout l: N fields right-aligned with zeros, AN fields
// left-aligned with spaces, reserves spaces.
func line(t testing.TB, l *record.Layout, v vals) string {
	t.Helper()
	var b strings.Builder
	for _, f := range l.Fields() {
		s := v[f.Number]
		if len(s) > f.Length {
			t.Fatalf("record %s field %s: %q longer than %d", l.Code(), f.Number, s, f.Length)
		}
		pad := strings.Repeat(" ", f.Length-len(s))
		switch {
		case f.Obligation == record.Reserve:
			s, pad = "", strings.Repeat(" ", f.Length)
		case f.Type == record.Numeric && (s == "" || isDigits(s)):
			pad = strings.Repeat("0", f.Length-len(s))
			s = pad + s
			pad = ""
		}
		b.WriteString(s + pad)
	}
	for k := range v {
		if l.Field(k) == nil {
			t.Fatalf("record %s has no field %s", l.Code(), k)
		}
	}
	return b.String()
}

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// qfile is a synthetic QVE301 file: a voorlooprecord, prestatierecords and a sluitrecord
// whose counts and totals are computed unless given.
type qfile struct {
	hdr  vals   // overrides of baseHeader
	recs []vals // overrides of basePrestatie, one per 04
	end  vals   // overrides of the computed 99
}

// baseHeader: indiener 9664 (the centrale verwerkingseenheid of seed 003 table 2-2),
// January 2016, created 6 February 2016 (table 2-3), referentienummer 1, bron 1.
func baseHeader() vals {
	return vals{"0101": "01", "0102": "542", "0103": "01", "0104": "00", "0105": "T", "0106": "9664",
		"0107": "20160206", "0108": "20160101", "0109": "20160131", "0110": "1", "0111": "1"}
}

// basePrestatie: a valid EI-conform (soort 01) ambulance prestatie of risicodrager 7119.
func basePrestatie() vals {
	return vals{"0401": "04", "0403": "691400507", "0404": "7119", "0405": "VZ0001", "0406": "0",
		"0407": "04", "0408": "23012345", "0410": "0600", "0411": "038", "0412": "100001", "0417": "23012345",
		"0418": "20160105", "0434": "4", "0435": "1", "0438": "45000", "0439": "D", "0440": "45000", "0441": "D",
		"0442": "0", "0443": "D", "0444": "0", "0445": "D", "0446": "1", "0447": "01", "0449": "20160108",
		"0450": "P1"}
}

func (q qfile) text(t testing.TB) string {
	t.Helper()
	std := Standards()[0]
	var b strings.Builder
	h := baseHeader()
	for k, v := range q.hdr {
		h[k] = v
	}
	b.WriteString(line(t, std.Layout("01"), h) + "\r\n")
	var sums [4]int64
	for i, o := range q.recs {
		p := basePrestatie()
		p["0402"] = strconv.Itoa(i + 1)
		for k, v := range o {
			p[k] = v
		}
		for j, af := range [4][2]string{{"0438", "0439"}, {"0440", "0441"}, {"0442", "0443"}, {"0444", "0445"}} {
			n, _ := strconv.ParseInt(p[af[0]], 10, 64)
			if p[af[1]] == "C" {
				n = -n
			}
			sums[j] += n
		}
		b.WriteString(line(t, std.Layout("04"), p) + "\r\n")
	}
	e := vals{"9901": "99", "9902": strconv.Itoa(len(q.recs)), "9903": strconv.Itoa(len(q.recs))}
	for j, tf := range [4][2]string{{"9904", "9905"}, {"9906", "9907"}, {"9908", "9909"}, {"9910", "9911"}} {
		n, dc := sums[j], "D"
		if n < 0 {
			n, dc = -n, "C"
		}
		e[tf[0]], e[tf[1]] = strconv.FormatInt(n, 10), dc
	}
	for k, v := range q.end {
		e[k] = v
	}
	b.WriteString(line(t, std.Layout("99"), e) + "\r\n")
	return b.String()
}
