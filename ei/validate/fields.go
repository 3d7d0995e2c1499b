package validate

import (
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// checkFields runs the field checks (N3 format, N4 allowed values) on every field of the
// record but the kenmerk, adding findings to e.pending. It returns the number of "hard"
// faults: content that does not fit the layout at all (a non-digit in an N field, text in
// a reserve). Those tell whether a record is of the type its kenmerk says.
//
// It runs the layout's compiled checks (layoutPlan.ops): a field whose content passes its
// op in one step has nothing to report; any other field gets the full checks
// (checkField), which report what is wrong.
func (e *engine) checkFields(rec *Record) (hard int) {
	lp := rec.lp
	// The masks of the record (Record.wf, filled), noted on the way; the kenmerk (field 0)
	// is noted as it is.
	var wf, filled uint64
	// The dates found on the way are kept for the rules (dateCache).
	dc := &e.dates
	ds := &dc.slots[lp.dateSlot]
	ds.line, ds.lp, ds.has, ds.valid = rec.Line, lp, 0, 0
	rec.dates = dc
	if k := rec.raw(0); !lp.fields[0].numeric || isDigits(k) {
		wf = 1
		if lp.fields[0].numeric && !allZero(k) || !lp.fields[0].numeric && !allSpaces(k) {
			filled = 1
		}
	}
	if lp.ops == nil {
		for i := 1; i < len(lp.fields); i++ {
			w, f, h := e.checkField(rec, i)
			wf, filled, hard = wf|w, filled|f, hard+h
		}
		rec.wf, rec.filled, rec.masked = wf, filled, true
		return hard
	}
	text := rec.text
	if len(text) < lp.lay.Length() {
		// Shorter than its layout (fieldPlan positions hold): no word can be read past
		// the end; byte by byte.
		for i := 1; i < len(lp.fields); i++ {
			w, f, h := e.checkField(rec, i)
			wf, filled, hard = wf|w, filled|f, hard+h
		}
		rec.wf, rec.filled, rec.masked = wf, filled, true
		return hard
	}
	// Every AN field is well-formed, whatever it holds.
	wf |= lp.textMask
	if !lp.split {
		w, f, _, h := e.runOps(rec, lp.ops, false)
		rec.wf, rec.filled, rec.masked = wf|w, filled|f, true
		return h
	}
	// The fields that do not pass their op in one step (a bit each), for the full checks
	// in field order after the loops.
	var slow uint64
	for i := range lp.numWords {
		op := &lp.numWords[i]
		x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
		switch {
		case !digitWord(x):
			slow |= op.bit
		case x != '0'*ones:
			wf |= op.bit
			filled |= op.bit
		case op.emptyOK:
			wf |= op.bit
		default:
			slow |= op.bit
		}
	}
	for i := range lp.textWords {
		op := &lp.textWords[i]
		// Spaces for the bytes beyond the field: neither a control character nor a value.
		x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
		switch {
		case x&highBits != 0:
			// Latin-1: byte by byte (not all spaces either).
			if plainText(text[op.start:op.end]) {
				filled |= op.bit
			} else {
				slow |= op.bit
			}
		case x == ' '*ones:
			if !op.emptyOK {
				slow |= op.bit
			}
		case byte(x) != ' ' && !controlWord(x):
			filled |= op.bit
		default:
			slow |= op.bit
		}
	}
	for i := range lp.codeWords {
		op := &lp.codeWords[i]
		x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
		switch {
		case !digitWord(x):
			slow |= op.bit
		case x == '0'*ones:
			if op.emptyOK {
				wf |= op.bit
			} else {
				slow |= op.bit
			}
		default:
			// The same word as the last one of this op that was in its set (codeCache), or
			// a number in the set.
			c := &e.codes[lp.dateSlot][op.index&63]
			if c.x == x && c.op == op {
				wf |= op.bit
				filled |= op.bit
				continue
			}
			if !numSet(op.set).has(text[op.start:op.end]) {
				slow |= op.bit
				continue
			}
			c.x, c.op = x, op
			wf |= op.bit
			filled |= op.bit
		}
	}
	// The dates read, noted in the slot (ds.has, ds.valid) after the loop.
	var read uint64
	for i := range lp.dateWords {
		op := &lp.dateWords[i]
		x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
		if !digitWord(x) {
			slow |= op.bit
			continue
		}
		if x == '0'*ones {
			if op.emptyOK {
				wf |= op.bit
			} else {
				slow |= op.bit
			}
			continue
		}
		// A date of the field's slot read before (dateCache.seen), or one read now that
		// exists (from 1800).
		j := op.index & 63
		d := dc.seenDate[j]
		if dc.seen[j] != x {
			if d = civil.FromWord(word(text, int(op.start))); d.Year < 1800 || !d.Valid() {
				slow |= op.bit
				continue
			}
			dc.seen[j], dc.seenDate[j] = x, d
		}
		if op.notFuture && d.After(e.today) {
			slow |= op.bit
			continue
		}
		read |= op.bit
		ds.d[j] = d
	}
	ds.has |= read
	ds.valid |= read
	wf |= read
	filled |= read
	for i := range lp.oneBytes {
		op := &lp.oneBytes[i]
		switch c := text[op.start]; {
		case (*byteSet)(op.set).has(c):
			filled |= op.bit
		case c == ' ' && op.emptyOK:
		default:
			slow |= op.bit
		}
	}
	for i := range lp.numWords2 {
		op := &lp.numWords2[i]
		x, y := word(text, int(op.at)), word(text, int(op.at2))
		switch {
		case !digitWord(x) || !digitWord(y):
			slow |= op.bit
		case x != '0'*ones || y != '0'*ones:
			wf |= op.bit
			filled |= op.bit
		case op.emptyOK:
			wf |= op.bit
		default:
			slow |= op.bit
		}
	}
	for i := range lp.textWords2 {
		op := &lp.textWords2[i]
		x, y := word(text, int(op.at)), word(text, int(op.at2))
		switch {
		case (x|y)&highBits != 0:
			// Latin-1: byte by byte (not all spaces either).
			if plainText(text[op.start:op.end]) {
				filled |= op.bit
			} else {
				slow |= op.bit
			}
		case x == ' '*ones && y == ' '*ones:
			if !op.emptyOK {
				slow |= op.bit
			}
		case byte(x) != ' ' && !controlWord(x) && !controlWord(y):
			filled |= op.bit
		default:
			slow |= op.bit
		}
	}
	for i := range lp.textLong {
		op := &lp.textLong[i]
		switch v := text[op.start:op.end]; {
		case plainText(v):
			filled |= op.bit
		case op.emptyOK && v[0] == ' ' && allSpaces(v):
		default:
			slow |= op.bit
		}
	}
	for i := range lp.agbWords {
		op := &lp.agbWords[i]
		x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
		switch {
		case !digitWord(x):
			slow |= op.bit
		case x == '0'*ones:
			if op.emptyOK {
				wf |= op.bit
			} else {
				slow |= op.bit
			}
		// zorgverlenerssoort (positions 1-2) and number (3-8) not only zeros
		case x&0xffff != '0'*0x0101 && x>>16 != '0'*ones>>16:
			wf |= op.bit
			filled |= op.bit
		default:
			slow |= op.bit
		}
	}
	// A BSN (nine digits, two words); the one of the verzekerde repeats on the records
	// under it, which knownBSN compares instead of computing the elfproef again.
	for i := range lp.bsnWords {
		op := &lp.bsnWords[i]
		x, y := word(text, int(op.at)), word(text, int(op.at2))
		switch {
		case !digitWord(x) || !digitWord(y):
			slow |= op.bit
		case x == '0'*ones && y == '0'*ones:
			if op.emptyOK {
				wf |= op.bit
			} else {
				slow |= op.bit
			}
		case e.knownBSN(text[op.start:op.end]):
			wf |= op.bit
			filled |= op.bit
		default:
			slow |= op.bit
		}
	}
	// An N field with checks beyond its digits that the loops above do not pass in one
	// step: nothing passes but an empty one.
	for i := range lp.numerics {
		op := &lp.numerics[i]
		if x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill; !op.emptyOK || x != '0'*ones {
			slow |= op.bit
		} else {
			wf |= op.bit
		}
	}
	for i := range lp.names {
		op := &lp.names[i]
		switch v := text[op.start:op.end]; {
		case v[0] != '0' && plainText(v):
			filled |= op.bit
		case op.emptyOK && v[0] == ' ' && allSpaces(v):
		default:
			slow |= op.bit
		}
	}
	// An AN field with checks beyond its characters (a reserve among them): nothing passes
	// in one step but an empty one (an op of an empty field is not emptyOK).
	for i := range lp.others {
		op := &lp.others[i]
		if !op.emptyOK || !allSpaces(text[op.start:op.end]) {
			slow |= op.bit
		}
	}
	if len(lp.rest) > 0 {
		w, f, s, _ := e.runOps(rec, lp.rest, true)
		wf, filled, slow = wf|w, filled|f, slow|s
	}
	for ; slow != 0; slow &= slow - 1 {
		w, f, h := e.checkField(rec, bits.TrailingZeros64(slow))
		wf, filled, hard = wf|w, filled|f, hard+h
	}
	rec.wf, rec.filled, rec.masked = wf, filled, true
	return hard
}

// runOps runs the compiled checks ops on rec (checkFields), with its date slot set. A field
// that does not pass its op in one step gets the full checks (checkField) at once, or,
// with deferSlow, its bit in slow (the fields of ops are then below 64). It returns the
// masks of the fields of ops (Record.wf, filled) and the number of hard faults.
func (e *engine) runOps(rec *Record, ops []fieldOp, deferSlow bool) (wf, filled, slow uint64, hard int) {
	text := rec.text
	dc := rec.dates
	ds := &dc.slots[rec.lp.dateSlot]
	for k := range ops {
		op := &ops[k]
		bit := op.bit
		if op.kind < opText {
			var digits, zero bool
			var x uint64 // opAGB: the field, its first position in the lowest byte
			switch op.words {
			case 1:
				x = word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
				digits, zero = digitWord(x), x == '0'*ones
			case 2:
				x, y := word(text, int(op.at)), word(text, int(op.at2))
				digits, zero = digitWord(x) && digitWord(y), x == '0'*ones && y == '0'*ones
			default:
				digits, zero = scanNumber(text[op.start:op.end])
			}
			switch {
			case !digits:
			case zero:
				if op.emptyOK {
					wf |= bit
					continue
				}
			case op.kind == opNumber,
				op.kind == opCodes && numSet(op.set).has(text[op.start:op.end]),
				// zorgverlenerssoort (positions 1-2) and number (3-8) not only zeros
				op.kind == opAGB && x&0xffff != '0'*0x0101 && x>>16 != '0'*ones>>16,
				op.kind == opBSN && e.knownBSN(text[op.start:op.end]):
				wf |= bit
				filled |= bit
				continue
			case op.kind == opDate:
				// A date of the field's slot read before (dateCache.seen), or one read now
				// that exists (from 1800).
				j := op.index & 63
				d := dc.seenDate[j]
				if op.words != 1 || dc.seen[j] != x {
					if d = civil.FromWord(word(text, int(op.start))); d.Year < 1800 || !d.Valid() {
						break
					}
					if op.words == 1 {
						dc.seen[j], dc.seenDate[j] = x, d
					}
				}
				if !(op.notFuture && d.After(e.today)) {
					if bit != 0 {
						ds.has |= bit
						ds.valid |= bit
						ds.d[op.index] = d
					}
					wf |= bit
					filled |= bit
					continue
				}
			}
		} else {
			switch op.words {
			case 1:
				// Spaces for the bytes beyond the field: neither a control character nor a
				// value.
				x := word(text, int(op.at))>>(op.shift&63)&op.mask | op.fill
				if x&highBits != 0 {
					break // Latin-1: below
				}
				switch {
				case x == ' '*ones:
					if op.emptyOK {
						continue
					}
				case op.kind == opText && byte(x) != ' ' && !controlWord(x),
					op.kind == opOneByte && (*byteSet)(op.set).has(byte(x)):
					filled |= bit
					continue
				}
				if deferSlow {
					slow |= bit
					continue
				}
				w, f, h := e.checkField(rec, int(op.index))
				wf, filled, hard = wf|w, filled|f, hard+h
				continue
			case 2:
				x, y := word(text, int(op.at)), word(text, int(op.at2))
				if (x|y)&highBits != 0 {
					break // Latin-1: below
				}
				switch {
				case x == ' '*ones && y == ' '*ones:
					if op.emptyOK {
						continue
					}
				case op.kind == opText && byte(x) != ' ' && !controlWord(x) && !controlWord(y):
					filled |= bit
					continue
				}
				if deferSlow {
					slow |= bit
					continue
				}
				w, f, h := e.checkField(rec, int(op.index))
				wf, filled, hard = wf|w, filled|f, hard+h
				continue
			}
			v := text[op.start:op.end]
			switch {
			case op.kind == opText && plainText(v),
				op.kind == opOneByte && (*byteSet)(op.set).has(v[0]):
				filled |= bit
				continue
			case op.emptyOK && v[0] == ' ' && allSpaces(v):
				continue
			}
		}
		if deferSlow {
			slow |= bit
			continue
		}
		w, f, h := e.checkField(rec, int(op.index))
		wf, filled, hard = wf|w, filled|f, hard+h
	}
	return wf, filled, slow, hard
}

// checkField runs the full checks of field i of rec, noting in the engine's dateCache the
// date it holds. It returns the field's bit (Record.wf, filled) in wf when it is
// well-formed and in filled when it holds a value, and the number of hard faults (1 or
// 0).
func (e *engine) checkField(rec *Record, i int) (wf, filled uint64, hard int) {
	fp := &rec.lp.fields[i]
	ds := &e.dates.slots[rec.lp.dateSlot]
	v := rec.text[fp.start:fp.end]
	bit := uint64(1) << (i & 63)
	if i >= 64 {
		bit = 0
	}
	if fp.numeric {
		digits, zero := scanNumber(v)
		if digits {
			wf |= bit
			switch {
			case !zero:
				filled |= bit
				switch {
				case fp.plain:
					return wf, filled, 0
				case fp.codesOnly:
					if fp.codes.has(v) {
						return wf, filled, 0
					}
				case fp.agbOnly:
					if v[:2] != "00" && v[2:] != "000000" {
						return wf, filled, 0
					}
				case fp.bsnOnly:
					if e.knownBSN(v) {
						return wf, filled, 0
					}
				case fp.date && len(v) == 8:
					d := civil.FromWord(word(v, 0))
					ok := d.Valid()
					if bit != 0 {
						ds.has |= bit
						if ok {
							ds.valid |= bit
							ds.d[i] = d
						}
					}
					if ok && d.Year >= 1800 && !(fp.notFuture && d.After(e.today)) {
						return wf, filled, 0
					}
				}
			case fp.zeroOK || !fp.mandatory && !fp.required:
				return wf, filled, 0 // zeros where they need not be a value: nothing to report
			}
		}
		return wf, filled, e.checkNumeric(rec, fp, v, digits, zero)
	}
	wf |= bit
	if fp.plain && plainText(v) || fp.oneByte != nil && len(v) == 1 && fp.oneByte.has(v[0]) {
		filled |= bit
		return wf, filled, 0
	}
	spaces := allSpaces(v)
	if !spaces {
		filled |= bit
	} else if fp.reserve || !fp.mandatory && !fp.required {
		return wf, filled, 0 // an empty reserve, or an empty field that need not be filled
	}
	return wf, filled, e.checkText(rec, fp, v)
}

// scanNumber reports whether v holds only digits, and whether only zeros. An N field with
// digits not only zeros and no check beyond its type (fieldPlan.plain) is right as it is.
func scanNumber(v string) (digits, zero bool) {
	zero = true
	n := len(v)
	// Eight bytes at a time: each byte is a digit when adding 0x46 does not carry into its
	// top bit (it is below 0x3a) and subtracting 0x30 does not borrow (it is 0x30 or more).
	for len(v) >= 8 {
		x := uint64(v[0]) | uint64(v[1])<<8 | uint64(v[2])<<16 | uint64(v[3])<<24 |
			uint64(v[4])<<32 | uint64(v[5])<<40 | uint64(v[6])<<48 | uint64(v[7])<<56
		if x&0x8080808080808080 != 0 || ((x+0x4646464646464646)|(x-0x3030303030303030))&0x8080808080808080 != 0 {
			return false, false
		}
		if x != 0x3030303030303030 {
			zero = false
		}
		v = v[8:]
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return false, false
		}
		if c != '0' {
			zero = false
		}
	}
	return n > 0, zero
}

// highBits has the top bit of every byte.
const highBits = 0x8080808080808080

// word returns the eight bytes of s from i on as a number, the first in the lowest byte.
func word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// digitWord reports whether the eight bytes of x are digits: each is when adding 0x46
// does not carry into its top bit (it is below 0x3a) and subtracting 0x30 does not borrow
// (it is 0x30 or more). A borrow into the next byte comes only from a byte that is not a
// digit itself.
func digitWord(x uint64) bool {
	return (x|(x+0x46*ones)|(x-0x30*ones))&highBits == 0 // one test of the three top bits
}

// controlWord reports whether one of the eight bytes of x, each below 0x80, is a control
// character: below 0x20 (adding 0x60 does not reach the top bit) or 0x7f (adding 1 does).
// Neither sum carries out of its byte.
func controlWord(x uint64) bool {
	return (^(x+0x60*ones)|(x+ones))&highBits != 0
}

// plainText reports whether v starts with a printable character other than a space and
// holds no control character: an AN field with such a value and no check beyond its
// characters (fieldPlan.plain) is right as it is.
func plainText(v string) bool {
	if len(v) == 0 || v[0] == ' ' {
		return false
	}
	if len(v) >= 8 {
		// Eight bytes at a time, the last eight overlapping the ones before: while they are
		// ASCII (below 0x80), a byte is a control character when adding 0x60 does not
		// reach its top bit (it is below 0x20) or adding 1 does (it is 0x7f); neither sum
		// carries out of its byte. The words are told apart only at the end: a byte of
		// 0x80 or more (Latin-1) makes the sums of its word meaningless, and v is then
		// read byte by byte.
		var or, ctl uint64
		for i := 0; i+8 <= len(v); i += 8 {
			x := word(v, i)
			or |= x
			ctl |= ^(x + 0x60*ones) | (x + ones)
		}
		x := word(v, len(v)-8)
		or |= x
		ctl |= ^(x + 0x60*ones) | (x + ones)
		if or&highBits == 0 {
			return ctl&highBits == 0
		}
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f && c < 0xa0 {
			return false
		}
	}
	return true
}

// fitErrors counts the hard faults of text read as layout lp, without reporting.
func fitErrors(text string, lp *layoutPlan) int {
	n := 0
	for i := 1; i < len(lp.fields); i++ {
		fp := &lp.fields[i]
		v := text[fp.start:fp.end]
		switch {
		case fp.numeric:
			if firstNonDigit(v) >= 0 {
				n++
			}
		case fp.reserve:
			if !allSpaces(v) {
				n++
			}
		}
	}
	return n
}

func (e *engine) fieldFinding(rec *Record, fp *fieldPlan, level Level, rule string, err error, pos int, msg string) {
	if !e.opts.Levels.Has(level) {
		return
	}
	rc := fp.retour
	switch {
	case fp.reserve:
		rc = "0003"
	case rc == "" && (fp.f.Role == record.RoleDetailID || fp.f.Role == record.RoleParentRef):
		rc = "0801"
	case rc == "" && !detailRecord(rec.lp.code):
		rc = "0001" // never on a detail record (Pass.Report)
	}
	if pos == 0 {
		pos = fp.f.Start
	}
	e.pending = append(e.pending, Finding{Level: level, Rule: rule, Line: rec.Line, Record: rec.lp.code,
		Field: fp.f.Number, FieldName: fp.f.Name, Position: pos, Retourcode: rc, Message: msg, Err: err})
}

// checkNumeric checks an N field holding v; digits and zero say whether v holds only
// digits and only zeros (scanNumber).
func (e *engine) checkNumeric(rec *Record, fp *fieldPlan, v string, digits, zero bool) (hard int) {
	if !digits && v != "" {
		bad := firstNonDigit(v)
		msg := "a numeric (N) field holds a non-digit at position " + strconv.Itoa(fp.f.Start+bad)
		if allSpaces(v) {
			msg = "a numeric (N) field holds spaces; an N field without a value is filled with zeros"
		}
		e.fieldFinding(rec, fp, N3, "N3-DIGITS", ErrType, fp.f.Start+bad, msg)
		return 1
	}
	if zero || v == "" {
		switch {
		case fp.zeroOK:
		case fp.mandatory:
			e.fieldFinding(rec, fp, N3, "N3-MANDATORY", ErrMissing, 0, "mandatory field (M) is not filled: it holds only zeros")
		case fp.required:
			e.fieldFinding(rec, fp, N3, "N3-REQUIRED", ErrMissing, 0, "field is not filled; it is required here: "+fp.requiredWhy)
		}
		return 0
	}
	if fp.date {
		e.checkDate(rec, fp, v)
		return 0
	}
	before := len(e.pending)
	e.checkAllowed(rec, fp, v)
	switch fp.agb {
	case agbAny, agbServicebureau:
		e.checkAGB(rec, fp, v)
	}
	if fp.bsn && v != "999999999" && !bsn.Valid(v) {
		e.fieldFinding(rec, fp, N4, "N4-BSN", ErrValue, 0, "not a valid BSN: it fails the elfproef (the dummy 999999999 is allowed)")
	}
	if fp.regex != nil && len(e.pending) == before && !fp.regex.MatchString(v) {
		e.fieldFinding(rec, fp, N4, "N4-REGEX", ErrValue, 0, "does not match the regular expression the BER gives for this field")
	}
	return 0
}

// knownBSN reports whether v, nine digits, is a BSN that passes the elfproef (or the
// dummy 999999999). The BSN of a verzekerde is repeated on every record under it: the
// last one that passed is kept, and compared instead of computing the proof again.
func (e *engine) knownBSN(v string) bool {
	if len(v) != len(e.lastBSN) {
		return false
	}
	if v == string(e.lastBSN[:]) || v == "999999999" {
		return true
	}
	if !bsn.Valid(v) {
		return false
	}
	copy(e.lastBSN[:], v)
	return true
}

// dateCache holds the dates checkFields read in the records it checked last, the last one
// of each layout (a slot per layout, layoutPlan.dateSlot): dateAt answers from it instead
// of parsing the field again for every rule that reads the date, also of the record's
// parent (the prestatie of a tariefrecord), which is the last one of its layout checked.
// Records hold a pointer to it; a slot answers only for the record of its line and
// layout, and only for the fields below 64 it has (has).
type dateCache struct {
	slots [dateSlots]dateSlot
	// seen and seenDate: by field index (modulo 64), the last date field read as a word
	// of eight digits that is an existing date from 1800 (of any record), and its date:
	// checkFields takes the date from here when the field holds the same digits. The
	// dates of a prestatie repeat on its records.
	seen     [64]uint64
	seenDate [64]record.Date
}

// codeCache holds, by layout slot (layoutPlan.dateSlot) and field index (modulo 64), the
// last word of a code field (a fieldOp of kind opCodes read as one word) whose number was
// in the field's set, with its op: checkFields passes a field of that op holding the same
// word without reading its number again: codes repeat from record to record of a type
// (in the official GZ321 content about three in five are the last one of their field).
// The op decides what the word means (its set, the field's length), so an entry answers
// only for its op.
type codeCache [dateSlots][64]codeSeen

type codeSeen struct {
	x  uint64
	op *fieldOp
}

// dateSlots is the number of layouts whose last record's dates a dateCache keeps; layouts
// beyond it share slots.
const dateSlots = 8

// dateSlot holds the dates of one record.
type dateSlot struct {
	line       int
	lp         *layoutPlan
	has, valid uint64 // by field index: read; an existing date
	d          [64]record.Date
}

// date returns the date of field i of rec when the cache holds it.
func (c *dateCache) date(rec *Record, i int) (d record.Date, ok, cached bool) {
	// uint(i) and dateSlot%dateSlots tell the compiler what holds (i from 0 to 63, a slot
	// of the array): no test of a negative shift, no bounds check, for a lookup the rules
	// make several times per record.
	if c == nil || rec.lp == nil || uint(i) >= 64 {
		return record.Date{}, false, false
	}
	s := &c.slots[rec.lp.dateSlot%dateSlots]
	if s.line != rec.Line || s.lp != rec.lp || s.has&(1<<uint(i)) == 0 {
		return record.Date{}, false, false
	}
	return s.d[i], s.valid&(1<<uint(i)) != 0, true
}

func (e *engine) checkDate(rec *Record, fp *fieldPlan, v string) {
	d, _ := civil.ParseEEJJMMDD(v)
	switch {
	case d.Year < 1800:
		e.fieldFinding(rec, fp, N3, "N3-DATE", ErrPattern, 0, "not a date in the form EEJJMMDD (century first, e.g. 20140131)")
	case !d.Valid():
		e.fieldFinding(rec, fp, N4, "N4-DATE", ErrDate, 0, "not an existing date")
	case fp.notFuture && d.After(e.today):
		e.fieldFinding(rec, fp, N4, "N4-FUTURE", ErrFuture, 0, "the date lies in the future (after "+e.today.String()+")")
	}
}

// ruleAllowed is the rule of a value not allowed in fp: N4-ALLOWED for a value list of
// the BER, N4-CODELIST for a code list.
func ruleAllowed(fp *fieldPlan) string {
	if fp.allowed != nil {
		return "N4-ALLOWED"
	}
	return "N4-CODELIST"
}

func (e *engine) checkAllowed(rec *Record, fp *fieldPlan, v string) {
	switch {
	case fp.codes != nil && fp.numeric && isDigits(v):
		if !fp.codes.has(v) {
			msg := "code " + quoteCode(v, fp) + " is not in code list " + fp.listName
			if fp.allowed != nil {
				msg = "value " + quoteCode(v, fp) + " is not allowed: " + fp.allowedWhy
			}
			e.fieldFinding(rec, fp, N4, ruleAllowed(fp), ErrValue, 0, msg)
		}
	case fp.allowed != nil:
		if !fp.allowed[normalise(v, fp.numeric)] {
			e.fieldFinding(rec, fp, N4, "N4-ALLOWED", ErrValue, 0, "value "+quoteCode(v, fp)+" is not allowed: "+fp.allowedWhy)
		}
	case fp.list != nil:
		if !fp.list.has(v, fp.numeric) {
			e.fieldFinding(rec, fp, N4, "N4-CODELIST", ErrValue, 0, "code "+quoteCode(v, fp)+" is not in code list "+fp.listName)
		}
	}
}

// quoteCode shows the value of a code field. Code values are not personal data; other
// values are never shown, nor the value of a field the spec marks as personal.
func quoteCode(v string, fp *fieldPlan) string {
	if fp.f.Length > 6 && fp.list == nil || fp.f.Personal != record.NotPersonal {
		return "(not shown)"
	}
	return strconv.Quote(strings.TrimRight(v, " "))
}

func (e *engine) checkAGB(rec *Record, fp *fieldPlan, v string) {
	switch {
	case v[:2] == "00":
		e.fieldFinding(rec, fp, N4, "N4-AGB", ErrValue, 0, "not an AGB code: the zorgverlenerssoort (positions 1-2) is 00")
	case v[2:] == "000000":
		e.fieldFinding(rec, fp, N4, "N4-AGB", ErrValue, 0, "not an AGB code: the number (positions 3-8) is 000000")
	case fp.agb == agbServicebureau && v[:2] != "98":
		e.fieldFinding(rec, fp, N4, "N4-AGB", ErrValue, 0, "a servicebureau's AGB code has zorgverlenerssoort 98, not "+v[:2])
	}
}

var btwRE = regexp.MustCompile(`^NL[0-9]{9}B[0-9]{2}$`)

func (e *engine) checkText(rec *Record, fp *fieldPlan, v string) (hard int) {
	if fp.reserve {
		if !allSpaces(v) {
			e.fieldFinding(rec, fp, N4, "N4-RESERVE", ErrReserve, 0, "reserve must be filled with spaces")
			return 1
		}
		return 0
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f && c < 0xa0 {
			e.fieldFinding(rec, fp, N3, "N3-CHARSET", ErrCharset, fp.f.Start+i, "control character "+record.Escape(string(c))+" at position "+strconv.Itoa(fp.f.Start+i))
			return 0
		}
	}
	if allSpaces(v) {
		switch {
		case fp.mandatory:
			e.fieldFinding(rec, fp, N3, "N3-MANDATORY", ErrMissing, 0, "mandatory field (M) is not filled: it holds only spaces")
		case fp.required:
			e.fieldFinding(rec, fp, N3, "N3-REQUIRED", ErrMissing, 0, "field is not filled; it is required here: "+fp.requiredWhy)
		}
		return 0
	}
	if v[0] == ' ' {
		e.fieldFinding(rec, fp, N4, "N4-LEADINGSPACE", ErrLeadingSpace, 0, "an alphanumeric (AN) value is left-aligned: it must not start with a space")
		return 0
	}
	t := strings.TrimRight(v, " ")
	if fp.pattern != "" && !matchPattern(v, fp.pattern) {
		e.fieldFinding(rec, fp, N3, "N3-PATTERN", ErrPattern, 0, "does not follow the pattern "+fp.pattern)
		return 0
	}
	before := len(e.pending)
	e.checkAllowed(rec, fp, v)
	if fp.nameZeros && strings.Trim(t, "0") == "" {
		e.fieldFinding(rec, fp, N4, "N4-NAME", ErrValue, 0, "a name must not consist of zeros")
	}
	if fp.btw && !btwRE.MatchString(t) {
		e.fieldFinding(rec, fp, N4, "N4-BTW", ErrValue, 0, "not a Dutch VAT identification number (NL, 9 digits, B, 2 digits)")
	}
	if fp.regex != nil && len(e.pending) == before && !fp.regex.MatchString(latin1(v)) {
		e.fieldFinding(rec, fp, N4, "N4-REGEX", ErrValue, 0, "does not match the regular expression the BER gives for this field")
	}
	return 0
}

// latin1 converts a field of the file (Latin-1) to UTF-8 for a regular expression,
// keeping its spaces; ASCII is returned as it is.
func latin1(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			b := make([]byte, 0, len(s)+8)
			for j := 0; j < len(s); j++ {
				b = utf8.AppendRune(b, rune(s[j]))
			}
			return string(b)
		}
	}
	return s
}

// matchPattern checks a value against a BER pattern: N (and E, J, M, D, H, U) a digit,
// A a letter; other characters stand for themselves.
func matchPattern(v, pattern string) bool {
	if len(v) != len(pattern) {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch pattern[i] {
		case 'N', 'E', 'J', 'M', 'D', 'H', 'U':
			if c < '0' || c > '9' {
				return false
			}
		case 'A':
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return false
			}
		default:
			if c != pattern[i] {
				return false
			}
		}
	}
	return true
}

func firstNonDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return i
		}
	}
	return -1
}

func allZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// allSpaces reports whether s holds only spaces. The field checks run it on nearly every
// AN field, and on the reserve of every record: it compares a long s with a run of spaces
// (one memory comparison), a short one eight bytes at a time.
func allSpaces(s string) bool {
	if len(s) > 16 && len(s) <= len(spaces) {
		return s == spaces[:len(s)]
	}
	for len(s) >= 8 {
		if s[:8] != "        " {
			return false
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			return false
		}
	}
	return true
}

// spaces is a run of spaces for allSpaces, as long as most reserves.
var spaces = strings.Repeat(" ", 512)
