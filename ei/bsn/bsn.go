package bsn

// Valid reports whether digits is a BSN by form: nine ASCII digits, not all zeros, with
// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11). The dummy 999999999, which stands for "no
// BSN known" in declarations, fails it; callers that allow the dummy check for it first.
func Valid(digits string) bool {
	if len(digits) != 9 || digits == "000000000" {
		return false
	}
	sum := 0
	for i := range 9 {
		d := int(digits[i]) - '0'
		if d < 0 || d > 9 {
			return false
		}
		if i < 8 {
			sum += (9 - i) * d
		} else {
			sum -= d
		}
	}
	return sum%11 == 0
}
