package record

import (
	"slices"
	"strconv"
)

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
	info       Info
	records    []*Layout
	newRecord  func(code string) Record
	newRecords func(code string, recs []Record) bool
}

// NewStandard returns a standard (generated code builds them). newRecord returns a new
// typed record of a record code, or nil.
func NewStandard(info Info, records []*Layout, newRecord func(code string) Record) *Standard {
	info.EICodes = slices.Clone(info.EICodes)
	return &Standard{info: info, records: slices.Clone(records), newRecord: newRecord}
}

// WithNewRecords returns a copy of s whose NewRecords makes its records with
// newRecords, which fills recs with new records of one type from one allocation (Batch)
// and reports false for a code the standard has no record type of. Generated code sets it.
func (s *Standard) WithNewRecords(newRecords func(code string, recs []Record) bool) *Standard {
	c := *s
	c.newRecords = newRecords
	return &c
}

// Batch fills recs with pointers to new, empty records of type T, allocated together:
// one allocation for all of them instead of one per record. A record a caller keeps keeps
// the others of its batch alive. For generated code (Standard.WithNewRecords).
func Batch[T any, P interface {
	*T
	Record
}](recs []Record) {
	batch := make([]T, len(recs))
	for i := range recs {
		recs[i] = P(&batch[i])
	}
}

// NewRecords fills recs with new, empty typed records of the given record code, allocated
// together where the standard can (see Batch); it reports false, leaving recs as they
// are, when the standard has no such record type.
func (s *Standard) NewRecords(code string, recs []Record) bool {
	if s.newRecords != nil {
		return s.newRecords(code, recs)
	}
	for i := range recs {
		if recs[i] = s.NewRecord(code); recs[i] == nil {
			clear(recs[:i])
			return false
		}
	}
	return true
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
