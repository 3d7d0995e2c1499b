package record

import (
	"strconv"
	"testing"
)

// TestParseDigits compares ParseDigits (eight digits at a time) with the plain reading of
// the definition, byte by byte, on every length to 18 and a non-digit at every place.
func TestParseDigits(t *testing.T) {
	want := func(s string) (int64, int) {
		var v int64
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, i
			}
			v = v*10 + int64(s[i]-'0')
		}
		return v, -1
	}
	var cases []string
	digits := "918273645500192837465"
	for n := 0; n <= 18; n++ {
		cases = append(cases, digits[:n], "000000000000000000"[:n], "999999999999999999"[:n])
		for at := 0; at < n; at++ {
			for _, c := range []byte{' ', '/', ':', 'A', '0' + 0x80, 0xff, 0x00, '0' - 6, '9' + 7} {
				b := []byte(digits[:n])
				b[at] = c
				cases = append(cases, string(b))
			}
		}
	}
	for _, s := range cases {
		v, bad := ParseDigits(s)
		wv, wbad := want(s)
		if v != wv || bad != wbad {
			t.Errorf("ParseDigits(%q) = %d, %d; want %d, %d", s, v, bad, wv, wbad)
		}
		if bv, bbad := ParseDigits([]byte(s)); bv != v || bbad != bad {
			t.Errorf("ParseDigits([]byte(%q)) = %d, %d; want %d, %d", s, bv, bbad, v, bad)
		}
	}
	if v, _ := ParseDigits("123456789012345678"); strconv.FormatInt(v, 10) != "123456789012345678" {
		t.Errorf("18 digits: %d", v)
	}
}
