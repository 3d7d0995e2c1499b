package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Level is the RBC check level of a rule (see ../shared/DOMAIN.md §3): N1 file, N2
// structure, N3 field format, N4 allowed values, N5 relations. N6 holds the receiver's own
// content rules (custom rules, e.g. an insurer's); VECOZO does not run them.
type Level uint8

// The check levels.
const (
	N1 Level = iota + 1 // file: readable, names a known standard and version
	N2                  // structure: record length, line breaks, order, nesting, numbering
	N3                  // field format: type, obligation, pattern
	N4                  // allowed values: code lists, existing dates, ranges
	N5                  // relations between fields and records
	N6                  // the receiver's own rules (custom rules)
)

// String returns "N1" … "N6".
func (l Level) String() string {
	if l >= N1 && l <= N6 {
		return "N" + strconv.Itoa(int(l))
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

// MarshalText writes the level as "N3".
func (l Level) MarshalText() ([]byte, error) {
	if l < N1 || l > N6 {
		return nil, fmt.Errorf("validate: no level %d", l)
	}
	return []byte(l.String()), nil
}

// UnmarshalText reads "N3" (or "3").
func (l *Level) UnmarshalText(b []byte) error {
	s := strings.TrimPrefix(strings.ToUpper(string(b)), "N")
	n, err := strconv.Atoi(s)
	if err != nil || n < int(N1) || n > int(N6) {
		return fmt.Errorf("validate: unknown level %q: want N1 … N6", b)
	}
	*l = Level(n)
	return nil
}

// LevelSet is a set of levels. The zero value means every level.
type LevelSet uint8

// Levels returns the set of the given levels.
func Levels(ls ...Level) LevelSet {
	var s LevelSet
	for _, l := range ls {
		s |= 1 << l
	}
	return s
}

// UpTo returns the set of levels N1 up to and including l.
func UpTo(l Level) LevelSet {
	var s LevelSet
	for i := N1; i <= l; i++ {
		s |= 1 << i
	}
	return s
}

// Has reports whether l is in the set (every level is in the zero set).
func (s LevelSet) Has(l Level) bool { return s == 0 || s&(1<<l) != 0 }

// Severity says whether a finding makes a file invalid.
type Severity uint8

// The severities. The zero value is an error.
const (
	Error   Severity = iota // the file breaks a rule: VECOZO rejects it
	Warning                 // worth a look, but no rule of the standard is broken
)

// String returns "error" or "warning".
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
	case "error", "":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("validate: unknown severity %q", b)
	}
	return nil
}

// Sentinel errors, one per kind of rule. Every Finding wraps one; test with errors.Is.
// Where the core has a sentinel for the same thing, it is the same value.
var (
	ErrUnreadable      = errors.New("not a readable EI file")                     // N1
	ErrUnknownStandard = ei.ErrUnknownStandard                                    // N1
	ErrLineBreak       = errors.New("line break missing or without a record")     // N2
	ErrRecordLength    = record.ErrRecordLength                                   // N2
	ErrRecordType      = record.ErrRecordCode                                     // N2, N3, N4: the kenmerk record
	ErrOrder           = ei.ErrOrder                                              // N2: order and nesting
	ErrNumbering       = errors.New("identificatie detailrecord out of sequence") // N2
	ErrType            = record.ErrNotDigit                                       // N3: an N field holds a non-digit
	ErrCharset         = record.ErrCharset                                        // N3
	ErrMissing         = errors.New("mandatory field not filled")                 // N3
	ErrPattern         = errors.New("value does not follow the field's pattern")  // N3
	ErrLeadingSpace    = errors.New("alphanumeric value starts with a space")     // N4
	ErrReserve         = errors.New("reserve not filled with spaces")             // N4
	ErrValue           = errors.New("value not allowed")                          // N4
	ErrDate            = record.ErrDate                                           // N4: the date does not exist
	ErrFuture          = errors.New("date in the future")                         // N4
	ErrRelation        = errors.New("fields do not agree")                        // N5
	ErrParent          = errors.New("field differs from the record above")        // N5
	ErrTrailer         = ei.ErrTrailerMismatch                                    // N5: counts and totals of the 99
	ErrDuplicate       = errors.New("reference number not unique")                // N5
	ErrCredit          = errors.New("debit/credit rule broken")                   // N5
	ErrCustom          = errors.New("custom rule")                                // N6 and custom rules
)

// Finding is one thing wrong with a file: which rule, where, which return code (COD954)
// a receiver would answer with, and what is wrong in words. Its message never holds
// personal data from the file (BSN, names, dates of birth, addresses): it says what is
// wrong, not what the value is. Values of code fields and counts are shown.
//
// A Finding is an error: errors.Is(f, validate.ErrMissing) tells the kind of rule.
//
// One Finding serves every format: EI and Q (validate, q/ledger) and VSB/eFact (vsb). For
// VSB, Line is the record order number (zone 2; 0 for the segments 200/300 and records
// 95/96), Field the zone id ("8a,8b"), Retourcode the six-digit code RRZZNN of the eFact
// error dictionary (or a segment's two-digit code erreur), Letter its letter, Message the
// dictionary's text and Detail what was found.
type Finding struct {
	Level     Level
	Rule      string // rule id, e.g. "N3-MANDATORY" or "GZ321-N5-0107"
	Line      int    // line in the file, 1-based; 0 for the file as a whole (VSB: order number)
	Record    string // record type ("04"), "" when not known
	Field     string // field number ("0403"; VSB: zone id), "" for a record or the file
	FieldName string // field name from the layout
	Position  int    // position of the field (or the fault) in the record, 1-based
	// Retourcode is the code the receiver answers the finding with: COD954 for EI and
	// Q, the eFact error dictionary's RRZZNN for VSB.
	Retourcode string
	// Letter is the eFact dictionary's letter of a VSB finding: B (blocks the sending or
	// the file), F (the invoice), R (the record), E or S; "" for EI and Q, whose
	// findings have a Level and Severity instead.
	Letter   string
	Severity Severity // error (the zero value) or warning
	Message  string
	// Detail says what was found when Message is a fixed text (a dictionary's): "zone 99
	// holds 12, the record computes 16". Never personal data.
	Detail string
	Err    error // the sentinel of the rule's kind
}

// Error describes the finding on one line: "line 3: N3 0403 BURGERSERVICENUMMER (BSN)
// VERZEKERDE: message".
func (f Finding) Error() string {
	var b strings.Builder
	if f.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(f.Line))
		b.WriteString(": ")
	}
	b.WriteString(f.Where())
	b.WriteString(": ")
	b.WriteString(f.Message)
	if f.Detail != "" {
		b.WriteString(" (")
		b.WriteString(f.Detail)
		b.WriteString(")")
	}
	return b.String()
}

// Where names the level and what the finding is about: "N3 0403 BURGERSERVICENUMMER (BSN)
// VERZEKERDE", "N2 record 98", "N1 file".
func (f Finding) Where() string {
	s := f.Level.String()
	switch {
	case f.Field != "":
		s += " " + f.Field
		if f.FieldName != "" {
			s += " " + f.FieldName
		}
	case f.Record != "":
		s += " record " + f.Record
	default:
		s += " file"
	}
	return s
}

// Unwrap returns the sentinel of the rule's kind.
func (f Finding) Unwrap() error { return f.Err }

// jsonFinding is the wire form; the names are read by other tools: keep them.
type jsonFinding struct {
	Level      Level    `json:"level"`
	Rule       string   `json:"rule"`
	Line       int      `json:"line"`
	Record     string   `json:"record"`
	Field      string   `json:"field"`
	FieldName  string   `json:"field_name"`
	Position   int      `json:"position"`
	Retourcode string   `json:"retourcode"`
	Letter     string   `json:"letter,omitempty"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Detail     string   `json:"detail,omitempty"`
}

// MarshalJSON writes {"level","rule","line","record","field","field_name","position",
// "retourcode","severity","message"}: the schema zorgcheck validate -json writes too; a
// VSB finding adds "letter" and "detail" (left out when empty).
func (f Finding) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonFinding{f.Level, f.Rule, f.Line, f.Record, f.Field, f.FieldName, f.Position, f.Retourcode, f.Letter, f.Severity, f.Message, f.Detail})
}

// UnmarshalJSON reads what MarshalJSON writes. The sentinel (Err) is not part of the wire
// form and stays empty.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j jsonFinding
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Finding{Level: j.Level, Rule: j.Rule, Line: j.Line, Record: j.Record, Field: j.Field, FieldName: j.FieldName, Position: j.Position,
		Retourcode: j.Retourcode, Letter: j.Letter, Severity: j.Severity, Message: j.Message, Detail: j.Detail}
	return nil
}
