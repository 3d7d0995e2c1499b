package bsn

import "testing"

func TestValid(t *testing.T) {
	for digits, want := range map[string]bool{
		"123456782":  true,  // 154 = 11·14
		"111222333":  true,  // 66
		"249566758":  true,  // 220
		"123456789":  false, // 147
		"999999999":  false, // the dummy: 387 ≡ 2
		"000000000":  false,
		"12345678":   false,
		"12345678x":  false,
		"1234567820": false,
	} {
		if got := Valid(digits); got != want {
			t.Errorf("Valid(%q) = %v, want %v", digits, got, want)
		}
	}
}
