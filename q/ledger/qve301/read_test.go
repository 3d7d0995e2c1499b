package qve301_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
)

func delivery() *ledger.Delivery {
	jan := func(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }
	return &ledger.Delivery{Name: "t.asc", Header: ledger.Header{Indiener: "9964", BronID: "0001", Referentienummer: 3,
		DagtekeningAanmaak: jan(18), Begin: jan(5), Eind: jan(9)},
		Records: []ledger.Record{
			{Detail: 1, Identificatie: "9", Risicodrager: "7119", Volmacht: "0000", Verwerkingsdatum: jan(5), DebetCredit: ledger.Debet, Declaratiebedrag: 12550, VergoedBasis: 12000},
			// Table 2-12: credit record 11 points at debit 7.
			{Detail: 2, Identificatie: "11", GerelateerdDebet: "7", Risicodrager: "0104", Volmacht: "0000", Verwerkingsdatum: jan(9), DebetCredit: ledger.Credit, Declaratiebedrag: -12550, VergoedBasis: -12000, EigenRisico: 0},
		}}
}

func TestRoundTrip(t *testing.T) {
	want := delivery()
	got, err := qve301.Read(bytes.NewReader(qtest.MustQVE301(want)), "t.asc")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read\n%+v\nwant\n%+v", got, want)
	}
}

func TestStructure(t *testing.T) {
	file := string(qtest.MustQVE301(delivery()))
	lines := strings.SplitAfter(file, "\n")
	cases := map[string]struct {
		text string
		line int
	}{
		"no sluitrecord":  {strings.Join(lines[:3], ""), 0},
		"second voorloop": {lines[0] + lines[0] + strings.Join(lines[1:], ""), 2},
		"starts with 04":  {strings.Join(lines[1:], ""), 1},
		"count mismatch":  {lines[0] + lines[1] + lines[3], 3},
		"record after 99": {file + lines[1], 5},
		"short line":      {lines[0] + "04000\n" + strings.Join(lines[2:], ""), 2},
		"empty":           {"", 0},
	}
	for name, c := range cases {
		_, err := qve301.Read(strings.NewReader(c.text), "t.asc")
		var le *record.Error
		switch {
		case err == nil:
			t.Errorf("%s: no error", name)
		case !errors.Is(err, qve301.ErrStructure):
			t.Errorf("%s: %v, want a structure error", name, err)
		case c.line > 0 && (!errors.As(err, &le) || le.Line != c.line):
			t.Errorf("%s: %v, want it at line %d", name, err, c.line)
		}
	}
	bad := strings.Replace(file, "20160105", "20160132", 1) // 0107 is 20160118; the first 20160105 is 0108
	if _, err := qve301.Read(strings.NewReader(bad), "t.asc"); err == nil || !strings.Contains(err.Error(), "line 1: record 01 field 0108 (begindatum verwerkingsperiode zorgverzekeraar) position 23: invalid value") {
		t.Errorf("bad begindatum: %v", err)
	}
}

// AN fields are Latin-1 in the file and UTF-8 in the ledger.
func TestLatin1(t *testing.T) {
	d := delivery()
	d.Records[0].Identificatie = "DECL-X"
	b := qtest.MustQVE301(d)
	i := bytes.Index(b, []byte("DECL-X"))
	b[i+5] = 0xe9 // é in Latin-1
	got, err := qve301.Read(bytes.NewReader(b), "t.asc")
	if err != nil {
		t.Fatal(err)
	}
	if id := got.Records[0].Identificatie; id != "DECL-\u00e9" {
		t.Errorf("identificatie %q", id)
	}
}
