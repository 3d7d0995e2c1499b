package qve301_test

import (
	"bytes"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
)

// FuzzRead: Read never panics, and what it accepts has a header and the records the
// sluitrecord counts.
func FuzzRead(f *testing.F) {
	file := qtest.MustQVE301(delivery())
	f.Add(file)
	f.Add(file[:320])
	f.Add([]byte("01542\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Four records (header, two details, closing) are enough to reach every branch; a
		// larger input that finds coverage traps the fuzzer in minimising it.
		if len(b) > 4*321 {
			return
		}
		d, err := qve301.Read(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		if d.Header.Indiener == "" || d.Header.BronID == "" || d.Header.Referentienummer <= 0 {
			t.Fatalf("accepted header %+v", d.Header)
		}
		for _, r := range d.Records {
			if r.Identificatie == "" || r.Risicodrager == "" || !r.Verwerkingsdatum.Valid() {
				t.Fatalf("accepted record %+v", r)
			}
		}
	})
}
