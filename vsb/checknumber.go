package vsb

import (
	"encoding/binary"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
)

// CharValue is the value a character contributes to the record check number (zone 99):
// a digit counts as itself, a space as 10, a letter as its place in the alphabet
// (A or a = 1 … Z or z = 26) and any other character as 37.
//
// The letter values are 1–26, not the 11–36 of the research notes (and of the
// freehealth-connector writer they cite): only 1–26 reproduces zone 99 of the records
// the VI echoed in the sample 920098 reply. CHECKNUMBER.md has the evidence.
func CharValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c == ' ':
		return 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 1
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 1
	default:
		return 37
	}
}

// charValues is CharValue of every byte, for the check number of a record.
var charValues = func() (t [256]uint8) {
	for c := range t {
		t[c] = uint8(CharValue(byte(c)))
	}
	return t
}()

// CheckNumber computes zone 99 of a 350-character record: the sum of CharValue over
// every character before zone 99 (positions 1–348), modulo 97, where 0 becomes 97.
// It takes the record with or without its last two characters.
func CheckNumber[T ~string | ~[]byte](rec T) int {
	n := len(rec)
	if n > RecordLength-2 {
		n = RecordLength - 2
	}
	return Mod97(charSum([]byte(rec[:n])))
}

// pairValues is the sum of CharValue of two characters, indexed by the two as a
// little-endian uint16 (the first character the low byte): at most 2 × 37.
var pairValues = func() *[1 << 16]uint8 {
	t := new([1 << 16]uint8)
	for i := range t {
		t[i] = charValues[byte(i)] + charValues[byte(i>>8)]
	}
	return t
}()

// charSum is the sum of CharValue over s, two characters a lookup (pairValues: one load
// of two bytes and one of the table, no branch per character), eight a round.
func charSum(s []byte) int {
	t := pairValues
	s0, s1 := 0, 0
	for len(s) >= 8 {
		_ = s[7]
		s0 += int(t[binary.LittleEndian.Uint16(s)]) + int(t[binary.LittleEndian.Uint16(s[2:])])
		s1 += int(t[binary.LittleEndian.Uint16(s[4:])]) + int(t[binary.LittleEndian.Uint16(s[6:])])
		s = s[8:]
	}
	for _, c := range s {
		s0 += int(charValues[c])
	}
	return s0 + s1
}

// Check97 is the check-number function of the format (record.CheckFunc): the sum of
// CharValue over every character of the record outside the check field, modulo 97, 0 → 97.
func Check97(rec []byte, check record.Field) int64 {
	from, to := min(max(check.Start-1, 0), len(rec)), min(max(check.End, 0), len(rec))
	if to < from {
		to = from
	}
	return int64(Mod97(charSum(rec[:from]) + charSum(rec[to:])))
}

// Format is the eFact record format of the shared core (records 10 to 96, 350
// characters, no line breaks, record code at position 1, width 2) with its check-number
// function set: read typed records with record.NewReader(r, vsb.Format(), …) after
// the 227 characters of segments 200 and 300. A new value on every call.
func Format() *record.Format {
	f := ef920000v20.Format()
	f.Check = Check97
	return f
}

// Mod97 is the format's modulo 97 with 0 written as 97, used by the record check
// number and by the invoice and sending control numbers.
func Mod97(n int) int {
	m := n % 97
	if m < 0 {
		m += 97
	}
	if m == 0 {
		return 97
	}
	return m
}

// RecordLength is the length of every record of the facturatiebestand (10 to 96).
const RecordLength = 350
