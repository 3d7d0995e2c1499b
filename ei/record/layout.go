package record

import (
	"slices"
	"strconv"
	"time"

	"github.com/zorgbericht/zorgbericht/internal/bsn"
	"github.com/zorgbericht/zorgbericht/internal/civil"
	"github.com/zorgbericht/zorgbericht/internal/fixedwidth"
	"github.com/zorgbericht/zorgbericht/internal/money"
)

// The layout metadata and value types are those of the module's fixed-width layer, which
// EI, Q and VSB share; these names are how EI users reach them.
type (
	// Layout is the layout of one record type: code, name and fields. It cannot be
	// changed: its accessors return copies.
	Layout = fixedwidth.Layout
	// Field is the layout of one field: id, name, positions, type, obligation, element,
	// value list, kind and role.
	Field = fixedwidth.Field
	// DataType is N, AN or SN.
	DataType = fixedwidth.DataType
	// Obligation is M, C, O or S.
	Obligation = fixedwidth.Obligation
	// Kind is how a field is represented in Go.
	Kind = fixedwidth.Kind
	// Role is what a field means to the file machinery.
	Role = fixedwidth.Role
	// Record is a typed record, as generated from a spec file.
	Record = fixedwidth.Record
	// Decoder and Encoder are what generated Parse and AppendTo methods use.
	Decoder = fixedwidth.Decoder
	Encoder = fixedwidth.Encoder
	// Error says where in a file, record and field something is wrong.
	Error = fixedwidth.Error
	// Personal says whether a field holds personal data, and how it is masked.
	Personal = fixedwidth.Personal
	// Masked is a view of a record with personal data masked: what generated records
	// print, encode to JSON and log.
	Masked = fixedwidth.Masked

	// Money is an exact amount in euro cents (int64). Amount fields of EI records are
	// unsigned: their sign is in the debet/credit field beside them.
	Money = money.Money
	// BSN is a burgerservicenummer; it masks itself when printed (Digits gives it in full).
	BSN = bsn.BSN
	// Date is a calendar date; the zero Date is the empty date 00000000.
	Date = civil.Date
	// Digits is an N field longer than 18 positions, every digit kept.
	Digits = fixedwidth.Digits
)

// The data types, obligations, kinds and roles (see package fixedwidth for their docs).
const (
	Numeric      = fixedwidth.Numeric
	Alphanumeric = fixedwidth.Alphanumeric
	Signed       = fixedwidth.Signed

	Mandatory   = fixedwidth.Mandatory
	Conditional = fixedwidth.Conditional
	Optional    = fixedwidth.Optional
	Reserve     = fixedwidth.Reserve

	KindText    = fixedwidth.KindText
	KindInteger = fixedwidth.KindInteger
	KindDate    = fixedwidth.KindDate
	KindAmount  = fixedwidth.KindAmount
	KindReserve = fixedwidth.KindReserve
	KindBSN     = fixedwidth.KindBSN
	KindDigits  = fixedwidth.KindDigits

	RoleNone          = fixedwidth.RoleNone
	RoleRecordCode    = fixedwidth.RoleRecordCode
	RoleDetailID      = fixedwidth.RoleDetailID
	RoleCount         = fixedwidth.RoleCount
	RoleDetailCount   = fixedwidth.RoleDetailCount
	RoleDeclared      = fixedwidth.RoleDeclared
	RoleTotalDeclared = fixedwidth.RoleTotalDeclared
	RoleAllowed       = fixedwidth.RoleAllowed
	RoleTotalAllowed  = fixedwidth.RoleTotalAllowed
	RoleSign          = fixedwidth.RoleSign
	RoleReturnCode    = fixedwidth.RoleReturnCode
	RoleParentRef     = fixedwidth.RoleParentRef
	RoleReference     = fixedwidth.RoleReference
	RoleBSN           = fixedwidth.RoleBSN
	RoleCheck         = fixedwidth.RoleCheck
	RoleOrder         = fixedwidth.RoleOrder
	RoleCalculated    = fixedwidth.RoleCalculated
	// RoleProviderCalculated: the berekend bedrag (incl. BTW) a provider declares.
	RoleProviderCalculated = fixedwidth.RoleProviderCalculated
	RoleRelatedRef         = fixedwidth.RoleRelatedRef
	RoleTotal              = fixedwidth.RoleTotal

	NotPersonal       = fixedwidth.NotPersonal
	PersonalBSN       = fixedwidth.PersonalBSN
	PersonalID        = fixedwidth.PersonalID
	PersonalName      = fixedwidth.PersonalName
	PersonalAddress   = fixedwidth.PersonalAddress
	PersonalBirthDate = fixedwidth.PersonalBirthDate
	PersonalText      = fixedwidth.PersonalText
)

// Sentinel errors of the codec; errors wrap one of them (errors.Is).
var (
	ErrNotDigit     = fixedwidth.ErrNotDigit
	ErrTooLong      = fixedwidth.ErrTooLong
	ErrNegative     = fixedwidth.ErrNegative
	ErrFraction     = fixedwidth.ErrFraction
	ErrCharset      = fixedwidth.ErrCharset
	ErrDate         = fixedwidth.ErrDate
	ErrRecordLength = fixedwidth.ErrRecordLength
	ErrRecordCode   = fixedwidth.ErrRecordCode
	ErrBSN          = fixedwidth.ErrBSN
)

// ParseRole parses a role as spec files write it ("count:04" gives the code counted).
func ParseRole(s string) (Role, string, error) { return fixedwidth.ParseRole(s) }

// ParseDataType parses "N", "AN" or "SN".
func ParseDataType(s string) (DataType, error) { return fixedwidth.ParseDataType(s) }

// ParseObligation parses M, C, O or S.
func ParseObligation(s string) (Obligation, error) { return fixedwidth.ParseObligation(s) }

// DecodeText returns an AN value without trailing spaces, converted from Latin-1 to UTF-8.
func DecodeText(s string) string { return fixedwidth.DecodeText(s) }

// NewLayout returns a layout (generated code builds them); the fields are copied.
func NewLayout(code, name, goName string, fields []Field) *Layout {
	return fixedwidth.NewLayout(code, name, goName, fields)
}

// NewDecoder and NewEncoder start parsing or formatting one record of layout l.
func NewDecoder(line string, l *Layout) Decoder { return fixedwidth.NewDecoder(line, l) }

// NewEncoder starts a record of layout l at the end of dst.
func NewEncoder(dst []byte, l *Layout) Encoder { return fixedwidth.NewEncoder(dst, l) }

// WithLine returns err with the line number set when it is an *Error without one.
func WithLine(err error, line int) error { return fixedwidth.WithLine(err, line) }

// NewDate returns the date y-m-d (not normalised).
func NewDate(y int, m time.Month, d int) Date { return civil.NewDate(y, m, d) }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return civil.DateOf(t) }

// ParseEEJJMMDD parses an 8-digit EI date; 00000000 gives the empty date.
func ParseEEJJMMDD(s string) (Date, error) { return civil.ParseEEJJMMDD(s) }

// Cents returns the amount of c euro cents.
func Cents(c int64) Money { return money.Cents(c) }

// Detail is implemented by records that carry an identificatie detailrecord (or, for a
// comment, the number of the record it belongs to).
type Detail interface {
	Record
	DetailID() int64
	SetDetailID(int64)
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

// Info is what identifies a standard version.
type Info struct {
	Code         string // Standaardcode, e.g. "GZ321"; for BERs without one, "EI" + EI code
	Name         string // Standaardnaam, e.g. "DECLARATIE BASIS EN GESPECIALISEERDE GGZ"
	EICodes      []int  // Code EI-bericht (COD002), e.g. [195]; AP304 has two
	Version      int    // versienummer berichtstandaard (field 0103)
	Subversion   int    // subversienummer berichtstandaard (field 0104)
	RecordLength int    // positions per record, without line break
	Status       Status // official, transcribed or reconstructed
	Source       string // the Vektis document the layout comes from
	Answers      string // for a return standard: code of the declaration standard it answers
}

// Standard is the layout of one version of an EI standard (or of a Q standard, which
// has the same form). It cannot be changed: its layouts are read-only and its Info is
// handed out as a copy.
type Standard struct {
	info      Info
	records   []*Layout
	newRecord func(code string) Record
}

// NewStandard returns a standard (generated code builds them). newRecord returns a new
// typed record of a record code, or nil.
func NewStandard(info Info, records []*Layout, newRecord func(code string) Record) *Standard {
	info.EICodes = slices.Clone(info.EICodes)
	return &Standard{info: info, records: slices.Clone(records), newRecord: newRecord}
}

// Info returns what identifies the standard.
func (s *Standard) Info() Info {
	i := s.info
	i.EICodes = slices.Clone(i.EICodes)
	return i
}

// Code returns the standard code, e.g. "GZ321".
func (s *Standard) Code() string { return s.info.Code }

// Name returns the standard name.
func (s *Standard) Name() string { return s.info.Name }

// EICodes returns the EI message codes (COD002) of the standard.
func (s *Standard) EICodes() []int { return slices.Clone(s.info.EICodes) }

// Version returns the versienummer.
func (s *Standard) Version() int { return s.info.Version }

// Subversion returns the subversienummer.
func (s *Standard) Subversion() int { return s.info.Subversion }

// RecordLength returns the number of positions per record, without line break.
func (s *Standard) RecordLength() int { return s.info.RecordLength }

// Status returns where the layout comes from.
func (s *Standard) Status() Status { return s.info.Status }

// Source returns the Vektis document the layout comes from.
func (s *Standard) Source() string { return s.info.Source }

// Answers returns, for a return standard, the code of the declaration standard it
// answers; "" for a declaration.
func (s *Standard) Answers() string { return s.info.Answers }

// Records returns the layouts of the record types in the order of the BER.
func (s *Standard) Records() []*Layout { return slices.Clone(s.records) }

// NewRecord returns a new, empty typed record of the given record code, or nil when the
// standard has no such record type.
func (s *Standard) NewRecord(code string) Record {
	if s.newRecord == nil {
		return nil
	}
	return s.newRecord(code)
}

// VersionString returns the version as written in Vektis documents, e.g. "1.0".
func (s *Standard) VersionString() string {
	return strconv.Itoa(s.info.Version) + "." + strconv.Itoa(s.info.Subversion)
}

// ID returns "CODE@VERSION", e.g. "GZ321@1.0".
func (s *Standard) ID() string { return s.info.Code + "@" + s.VersionString() }

// String returns the ID, with the status when it is not official.
func (s *Standard) String() string {
	if s.info.Status != StatusOfficial && s.info.Status != "" {
		return s.ID() + " (" + string(s.info.Status) + ")"
	}
	return s.ID()
}

// Layout returns the layout of the record type with the given code, or nil.
func (s *Standard) Layout(code string) *Layout {
	for _, l := range s.records {
		if l.Code() == code {
			return l
		}
	}
	return nil
}

// IsReturn reports whether this is a return standard (retourinformatie).
func (s *Standard) IsReturn() bool { return s.info.Answers != "" }

// HasEICode reports whether c is one of the standard's EI message codes.
func (s *Standard) HasEICode(c int) bool { return slices.Contains(s.info.EICodes, c) }

// Field-level access to formatted records, for tools that read and patch records without
// knowing their Go types. f is a field of l (as l.Field or l.FieldIndex return it).

// FieldText returns the raw text of field f in rec (no trimming, no conversion).
func FieldText[T ~string | ~[]byte](rec T, f *Field) T { return rec[f.Start-1 : f.End] }

// FieldInt returns N or SN field f of rec as an integer.
func FieldInt[T ~string | ~[]byte](rec T, l *Layout, f *Field) (int64, error) {
	return fixedwidth.FieldInt(rec, l, l.Index(f.Number))
}

// PutInt overwrites N or SN field f of the formatted record rec with v.
func PutInt(rec []byte, l *Layout, f *Field, v int64) error {
	return fixedwidth.PutInt(rec, l, l.Index(f.Number), v)
}

// PutText overwrites AN field f of the formatted record rec with v.
func PutText(rec []byte, l *Layout, f *Field, v string) error {
	return fixedwidth.PutText(rec, l, l.Index(f.Number), v)
}
