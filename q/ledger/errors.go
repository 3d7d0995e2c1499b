package ledger

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors; the errors the package returns wrap them. An error about a value of a
// Q file is a *record.Error (record, field number and name, what was expected) wrapping
// ErrMissing or ErrValue; qve301.Read adds the line and the position.
var (
	ErrMissing = errors.New("missing")          // a mandatory value is empty
	ErrValue   = errors.New("invalid value")    // a value is not of the expected form
	ErrRefused = errors.New("delivery refused") // the delivery rules refuse a file (see RefusedError)
	ErrNotOpen = errors.New("no ledger")        // a data source that is neither a file path nor a postgres URL
)

// Code names a delivery rule of seed 003 §2.3.5/2.3.6 (Vektis, Invulinstructie QVE301).
type Code string

// The delivery rules. Each Finding carries one.
const (
	// CodePeriodLength: the verwerkingsperiode (0108–0109) is not 1 to 31 days long.
	CodePeriodLength Code = "QL001"
	// CodeOutsidePeriod: a prestatierecord's verwerkingsdatum lies outside the file's
	// verwerkingsperiode, so no re-delivery of that period would ever close it.
	CodeOutsidePeriod Code = "QL002"
	// CodeDuplicateIdentificatie: an identificatie prestatierecord (0450) occurs twice in the file.
	CodeDuplicateIdentificatie Code = "QL003"
	// CodeReferentieUsed: the referentienummer (0110) was used before by the same indiener and bron-id.
	CodeReferentieUsed Code = "QL010"
	// CodeReferentieOrder: the referentienummer is lower than one already applied.
	CodeReferentieOrder Code = "QL011"
	// CodeDagtekeningOrder (warning): the dagtekening aanmaak is earlier than that of a
	// file applied before it.
	CodeDagtekeningOrder Code = "QL012"
	// CodeSamePeriodSameDay: a file with the same indiener, bron-id, verwerkingsperiode and
	// dagtekening aanmaak was delivered before (table 2-7): Vektis cannot read it.
	CodeSamePeriodSameDay Code = "QL020"
	// CodeRedeliverySameDay: a re-delivery with the dagtekening aanmaak of the file it
	// re-delivers (§2.3.5.2): it must come the next day at the earliest.
	CodeRedeliverySameDay Code = "QL021"
	// CodeNotReplaced: the file closes active records of risicodragers it does not deliver
	// (table 2-3, foutsituaties 1 and 2): their claims would be gone from the warehouse.
	CodeNotReplaced Code = "QL030"
	// CodeSelectionChanged: the risicodrager selection differs from the previous delivery of
	// the same indiener and bron-id (table 2-3: keep the UZOVI selection constant).
	CodeSelectionChanged Code = "QL031"
	// CodeOtherIndiener: records of the same risicodragers and period are active under
	// another UZOVI-nummer indiener (table 2-3, foutsituatie 3): the warehouse would
	// count the claims twice.
	CodeOtherIndiener Code = "QL032"
)

// Severity says whether a finding refuses the delivery.
type Severity int

// The severities.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("severity %q: %w: want error or warning", b, ErrValue)
	}
	return nil
}

// Finding is a delivery rule a file breaks.
type Finding struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Field    string   `json:"field,omitempty"`  // the field number the rule is about
	Record   int      `json:"record,omitempty"` // 1-based prestatierecord, for record findings
	Message  string   `json:"message"`
}

func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(string(f.Code))
	b.WriteString(" ")
	b.WriteString(f.Severity.String())
	if f.Record > 0 {
		fmt.Fprintf(&b, " prestatierecord %d", f.Record)
	}
	if f.Field != "" {
		b.WriteString(" field " + f.Field)
	}
	b.WriteString(": " + f.Message)
	return b.String()
}

// RefusedError is returned by Apply when the delivery rules refuse a file. The ledger is
// unchanged.
type RefusedError struct {
	Name string
	Plan *Plan
}

func (e *RefusedError) Error() string {
	var errs []string
	for _, f := range e.Plan.Findings {
		if f.Severity == Error {
			errs = append(errs, f.String())
		}
	}
	name := e.Name
	if name == "" {
		name = fmt.Sprintf("referentienummer %d", e.Plan.Header.Referentienummer)
	}
	return fmt.Sprintf("%s: delivery refused: %s", name, strings.Join(errs, "; "))
}

func (e *RefusedError) Unwrap() error { return ErrRefused }
