package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// digitsValue returns the number an N field of digits holds (the caller has checked
// that it holds only digits): without strconv for up to 18 digits, the last eight as one
// word, which the numbering check does on every detail record.
func digitsValue(v string) int64 {
	if len(v) > 18 {
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	if len(v) > 8 {
		// The last eight digits as one word, and the first ones (one to eight of them when
		// v has up to 16) as another, shifted to the top bytes where record.DigitsWord
		// reads them: the identificatie detailrecord has twelve.
		last, _ := record.DigitsWord(word(v, len(v)-8), 8)
		if n := len(v) - 8; n <= 8 {
			first, _ := record.DigitsWord(word(v, 0)<<(64-8*uint(n)), n)
			return first*100_000_000 + last
		}
		var n int64
		for i := 0; i < len(v)-8; i++ {
			n = n*10 + int64(v[i]-'0')
		}
		return n*100_000_000 + last
	}
	var n int64
	if len(v) == 8 {
		n, _ = record.DigitsWord(word(v, 0), 8)
		return n
	}
	for i := 0; i < len(v); i++ {
		n = n*10 + int64(v[i]-'0')
	}
	return n
}

// parseInt is strconv.ParseInt(v, 10, 64) without its error, taking the short way for a
// field of digits.
func parseInt(v string) int64 {
	if isDigits(v) {
		return digitsValue(v)
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return n
}

// dayKey is a number that orders existing dates as civil.Date.Compare does (the year, then
// the month below 16, then the day below 32), for the comparisons the relations make on
// every record without the call of Compare. Only for dates that exist (Valid).
func dayKey(d civil.Date) int { return d.Year<<9 | int(d.Month)<<5 | d.Day }
