package ledger

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
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

// The delivery rules. Each finding carries one (validate.Finding.Rule).
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

// The findings of the delivery rules are validate.Findings, level N6 (the warehouse's own
// rules about a file and the files before it, beside the RBC of the file itself): Rule is
// the Code ("QL002"), Severity error (refuses the delivery) or warning, Record and Field
// what the rule is about, Line the line of the prestatierecord in the QVE301 file (its
// index + 1: the voorlooprecord is line 1), 0 when the finding is about the file or its
// voorlooprecord; Err is validate.ErrCustom.
func newFinding(c Code, sev validate.Severity, field string, rec int, msg string) validate.Finding {
	f := validate.Finding{Level: validate.N6, Rule: string(c), Severity: sev, Field: field, Message: msg, Err: validate.ErrCustom}
	if len(field) >= 2 {
		f.Record = field[:2]
	}
	if rec > 0 {
		f.Record, f.Line = record.CodePrestatie, rec+1
	}
	return f
}

// prestatierecord returns the 1-based prestatierecord a finding is about, 0 for none.
func prestatierecord(f validate.Finding) int {
	if f.Record == record.CodePrestatie && f.Line > 1 {
		return f.Line - 1
	}
	return 0
}

// FindingText describes a finding of the delivery rules on one line: its code, severity,
// prestatierecord and field, and message ("QL002 error prestatierecord 3: verwerkingsdatum
// … outside the verwerkingsperiode …").
func FindingText(f validate.Finding) string {
	var b strings.Builder
	b.WriteString(f.Rule)
	b.WriteString(" ")
	b.WriteString(f.Severity.String())
	if n := prestatierecord(f); n > 0 {
		fmt.Fprintf(&b, " prestatierecord %d", n)
	}
	if f.Field != "" {
		b.WriteString(" field " + f.Field)
	}
	b.WriteString(": " + f.Message)
	return b.String()
}

// Findings are the findings of the delivery rules (Plan.Findings). Their JSON is the
// plan's own wire form, which other tools read: {"code", "severity", "field", "record"
// (the 1-based prestatierecord), "message"}.
type Findings []validate.Finding

// String writes the findings as FindingText does, in brackets: "[QL010 error field 0110: …]".
func (fs Findings) String() string {
	texts := make([]string, len(fs))
	for i, f := range fs {
		texts[i] = FindingText(f)
	}
	return "[" + strings.Join(texts, " ") + "]"
}

type findingJSON struct {
	Code     Code              `json:"code"`
	Severity validate.Severity `json:"severity"`
	Field    string            `json:"field,omitempty"`
	Record   int               `json:"record,omitempty"`
	Message  string            `json:"message"`
}

// MarshalJSON writes the findings in the plan's wire form.
func (fs Findings) MarshalJSON() ([]byte, error) {
	if fs == nil {
		return []byte("null"), nil
	}
	out := make([]findingJSON, len(fs))
	for i, f := range fs {
		out[i] = findingJSON{Code: Code(f.Rule), Severity: f.Severity, Field: f.Field, Record: prestatierecord(f), Message: f.Message}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (fs *Findings) UnmarshalJSON(b []byte) error {
	var in []findingJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	if in == nil {
		*fs = nil
		return nil
	}
	out := make(Findings, len(in))
	for i, f := range in {
		out[i] = newFinding(f.Code, f.Severity, f.Field, f.Record, f.Message)
	}
	*fs = out
	return nil
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
		if f.Severity == validate.Error {
			errs = append(errs, FindingText(f))
		}
	}
	name := e.Name
	if name == "" {
		name = fmt.Sprintf("referentienummer %d", e.Plan.Header.Referentienummer)
	}
	return fmt.Sprintf("%s: delivery refused: %s", name, strings.Join(errs, "; "))
}

func (e *RefusedError) Unwrap() error { return ErrRefused }
