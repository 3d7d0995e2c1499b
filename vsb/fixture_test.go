package vsb

import "time"

// sampleZending is a synthetic sending: two invoices for two mutualiteiten, one with a 51
// and a 52. The INSZ numbers are invented (valid mod-97 check, not real people).
func sampleZending() *Zending {
	return &Zending{
		Test: true, MessageRef: 12345678901234, FileRef: "WZC-2026-11", ContactName: "DE SMET", ContactFirst: "AN",
		ContactPhone: "0471234567", InvoiceType: 3, Mode: 1,
		Number: 7, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		Created: Date{Year: 2026, Month: time.December, Day: 1}, BCE: "0123456749", Reference: "ZENDING-7",
		BIC: "GEBABEBB", IBAN: "BE68539007547034",
		Facturen: []Factuur{
			{
				Mutualiteit: "306", Destination: "306", INSZ: "0085010112387", Sex: 2, Type: 3, Establishment: "071234567890",
				Number: 1001, Date: Date{Year: 2026, Month: time.November, Day: 30}, Reference: "FACT-1001",
				Prestaties: []Prestatie{
					{Code: 761294, First: Date{Year: 2026, Month: time.November, Day: 1}, Last: Date{Year: 2026, Month: time.November, Day: 30}, Provider: "071234567890",
						Amount: 123456, Units: 30, PatientShare: 5000, Reference: "NOV-DAGEN"},
					{Code: 761305, First: Date{Year: 2026, Month: time.November, Day: 3}, Last: Date{Year: 2026, Month: time.November, Day: 3}, Provider: "071234567890",
						Amount: -2500, Units: -1, Account: 1, Supplement: 150,
						Tussenkomst: &Tussenkomst{Code: 761305, Date: Date{Year: 2026, Month: time.November, Day: 3}, Provider: "071234567890", Amount: 100, Network: "NET-REF-1", InfoDate: Date{Year: 2026, Month: time.November, Day: 4}},
						EID:         &EIDLezing{Code: 761305, Date: Date{Year: 2026, Month: time.November, Day: 3}, ReadDate: Date{Year: 2026, Month: time.November, Day: 3}, Support: "1", ReadType: "1", Hour: 930, Provider: "071234567890"}},
				},
			},
			{
				Mutualiteit: "319", Destination: "319", INSZ: "0090061512301", Sex: 1, Type: 3, Establishment: "071234567890",
				Number: 1002, Date: Date{Year: 2026, Month: time.November, Day: 30}, Reference: "FACT-1002",
				Prestaties: []Prestatie{
					{Code: 761294, First: Date{Year: 2026, Month: time.November, Day: 1}, Last: Date{Year: 2026, Month: time.November, Day: 15}, Provider: "071234567890", Amount: 61728, Units: 15},
				},
			},
		},
	}
}
