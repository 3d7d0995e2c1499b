package specfile

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Formats a spec file can describe.
const (
	// FormatEI is the Vektis EI form (EI and Q standards): records framed by line breaks,
	// a two-digit record code in positions 1-2, four-digit field numbers that start with
	// the record code, one record length, a 01 record naming the EI message code.
	FormatEI = "ei"
	// FormatFixed is any other fixed-width form (VSB/eFact): free-form field ids, a record
	// code at a chosen position and width, framing by line break or by fixed length, and
	// record lengths that may differ per record type.
	FormatFixed = "fixed"
)

// FramingPositional is the framing of segments that a message holds at known places.
const FramingPositional = "positional"

// Spec is a spec file in memory: the facts of a layout sheet, mutable, for the tools that
// read, repair and generate from them (gen, internal/transcribe, internal/berimport). The run-time
// form is record.Standard (EI) or record.Format, which cannot be changed.
type Spec struct {
	record.Info // standard code, name, EI codes, version, record length, status, source, answers

	Format    string // FormatEI ("" means FormatEI) or FormatFixed
	Breaks    bool   // FormatFixed: records end with a line break (FormatEI always has them)
	CodeStart int    // FormatFixed: 1-based position of the record code (FormatEI: 1)
	CodeWidth int    // FormatFixed: width of the record code (FormatEI: 2)
	// Positional: FormatFixed segments known by their place in a message (framing:
	// positional), not by a code in the record: the record column only names them.
	Positional bool
	Records    []Layout
}

// Layout is one record type of a Spec.
type Layout struct {
	Code   string
	Name   string
	GoName string
	Fields []record.Field
}

// IsEI reports whether the spec is of the EI form.
func (s *Spec) IsEI() bool { return s.Format == "" || s.Format == FormatEI }

// VersionString returns the version as written in Vektis documents, e.g. "1.0".
func (s *Spec) VersionString() string {
	return strconv.Itoa(s.Version) + "." + strconv.Itoa(s.Subversion)
}

// ID returns "CODE@VERSION", e.g. "GZ321@1.0".
func (s *Spec) ID() string { return s.Code + "@" + s.VersionString() }

// IsReturn reports whether this is a return standard.
func (s *Spec) IsReturn() bool { return s.Answers != "" }

// Layout returns the record type with the given code, or nil.
func (s *Spec) Layout(code string) *Layout {
	for i := range s.Records {
		if s.Records[i].Code == code {
			return &s.Records[i]
		}
	}
	return nil
}

// Layouts returns the run-time layouts of the record types.
func (s *Spec) Layouts() []*record.Layout {
	out := make([]*record.Layout, len(s.Records))
	for i := range s.Records {
		out[i] = s.Records[i].Runtime()
	}
	return out
}

// Standard returns the run-time form of an EI spec (without typed records).
func (s *Spec) Standard() *record.Standard {
	return record.NewStandard(s.Info, s.Layouts(), nil)
}

// RuntimeFormat returns the run-time form of the spec as a record.Format (without
// typed records or check function).
func (s *Spec) RuntimeFormat() *record.Format {
	f := &record.Format{Name: s.ID(), Layouts: s.Layouts(), CodeStart: 1, CodeWidth: 2, Breaks: true}
	if !s.IsEI() {
		f.CodeStart, f.CodeWidth, f.Breaks = s.CodeStart, s.CodeWidth, s.Breaks
	}
	return f
}

// Runtime returns the run-time layout.
func (l *Layout) Runtime() *record.Layout {
	return record.NewLayout(l.Code, l.Name, l.GoName, l.Fields)
}

// Length returns the record length the layout covers.
func (l *Layout) Length() int {
	if len(l.Fields) == 0 {
		return 0
	}
	return l.Fields[len(l.Fields)-1].End
}

// Field returns the field with the given id ("0403" or "403"), or nil.
func (l *Layout) Field(number string) *record.Field {
	if len(number) == 3 {
		if f := l.Field("0" + number); f != nil {
			return f
		}
	}
	for i := range l.Fields {
		if l.Fields[i].Number == number {
			return &l.Fields[i]
		}
	}
	return nil
}

// Role returns the first field with the given role, or nil.
func (l *Layout) Role(r record.Role) *record.Field {
	for i := range l.Fields {
		if l.Fields[i].Role == r {
			return &l.Fields[i]
		}
	}
	return nil
}

// IsDetail reports whether records of this type are numbered through the file.
func (l *Layout) IsDetail() bool { return l.Role(record.RoleDetailID) != nil }

// String returns the ID, with the status when it is not official.
func (s *Spec) String() string {
	if s.Status != record.StatusOfficial && s.Status != "" {
		return s.ID() + " (" + string(s.Status) + ")"
	}
	return s.ID()
}
