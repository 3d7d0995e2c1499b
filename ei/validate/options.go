package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Options steer a validation. The zero value checks a file against its standard, strictly:
// every level, today's date, at most DefaultMaxFindings findings, no rules of one's own.
type Options struct {
	// Levels to check; the zero value means all of them. A level left out is not run
	// (validation is faster); N1 is always run as far as needed to know the standard.
	Levels LevelSet
	// Today is the date that counts as today for rules such as "not in the future". The
	// zero value means the current date (local time). Set it to make results repeatable.
	Today record.Date
	// MaxFindings caps the findings collected; validation stops when the cap is reached
	// (Report.Truncated). Zero means DefaultMaxFindings, a negative number no cap.
	MaxFindings int
	// FailFast stops at the first error (a warning does not stop).
	FailFast bool
	// Standard, when set, is the standard the file is checked against, instead of the one
	// its 01 record names.
	Standard *record.Standard
	// Registry recognises the standard from the 01 record; nil means standards.Registry().
	Registry *ei.Registry
	// Rules are checks of one's own (an insurer's, a vendor's). They run on every record
	// whose type is known, after the standard's rules. See Rule.
	Rules []Rule
	// MaxReferences caps how many reference numbers (referentienummer dit …record) are
	// remembered to check that they are unique in the file: memory grows by 8 bytes per
	// reference up to the cap, and stays there. Zero means DefaultMaxReferences; beyond the
	// cap, uniqueness is not checked (a warning says so).
	MaxReferences int
}

// Defaults of Options.
const (
	DefaultMaxFindings   = 1000
	DefaultMaxReferences = 1 << 18
)

// Rule is a check of one's own, run on every record whose record type is known, in file
// order, after the standard's rules. A Rule reports through the Reporter; the finding's
// line, record type, field name and position are filled in from the record when left
// empty, its level defaults to N6 and its kind (Err) to ErrCustom.
//
// A Rule that also implements EndRule is told when the file ends, for checks over the
// whole file. A Rule may keep state between records; a new validation does not reset it,
// so give every validation its own Rule values when they keep state.
type Rule interface {
	Check(rec *Record, r *Reporter)
}

// EndRule is implemented by rules that check something at the end of the file.
type EndRule interface {
	End(header *Record, r *Reporter)
}

// RuleFunc adapts a function to a Rule.
type RuleFunc func(rec *Record, r *Reporter)

// Check calls f.
func (f RuleFunc) Check(rec *Record, r *Reporter) { f(rec, r) }

// Reporter takes the findings of a rule about one record (or, in End, the file).
type Reporter struct {
	e   *engine
	rec *Record
}

// Report adds a finding. Empty Line, Record, FieldName and Position are taken from the
// record and its layout; an empty Retourcode becomes the field's own return code, or 0001;
// Level defaults to N6 and Err to ErrCustom. The message must not hold personal data from
// the file.
func (r *Reporter) Report(f Finding) {
	if r.rec != nil {
		if f.Line == 0 {
			f.Line = r.rec.Line
		}
		if f.Record == "" {
			f.Record = r.rec.Code()
		}
		if f.Field != "" && r.rec.Layout != nil {
			if fl := r.rec.Layout.Field(f.Field); fl != nil {
				if f.FieldName == "" {
					f.FieldName = fl.Name
				}
				if f.Position == 0 {
					f.Position = fl.Start
				}
			}
		}
	}
	if f.Retourcode == "" && f.Field != "" && f.FieldName != "" {
		f.Retourcode = fieldRetourcode(f.Record, f.FieldName)
	}
	if f.Retourcode == "" {
		f.Retourcode = "0001"
	}
	if f.Level == 0 {
		f.Level = N6
	}
	if f.Err == nil {
		f.Err = ErrCustom
	}
	r.e.emit(f)
}

// Record is one record of a file as the validator sees it: its line, its text and the
// layout its content fits. Parent and Header give the records above it. A Record and its
// text are valid only during the call it is passed to.
type Record struct {
	Line     int
	Text     string         // the record without its line break, as in the file (Latin-1)
	Layout   *record.Layout // the record type
	Standard *record.Standard

	lp     *layoutPlan
	parent *Record
	header *Record
	// badKeys marks (by field index, below 64) the fields found to differ from the parent's,
	// so that records under this one are not reported for the same fault.
	badKeys uint64
}

// Code returns the record type ("04").
func (r *Record) Code() string {
	if r.Layout != nil {
		return r.Layout.Code()
	}
	if len(r.Text) >= 2 {
		return r.Text[:2]
	}
	return ""
}

// Parent returns the record this one belongs to: the 02 of a 03 or 04, the 04 of a 06, 16
// or 17, the record a 98 comments on; nil for the 01 and 99 and when there is none.
func (r *Record) Parent() *Record { return r.parent }

// Header returns the 01 voorlooprecord of the file (nil when it could not be read).
func (r *Record) Header() *Record { return r.header }

// Raw returns the positions of field number ("0403") as they are in the file, or "" when
// the record has no such field.
func (r *Record) Raw(number string) string {
	if r.lp != nil {
		if i, ok := r.lp.index[number]; ok {
			return r.raw(i)
		}
		return ""
	}
	if r.Layout == nil {
		return ""
	}
	f := r.Layout.Field(number)
	if f == nil || f.End > len(r.Text) {
		return ""
	}
	return r.Text[f.Start-1 : f.End]
}

func (r *Record) raw(i int) string {
	fp := &r.lp.fields[i]
	return r.Text[fp.start:fp.end]
}

// Value returns field number as text: an AN field without trailing spaces, converted from
// Latin-1 to UTF-8; an N field as its digits.
func (r *Record) Value(number string) string {
	return record.DecodeText(r.Raw(number))
}

// Filled reports whether the field holds a value: not only spaces (AN), not only zeros (N).
func (r *Record) Filled(number string) bool {
	s := r.Raw(number)
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '0' {
			return true
		}
	}
	if r.Layout != nil {
		if f := r.Layout.Field(number); f != nil && f.Type == record.Alphanumeric {
			for i := 0; i < len(s); i++ {
				if s[i] != ' ' {
					return true
				}
			}
		}
	}
	return false
}

// Int returns an N field as a number; false when the field does not exist or holds a
// non-digit.
func (r *Record) Int(number string) (int64, bool) {
	s := r.Raw(number)
	if s == "" || !isDigits(s) || len(s) > 18 {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// Date returns a date field; false when the field does not exist, is empty (00000000) or
// does not hold an existing date.
func (r *Record) Date(number string) (record.Date, bool) {
	d, err := record.ParseEEJJMMDD(r.Raw(number))
	return d, err == nil && d.Valid()
}
