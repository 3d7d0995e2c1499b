package validate

import (
	"strconv"

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
	var n int64
	end := len(v)
	if end >= 8 {
		end -= 8 // the last eight digits as one word (record.DigitsWord), below
	}
	for i := 0; i < end; i++ {
		n = n*10 + int64(v[i]-'0')
	}
	if end < len(v) {
		last, _ := record.DigitsWord(word(v, end), 8)
		n = n*100_000_000 + last
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
