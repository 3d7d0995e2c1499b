package validate

import "testing"

// TestScanNumber: scanNumber, eight bytes at a time, answers as a byte-by-byte scan does
// for every byte value at every position of values of 0 to 12 bytes.
func TestScanNumber(t *testing.T) {
	byteWise := func(v string) (digits, zero bool) {
		zero = true
		for i := 0; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				return false, false
			}
			if v[i] != '0' {
				zero = false
			}
		}
		return len(v) > 0, zero
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 12; pos++ {
			for _, base := range []string{"000000000000", "123456789012", "000000000001"} {
				b := []byte(base)
				b[pos] = byte(c)
				for l := 0; l <= len(b); l++ {
					v := string(b[:l])
					wantDigits, wantZero := byteWise(v)
					digits, zero := scanNumber(v)
					if digits != wantDigits || digits && zero != wantZero {
						t.Fatalf("scanNumber(%q) = %v, %v; want %v, %v", v, digits, zero, wantDigits, wantZero)
					}
				}
			}
		}
	}
}
