package validate

import "strconv"

// digitsValue returns the number an N field of digits holds (the caller has checked
// that it holds only digits): without strconv for up to 18 digits, which the numbering
// check does on every detail record.
func digitsValue(v string) int64 {
	if len(v) > 18 {
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	var n int64
	for i := 0; i < len(v); i++ {
		n = n*10 + int64(v[i]-'0')
	}
	return n
}
