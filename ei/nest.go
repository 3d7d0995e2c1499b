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
	// their comments.
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
	ParentVerzekerde               // the open 02: its 03 and 04 records
	ParentPrestatie                // the open 04: its detail records
	ParentRecord                   // the record before it: a 98 comment record
)

// Step is where Nester.Place put one record and what it opened and closed.
type Step struct {
	Events  Event
	Level   Level  // the record's level; a comment has the level of the record it comments on
	Parent  Parent // what the record belongs to
	Comment bool   // a 98 commentaarrecord
	// Err, when set, says why the record cannot be placed (it wraps ErrOrder): a record
	// before the 01 or after the 99, a second 01, a record under a 04 without one. The
	// nesting is then left as it was.
	Err error
}

// Nester places the records of an EI file one at a time in the nesting of the standard:
// 01 voorlooprecord; per verzekerde a 02 with its 03 debiteurrecords and 04 prestaties,
// each 04 with its detail records; 98 commentaarrecords under the record before them;
// 99 sluitrecord. It holds no records, only where the file is: a reader of any size
// nests with constant memory. ReadFile and the return writer (ei/retour, in memory and
// streaming) place records with it, so the nesting of the standard is written down once.
//
// The zero Nester is ready for the first record of a file.
type Nester struct {
	seen01, seen99 bool
	inVerzekerde   bool
	inPrestatie    bool
	last           Level // level of the last record placed, for the next comment
}

// Place places the next record of the file, of record type code ("01", "02", …).
func (n *Nester) Place(code string) Step {
	switch {
	case n.seen99:
		return Step{Err: fmt.Errorf("%w: record %s after the 99 sluitrecord", ErrOrder, code)}
	case code == record.CodeVoorloop:
		if n.seen01 {
			return Step{Err: fmt.Errorf("%w: a second 01 voorlooprecord", ErrOrder)}
		}
		n.seen01, n.last = true, LevelFile
		return Step{Level: LevelFile}
	case !n.seen01:
		return Step{Err: fmt.Errorf("%w: the first record must be the 01 voorlooprecord", ErrOrder)}
	case code == record.CodeSluit:
		st := Step{Events: n.closeAll(), Level: LevelFile}
		n.seen99, n.last = true, LevelFile
		return st
	case code == record.CodeCommentaar:
		return Step{Level: n.last, Parent: ParentRecord, Comment: true}
	case code == record.CodeVerzekerde:
		st := Step{Events: n.closeAll() | OpenVerzekerde, Level: LevelVerzekerde}
		n.inVerzekerde, n.last = true, LevelVerzekerde
		return st
	case code == record.CodeDebiteur && n.inVerzekerde:
		n.last = LevelVerzekerde
		return Step{Level: LevelVerzekerde, Parent: ParentVerzekerde}
	case code == record.CodePrestatie:
		st := Step{Events: OpenPrestatie, Level: LevelPrestatie}
		if n.inPrestatie {
			st.Events |= ClosePrestatie
		}
		if n.inVerzekerde {
			st.Parent = ParentVerzekerde
		}
		n.inPrestatie, n.last = true, LevelPrestatie
		return st
	case n.inPrestatie:
		n.last = LevelDetail
		return Step{Level: LevelDetail, Parent: ParentPrestatie}
	}
	return Step{Err: fmt.Errorf("%w: record %s outside a prestatie", ErrOrder, code)}
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
