package validate

import (
	"strconv"
	"strings"
	"testing"
)

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

// TestPlainText holds plainText, which reads ASCII eight bytes at a time, against its
// definition byte by byte: not empty, no space first, no control character (below 0x20,
// 0x7f to 0x9f).
func TestPlainText(t *testing.T) {
	byteWise := func(v string) bool {
		if len(v) == 0 || v[0] == ' ' {
			return false
		}
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c >= 0x7f && c < 0xa0 {
				return false
			}
		}
		return true
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 20; pos++ {
			for _, base := range []string{"JANSEN              ", "Müller van der Berg ", "A                   "} {
				b := []byte(base)
				b[pos] = byte(c)
				for l := 0; l <= len(b); l++ {
					v := string(b[:l])
					if got, want := plainText(v), byteWise(v); got != want {
						t.Fatalf("plainText(%q) = %v; want %v", v, got, want)
					}
				}
			}
		}
	}
}

// TestNumSetHas holds numSet.has against the numbers the set was made of, with leading
// zeros and beyond numSetLimit.
func TestNumSetHas(t *testing.T) {
	keys := []string{"0", "1", "7", "63", "64", "329", "999", "65535"}
	s := newNumSet(func(yield func(string) bool) {
		for _, k := range keys {
			if !yield(k) {
				return
			}
		}
	})
	in := map[int]bool{}
	for _, k := range keys {
		n, _ := strconv.Atoi(k)
		in[n] = true
	}
	for n := 0; n < 70000; n++ {
		for _, width := range []int{5, 6, 8} {
			v := strconv.Itoa(n)
			if len(v) > width {
				continue
			}
			v = strings.Repeat("0", width-len(v)) + v
			if got := s.has(v); got != in[n] {
				t.Fatalf("has(%q) = %v; want %v", v, got, in[n])
			}
		}
	}
	if s.has("0000000000000065536") || !s.has("0000000000000000329") {
		t.Fatal("has with many leading zeros")
	}
}
