//go:build integration

package ledger

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// TestRules checks each delivery rule on a file following one applied file (indiener
// 7119, bron B, referentienummer 5, 1 t/m 31 januari 2016, made 6 February).
func TestRules(t *testing.T) {
	one := []string{"7119"}
	jan := daysOf("20160101", "20160131")
	cases := []struct {
		name     string
		dl       *Delivery
		opts     Options
		errors   []Code
		warnings []Code
	}{
		{"next month", file("7119", "B", 6, "20160305", "20160201", "20160229", one, "20160201"), Options{}, nil, nil},
		{"one day", file("7119", "B", 6, "20160305", "20160301", "20160301", one, "20160301"), Options{}, nil, nil},
		// §2.3.5.2: at most 31 days.
		{"32 days", file("7119", "B", 6, "20160305", "20160201", "20160303", one, "20160201"), Options{}, []Code{CodePeriodLength}, nil},
		{"end before begin", file("7119", "B", 6, "20160305", "20160210", "20160201", one, "20160210"), Options{}, []Code{CodePeriodLength}, nil},
		{"record outside period", file("7119", "B", 6, "20160305", "20160201", "20160229", one, "20160301"), Options{}, []Code{CodeOutsidePeriod}, nil},
		{"identificatie twice", func() *Delivery {
			dl := file("7119", "B", 6, "20160305", "20160201", "20160229", one, "20160201", "20160202")
			dl.Records[1].Identificatie = dl.Records[0].Identificatie
			return dl
		}(), Options{}, []Code{CodeDuplicateIdentificatie}, nil},
		// §2.3.6: unique and increasing.
		{"referentienummer used", file("7119", "B", 5, "20160305", "20160201", "20160229", one, "20160201"), Options{}, []Code{CodeReferentieUsed}, nil},
		{"referentienummer lower", file("7119", "B", 4, "20160305", "20160201", "20160229", one, "20160201"), Options{}, []Code{CodeReferentieOrder}, nil},
		{"other bron-id may reuse it", file("7119", "C", 5, "20160206", "20160101", "20160131", one, jan...), Options{}, nil, nil},
		{"made before the last file", file("7119", "B", 6, "20160205", "20160201", "20160229", one, "20160201"), Options{}, nil, []Code{CodeDagtekeningOrder}},
		// §2.3.5.2: a re-delivery of part of the period on the same day.
		{"partial re-delivery same day", file("7119", "B", 6, "20160206", "20160110", "20160115", one, "20160110"), Options{}, []Code{CodeRedeliverySameDay}, nil},
		{"partial re-delivery next day", file("7119", "B", 6, "20160207", "20160110", "20160115", one, "20160110"), Options{}, nil, nil},
		// Table 2-3: a new risicodrager is a warning; refused before sending (PreFlight)
		// unless the change was agreed.
		{"new risicodrager", file("7119", "B", 6, "20160305", "20160201", "20160229", []string{"7119", "0104"}, "20160201"), Options{}, nil, []Code{CodeSelectionChanged}},
		{"new risicodrager preflight", file("7119", "B", 6, "20160305", "20160201", "20160229", []string{"7119", "0104"}, "20160201"), Options{PreFlight: true}, []Code{CodeSelectionChanged}, nil},
		{"new risicodrager agreed", file("7119", "B", 6, "20160305", "20160201", "20160229", []string{"7119", "0104"}, "20160201"), Options{PreFlight: true, AllowSelectionChange: true}, nil, []Code{CodeSelectionChanged}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eachDB(t, func(t *testing.T, l *Ledger) {
				mustApply(t, l, file("7119", "B", 5, "20160206", "20160101", "20160131", one, jan...))
				p, err := l.Plan(context.Background(), c.dl, c.opts)
				if err != nil {
					t.Fatal(err)
				}
				if got := codes(p.Findings, validate.Error); !slices.Equal(got, c.errors) {
					t.Errorf("errors %v, want %v: %v", got, c.errors, p.Findings)
				}
				if got := codes(p.Findings, validate.Warning); !slices.Equal(got, c.warnings) {
					t.Errorf("warnings %v, want %v", got, c.warnings)
				}
				_, err = l.Apply(context.Background(), c.dl, c.opts)
				if refused := errors.Is(err, ErrRefused); refused != (len(c.errors) > 0) {
					t.Errorf("apply: %v; want refused %v", err, len(c.errors) > 0)
				}
			})
		})
	}
}

func TestFindingString(t *testing.T) {
	f := newFinding(CodeOutsidePeriod, validate.Error, "", 3, "verwerkingsdatum 2016-03-01 outside the verwerkingsperiode 2016-02-01 t/m 2016-02-29")
	if f.Level != validate.N6 || f.Rule != "QL002" || f.Record != "04" || f.Line != 4 {
		t.Errorf("%+v: want level N6, rule QL002, record 04 on line 4 (prestatierecord 3)", f)
	}
	if got, want := FindingText(f), "QL002 error prestatierecord 3: verwerkingsdatum 2016-03-01 outside the verwerkingsperiode 2016-02-01 t/m 2016-02-29"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// A plan's findings keep their wire form: {"code","severity","field","record","message"},
// record the 1-based prestatierecord; reading it back gives the same findings.
func TestFindingsJSON(t *testing.T) {
	fs := Findings{
		newFinding(CodeDuplicateIdentificatie, validate.Error, "0450", 2, "identificatie prestatierecord also in prestatierecord 1"),
		newFinding(CodeDagtekeningOrder, validate.Warning, "0107", 0, "earlier"),
	}
	b, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"code":"QL003","severity":"error","field":"0450","record":2,"message":"identificatie prestatierecord also in prestatierecord 1"},` +
		`{"code":"QL012","severity":"warning","field":"0107","message":"earlier"}]`
	if string(b) != want {
		t.Errorf("%s\nwant %s", b, want)
	}
	var back Findings
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, fs) {
		t.Errorf("read back %v, %v; want %v", back, err, fs)
	}
	if back[0].Record != "04" || back[0].Line != 3 || back[1].Record != "01" || back[1].Line != 0 {
		t.Errorf("%+v", back)
	}
}

func TestNewHeaderRecord(t *testing.T) {
	h, err := NewHeader(HeaderValues{Indiener: "9964", BronID: "DV01 ", Referentienummer: "000000000003", DagtekeningAanmaak: "20160118", Begin: "20160105", Eind: "20160109"})
	if err != nil {
		t.Fatal(err)
	}
	want := Header{Indiener: "9964", BronID: "DV01", Referentienummer: 3, DagtekeningAanmaak: d("20160118"), Begin: d("20160105"), Eind: d("20160109")}
	if h != want {
		t.Errorf("%+v, want %+v", h, want)
	}
	r, err := NewRecord(RecordValues{Detail: "000000000002", Identificatie: "11", GerelateerdDebet: "7", Risicodrager: "7119", Volmacht: "0000",
		Verwerkingsdatum: "20160106", Declaratiebedrag: "00012550", DCDeclaratiebedrag: "C", VergoedBasis: "00012550", DCVergoedBasis: "C"})
	if err != nil {
		t.Fatal(err)
	}
	wr := Record{Detail: 2, Identificatie: "11", GerelateerdDebet: "7", Risicodrager: "7119", Volmacht: "0000", Verwerkingsdatum: d("20160106"),
		DebetCredit: Credit, Declaratiebedrag: -12550, VergoedBasis: -12550}
	if r != wr {
		t.Errorf("%+v, want %+v", r, wr)
	}
	// Amounts are the module's money type (issue 23 point 9): euro text, JSON as a string.
	var decl money.Money = r.Declaratiebedrag
	if decl.String() != "-125.50" || r.VergoedBasis != money.Cents(-12550) {
		t.Errorf("declaratiebedrag %s, vergoed basis %s; want -125.50 both", decl, r.VergoedBasis)
	}
	if b, err := json.Marshal(r); err != nil || !strings.Contains(string(b), `"declaratiebedrag":"-125.50"`) {
		t.Errorf("JSON %s, %v; want \"declaratiebedrag\":\"-125.50\"", b, err)
	}
	bad := []struct {
		h     HeaderValues
		field string
	}{
		{HeaderValues{BronID: "B", Referentienummer: "1", DagtekeningAanmaak: "20160101", Begin: "20160101", Eind: "20160101"}, "0106"},
		{HeaderValues{Indiener: "1", BronID: "B", Referentienummer: "x", DagtekeningAanmaak: "20160101", Begin: "20160101", Eind: "20160101"}, "0110"},
		{HeaderValues{Indiener: "1", BronID: "B", Referentienummer: "1", DagtekeningAanmaak: "20140332", Begin: "20160101", Eind: "20160101"}, "0107"},
	}
	for _, b := range bad {
		_, err := NewHeader(b.h)
		var fe *record.Error
		if !errors.As(err, &fe) || fe.Field != b.field || fe.Record != "01" || !strings.HasPrefix(err.Error(), "record 01 field "+b.field) {
			t.Errorf("%+v: %v, want an error about %s", b.h, err, b.field)
		}
	}
	if _, err := NewRecord(RecordValues{Identificatie: "1", Risicodrager: "7119", Verwerkingsdatum: "20160101", Declaratiebedrag: "12,50"}); !errors.Is(err, ErrValue) {
		t.Errorf("amount 12,50: %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for s, ok := range map[string]bool{"20160229": true, "2016-02-29": true, "20150229": false, "20140332": false, "2016229": false, "": false} {
		if _, err := ParseDate(s); (err == nil) != ok {
			t.Errorf("%q: %v", s, err)
		}
	}
	if got := d("20160131").AddDays(1); got != d("20160201") {
		t.Error(got)
	}
	if n := (Period{d("20160101"), d("20160131")}).Days(); n != 31 {
		t.Error(n)
	}
}
