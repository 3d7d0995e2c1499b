package validate

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Options steer a validation. The zero value checks a file against its standard, strictly:
// every level, every rule, today's date, at most DefaultMaxFindings findings, no rules of
// one's own.
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
	// Registry recognises the standard from the 01 record: the standards the program
	// handles (ei.NewRegistry(mz301v13.Standard()), q.Registry()), or standards.Registry()
	// for every EI standard of the module, which links all the generated packages. There
	// is no default: nil with a Standard recognises that standard only; nil without one
	// is an error (ErrNoRegistry), as for ei.NewReader.
	Registry *ei.Registry
	// RuleSets are rule sets of one's own or of other formats (a Q standard's, an
	// insurer's checks, return rules). Each runs on the files of the standards it applies
	// to (RuleSet.Standard), after the built-in sets.
	RuleSets []*RuleSet
	// Rules are rules of one's own for every standard, run after every rule set.
	Rules []*Rule
	// Disable switches rules off by id (Rule.ID, as in Finding.Rule): "N5-UNIQUE",
	// "GZ321-N5-0417". An id no rule has is an error (ErrUnknownRule).
	Disable []string
	// Warn makes the findings of the rules with these ids warnings.
	Warn []string
	// Declaration, for a return message, is the declaration it answers (ReadDeclaration):
	// the detail records of the return must then be records of the declaration, with their
	// numbers and record types.
	Declaration *Declaration
	// MaxReferences, when above zero, caps how many reference numbers (referentienummer
	// dit …record) are remembered to check that they are unique in the file (N5-UNIQUE);
	// beyond the cap, uniqueness is not checked (a warning says so), and the numbers stay
	// in memory (10 to 15 bytes each, see MaxSetMemory). Zero checks the WHOLE file,
	// exactly, within MaxSetMemory.
	MaxReferences int
	// MaxSetMemory is how many bytes the two whole-file sets may hold in memory together:
	// the reference numbers of N5-UNIQUE and the keys (BSN, UZOVI-nummer) of the
	// verzekerden of N5-PARENT. Each is held as 64-bit fingerprints (hash/maphash of the
	// value, seeded per run; the reference number without trailing spaces, mixed with a
	// random word of its record type) in an open-addressing set, 8 bytes a slot, at most
	// 4/5 full; the sets grow within the budget as they need (each may take an eighth of
	// it whatever the other holds). Zero means DefaultMaxSetMemory (3 MiB: a generated
	// MZ301 file of about 130 MB, or the official GZ321 content grown to about 125 MB,
	// stays in memory); a negative number holds them in memory whatever the size of the
	// file (10 to 15 bytes per reference number and per verzekerde; more when the file is
	// read from a source of known size whose first part holds more of them than the rest:
	// the sets size their tables for the whole source from the part read).
	//
	// A set that is full spills, sorted, to a temporary file in TempDir and starts
	// afresh; what it cannot answer from memory is settled at the end of the file by
	// merging what it spilled (one sequential read), so the checks stay exact and the
	// memory flat. File puts such a finding where it would have been with the set in
	// memory, with the same cap (MaxFindings) and FailFast: its Report is the same.
	// Validator.Findings yields it at the end of the file instead (a reference number that
	// repeats one spilled before it, N5-UNIQUE; a prestatierecord carrying the key of a
	// verzekerde spilled before it, N5-PARENT 8150), within the cap: it is not yielded
	// when the cap or FailFast stopped the run before the end. The temporary files are
	// removed when the run ends, also on an error or when the caller stops; an error
	// writing or reading them ends the run and is returned (Validator.Err, File), wrapped.
	//
	// Fingerprints, in memory or spilled: two different values share one with a chance
	// of about n²/2⁶⁵ for n values (3·10⁻⁸ for a million); such a pair is taken for the
	// same value (a duplicate reference number; a key of another verzekerde: 8150 instead
	// of 0435/0423). The values themselves are not kept to re-check.
	MaxSetMemory int
	// TempDir is the directory of the temporary files of MaxSetMemory; "" means
	// os.TempDir().
	TempDir string
	// Workers is how many goroutines check the records of one file: 0 or 1 checks it in
	// the calling goroutine (serially), -1 uses runtime.GOMAXPROCS(0) (every core), n > 1
	// uses n. The findings, their order, the cap and FailFast are exactly those of the
	// serial run. A file that says it holds no more than one chunk of the parallel run
	// (256 KiB: a bytes.Reader, a strings.Reader or a regular file that small) is checked
	// serially: the workers would have nothing to do. The serial run checks a file that
	// says it holds more than 1 MiB a chunk at a time (the field checks of a chunk's lines,
	// then the rest), which takes 12-20 % less time than a line at a time on a large file;
	// the findings are the same.
	Workers int
	// StrictUZOVI makes a UZOVI-nummer that is not in the module's copy of the UZOVI
	// register an error (rule N4-UZOVI). By default it is a warning naming the register's
	// date: the register changes, and test files use numbers outside it (9999).
	StrictUZOVI bool
}

// ErrNoRegistry is the error of a validation given neither Options.Registry nor
// Options.Standard; errors.Is(err, ei.ErrNoRegistry) holds too.
var ErrNoRegistry = fmt.Errorf("validate: no Options.Registry and no Options.Standard: %w", ei.ErrNoRegistry)

// registry returns the registry that recognises the standard of a file: Registry, else
// one of Standard alone.
func (o *Options) registry() (*ei.Registry, error) {
	switch {
	case o.Registry != nil:
		return o.Registry, nil
	case o.Standard != nil:
		return ei.NewRegistry(o.Standard)
	}
	return nil, ErrNoRegistry
}

// Defaults of Options.
const (
	DefaultMaxFindings = 1000
)

// Record is one record of a file as the validator sees it: its line, its text and the
// layout its content fits. Parent and Header give the records above it. A Record and its
// text are valid only during the call it is passed to.
//
// A rule hook gets a masked view by default: Text, String and the fmt verbs, JSON and slog
// show the record with its personal data masked (the spec files' personal column; all of
// it after the kenmerk when the record fits no layout). Raw, Int, Date and the like give a
// field as it is, for the checks; RawText the whole record as in the file — personal data
// that must not reach a message, a log or output.
type Record struct {
	Line     int
	text     string         // the record without its line break, as in the file (Latin-1)
	Layout   *record.Layout // the record type
	Standard *record.Standard

	lp *layoutPlan
	// lastNumber and lastIndex keep the last field found (find).
	lastNumber string
	lastIndex  int
	parent     *Record
	header     *Record
	// badKeys marks (by field index, below 64) the fields found to differ from the parent's,
	// so that records under this one are not reported for the same fault.
	badKeys uint64
	// The field checks (checkFields) note, by field index below 64, what the relations and
	// the rules ask of a field again and again: wf, that it holds what its type allows (an
	// N field digits; wellFormed); filled, that it holds a value (an N field of digits not
	// only zeros, an AN field not only spaces). masked says they are noted, for lp.
	wf, filled uint64
	masked     bool
	// dates: the dates the field checks read, when this is the record they checked last.
	dates *dateCache
}

// Code returns the record type ("04").
func (r *Record) Code() string {
	if r.Layout != nil {
		return r.Layout.Code()
	}
	if len(r.text) >= 2 {
		return r.text[:2]
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
		i, own := r.ownIndex(number) // find, without the call
		if !own {
			i = r.findOther(number)
		}
		if i >= 0 {
			return r.raw(i)
		}
		return ""
	}
	if r.Layout == nil {
		return ""
	}
	f := r.Layout.Field(number)
	if f == nil || f.End > len(r.text) {
		return ""
	}
	return r.text[f.Start-1 : f.End]
}

// find returns the index of field number in the record's plan, or -1.
func (r *Record) find(number string) int {
	if i, ok := r.ownIndex(number); ok {
		return i
	}
	return r.findOther(number)
}

// ownIndex finds a field of the record's own type ("0403" in a 04) by its sequence
// number, which costs less than the map: ok is false for a number of another type. It
// calls nothing, so that the compiler inlines it where the accessors find a field, and
// the call of find is saved on the fields rules ask for most.
func (r *Record) ownIndex(number string) (int, bool) {
	lp := r.lp
	if len(number) == 4 && lp.ownKey != 0 && uint16(number[0])|uint16(number[1])<<8 == lp.ownKey {
		if a, b := number[2]-'0', number[3]-'0'; a <= 9 && b <= 9 {
			return int(lp.seq[int(a)*10+int(b)]) - 1, true
		}
	}
	return 0, false
}

// findOther is find of a field of another type, by the map. Rules ask for one field
// several times in a row (Known, Filled, Int): the last answer is kept. (Not inlined:
// the accessors that call it after ownIndex stay small.)
//
//go:noinline
func (r *Record) findOther(number string) int {
	if number == r.lastNumber && number != "" {
		return r.lastIndex
	}
	i, ok := r.lp.index[number]
	if !ok {
		i = -1
	}
	r.lastNumber, r.lastIndex = number, i
	return i
}

func (r *Record) raw(i int) string {
	sp := r.lp.spans[i]
	return r.text[sp.start:sp.end]
}

// Value returns field number as text: an AN field without trailing spaces, converted from
// Latin-1 to UTF-8; an N field as its digits.
func (r *Record) Value(number string) string {
	return record.DecodeText(r.Raw(number))
}

// Filled reports whether the field holds a value: not only spaces (AN), not only zeros (N).
func (r *Record) Filled(number string) bool {
	if r.lp != nil {
		i, own := r.ownIndex(number) // find, without the call
		if !own {
			i = r.findOther(number)
		}
		if i < 0 {
			return false
		}
		if r.masked && i < 64 && r.wf&(1<<i) != 0 {
			return r.filled&(1<<i) != 0
		}
		v := r.raw(i)
		if r.lp.fields[i].numeric {
			for j := 0; j < len(v); j++ {
				if v[j] != ' ' && v[j] != '0' {
					return true
				}
			}
			return false
		}
		return !allSpaces(v)
	}
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
	if r.lp == nil {
		return intOf(r.Raw(number))
	}
	i, own := r.ownIndex(number) // find, without the call
	if !own {
		i = r.findOther(number)
	}
	if i < 0 {
		return 0, false
	}
	sp := r.lp.spans[i]
	if n, end := int(sp.end-sp.start), int(sp.end); n >= 1 && n <= 8 && end >= 8 {
		// One to eight digits (amounts, counts, codes, a soort of two) as one word, as the
		// generated Parse methods read them (record.Num8).
		var v int64
		var bad uint64
		if n <= 4 {
			v, bad = record.DigitsWord4(record.Word(r.text, end), n)
		} else {
			v, bad = record.DigitsWord(record.Word(r.text, end), n)
		}
		if bad != 0 {
			return 0, false
		}
		return v, true
	}
	return intOf(r.text[sp.start:sp.end])
}

// intOf returns s as a number; false when it is empty, longer than 18 or holds a
// non-digit.
func intOf(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

// Date returns a date field; false when the field does not exist, is empty (00000000) or
// does not hold an existing date.
func (r *Record) Date(number string) (record.Date, bool) {
	if r.lp != nil {
		i, own := r.ownIndex(number) // find, without the call
		if !own {
			i = r.findOther(number)
		}
		if i >= 0 {
			return r.dateAt(i)
		}
		return record.Date{}, false
	}
	d, err := civil.ParseEEJJMMDD(r.Raw(number))
	return d, err == nil && d.Valid()
}

// Known reports whether the record has field number and its content is of its type (an N
// field holds digits), so that a relation is not reported on top of a format fault.
func (r *Record) Known(number string) bool {
	if r.lp != nil {
		i, own := r.ownIndex(number) // find, without the call
		if !own {
			i = r.findOther(number)
		}
		return i >= 0 && r.wellFormed(i)
	}
	if r.Layout == nil {
		return false
	}
	f := r.Layout.Field(number)
	if f == nil || f.End > len(r.text) {
		return false
	}
	return f.Type != record.Numeric || isDigits(r.text[f.Start-1:f.End])
}

// Amount returns an amount field, negative when the debet/credit field that signs it
// holds C; false when the field does not exist or is not digits.
func (r *Record) Amount(number string) (record.Money, bool) {
	if r.lp == nil {
		return 0, false
	}
	i, own := r.ownIndex(number) // find, without the call
	if !own {
		i = r.findOther(number)
	}
	if i < 0 || !r.lp.fields[i].numeric || !isDigits(r.raw(i)) {
		return 0, false
	}
	v, err := record.SignedAt(r.text, r.lp.lay, i)
	if err != nil {
		return 0, false
	}
	return money.Cents(v), true
}

// Text returns the record without its line break with its personal data masked: each
// field the layout marks as personal replaced by its mask (record.Personal.Mask, padded to
// the field's length), and everything after the kenmerk when the record fits no layout.
func (r *Record) Text() string {
	if r.Layout == nil {
		if len(r.text) <= 2 {
			return r.text
		}
		return r.text[:2] + strings.Repeat("*", len(r.text)-2)
	}
	b := []byte(r.text)
	for i := 0; i < r.Layout.NumFields(); i++ {
		f := r.Layout.FieldIndex(i)
		if f.Personal == record.NotPersonal || f.End > len(b) {
			continue
		}
		v := string(b[f.Start-1 : f.End])
		if strings.TrimSpace(v) == "" {
			continue
		}
		m := f.Personal.Mask(v)
		switch {
		case f.Personal == record.PersonalBirthDate && f.Length == 8:
			m = v[:4] + "****" // EEJJMMDD: the year
		case len(m) > f.Length:
			m = strings.Repeat("*", f.Length)
		}
		m += strings.Repeat(" ", f.Length-len(m))
		copy(b[f.Start-1:f.End], m)
	}
	return string(b)
}

// RawText returns the record as it is in the file, personal data included: for a check
// that needs the whole record, never for a message, a log or output.
func (r *Record) RawText() string { return r.text }

// String returns the masked view: "line N: <Text>".
func (r *Record) String() string { return "line " + strconv.Itoa(r.Line) + ": " + r.Text() }

// Format prints the masked view (String) for every verb.
func (r *Record) Format(f fmt.State, verb rune) { fmt.Fprint(f, r.String()) }

// MarshalJSON encodes the masked view: line, record type and text.
func (r *Record) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Line   int    `json:"line"`
		Record string `json:"record"`
		Text   string `json:"text"`
	}{r.Line, r.Code(), r.Text()})
}

// LogValue makes slog log the masked view.
func (r *Record) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("line", r.Line), slog.String("record", r.Code()), slog.String("text", r.Text()))
}
