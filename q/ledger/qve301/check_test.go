package qve301_test

import (
	"bytes"
	"context"
	"io"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// TestCheckLargeFile: a file of more than 1 MiB is checked a chunk at a time when the
// reader says its size (a bytes.Reader) and a line at a time when it does not
// (validate.Options.Workers); the findings are the same, faults of every kind among them.
func TestCheckLargeFile(t *testing.T) {
	jan := func(n int) ledger.Date { return ledger.MakeDate(2016, time.January, n) }
	h := ledger.Header{Indiener: "9964", BronID: "0001", Referentienummer: 4,
		DagtekeningAanmaak: jan(31), Begin: jan(1), Eind: jan(31)}
	const n = 5000
	var buf bytes.Buffer
	err := qtest.WriteQVE301(&buf, h, n, func(i int) ledger.Record {
		id := strconv.Itoa(1_000_000 + i)
		if i%997 == 0 {
			id = "1000001" // an identificatie used twice
		}
		return ledger.Record{Detail: int64(i + 1), Identificatie: id, Risicodrager: "7119", Volmacht: "0000",
			Verwerkingsdatum: jan(1 + i%31), DebetCredit: ledger.Debet, Declaratiebedrag: 12550, VergoedBasis: 12000}
	})
	if err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if len(data) <= 1<<20 {
		t.Fatalf("%d bytes: want more than 1 MiB", len(data))
	}
	// Faults in the text: a letter in a number, a line cut short, a record code no
	// layout has.
	lines := bytes.SplitAfter(data, []byte("\n"))
	var amount *record.Field // a numeric field of the prestatierecord
	fields := qve301v10.Standard().Layout(string(lines[1][:2])).Fields()
	for i, f := range fields {
		if f.Type == record.Numeric && f.Start > 2 {
			amount = &fields[i]
		}
	}
	if amount == nil {
		t.Fatal("no numeric field in the prestatierecord")
	}
	for i := 10; i < len(lines)-1; i += 611 {
		switch l := lines[i]; i % 3 {
		case 0:
			l[amount.Start-1] = 'X'
		case 1:
			lines[i] = append(l[:len(l)-40:len(l)-40], '\n')
		default:
			l[0], l[1] = '7', '7'
		}
	}
	data = bytes.Join(lines, nil)

	check := func(r io.Reader) []string {
		rep, err := qve301.Check(context.Background(), nil, nil, r, qve301.CheckOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, f := range rep.Findings {
			keys = append(keys, f.Error())
		}
		return keys
	}
	chunks := check(bytes.NewReader(data))
	lineByLine := check(struct{ io.Reader }{bytes.NewReader(data)})
	if len(lineByLine) < 10 {
		t.Fatalf("%d findings, want the faults put in", len(lineByLine))
	}
	if !reflect.DeepEqual(chunks, lineByLine) {
		t.Errorf("a chunk at a time: %d findings, a line at a time: %d", len(chunks), len(lineByLine))
		for i := range min(len(chunks), len(lineByLine)) {
			if chunks[i] != lineByLine[i] {
				t.Errorf("first difference at %d:\n  chunks %s\n  lines  %s", i, chunks[i], lineByLine[i])
				break
			}
		}
	}
}
