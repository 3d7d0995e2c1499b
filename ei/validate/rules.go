package validate

import (
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// standardRules are what one standard adds to the checks every standard gets from its
// layout: value restrictions and conditions the BER states in its Constraints/condities
// column (which the spec files do not carry), written in the project's own words and code.
type standardRules struct {
	// allowed narrows a field's values (N4) to what the BER's constraint text allows; it
	// also serves for fields "reserved for future use" that must stay empty ("0" for an N
	// field, "-" for an empty AN field).
	allowed map[string]allowedValues
	// required are conditional fields that must be filled in every file VECOZO accepts
	// (N3), with the reason.
	required map[string]string
	// zeroOK are mandatory N fields for which zero is a value (not "not filled").
	zeroOK map[string]bool
	// notFuture are date fields that may not lie after today, besides the common ones.
	notFuture map[string]bool
	// newState returns the state of the standard's relations (N5) for one file, or nil.
	newState func() ruleState
}

type allowedValues struct{ values, why string }

// ruleState runs a standard's relations (N5) as the file streams by.
type ruleState interface {
	// record is called for every record whose type is known, after the common checks.
	record(e *engine, rec *Record)
	// closePrestatie is called when the records under a 04 prestatierecord have all been
	// read (at the next 04, 02, 99 or the end of the file).
	closePrestatie(e *engine, prestatie *Record)
	// end is called at the end of the file.
	end(e *engine)
}

// ruleSets are the standards with rules of their own, by standard code.
var ruleSets = map[string]func(*record.Standard) *standardRules{
	"GZ321": gz321Rules,
	"MZ301": mz301Rules,
	"EI181": ei181Rules,
	"AP304": ap304Rules,
	"EP301": ep301Rules,
	"AW319": aw319Rules,
	"ZH308": zh308Rules,
}

func rulesFor(std *record.Standard) *standardRules {
	if f, ok := ruleSets[std.Code()]; ok {
		if r := f(std); r != nil {
			return r
		}
	}
	return &standardRules{}
}

// Helpers for the standards' rules. Fields are named by number; a field the layout does
// not have makes the rule a no-op, so that a rule written for one version does no harm in
// another.

// idx returns the index of field number in the record's layout, or -1.
func (rec *Record) idx(number string) int {
	if i, ok := rec.lp.index[number]; ok {
		return i
	}
	return -1
}

// has reports whether the record has the field and it is filled (not zeros/spaces);
// ok is false when the field is missing or not well-formed, so that no relation is
// reported on top of a format fault.
func (rec *Record) has(number string) (filled, ok bool) {
	i := rec.idx(number)
	if i < 0 || !rec.wellFormed(i) {
		return false, false
	}
	return rec.filledAt(i), true
}

// num returns an N field as a number; ok is false when missing or not digits.
func (rec *Record) num(number string) (int64, bool) {
	i := rec.idx(number)
	if i < 0 || !rec.lp.fields[i].numeric {
		return 0, false
	}
	v := rec.raw(i)
	if !isDigits(v) {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// date returns a date field; ok is false when missing, empty or not an existing date.
func (rec *Record) date(number string) (record.Date, bool) {
	i := rec.idx(number)
	if i < 0 {
		return record.Date{}, false
	}
	return rec.dateAt(i)
}

// text returns a field without trailing spaces, "" when missing.
func (rec *Record) text(number string) string {
	i := rec.idx(number)
	if i < 0 {
		return ""
	}
	return strings.TrimRight(rec.raw(i), " ")
}

// fail reports that field number of rec breaks the standard's rule id (N5).
func (e *engine) fail(rec *Record, number, id, retour string, err error, msg string) {
	e.report(N5, id, rec, rec.idx(number), retour, err, msg)
}

// mustBeFilled and mustBeEmpty report a conditional field that does not follow its
// condition.
// The reason is given in parts, joined only when there is something to report.
func (e *engine) mustBeFilled(rec *Record, number, id, retour string, because ...string) {
	if filled, ok := rec.has(number); ok && !filled {
		e.fail(rec, number, id, retour, ErrRelation, "must be filled "+strings.Join(because, ""))
	}
}

func (e *engine) mustBeEmpty(rec *Record, number, id, retour string, because ...string) {
	if filled, ok := rec.has(number); ok && filled {
		e.fail(rec, number, id, retour, ErrRelation, "must not be filled "+strings.Join(because, ""))
	}
}

// sameAs reports field a of rec when it differs from field b of other.
func (e *engine) sameAs(rec *Record, a string, other *Record, b, id, retour string, because ...string) {
	i, j := rec.idx(a), other.idx(b)
	if i < 0 || j < 0 || !rec.wellFormed(i) || !other.wellFormed(j) {
		return
	}
	if rec.raw(i) != other.raw(j) {
		where := "of this record"
		if other != rec {
			where = "of the " + strings.ToLower(other.lp.lay.Name()) + " on line " + strconv.Itoa(other.Line)
		}
		e.fail(rec, a, id, retour, ErrRelation, "must equal field "+other.fieldName(j)+" "+where+" "+strings.Join(because, ""))
	}
}

// daysInclusive returns the number of days from b to e, both included.
func daysInclusive(b, e record.Date) int64 {
	return int64(e.Time().Sub(b.Time()).Hours()/24) + 1
}

func allow(values, why string) allowedValues { return allowedValues{values, why} }

// commonAllowed are restrictions every official BER here states in the same words (GZ321,
// MZ301, EI181, AP304, EP301, AW319, ZH308), by record type and field name.
var commonAllowed = map[string]allowedValues{
	// "Hier alleen code '1' (= mannelijk) of code '2' (= vrouwelijk) vullen."
	"02|CODE GESLACHT VERZEKERDE": allow("1 2", "the BER allows only 1 (man) and 2 (vrouw) here"),
	// "Waarde '1' vullen."
	"02|NAAMCODE/NAAMGEBRUIK (01)": allow("1", "the BER asks for 1 (eigen naam) here"),
	// "Waarde '2' of '0' (indien verzekerde geen partner heeft …) vullen."
	"02|NAAMCODE/NAAMGEBRUIK (02)": allow("0 2", "the BER allows 2 (naam echtgenoot/partner) or 0 (no partner) here"),
	// "Toegestane waarden: '1', '2', '3' en '4'. Indien niet relevant, dan vullen met '0'."
	"02|NAAMCODE/NAAMGEBRUIK (03)": allow("0 1 2 3 4", "the BER allows 1 to 4, or 0 when not relevant"),
	// "indien bekend de waarde '1' of '2' vullen. Indien het gegeven niet bekend is '0'."
	"03|CODE GESLACHT DEBITEUR":    allow("0 1 2", "the BER allows 1 (man), 2 (vrouw) or 0 (not known) here"),
	"03|NAAMCODE/NAAMGEBRUIK (01)": allow("1", "the BER asks for 1 (eigen naam) here"),
	"03|NAAMCODE/NAAMGEBRUIK (02)": allow("0 2", "the BER allows 2 (naam echtgenoot/partner) or 0 (no partner) here"),
	// "Toegestane waarden: '1', '2', '3' en '4'."
	"03|NAAMCODE/NAAMGEBRUIK (03)": allow("1 2 3 4", "the BER allows 1 to 4 here"),
}
