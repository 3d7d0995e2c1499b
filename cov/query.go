package cov

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Zoekopdracht is a COV query (Vektis VZ801): who is insured where on the
// peildatum. A person is found by one of two search paths:
//
//  1. Geboortedatum + BSN, or
//  2. Geboortedatum + Postcode + Huisnummer (+ Huisnummertoevoeging).
//
// When BSN is set the BSN path is used and the address is neither checked
// nor sent: only the data the lookup needs leaves the process. Names are not
// part of a Zoekopdracht at all.
//
// Printing a Zoekopdracht (any fmt verb, slog, JSON) shows only the
// peildatum, the masked BSN and the AGB code, never the birth date or the
// address.
type Zoekopdracht struct {
	// Peildatum is the day the insurance is asked for. Zero means today
	// (the Client's clock). At most two years back, never in the future.
	Peildatum     Date
	Geboortedatum Date

	BSN BSN // search path 1

	Postcode             string // search path 2, e.g. "1234AB" or "1234 ab"
	Huisnummer           int
	Huisnummertoevoeging string // optional, at most 6 letters or digits, e.g. "A" or "bis"

	// AGB and Rol: the code and role the check is made for. Zero means the
	// Client's configured AGB (ClientOptions.AGB).
	AGB AGB
	Rol Rol
}

// MaxPeildatumAge is how far back a peildatum may lie: COV answers at most
// about two years back.
const MaxPeildatumAge = 2 // years

// UsesBSN reports whether q is searched by BSN (search path 1).
func (q Zoekopdracht) UsesBSN() bool { return q.BSN != "" }

// Validate checks q before anything is sent, with today as the current day.
// It reports every problem at once (joined); each is a *ValidationError and
// errors.Is(err, ErrInvalidQuery) holds. Errors never contain the full BSN,
// the birth date or the address.
func (q Zoekopdracht) Validate(today Date) error {
	var errs []error
	add := func(field, problem, expected string) {
		errs = append(errs, &ValidationError{Field: field, Problem: problem, Expected: expected})
	}

	oldest := today.AddYears(-MaxPeildatumAge)
	switch {
	case q.Peildatum.IsZero():
		add("Peildatum", "is not set", "a date (the Client fills in today when it is left zero)")
	case !q.Peildatum.Valid():
		add("Peildatum", fmt.Sprintf("%04d-%02d-%02d is not a real date", q.Peildatum.Year, q.Peildatum.Month, q.Peildatum.Day), "a day of the calendar")
	case q.Peildatum.After(today):
		add("Peildatum", fmt.Sprintf("%s lies in the future", q.Peildatum), fmt.Sprintf("today (%s) or earlier", today))
	case q.Peildatum.Before(oldest):
		add("Peildatum", fmt.Sprintf("%s lies more than %d years back", q.Peildatum, MaxPeildatumAge), fmt.Sprintf("%s or later (COV answers at most %d years back)", oldest, MaxPeildatumAge))
	}

	switch {
	case q.Geboortedatum.IsZero():
		add("Geboortedatum", "is not set", "the patient's date of birth")
	case !q.Geboortedatum.Valid():
		add("Geboortedatum", "is not a real date", "a day of the calendar")
	case q.Geboortedatum.Year < 1900:
		add("Geboortedatum", "lies before 1900", "a date of birth from 1900 on")
	case q.Geboortedatum.After(today) || (!q.Peildatum.IsZero() && q.Geboortedatum.After(q.Peildatum)):
		add("Geboortedatum", "lies after the peildatum or today", "a date of birth on or before the peildatum")
	}

	switch {
	case q.BSN != "":
		if err := ValidateBSN(q.BSN); err != nil {
			errs = append(errs, err)
		}
	case q.Postcode == "" && q.Huisnummer == 0:
		add("BSN", "and the address are both empty, so there is no search path", "a BSN, or a postcode and huisnummer")
	default:
		if _, ok := NormalisePostcode(q.Postcode); !ok {
			add("Postcode", "has the wrong form", "four digits (not starting with 0) and two letters, e.g. 1234 AB")
		}
		if q.Huisnummer < 1 || q.Huisnummer > 99999 {
			add("Huisnummer", "is out of range", "a house number from 1 to 99999")
		}
		if !validToevoeging(q.Huisnummertoevoeging) {
			add("Huisnummertoevoeging", "has the wrong form", "at most 6 letters or digits (empty when there is none)")
		}
	}

	if err := q.AGB.Validate(); err != nil {
		errs = append(errs, err)
	}
	if _, ok := rolNames[q.Rol]; !ok {
		add("Rol", "is not set", "Zorgverlener, Praktijk or Instelling (the role of the AGB code)")
	}
	return errors.Join(errs...)
}

// NormalisePostcode returns a Dutch postcode as "1234AB": four digits, the
// first not 0, and two letters other than SA, SD and SS. It accepts lower
// case and spaces ("1234 ab").
func NormalisePostcode(s string) (string, bool) {
	p := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(p) != 6 || p[0] < '1' || p[0] > '9' {
		return "", false
	}
	for i := 1; i < 4; i++ {
		if p[i] < '0' || p[i] > '9' {
			return "", false
		}
	}
	for i := 4; i < 6; i++ {
		if p[i] < 'A' || p[i] > 'Z' {
			return "", false
		}
	}
	if l := p[4:]; l == "SA" || l == "SD" || l == "SS" {
		return "", false
	}
	return p, true
}

func validToevoeging(s string) bool {
	if len(s) > 6 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// String describes q without personal data: peildatum, search path with the
// masked BSN, and the AGB code.
func (q Zoekopdracht) String() string {
	path := "postcode path"
	if q.UsesBSN() {
		path = "BSN " + q.BSN.String()
	}
	return fmt.Sprintf("Zoekopdracht{peildatum %s, %s, AGB %s/%s}", q.Peildatum, path, q.AGB, q.Rol)
}

// Format prints String for every verb, so that %v, %+v, %#v and %d never
// show the birth date, the address or the full BSN.
func (q Zoekopdracht) Format(f fmt.State, _ rune) { fmt.Fprint(f, q.String()) }

// LogValue logs q the way String prints it.
func (q Zoekopdracht) LogValue() slog.Value { return slog.StringValue(q.String()) }

// MarshalText returns String, so that encoding a Zoekopdracht (JSON, XML)
// by accident leaks nothing either. It is not meant to be read back.
func (q Zoekopdracht) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// Zoekresultaat is the answer of COV (Vektis VZ802) to one Zoekopdracht.
// It holds no BSN, so that it can be stored by patient id. Its JSON keys are snake_case,
// like every JSON the project writes; UnmarshalJSON also reads the camelCase keys
// (bsnOnbekend, checkedAt) that FileStore files written by earlier versions hold.
type Zoekresultaat struct {
	Peildatum     Date          `json:"peildatum"`
	BSNOnbekend   bool          `json:"bsn_onbekend,omitempty"` // COV does not know the BSN
	Overleden     bool          `json:"overleden,omitempty"`    // the person has died
	Verzekeringen []Verzekering `json:"verzekeringen,omitempty"`
	CheckedAt     time.Time     `json:"checked_at"` // when the answer came in (the Client's clock)
}

// UnmarshalJSON reads a Zoekresultaat, with the keys of today or the camelCase keys of
// earlier versions.
func (z *Zoekresultaat) UnmarshalJSON(b []byte) error {
	type plain Zoekresultaat // without this method
	var v struct {
		plain
		OldBSNOnbekend *bool      `json:"bsnOnbekend"`
		OldCheckedAt   *time.Time `json:"checkedAt"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*z = Zoekresultaat(v.plain)
	if v.OldBSNOnbekend != nil && !z.BSNOnbekend {
		z.BSNOnbekend = *v.OldBSNOnbekend
	}
	if v.OldCheckedAt != nil && z.CheckedAt.IsZero() {
		z.CheckedAt = *v.OldCheckedAt
	}
	return nil
}

// Verzekering is one insurance in a Zoekresultaat.
type Verzekering struct {
	UZOVI UZOVI `json:"uzovi"`
	// Verzekeraar is the insurer's name: from the answer when it carries
	// one, otherwise from the UZOVI register (filled in by the Client).
	Verzekeraar       string            `json:"verzekeraar,omitempty"`
	Verzekerdennummer Verzekerdennummer `json:"verzekerdennummer,omitempty"` // policy number; prints masked
	Soort             Soort             `json:"soort"`
	Pakket            string            `json:"pakket,omitempty"` // name of the package, for an aanvullende verzekering
	Ingangsdatum      Date              `json:"ingangsdatum"`
	Einddatum         Date              `json:"einddatum,omitzero"` // last insured day; zero = open-ended
}

// Soort tells a basisverzekering from an aanvullende verzekering.
type Soort int

// The kinds of insurance. The zero Soort is "unknown".
const (
	SoortBasis      Soort = iota + 1 // basisverzekering (Zvw)
	SoortAanvullend                  // aanvullende verzekering
)

// String returns "basis", "aanvullend" or "onbekend".
func (s Soort) String() string {
	switch s {
	case SoortBasis:
		return "basis"
	case SoortAanvullend:
		return "aanvullend"
	}
	return "onbekend"
}

// MarshalText writes String.
func (s Soort) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what MarshalText writes.
func (s *Soort) UnmarshalText(b []byte) error {
	switch string(b) {
	case "basis":
		*s = SoortBasis
	case "aanvullend":
		*s = SoortAanvullend
	case "onbekend", "":
		*s = 0
	default:
		return fmt.Errorf("cov: soort %q: expected basis or aanvullend", b)
	}
	return nil
}

// Status is the state of an insurance, or of a person's insurance as a
// whole, on a day.
type Status int

// The statuses. StatusUnknown is the zero value.
const (
	StatusUnknown  Status = iota // not known: BSN unknown, or no answer
	StatusActive                 // insured on the day
	StatusEnded                  // ended before the day (or the person died)
	StatusUpcoming               // starts after the day
)

// String returns "unknown", "active", "ended" or "upcoming".
func (s Status) String() string {
	switch s {
	case StatusActive:
		return "active"
	case StatusEnded:
		return "ended"
	case StatusUpcoming:
		return "upcoming"
	}
	return "unknown"
}

// Status returns the state of v on the given day. Einddatum is the last
// insured day; a zero Einddatum means open-ended.
func (v Verzekering) Status(on Date) Status {
	switch {
	case v.Ingangsdatum.After(on):
		return StatusUpcoming
	case !v.Einddatum.IsZero() && v.Einddatum.Before(on):
		return StatusEnded
	}
	return StatusActive
}

// Status sums up r on its peildatum: unknown when the BSN is unknown,
// active when an insurance is active on the peildatum, ended otherwise.
// (Overleden is reported separately; the insurances of someone who died
// end on the day of death.)
func (r Zoekresultaat) Status() Status {
	if r.BSNOnbekend {
		return StatusUnknown
	}
	for _, v := range r.Verzekeringen {
		if v.Status(r.Peildatum) == StatusActive {
			return StatusActive
		}
	}
	return StatusEnded
}

// Basis returns the basisverzekering active on the peildatum: the insurer
// a claim for care on that day goes to.
func (r Zoekresultaat) Basis() (Verzekering, bool) {
	for _, v := range r.Verzekeringen {
		if v.Soort == SoortBasis && v.Status(r.Peildatum) == StatusActive {
			return v, true
		}
	}
	return Verzekering{}, false
}

// Verzekerdennummer is the number under which the insurer knows the person
// (Vektis field 0205, AN15). It identifies a person, so every way of
// printing it masks it like a BSN, showing only the last three characters
// ("******782"): String, the fmt verbs (%v, %+v, %#v, %s, %q …), slog and
// MarshalText (so JSON and the FileStore). Full returns the number itself,
// for a declaration or the practice's own patient record.
type Verzekerdennummer string

// Full returns the number unmasked. A number read back from a FileStore is
// already masked (see FileStore); Known tells.
func (v Verzekerdennummer) Full() string { return string(v) }

// Known reports whether v holds a whole number, not a masked one.
func (v Verzekerdennummer) Known() bool { return v != "" && !strings.Contains(string(v), "*") }

// String returns the masked number: all but the last three characters
// replaced by '*', a number of fewer than seven characters masked wholly.
func (v Verzekerdennummer) String() string { return record.PersonalID.Mask(string(v)) }

// Format prints String for every verb.
func (v Verzekerdennummer) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", v.String())
		return
	}
	fmt.Fprint(f, v.String())
}

// GoString returns String quoted, so that %#v of a struct holding a
// Verzekerdennummer masks it too.
func (v Verzekerdennummer) GoString() string { return fmt.Sprintf("%q", v.String()) }

// LogValue logs the masked number.
func (v Verzekerdennummer) LogValue() slog.Value { return slog.StringValue(v.String()) }

// MarshalText writes the masked number: JSON holds no full number.
func (v Verzekerdennummer) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a number, whole or masked, as it is.
func (v *Verzekerdennummer) UnmarshalText(b []byte) error {
	*v = Verzekerdennummer(b)
	return nil
}
