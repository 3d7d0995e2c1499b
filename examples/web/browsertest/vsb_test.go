package browsertest

import (
	"bytes"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
)

// vsbINSZ are the invented INSZ of the patients of vsbFile (zone 8a,8b).
var vsbINSZ = []string{"0085010112348", "0090061512367"}

// vsbFile is a facturatiebestand of a zorgkas sending (synthetic: invented patients),
// written by vsb.Encode.
func vsbFile(t testing.TB) []byte {
	z := &vsb.Zending{
		Test: true, MessageRef: 12345678901234, FileRef: "WZC-2026-11", ContactName: "DE SMET", ContactFirst: "AN",
		ContactPhone: "0471234567", InvoiceType: 3, Mode: 1,
		Number: 7, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		Created: vsb.Date{Year: 2026, Month: time.December, Day: 1}, BCE: "0123456749", Reference: "ZENDING-7",
		BIC: "GEBABEBB", IBAN: "BE68539007547034",
		Facturen: []vsb.Factuur{
			{
				Mutualiteit: "306", Destination: "306", INSZ: vsbINSZ[0], Sex: 2, Type: 3, Establishment: "071234567890",
				Number: 1001, Date: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Reference: "FACT-1001",
				Prestaties: []vsb.Prestatie{
					{Code: 761294, First: vsb.Date{Year: 2026, Month: time.November, Day: 1}, Last: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Provider: "071234567890",
						Amount: 123456, Units: 30, PatientShare: 5000, Reference: "NOV-DAGEN"},
				},
			},
			{
				Mutualiteit: "319", Destination: "319", INSZ: vsbINSZ[1], Sex: 1, Type: 3, Establishment: "071234567890",
				Number: 1002, Date: vsb.Date{Year: 2026, Month: time.November, Day: 30}, Reference: "FACT-1002",
				Prestaties: []vsb.Prestatie{
					{Code: 761294, First: vsb.Date{Year: 2026, Month: time.November, Day: 1}, Last: vsb.Date{Year: 2026, Month: time.November, Day: 15}, Provider: "071234567890", Amount: 61728, Units: 15},
				},
			},
		},
	}
	var b bytes.Buffer
	if err := vsb.Encode(&b, z); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// breakCheckNumber returns the file with the check number (zone 99) of its first record
// changed.
func breakCheckNumber(t testing.TB, data []byte) []byte {
	f, err := vsb.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	fl := vsb.LayoutOf("10").Role(record.RoleCheck)
	if fl == nil {
		t.Fatal("record 10 has no check number zone")
	}
	b := bytes.Clone(data)
	i := int(f.Records[0].Offset) + fl.Start - 1
	b[i] = '0' + (b[i]-'0'+1)%10
	return b
}
