package main

import (
	"bytes"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
)

// measureVSB measures vsb.Encode and vsb.Decode of a facturatiebestand of about size
// bytes: the synthetic sending of the vsb package's tests, its invoices repeated.
func measureVSB(out io.Writer, size, rounds int) error {
	z := sampleZending()
	base := z.Facturen
	z.Facturen = nil
	var buf bytes.Buffer
	for n := 1; ; n *= 2 {
		for len(z.Facturen) < n {
			for _, f := range base {
				f.Number = int64(1000 + len(z.Facturen))
				z.Facturen = append(z.Facturen, f)
			}
		}
		buf.Reset()
		if err := vsb.Encode(&buf, z); err != nil {
			return err
		}
		if buf.Len() >= size/8 || n >= 1<<16 {
			break
		}
	}
	data := bytes.Clone(buf.Bytes())
	records := bytes.Count(data, []byte("\n"))
	if records == 0 {
		records = len(data) / 350
	}
	encode := &contender{name: "vsb.Encode", cores: 1, run: func() error {
		buf.Reset()
		return vsb.Encode(&buf, z)
	}}
	decode := &contender{name: "vsb.Decode", cores: 1, run: func() error {
		_, err := vsb.Decode(data)
		return err
	}}
	all := []*contender{encode, decode}
	for _, c := range all {
		if err := c.calibrate(); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	for r := 0; r < rounds; r++ {
		for _, c := range all {
			if err := c.once(); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
	}
	fmt.Fprintf(out, "\n== VSB facturatiebestand (synthetic, %d invoices): %.1f MB, %d records\n", len(z.Facturen), float64(len(data))/1e6, records)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, tableHeader)
	for _, c := range all {
		c.printRow(tw, len(data), records)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The target for encoding is a throughput, not a ratio: the CPU figure (MB per
	// CPU-second) is the one a shared machine disturbs least.
	for _, v := range []struct {
		what string
		mbps float64
	}{{"vsb.Encode MB/s (wall)", encode.mbps(len(data))}, {"vsb.Encode MB per CPU-second", encode.cpuMBps(len(data))}} {
		verdict := "PASS"
		if v.mbps < 500 {
			verdict = "MISS"
		}
		fmt.Fprintf(out, "  %-52s %7.0f           (target ≥ 500: %s)\n", v.what, v.mbps, verdict)
	}
	fmt.Fprintf(out, "load average %s\n", loadAverage())
	return nil
}

// sampleZending is the synthetic sending of the vsb package's tests (vsb/fixture_test.go):
// invented INSZ numbers with a valid check, not real people.
func sampleZending() *vsb.Zending {
	return &vsb.Zending{
		Test: true, MessageRef: 12345678901234, FileRef: "WZC-2026-11", ContactName: "DE SMET", ContactFirst: "AN",
		ContactPhone: "0471234567", InvoiceType: 3, Mode: 1,
		Number: 7, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		Created: vsb.Date{Year: 2026, Month: time.December, Day: 1}, BCE: "0123456749", Reference: "ZENDING-7",
		BIC: "GEBABEBB", IBAN: "BE68539007547034",
		Facturen: []vsb.Factuur{
			{
				Mutualiteit: "306", Destination: "306", INSZ: "0085010112348", Sex: 2, Type: 3, Establishment: "071234567890",
				Number: 1001, Date: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Reference: "FACT-1001",
				Prestaties: []vsb.Prestatie{
					{Code: 761294, First: vsb.Date{Year: 2026, Month: time.November, Day: 1}, Last: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Provider: "071234567890",
						Amount: 123456, Units: 30, PatientShare: 5000, Reference: "NOV-DAGEN"},
					{Code: 761305, First: vsb.Date{Year: 2026, Month: time.November, Day: 3}, Last: vsb.Date{Year: 2026, Month: time.November, Day: 3}, Provider: "071234567890",
						Amount: -2500, Units: -1, Account: 1, Supplement: 150,
						Tussenkomst: &vsb.Tussenkomst{Code: 761305, Date: vsb.Date{Year: 2026, Month: time.November, Day: 3}, Provider: "071234567890", Amount: 100, Network: "NET-REF-1", InfoDate: vsb.Date{Year: 2026, Month: time.November, Day: 4}},
						EID:         &vsb.EIDLezing{Code: 761305, Date: vsb.Date{Year: 2026, Month: time.November, Day: 3}, ReadDate: vsb.Date{Year: 2026, Month: time.November, Day: 3}, Support: "1", ReadType: "1", Hour: 930, Provider: "071234567890"}},
				},
			},
			{
				Mutualiteit: "319", Destination: "319", INSZ: "0090061512367", Sex: 1, Type: 3, Establishment: "071234567890",
				Number: 1002, Date: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Reference: "FACT-1002",
				Prestaties: []vsb.Prestatie{
					{Code: 761294, First: vsb.Date{Year: 2026, Month: time.November, Day: 1}, Last: vsb.Date{Year: 2026, Month: time.November, Day: 15}, Provider: "071234567890", Amount: 61728, Units: 15},
				},
			},
		},
	}
}
