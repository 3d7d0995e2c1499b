package ei

import (
	"fmt"
	"io"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Level is where a record sits in the nesting of an EI file.
type Level uint8

// The levels of the nesting, from the file down.
const (
	// LevelFile: the 01 and 99 records, and comment records before the first detail record.
	LevelFile Level = iota
	// LevelVerzekerde: a 02 verzekerdenrecord, its 03 debiteurrecords and their comments.
	LevelVerzekerde
	// LevelPrestatie: a 04 prestatierecord and its comments.
	LevelPrestatie
	// LevelDetail: the records under a 04 (tarief, zorgactiviteit, … : 06, 16, 17, …) and
	// their comments; in a standard without 04 records, the records under the 02.
	LevelDetail
)

// Event is a set of changes to the open groups that one record brings about. A group is
// a verzekerde (a 02 with everything under it) or a prestatie (a 04 with its comments and
// detail records). The close events of a record come before its open events: a 02 first
// closes the open prestatie and verzekerde, then opens its own.
type Event uint8

// The events of Step.Events.
const (
	// ClosePrestatie: the open prestatie group ends before this record.
	ClosePrestatie Event = 1 << iota
	// CloseVerzekerde: the open verzekerde group ends before this record.
	CloseVerzekerde
	// OpenVerzekerde: this record (a 02) opens a verzekerde group.
	OpenVerzekerde
	// OpenPrestatie: this record (a 04) opens a prestatie group, under the open verzekerde
	// or, in a file without one (standards without 02 records), at file level.
	OpenPrestatie
)

// Parent is what a record hangs under.
type Parent uint8

// The parents of Step.Parent.
const (
	ParentFile       Parent = iota // the file itself: 01, 99, a 02, a 04 without 02
	ParentVerzekerde               // the open 02: its 03 and 04 records (and, in a standard without 04 records, its detail records)
	ParentPrestatie                // the open 04: its detail records
	// ParentRecord: the record before it, for a 98 commentaarrecord. A lenient Nester
	// hangs a 98 under the last record before it other than 01, 99 and 98.
	ParentRecord
	// ParentNone: nothing. A lenient Nester places a record out of place whose parent is
	// not open (a detail record without a 04, a 03 without a 02, a 98 without a record to
	// comment on) with no parent.
	ParentNone
)

// Fault is what is out of order about a record, as a lenient Nester reports it in
// Step.Fault; it may hold more than one. A strict Nester refuses such a record (Step.Err)
// instead.
type Fault uint8

// The faults of Step.Fault.
const (
	// FaultFirst: a record before the 01: a file starts with its 01 voorlooprecord.
	FaultFirst Fault = 1 << iota
	// FaultVoorloop: a 01 that is not the first record of the file (a second 01).
	FaultVoorloop
	// FaultSluit: a second 99 sluitrecord.
	FaultSluit
	// FaultAfterSluit: a record after the 99 sluitrecord (a 01 or 99 after it is
	// FaultVoorloop or FaultSluit). A lenient Nester places the records after the 99 as if
	// they were in a file of their own: its groups are closed.
	FaultAfterSluit
	// FaultComment: a 98 commentaarrecord with no record before it to comment on (none but
	// the 01).
	FaultComment
	// FaultNo02: a 03 or 04 outside a verzekerde, in a standard with 02 records
	// (NestOptions.Standard).
	FaultNo02
	// FaultNo04: a detail record outside a prestatie, in a standard with 04 records.
	FaultNo04
)

// Step is where Nester.Place put one record and what it opened and closed.
type Step struct {
	Events  Event
	Level   Level  // the record's level; a comment has the level of the record it comments on
	Parent  Parent // what the record belongs to
	Comment bool   // a 98 commentaarrecord
	// Fault, set by a lenient Nester only, says what is out of order about the record,
	// which it placed all the same.
	Fault Fault
	// Err, set by a strict Nester only, says why the record cannot be placed (it wraps
	// ErrOrder): a record before the 01 or after the 99, a second 01, a record under a 04
	// without one, a 03 or 04 without a 02 in a standard with 02 records. The nesting is
	// then left as it was.
	Err error
}

// NestOptions change how a Nester places records. The zero value is the strict nesting
// ReadFile and the return writer use, without knowledge of the standard.
type NestOptions struct {
	// Standard is the standard of the file. With it, a 03 or 04 outside a verzekerde is out
	// of place when the standard has 02 records (FaultNo02), and in a standard without 04
	// records the detail records hang under the 02 (ParentVerzekerde, LevelDetail; at file
	// level when no 02 is open). Without it, a 04 outside a verzekerde is taken as one of
	// a standard without 02 records, a 03 outside a verzekerde as a record under the 04,
	// and detail records need a 04.
	Standard *record.Standard
	// Lenient places a record that is out of order all the same, as a validator does to go
	// on and report the rest of the file: Step.Fault says what is wrong and Step.Err stays
	// nil. A record hangs where its type hangs when that is open, else nowhere
	// (ParentNone); a 98 with nothing to comment on hangs nowhere (FaultComment), where a
	// strict Nester hangs it under the 01.
	Lenient bool
}

// Nester places the records of an EI file one at a time in the nesting of the standard:
// 01 voorlooprecord; per verzekerde a 02 with its 03 debiteurrecords and 04 prestaties,
// each 04 with its detail records; 98 commentaarrecords under the record before them;
// 99 sluitrecord. It holds no records, only where the file is: a reader of any size
// nests with constant memory. ReadFile, the return writer (ei/retour, in memory and
// streaming) and the validator (ei/validate, lenient) place records with it, so the
// nesting of the standard is written down once.
//
// The zero Nester is strict (NestOptions{}) and ready for the first record of a file.
type Nester struct {
	opts NestOptions
	// known: opts.Standard is set, and no02/no04 say which of 02 and 04 it lacks.
	known, no02, no04 bool

	seen01, seen99 bool
	placed         bool // a record other than 01 and 99 was placed
	commentable    bool // a record other than 01, 99 and 98 was placed (lenient: what a 98 hangs under)
	inVerzekerde   bool
	inPrestatie    bool
	last           Level // level of the last record placed, for the next comment
}

// NewNester returns a Nester for the first record of a file, placing records as opts say.
func NewNester(opts NestOptions) *Nester {
	n := &Nester{opts: opts}
	if s := opts.Standard; s != nil {
		n.known = true
		n.no02 = s.Layout(record.CodeVerzekerde) == nil
		n.no04 = s.Layout(record.CodePrestatie) == nil
	}
	return n
}

// Place places the next record of the file, of record type code ("01", "02", …).
func (n *Nester) Place(code string) Step { return n.PlaceAs(code, code) }

// PlaceAs places a record whose kenmerk names record type code but whose fields are those
// of record type content, as a validator reads a record by the layout it fits: whether it
// is in order is judged by its kenmerk (Step.Fault, Step.Err), where it hangs and what it
// opens and closes by its content. Place(code) is PlaceAs(code, code).
func (n *Nester) PlaceAs(code, content string) (st Step) {
	k, kc := kindOf(code), kindOf(content)
	if n.opts.Lenient {
		st.Fault = n.faults(k)
		n.nest(kc, &st)
		n.seen(k)
		return st
	}
	if err := n.refuse(code, k); err != nil {
		return Step{Err: err}
	}
	before := *n
	n.nest(kc, &st)
	if st.Parent == ParentNone {
		*n = before // refused, the nesting left as it was
		what := "a prestatie"
		if n.known && k == kindDebiteur {
			what = "a verzekerde"
		}
		return Step{Err: fmt.Errorf("%w: record %s outside %s", ErrOrder, code, what)}
	}
	n.seen(k)
	return st
}

// kind is a record type as the nesting knows it.
type kind uint8

const (
	kindDetail     kind = iota // any record type but those below: one under a 04
	kindVoorloop               // 01
	kindVerzekerde             // 02
	kindDebiteur               // 03
	kindPrestatie              // 04
	kindComment                // 98
	kindSluit                  // 99
)

// kindOf returns the kind of record type code (record.CodeVoorloop, …).
func kindOf(code string) kind {
	if len(code) != 2 {
		return kindDetail
	}
	switch uint16(code[0])<<8 | uint16(code[1]) {
	case '0'<<8 | '1':
		return kindVoorloop
	case '0'<<8 | '2':
		return kindVerzekerde
	case '0'<<8 | '3':
		return kindDebiteur
	case '0'<<8 | '4':
		return kindPrestatie
	case '9'<<8 | '8':
		return kindComment
	case '9'<<8 | '9':
		return kindSluit
	}
	return kindDetail
}

// seen notes a record whose kenmerk is of kind k: the order is the kenmerk's, so a record
// read as a 01 or 99 is not the file's 01 or 99.
func (n *Nester) seen(k kind) {
	switch k {
	case kindVoorloop:
		n.seen01 = true
	case kindSluit:
		n.seen99 = true
	}
}

// refuse returns why a strict Nester does not place a record of type code before looking
// where it would hang.
func (n *Nester) refuse(code string, k kind) error {
	switch {
	case n.seen99:
		return fmt.Errorf("%w: record %s after the 99 sluitrecord", ErrOrder, code)
	case k == kindVoorloop && n.seen01:
		return fmt.Errorf("%w: a second 01 voorlooprecord", ErrOrder)
	case k != kindVoorloop && !n.seen01:
		return fmt.Errorf("%w: the first record must be the 01 voorlooprecord", ErrOrder)
	case n.known && !n.no02 && !n.inVerzekerde && (k == kindDebiteur || k == kindPrestatie):
		return fmt.Errorf("%w: record %s outside a verzekerde", ErrOrder, code)
	}
	return nil
}

// faults returns what is out of order about a record of kind k placed next.
func (n *Nester) faults(k kind) Fault {
	var f Fault
	switch k {
	case kindVoorloop:
		if n.seen01 || n.placed || n.seen99 {
			f |= FaultVoorloop
		}
		return f
	case kindSluit:
		if n.seen99 {
			f |= FaultSluit
		}
	}
	if !n.seen01 {
		f |= FaultFirst
	}
	if k == kindSluit {
		return f
	}
	if n.seen99 {
		f |= FaultAfterSluit
	}
	switch k {
	case kindVerzekerde:
	case kindComment:
		if !n.commentable {
			f |= FaultComment
		}
	case kindDebiteur, kindPrestatie:
		if n.known && !n.no02 && !n.inVerzekerde {
			f |= FaultNo02
		}
	default:
		if !n.no04 && !n.inPrestatie {
			f |= FaultNo04
		}
	}
	return f
}

// nest places a record of kind k: the nesting after it (the 01 and 99 seen are set by
// PlaceAs), and its events, level, parent and whether it is a comment into st.
func (n *Nester) nest(k kind, st *Step) {
	switch k {
	case kindVoorloop:
		n.last, st.Level = LevelFile, LevelFile
		return
	case kindSluit:
		st.Events, st.Level = n.closeAll(), LevelFile
		n.last = LevelFile
		return
	case kindComment:
		n.placed = true
		st.Level, st.Parent, st.Comment = n.last, ParentRecord, true
		if n.opts.Lenient && !n.commentable {
			st.Parent = ParentNone
		}
		return
	}
	n.placed, n.commentable = true, true
	switch {
	case k == kindVerzekerde:
		st.Events, st.Level = n.closeAll()|OpenVerzekerde, LevelVerzekerde
		n.inVerzekerde, n.last = true, LevelVerzekerde
		return
	case k == kindDebiteur && (n.inVerzekerde || n.known):
		n.last, st.Level, st.Parent = LevelVerzekerde, LevelVerzekerde, ParentNone
		if n.inVerzekerde {
			st.Parent = ParentVerzekerde
		}
		return
	case k == kindPrestatie:
		st.Events, st.Level = OpenPrestatie, LevelPrestatie
		if n.inPrestatie {
			st.Events |= ClosePrestatie
		}
		if n.inVerzekerde {
			st.Parent = ParentVerzekerde
		}
		n.inPrestatie, n.last = true, LevelPrestatie
		return
	}
	n.last, st.Level = LevelDetail, LevelDetail
	switch {
	case n.inPrestatie:
		st.Parent = ParentPrestatie
	case n.no04 && n.inVerzekerde:
		st.Parent = ParentVerzekerde
	case n.no04:
		st.Parent = ParentFile
	default:
		st.Parent = ParentNone
	}
}

// closeAll closes the open groups.
func (n *Nester) closeAll() Event {
	var ev Event
	if n.inPrestatie {
		ev |= ClosePrestatie
	}
	if n.inVerzekerde {
		ev |= CloseVerzekerde
	}
	n.inPrestatie, n.inVerzekerde = false, false
	return ev
}

// End ends the file: it closes the groups still open (a file cut off before its 99) and
// returns an error wrapping io.ErrUnexpectedEOF when the file has no 01 or no 99 record.
func (n *Nester) End() (Event, error) {
	ev := n.closeAll()
	switch {
	case !n.seen01:
		return ev, fmt.Errorf("%w: the file has no 01 voorlooprecord", io.ErrUnexpectedEOF)
	case !n.seen99:
		return ev, fmt.Errorf("%w: the file has no 99 sluitrecord", io.ErrUnexpectedEOF)
	}
	return ev, nil
}
