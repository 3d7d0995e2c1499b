package ve303

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Patient, Name and Debiteur hold personal data (names, date of birth, address,
// verzekerdennummer). Like the generated records they print (%v, %+v, %#v, %s), encode to
// JSON and log with slog masked: the first letter of a name or address, the year of a
// birth date, the last three characters of a number, no free text. Build writes them in
// full.

func maskName(s string) string    { return record.PersonalName.Mask(s) }
func maskAddress(s string) string { return record.PersonalAddress.Mask(s) }
func maskID(s string) string      { return record.PersonalID.Mask(s) }

func maskBirth(d record.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Year) + "-**-**"
}

func maskNumber(n int) string {
	if n == 0 {
		return ""
	}
	return "*"
}

// maskTexts hides free text: only how long each text is.
func maskTexts(ts []string) []string {
	if ts == nil {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = "(" + strconv.Itoa(len([]rune(t))) + " characters)"
	}
	return out
}

type maskedName struct {
	Achternaam, Voorvoegsel, PartnerAchternaam, PartnerVoorvoegsel, Voorletters string
	Naamgebruik                                                                 int
}

func (n Name) masked() maskedName {
	return maskedName{maskName(n.Achternaam), maskName(n.Voorvoegsel), maskName(n.PartnerAchternaam),
		maskName(n.PartnerVoorvoegsel), maskName(n.Voorletters), n.Naamgebruik}
}

type maskedDebiteur struct {
	Nummer        string
	Naam          maskedName
	Geboortedatum string
	Geslacht      int
	Straat        string
	Huisnummer    string
	Postcode      string
	Woonplaats    string
	SoortRelatie  int
}

func (d Debiteur) masked() maskedDebiteur {
	return maskedDebiteur{maskID(d.Nummer), d.Naam.masked(), maskBirth(d.Geboortedatum), d.Geslacht, maskAddress(d.Straat),
		maskNumber(d.Huisnummer), maskAddress(d.Postcode), maskAddress(d.Woonplaats), d.SoortRelatie}
}

type maskedRit struct {
	Datum             record.Date
	Codelijst         int
	Prestatiecode     string
	Vervoerder        string
	Eenheid, Aantal   int
	Tarief, Toeslag   record.Money
	Berekend          record.Money
	Declaratiebedrag  record.Money
	Credit            bool
	Crediteert        string
	Machtigingsnummer string
	Referentie        string
	Doorsturen        int
	Comments          []string
}

type maskedPatient struct {
	BSN               record.BSN
	UZOVI             int
	Verzekerdennummer string
	Patientnummer     string
	Geboortedatum     string
	Geslacht          int
	Naam              maskedName
	Postcode          string
	Huisnummer        string
	Toevoeging        string
	Overleden         bool
	Debiteur          *maskedDebiteur
	Comments          []string
	Ritten            []maskedRit
}

func (p Patient) masked() maskedPatient {
	m := maskedPatient{BSN: p.BSN, UZOVI: p.UZOVI, Verzekerdennummer: maskID(p.Verzekerdennummer), Patientnummer: maskID(p.Patientnummer),
		Geboortedatum: maskBirth(p.Geboortedatum), Geslacht: p.Geslacht, Naam: p.Naam.masked(), Postcode: maskAddress(p.Postcode),
		Huisnummer: maskNumber(p.Huisnummer), Toevoeging: maskAddress(p.Toevoeging), Overleden: p.Overleden, Comments: maskTexts(p.Comments)}
	if p.Debiteur != nil {
		d := p.Debiteur.masked()
		m.Debiteur = &d
	}
	for _, r := range p.Ritten {
		m.Ritten = append(m.Ritten, maskedRit{r.Datum, r.Codelijst, r.Prestatiecode, r.Vervoerder, r.Eenheid, r.Aantal, r.Tarief, r.Toeslag,
			r.Berekend, r.Declaratiebedrag, r.Credit, r.Crediteert, r.Machtigingsnummer, r.Referentie, r.Doorsturen, maskTexts(r.Comments)})
	}
	return m
}

// format prints v (a masked shadow) as typeName{Field:value …} for every verb.
func format(f fmt.State, typeName string, v any) {
	s := fmt.Sprintf("%+v", v)
	fmt.Fprint(f, "ve303."+typeName+s)
}

// Format prints the name masked, whatever the verb.
func (n Name) Format(f fmt.State, verb rune) { format(f, "Name", n.masked()) }

// String returns the name masked.
func (n Name) String() string { return fmt.Sprint(n) }

// GoString returns the name masked (%#v).
func (n Name) GoString() string { return fmt.Sprint(n) }

// MarshalJSON encodes the name masked.
func (n Name) MarshalJSON() ([]byte, error) { return json.Marshal(n.masked()) }

// LogValue makes slog log the name masked.
func (n Name) LogValue() slog.Value { return slog.AnyValue(n.masked()) }

// Format prints the debiteur masked, whatever the verb.
func (d Debiteur) Format(f fmt.State, verb rune) { format(f, "Debiteur", d.masked()) }

// String returns the debiteur masked.
func (d Debiteur) String() string { return fmt.Sprint(d) }

// GoString returns the debiteur masked (%#v).
func (d Debiteur) GoString() string { return fmt.Sprint(d) }

// MarshalJSON encodes the debiteur masked.
func (d Debiteur) MarshalJSON() ([]byte, error) { return json.Marshal(d.masked()) }

// LogValue makes slog log the debiteur masked.
func (d Debiteur) LogValue() slog.Value { return slog.AnyValue(d.masked()) }

// Format prints the patient masked, whatever the verb.
func (p Patient) Format(f fmt.State, verb rune) { format(f, "Patient", p.masked()) }

// String returns the patient masked.
func (p Patient) String() string { return fmt.Sprint(p) }

// GoString returns the patient masked (%#v).
func (p Patient) GoString() string { return fmt.Sprint(p) }

// MarshalJSON encodes the patient masked.
func (p Patient) MarshalJSON() ([]byte, error) { return json.Marshal(p.masked()) }

// LogValue makes slog log the patient masked.
func (p Patient) LogValue() slog.Value { return slog.AnyValue(p.masked()) }

// String prints the masked debiteur inside a masked patient (not its address).
func (d *maskedDebiteur) String() string {
	if d == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%+v", *d)
}
