package vsb

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
)

// TestTypedRoundTrip reads every record type of a written sending with the generated
// types and the core Reader (check numbers verified), and formats each back unchanged.
func TestTypedRoundTrip(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bytes()
	rd := record.NewReader(bytes.NewReader(b[227:]), Format(), record.ReaderOptions{})
	seen := map[string]bool{}
	for i := 0; ; i++ {
		raw, rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out, err := rec.AppendTo(nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != raw.Text {
			t.Errorf("record %d (%s): typed round trip differs\n got %q\nwant %q", i+1, rec.Layout().Code(), out, raw.Text)
		}
		seen[rec.Layout().Code()] = true
		switch r := rec.(type) {
		case *ef920000v20.Prestatie:
			if i == 2 && (r.CodeNomenclatureOuPseudoCodeNomenclature != 761294 || r.SigneMontantInterventionDeLassurance.Cents() != 123456) {
				t.Errorf("prestatie: %+v", r)
			}
		case *ef920000v20.FactuurEinde:
			if i == 6 && r.SigneMontantDeCompteFinancierA.Cents() != 123456 {
				t.Errorf("80 account A %v", r.SigneMontantDeCompteFinancierA)
			}
		}
	}
	for _, c := range []string{"10", "20", "50", "51", "52", "80", "90", "95", "96"} {
		if !seen[c] {
			t.Errorf("record type %s not read", c)
		}
	}

	// Typed gives the same types.
	if typed, err := Typed(f.Records[2]); err != nil {
		t.Error(err)
	} else if p, ok := typed.(*ef920000v20.Prestatie); !ok || p.SigneMontantInterventionDeLassurance.Cents() != 123456 {
		t.Errorf("Typed: %T %+v", typed, typed)
	}
	if _, err := Typed(f.Segment200); err == nil {
		t.Error("segment 200 typed")
	}

	// A wrong check number stops the core reader with ErrCheck at zone 99.
	b[227+2*350+348] = '0'
	b[227+2*350+349] = '1'
	rd = record.NewReader(bytes.NewReader(b[227:]), Format(), record.ReaderOptions{})
	var rerr error
	for rerr == nil {
		_, _, rerr = rd.Next()
	}
	var fe *record.Error
	if !errors.Is(rerr, record.ErrCheck) || !errors.As(rerr, &fe) || fe.Field != "99" || fe.Line != 3 {
		t.Errorf("error %v", rerr)
	}
}

// TestTyped920900 round-trips the settlement records 91 and 92 through the generated types.
func TestTyped920900(t *testing.T) {
	var buf bytes.Buffer
	r := Reply{Type: MsgSettlement, Year: 2026, Month: 11, Sending: 7, Settlement: []Afrekening{
		{Record: "91", Mutualiteit: "306", AskedA: 123456, Asked: 123456, AcceptedA: 100000, RefusedA: 23456, Accepted: 100000, Refused: 23456, PaymentRefA: "REF-A"},
		{Record: "92", Mutualiteit: "399", AskedA: 123456, Asked: 123456, AcceptedA: 100000, RefusedA: 23456, Accepted: 100000, Refused: 23456},
	}}
	if err := EncodeReply(&buf, &r); err != nil {
		t.Fatal(err)
	}
	rd := record.NewReader(bytes.NewReader(buf.Bytes()[677:]), ef920900v20.Format(), record.ReaderOptions{})
	n := 0
	for {
		raw, rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out, err := rec.AppendTo(nil)
		if err != nil || string(out) != raw.Text {
			t.Errorf("record %s differs: %v", rec.Layout().Code(), err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d records", n)
	}
}
