package qtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// QVE301 formats d as a QVE301 file with LF line breaks. A value longer than its field is
// an error (the reconstructed 9902 holds at most 999,999 prestatierecords).
func QVE301(d *ledger.Delivery) ([]byte, error) {
	var b bytes.Buffer
	err := WriteQVE301(&b, d.Header, len(d.Records), func(i int) ledger.Record { return d.Records[i] })
	return b.Bytes(), err
}

// WriteQVE301 writes a QVE301 file of header h and n prestatierecords, record(i) the
// i-th, to w without holding the file: for files of hundreds of MB.
func WriteQVE301(w io.Writer, h ledger.Header, n int, record func(i int) ledger.Record) error {
	std := qve301v10.Standard()
	bw := bufio.NewWriterSize(w, 1<<16)
	var err error
	rec := make([]byte, std.RecordLength()+1)
	line := func(code string, vals map[string]string) {
		l := std.Layout(code)
		for i := range rec {
			rec[i] = ' '
		}
		rec[len(rec)-1] = '\n'
		for _, f := range l.Fields() {
			v, ok := vals[f.Number]
			if !ok && f.Type == rec0Numeric {
				v = "0"
			}
			if len(v) > f.Length {
				if err == nil {
					err = fmt.Errorf("record %s field %s: %q is longer than %d", code, f.Number, v, f.Length)
				}
				v = v[:f.Length]
			}
			field := rec[f.Start-1 : f.End]
			if f.Type == rec0Numeric {
				pad := f.Length - len(v)
				for i := 0; i < pad; i++ {
					field[i] = '0'
				}
				copy(field[pad:], v)
			} else {
				copy(field, v)
			}
		}
		if _, werr := bw.Write(rec); werr != nil && err == nil {
			err = werr
		}
	}
	date := func(x ledger.Date) string { return fmt.Sprintf("%04d%02d%02d", x.Year, int(x.Month), x.Day) }
	line("01", map[string]string{"0101": "01", "0102": "542", "0103": "01", "0104": "00", "0105": "P",
		"0106": h.Indiener, "0107": date(h.DagtekeningAanmaak), "0108": date(h.Begin), "0109": date(h.Eind),
		"0110": strconv.FormatInt(h.Referentienummer, 10), "0111": h.BronID})
	amount := func(c int64) (string, string) {
		if c < 0 {
			return strconv.FormatInt(-c, 10), "C"
		}
		return strconv.FormatInt(c, 10), "D"
	}
	// A zero amount of a credit record is credit too: one sign per record.
	signed := func(c int64, credit bool) (string, string) {
		v, dc := amount(c)
		if c == 0 && credit {
			dc = "C"
		}
		return v, dc
	}
	var sums [4]int64
	vals := map[string]string{}
	for i := 0; i < n; i++ {
		r := record(i)
		for j, c := range [4]int64{r.Declaratiebedrag.Cents(), r.VergoedBasis.Cents(), r.VergoedAanvullend.Cents(), r.EigenRisico.Cents()} {
			sums[j] += c
		}
		erBekend := "2" // eigen risico zeros: not known (invulinstructie 2.3.19)
		if r.EigenRisico != 0 {
			erBekend = "0"
		}
		credit := r.DebetCredit == ledger.Credit
		decl, dc1 := signed(r.Declaratiebedrag.Cents(), credit)
		basis, dc2 := signed(r.VergoedBasis.Cents(), credit)
		av, dc3 := signed(r.VergoedAanvullend.Cents(), credit)
		er, dc4 := signed(r.EigenRisico.Cents(), credit)
		clear(vals)
		for k, v := range map[string]string{"0401": "04", "0402": strconv.Itoa(i + 1), "0403": "999999999", "0404": r.Risicodrager,
			"0405": "VZ" + strconv.Itoa(i+1), "0406": r.Volmacht, "0407": "05", "0418": date(r.Verwerkingsdatum),
			"0438": decl, "0439": dc1, "0440": basis, "0441": dc2, "0442": av, "0443": dc3, "0444": er, "0445": dc4,
			"0446": erBekend, "0447": "02", "0449": date(r.Verwerkingsdatum), "0450": r.Identificatie, "0451": r.GerelateerdDebet} {
			vals[k] = v
		}
		line("04", vals)
	}
	t := map[string]string{"9901": "99", "9902": strconv.Itoa(n), "9903": strconv.Itoa(n)}
	for j, f := range [4][2]string{{"9904", "9905"}, {"9906", "9907"}, {"9908", "9909"}, {"9910", "9911"}} {
		t[f[0]], t[f[1]] = amount(sums[j])
	}
	line("99", t)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

const rec0Numeric = record.Numeric

// MustQVE301 is QVE301 for fixed test data; it panics on an error.
func MustQVE301(d *ledger.Delivery) []byte {
	b, err := QVE301(d)
	if err != nil {
		panic(err)
	}
	return b
}
