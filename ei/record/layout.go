package record

import (
	"fmt"
	"strconv"
	"strings"
)

// DataType is the type of a field in the layout: N (numeric) or AN (alphanumeric).
type DataType uint8

// The two data types of an EI field.
const (
	Numeric      DataType = iota + 1 // N: digits, right-aligned, zero-padded
	Alphanumeric                     // AN: left-aligned, space-padded
)

// String returns "N" or "AN".
func (t DataType) String() string {
	switch t {
	case Numeric:
		return "N"
	case Alphanumeric:
		return "AN"
	}
	return "DataType(" + strconv.Itoa(int(t)) + ")"
}

// ParseDataType parses "N" or "AN".
func ParseDataType(s string) (DataType, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "N":
		return Numeric, nil
	case "AN":
		return Alphanumeric, nil
	}
	return 0, fmt.Errorf("unknown field type %q: want N or AN", s)
}

// Obligation says whether a field must be filled: M (mandatory), C (conditional),
// O (optional) or S (reserve: must hold spaces).
type Obligation byte

// The obligations of the BER "Verplichting" column.
const (
	Mandatory   Obligation = 'M'
	Conditional Obligation = 'C'
	Optional    Obligation = 'O'
	Reserve     Obligation = 'S'
)

// String returns the one-letter code.
func (o Obligation) String() string { return string(rune(o)) }

// ParseObligation parses M, C, O or S.
func ParseObligation(s string) (Obligation, error) {
	if t := strings.ToUpper(strings.TrimSpace(s)); len(t) == 1 {
		switch o := Obligation(t[0]); o {
		case Mandatory, Conditional, Optional, Reserve:
			return o, nil
		}
	}
	return 0, fmt.Errorf("unknown obligation %q: want M, C, O or S", s)
}

// Kind is how a field is represented in Go, derived from its type, pattern and element code.
type Kind uint8

// The Go representations of fields.
const (
	KindText    Kind = iota + 1 // AN field: string
	KindInteger                 // N field: int64
	KindDate                    // N8 date EEJJMMDD: Date
	KindAmount                  // N amount in euro cents: decimal.Decimal in euros
	KindReserve                 // reserve (obligation S): string, spaces when valid
)

var kindNames = [...]string{KindText: "text", KindInteger: "integer", KindDate: "date", KindAmount: "amount", KindReserve: "reserve"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Role is what a field means to the machinery of a file (numbering, counts, totals),
// as far as it can be derived from the layout. Most fields have no role.
type Role uint8

// The roles the reader, writer and validator rely on.
const (
	RoleNone          Role = iota
	RoleRecordCode         // kenmerk record (xx01)
	RoleDetailID           // identificatie detailrecord (xx02)
	RoleCount              // 99: number of records of the type in Field.Counts
	RoleDetailCount        // 99: total number of detail records
	RoleDeclared           // declaratiebedrag of a detail record
	RoleTotalDeclared      // 99: totaal (ingediend) declaratiebedrag
	RoleAllowed            // return: toegekend bedrag of a detail record
	RoleTotalAllowed       // return 99: totaal toegekend bedrag
	RoleSign               // indicatie debet/credit that signs the amount before it
	RoleReturnCode         // return: retourcode (01..03)
)

var roleNames = [...]string{RoleNone: "", RoleRecordCode: "record-code", RoleDetailID: "detail-id", RoleCount: "count",
	RoleDetailCount: "detail-count", RoleDeclared: "declared", RoleTotalDeclared: "total-declared",
	RoleAllowed: "allowed", RoleTotalAllowed: "total-allowed", RoleSign: "sign", RoleReturnCode: "return-code"}

// String names the role ("" for RoleNone).
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "Role(" + strconv.Itoa(int(r)) + ")"
}

// Field is the layout of one field of a record type: the facts of one row of the BER layout
// sheet, plus what the generator derived from them (Go name, kind, role).
type Field struct {
	Number     string     // Volgnummer as four digits, e.g. "0403"
	Name       string     // Naam gegevenselement, e.g. "BURGERSERVICENUMMER (BSN) VERZEKERDE"
	GoName     string     // name of the struct field in generated code
	Type       DataType   // N or AN
	Length     int        // number of positions
	Start      int        // first position in the record, 1-based
	End        int        // last position in the record, 1-based, inclusive
	Obligation Obligation // M, C, O or S
	Key        string     // Sleutel: "T", "L" or ""
	Pattern    string     // Patroon, e.g. "EEJJMMDD"
	Element    string     // Code gegeven with organisation, e.g. "NUM313-GBA"
	ValueList  string     // Code codelijst, e.g. "COD043-VEKT"; "" when the field has none
	Regex      string     // Reguliere expressie of the BER, when it has one
	Kind       Kind       // Go representation
	Role       Role       // meaning to the file machinery
	Counts     string     // for RoleCount: the record code counted
	Sign       int        // for amounts: index in the record's Fields of its D/C field, or -1
}

// String describes the field for messages: "0403 BURGERSERVICENUMMER (BSN) VERZEKERDE".
func (f *Field) String() string { return f.Number + " " + f.Name }

// Layout is the layout of one record type of a standard.
type Layout struct {
	Code   string  // kenmerk record, e.g. "04"
	Name   string  // Recordnaam, e.g. "PRESTATIERECORD"
	GoName string  // name of the generated struct, e.g. "Prestatierecord"
	Fields []Field // in order of position; Fields[0] is the kenmerk record
}

// Length returns the record length the layout covers.
func (l *Layout) Length() int {
	if len(l.Fields) == 0 {
		return 0
	}
	return l.Fields[len(l.Fields)-1].End
}

// Field returns the field with the given number ("0403" or "403"), or nil.
func (l *Layout) Field(number string) *Field {
	if len(number) == 3 {
		number = "0" + number
	}
	for i := range l.Fields {
		if l.Fields[i].Number == number {
			return &l.Fields[i]
		}
	}
	return nil
}

// FieldAt returns the field covering the 1-based position pos, or nil.
func (l *Layout) FieldAt(pos int) *Field {
	for i := range l.Fields {
		if l.Fields[i].Start <= pos && pos <= l.Fields[i].End {
			return &l.Fields[i]
		}
	}
	return nil
}

// Role returns the first field with the given role, or nil.
func (l *Layout) Role(r Role) *Field {
	for i := range l.Fields {
		if l.Fields[i].Role == r {
			return &l.Fields[i]
		}
	}
	return nil
}

// IsDetail reports whether records of this type are detail records: numbered
// through the file (they have an identificatie detailrecord and are not comments).
func (l *Layout) IsDetail() bool {
	return l.Code != CodeCommentaar && l.Role(RoleDetailID) != nil
}

// The record codes every EI standard shares.
const (
	CodeVoorloop   = "01"
	CodeVerzekerde = "02"
	CodeDebiteur   = "03"
	CodePrestatie  = "04"
	CodeCommentaar = "98"
	CodeSluit      = "99"
)

// Status says where a standard's layout comes from.
type Status string

// The statuses a spec can have.
const (
	// StatusOfficial: imported from an official Vektis BER.
	StatusOfficial Status = "official"
	// StatusTranscribed: from a third-party transcription of the BER, checked and repaired.
	StatusTranscribed Status = "transcribed"
	// StatusReconstructed: the official layout is not available; reconstructed from what is
	// known. Not to be passed off as the official standard.
	StatusReconstructed Status = "reconstructed"
)

// Standard is the layout of one version of an EI standard.
//
// Values are built by generated code and shared: treat them as read-only.
type Standard struct {
	Code         string   // Standaardcode, e.g. "GZ321"; for BERs without one, "EI" + EI code
	Name         string   // Standaardnaam, e.g. "DECLARATIE BASIS EN GESPECIALISEERDE GGZ"
	EICodes      []int    // Code EI-bericht (COD002), e.g. [195]; AP304 has two
	Version      int      // versienummer berichtstandaard (field 0103)
	Subversion   int      // subversienummer berichtstandaard (field 0104)
	RecordLength int      // positions per record, without line break
	Status       Status   // official, transcribed or reconstructed
	Source       string   // the Vektis document the layout comes from
	Answers      string   // for a return standard: code of the declaration standard it answers
	Records      []Layout // record types in the order of the BER

	// NewRecord returns a new, empty typed record of the given record code, or nil when the
	// standard has no such record type.
	NewRecord func(code string) Record
}

// VersionString returns the version as written in Vektis documents, e.g. "1.0".
func (s *Standard) VersionString() string {
	return strconv.Itoa(s.Version) + "." + strconv.Itoa(s.Subversion)
}

// ID returns "CODE@VERSION", e.g. "GZ321@1.0".
func (s *Standard) ID() string { return s.Code + "@" + s.VersionString() }

// String returns the ID, with the status when it is not official.
func (s *Standard) String() string {
	if s.Status != StatusOfficial && s.Status != "" {
		return s.ID() + " (" + string(s.Status) + ")"
	}
	return s.ID()
}

// Layout returns the layout of the record type with the given code, or nil.
func (s *Standard) Layout(code string) *Layout {
	for i := range s.Records {
		if s.Records[i].Code == code {
			return &s.Records[i]
		}
	}
	return nil
}

// IsReturn reports whether this is a return standard (retourinformatie).
func (s *Standard) IsReturn() bool { return s.Answers != "" }
