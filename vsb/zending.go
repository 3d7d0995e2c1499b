package vsb

// Zending is one sending (facturatiebestand) of a care facility: the header 10, the
// invoices (20, 50/51/52, 80) and the trailer 90, with the segments 200 and 300 around
// them and the totals 95 per mutualiteit and 96. The fields the format derives (order
// numbers, check numbers, control numbers, totals, counts) are not in the model: the
// Writer computes them and the Reader checks them.
type Zending struct {
	Test bool // test file: 200/202 = 92 and R10 Z4 = 9991999 (production: 12 and 0001999)

	// Segment 200 and 300.
	MessageRef   int64  // 200 zone 204: the provider's numeric reference of the message
	FileRef      string // 300 zone 303: invoice reference (A13)
	ContactName  string // 300 zone 305
	ContactFirst string // 300 zone 306
	ContactPhone string // 300 zone 307 (10 digits)
	InvoiceType  int    // 300 zone 308: 1 hospitalised, 3 ambulant, 9 mixed ("type factuur")
	Mode         int    // 300 zone 309: 1 one account, 2 two accounts

	// Record 10 (and 90).
	Number     int    // Z7 zending number, 1-999, unique per third party per year
	Content    int    // Z13 contents of the invoicing (40 = eFact)
	ThirdParty string // Z14 third-party payer number (12 digits)
	Year       int    // Z22 invoicing year (written in 5 digits)
	Month      int    // Z23 invoicing month
	Created    Date   // Z25-26 creation date (datum van opstelling)
	BCE        string // Z27 KBO/BCE number (10 digits)
	Reference  string // Z28 the facility's reference (A25)
	BIC, IBAN  string // Z31-34 and Z36-41, account A

	Facturen []Factuur
}

// Factuur is one individual invoice (records 20 … 80) for one beneficiary.
type Factuur struct {
	Mutualiteit   string // R20 Z7 mutualiteit of affiliation (3 digits)
	Destination   string // R20 Z18 destination mutualiteit (3 digits); groups the 95 records
	INSZ          string // R20 Z8a,8b beneficiary identification (13 digits; personal data)
	Sex           int    // Z9: 1 male, 2 female
	Type          int    // Z10: 1 hospitalised, 3 ambulant
	Billing       int    // Z11: 0 original, 1 correction, 3 credit note
	Establishment string // Z14 establishment number (RIZIV, 12 digits)
	Cause         int    // Z17 cause of treatment
	Number        int64  // Z24,25 individual invoice number
	Date          Date   // Z47 invoice date (facturatiedatum), repeated in R80 Z20
	Reference     string // Z28 the facility's reference (A25)

	Prestaties []Prestatie
}

// Prestatie is one service line (record 50), optionally with its 51 and 52.
type Prestatie struct {
	Code         int    // Z4 nomenclature or pseudo-code (7 digits)
	First, Last  Date   // Z5, Z6a,6b
	Account      int    // Z11: 0 account A, 1 account B
	Provider     string // Z15 provider identification (12 digits)
	Amount       Money  // Z19 insurance intervention, cents
	Units        int    // Z22 number of units (signed)
	PatientShare Money  // Z27 personal share of the patient
	Supplement   Money  // Z30,31
	Reference    string // Z28 (A25)

	Tussenkomst *Tussenkomst // record 51, if any
	EID         *EIDLezing   // record 52, if any
}

// Tussenkomst is record 51 (intervention with a network reference).
type Tussenkomst struct {
	Code     int    // Z4
	Date     Date   // Z5
	Provider string // Z15
	Amount   Money  // Z19
	Network  string // Z42-45 network reference data (A48)
	InfoDate Date   // Z55
}

// EIDLezing is record 52 (reading of the identity document).
type EIDLezing struct {
	Code     int    // Z4
	Date     Date   // Z5
	ReadDate Date   // Z6a,6b
	Support  string // Z10 type of support (1 character)
	ReadType string // Z11 type of reading (1 character)
	Hour     int    // Z12,13 HHMM
	Provider string // Z15 RIZIV number
}
