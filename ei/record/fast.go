package record

import (
	"math/bits"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/civil"
)

// The fast path of generated Parse and AppendTo methods.
//
// A generated Parse first reads every field at its constant place in the line with the
// functions below, which check nothing but the characters and report a bad field by a
// nonzero word (bad) instead of an error: the words of all fields are ORed together and
// checked once per record. Only when that fails (or the length or record code is wrong)
// does Parse read the record again with the Decoder, field by field, which finds the
// first wrong field and makes the error (record, field, position, sentinel, detail): the
// errors are the Decoder's, whatever path found them.
//
// A generated AppendTo likewise writes every field at its constant place into the record
// with the Put functions, which write only values they can write as the Encoder would,
// and report any other by a nonzero word; then AppendTo formats the record again with the
// Encoder, which makes the error (or writes the values the fast path leaves to it, such
// as Latin-1 text).
//
// The functions are for generated code: their arguments are constants the generator
// derives from a layout, and they do not check them.

// digitBits is zero when the eight bytes of w are ASCII digits, nonzero otherwise (see
// eightDigits).
func digitBits(w uint64) uint64 {
	return (w&0xF0F0F0F0F0F0F0F0 ^ 0x3030303030303030) |
		((w+0x0606060606060606)&0xF0F0F0F0F0F0F0F0 ^ 0x3030303030303030)
}

// Word returns the eight bytes line[end-8:end] little-endian (line[end-8] lowest). With
// DigitsWord it is Num8 for end ≥ 8, inlined.
func Word(line string, end int) uint64 { return word(line, end) }

// Num8 reads the n digits (1 to 8) that end before line[end], in a line of at least 8
// positions: their value, and bad nonzero when one of them is not a digit. For generated
// Parse methods.
func Num8(line string, end, n int) (v int64, bad uint64) {
	if end < 8 { // the field's bytes to the top, as they are when end is 8
		return DigitsWord(word(line, 8)<<(8*(8-end)), n)
	}
	return DigitsWord(word(line, end), n)
}

// DigitsWord reads the n digits (1 to 8) in the top bytes of w (from Word): their value,
// and bad nonzero when one of them is not a digit.
func DigitsWord(w uint64, n int) (v int64, bad uint64) {
	low := uint64(1)<<(8*(8-n)) - 1 // the bytes before the field, made '0'
	w = w&^low | 0x3030303030303030&low
	return int64(eightDigitsValue(w)), digitBits(w)
}

// DigitsWord4 is DigitsWord for n of 1 to 4: the four top bytes of w as two pairs of
// digits, two multiplications fewer than the eight digits of DigitsWord.
func DigitsWord4(w uint64, n int) (v int64, bad uint64) {
	low := uint64(1)<<(8*(8-n)) - 1 // the bytes before the field, made '0'
	w = w&^low | 0x3030303030303030&low
	x := w>>32 - 0x30303030
	x = (x*10 + x>>8) & 0x00FF00FF // each pair's value in the low byte of its 16 bits
	return int64(x&0xFF*100 + x>>16), digitBits(w)
}

// ASCII reports whether line holds ASCII only: its AN fields then need no conversion from
// Latin-1 (TrimText). For generated Parse methods.
func ASCII(line string) bool {
	all := line
	var or uint64
	for len(line) >= 32 { // four words a turn: the length checked once for the four
		or |= word(line, 8) | word(line, 16) | word(line, 24) | word(line, 32)
		line = line[32:]
	}
	for len(line) >= 8 {
		or |= word(line, 8)
		line = line[8:]
	}
	if len(line) > 0 && len(all) >= 8 {
		or |= word(all, len(all)) // the last word again, with the bytes left over
	} else {
		for i := 0; i < len(line); i++ {
			or |= uint64(line[i])
		}
	}
	return or&0x8080808080808080 == 0
}

// TrimText returns AN value s, ASCII, without its trailing spaces: DecodeText for a line
// ASCII says is ASCII.
func TrimText(s string) string {
	end := len(s)
	for end >= 8 && word(s, end) == 0x2020202020202020 {
		end -= 8
	}
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	return s[:end]
}

// spaces8 is a word of eight spaces.
const spaces8 = 0x2020202020202020

// TrimAt returns AN value line[start:end], ASCII, without its trailing spaces, in a line of
// at least 8 positions: TrimText(line[start:end]) a word at a time. The last word that is
// not all spaces says with one instruction (the leading zero bytes of its difference with
// spaces) how many spaces end the value, instead of a test per byte whose count varies
// from record to record; a field of fewer than 8 positions is read in the word that ends
// with it (the bytes before the field masked off). For generated Parse methods.
func TrimAt(line string, start, end int) string {
	s := line[start:end]
	if n := len(s); n < 8 {
		var w uint64
		if end >= 8 {
			w = word(line, end)
		} else { // the field's bytes to the top, as they are when end is 8
			w = word(line, 8) << (8 * (8 - end))
		}
		x := (w ^ spaces8) &^ (uint64(1)<<(8*(8-n)) - 1) // the n bytes of the field
		return s[:max(n-bits.LeadingZeros64(x)>>3, 0)]
	}
	e := len(s)
	for e > 8 && word(s, e) == spaces8 {
		e -= 8
	}
	// s[:e] ends with a byte that is not a space, or e ≤ 8 and s[e:8] is spaces (it was
	// part of the last word taken off): either way the word ending at max(e, 8) tells.
	e = max(e, 8)
	return s[:e-bits.LeadingZeros64(word(s, e)^spaces8)>>3]
}

// TrimReserve is TrimAt for a reserve field (obligation S), which in a valid record holds
// only spaces: that is checked in one comparison with a run of spaces (the runtime's
// vector compare), not a word at a time; a reserve field that holds more is trimmed by
// TrimAt. For generated Parse methods.
func TrimReserve(line string, start, end int) string {
	if n := end - start; n <= len(reserveSpaces) && line[start:end] == reserveSpaces[:n] {
		return ""
	}
	return TrimAt(line, start, end)
}

// reserveSpaces is as long as the longest reserve field TrimReserve compares at once (the
// longest of the spec files is 567 positions; a longer one goes to TrimAt).
const reserveSpaces = spaces64 + spaces64 + spaces64 + spaces64 + spaces64 + spaces64 + spaces64 + spaces64 + spaces64 + spaces64

const spaces64 = "                                                                "

// TrimWord is TrimAt for a field of 1 to 8 positions with end ≥ 8: the field lies in the
// word that ends with it. Short enough to be inlined, with the mask a constant, where word
// is one load (word_unaligned.go).
func TrimWord(line string, start, end int) string {
	x := (word(line, end) ^ spaces8) &^ (uint64(1)<<(8*(8-(end-start))) - 1) // the field's bytes
	return line[start:max(end-bits.LeadingZeros64(x)>>3, start)]
}

// Num16 is Num8 for 9 to 16 digits.
func Num16(line string, end, n int) (v int64, bad uint64) {
	// Num8 twice, inlined: end-8 ≥ 8 or not decides which word holds the high digits.
	var hw uint64
	if end >= 16 {
		hw = word(line, end-8)
	} else { // the high digits' bytes to the top, as they are when end-8 is 8
		hw = word(line, 8) << (8 * (16 - end))
	}
	hi, b1 := DigitsWord(hw, n-8)
	lo, b2 := DigitsWord(word(line, end), 8)
	return hi*100_000_000 + lo, b1 | b2
}

// Num18 is Num8 for 17 or 18 digits.
func Num18(line string, end, n int) (v int64, bad uint64) {
	hi, b1 := Num8(line, end-16, n-16)
	mid, b2 := Num8(line, end-8, 8)
	lo, b3 := Num8(line, end, 8)
	return (hi*100_000_000+mid)*100_000_000 + lo, b1 | b2 | b3
}

// NumText reads the digits s (at most MaxIntDigits): Num8 and the others for a line
// shorter than 8 positions.
func NumText(s string) (v int64, bad uint64) {
	v, at := ParseDigits(s)
	if at >= 0 {
		return 0, 1
	}
	return v, 0
}

// ApplySign applies the sign c ('+' or '-') of an SN field to v; bad is nonzero when c is
// neither or when bad was.
func ApplySign(c byte, v int64, bad uint64) (int64, uint64) {
	switch c {
	case '+':
		return v, bad
	case '-':
		return -v, bad
	}
	return 0, 1
}

// DateAt reads the date field of 8 positions that ends before line[end], with end ≥ 8.
func DateAt(line string, end int) (civil.Date, uint64) {
	return DateWord(word(line, end))
}

// DateWord reads a date field of 8 positions from its word (Word): the date, and bad
// nonzero when a byte is not a digit. DateWord(Word(line, end)) is DateAt, inlined into
// a generated Parse method (DateAt itself is past the compiler's inlining budget).
func DateWord(w uint64) (civil.Date, uint64) {
	return civil.FromWord(w), digitBits(w)
}

// BSNText reads a BSN field s (its digits, as Num8 and the others checked them: bad);
// zeros are the empty BSN.
func BSNText(s string, v int64, bad uint64) (bsn.BSN, uint64) {
	if v == 0 {
		return "", bad
	}
	return bsn.BSN(s), bad
}

// DigitsText reads an N field of any length as its digits.
func DigitsText(s string) (Digits, uint64) {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' > 9 {
			return "", 1
		}
	}
	return Digits(s), 0
}

// Grow returns dst with room for a record of n positions and 8 more after it (the Put
// functions write whole words), as a pointer to those positions: generated AppendTo
// methods write the record there and then extend dst by n.
func Grow(dst []byte, n int) []byte {
	if cap(dst)-len(dst) < n+8 {
		grown := make([]byte, len(dst), 2*cap(dst)+n+8)
		copy(grown, dst)
		dst = grown
	}
	return dst
}

// PutASCII writes AN value v into rec[:width], left-aligned, padded with spaces, when v is
// printable ASCII of at most width characters; bad is nonzero otherwise (the Encoder then
// writes Latin-1 text, or makes the error).
func PutASCII(rec []byte, width int, v string) uint64 {
	if len(v) > width {
		return 1
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f {
			return 1
		}
	}
	copy(rec, v)
	rec = rec[len(v):width]
	if len(rec) <= len(spaces) {
		copy(rec, spaces)
		return 0
	}
	for i := range rec {
		rec[i] = ' '
	}
	return 0
}

// pow10 holds 10 to the power i for i up to 18.
var pow10 = [...]int64{1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
	1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
	100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
	1_000_000_000_000_000_000}

// eightDigitsASCII returns the eight decimal digits of v (below 10^8), zero-padded, as
// ASCII little-endian: the first digit in the lowest byte.
func eightDigitsASCII(v uint64) uint64 {
	// Four digits in each half (the high half the lower digits), then two in each quarter,
	// then one in each byte.
	x := v/10000 | (v%10000)<<32
	hi := (x * 10486 >> 20) & 0x0000007F0000007F // x / 100 in each half
	x = (x-100*hi)<<16 | hi
	hi = (x * 103 >> 10) & 0x000F000F000F000F // x / 10 in each quarter
	x = (x-10*hi)<<8 | hi
	return x | 0x3030303030303030
}

// putWord writes the eight bytes of w (little-endian) at rec[0:8].
func putWord(rec []byte, w uint64) {
	_ = rec[7]
	rec[0], rec[1], rec[2], rec[3] = byte(w), byte(w>>8), byte(w>>16), byte(w>>24)
	rec[4], rec[5], rec[6], rec[7] = byte(w>>32), byte(w>>40), byte(w>>48), byte(w>>56)
}

// PutNum writes N value v into rec[:width] (1 to 18 positions), right-aligned, padded with
// zeros; bad is nonzero when v is negative or has more than width digits. It writes whole
// words: rec must have 8 positions more than width, which the fields after it (or the
// room Grow makes) overwrite.
func PutNum(rec []byte, width int, v int64) uint64 {
	if v == 0 { // most numbers of most records (reserves, empty zones): inlined, the width a constant
		copy(rec[:width], zeros)
		return 0
	}
	return putDigits(rec, width, uint64(v))
}

// PutSigned writes SN value v into rec[:width] (2 to 19 positions): its sign, then its
// digits as PutNum does.
func PutSigned(rec []byte, width int, v int64) uint64 {
	u := uint64(v)
	rec[0] = '+'
	if v < 0 {
		rec[0], u = '-', -u
	}
	if u >= uint64(pow10[width-1]) {
		return 1
	}
	return putDigits(rec[1:], width-1, u)
}

// putDigits writes the digits of u into rec[:width] as PutNum does; it returns 1 when u
// has more than width digits (a negative value too), writing nothing.
func putDigits(rec []byte, width int, u uint64) uint64 {
	if u >= uint64(pow10[width]) {
		return 1
	}
	if u == 0 { // most numbers of most records: reserves and empty zones
		const zeros8 = 0x3030303030303030
		putWord(rec, zeros8)
		if width > 8 {
			putWord(rec[width-8:], zeros8)
			if width > 16 {
				putWord(rec[8:], zeros8)
			}
		}
		return 0
	}
	switch {
	case width <= 8:
		putWord(rec, eightDigitsASCII(u)>>(8*(8-width)))
	case width <= 16:
		putWord(rec, eightDigitsASCII(u/100_000_000)>>(8*(16-width)))
		putWord(rec[width-8:], eightDigitsASCII(u%100_000_000))
	default:
		hi := u / 100_000_000
		putWord(rec, eightDigitsASCII(hi/100_000_000)>>(8*(24-width)))
		putWord(rec[width-16:], eightDigitsASCII(hi%100_000_000))
		putWord(rec[width-8:], eightDigitsASCII(u%100_000_000))
	}
	return 0
}

// PutAmount writes amount v (cents) into an N (signed false) or SN field of width
// positions holding decimals decimals, as the Encoder does; bad is nonzero when it does
// not fit or has more decimals than the field.
func PutAmount(rec []byte, width, decimals int, signed bool, v Money) uint64 {
	c := int64(v)
	if decimals < 2 {
		scale := pow10[2-decimals]
		if c%scale != 0 {
			return 1
		}
		c /= scale
	}
	if signed {
		return PutSigned(rec, width, c)
	}
	return PutNum(rec, width, c)
}

// PutDate writes date v as EEJJMMDD into rec[:8] (00000000 for the empty date); bad is
// nonzero when it does not fit.
func PutDate(rec []byte, v civil.Date) uint64 {
	if uint(v.Year) > 9999 || uint(v.Month) > 99 || uint(v.Day) > 99 {
		return 1
	}
	return putDigits(rec, 8, uint64(v.Year)*10000+uint64(v.Month)*100+uint64(v.Day))
}

// PutBSN writes BSN v into rec[:width], its digits right-aligned and padded with zeros;
// bad is nonzero when it has more digits than the field or a non-digit.
func PutBSN(rec []byte, width int, v bsn.BSN) uint64 {
	return PutDigitsText(rec, width, v.Digits())
}

// PutDigitsText writes the digits s into rec[:width], right-aligned, padded with zeros;
// bad is nonzero when s has more digits than the field (the Encoder then drops leading
// zeros, or makes the error) or a non-digit.
func PutDigitsText(rec []byte, width int, s string) uint64 {
	if len(s) > width {
		return 1
	}
	for i := 0; i < len(s); i++ {
		if s[i]-'0' > 9 {
			return 1
		}
	}
	n := width - len(s)
	if n <= len(zeros) {
		copy(rec[:n], zeros)
	} else {
		for i := range rec[:n] {
			rec[i] = '0'
		}
	}
	copy(rec[n:width], s)
	return 0
}
