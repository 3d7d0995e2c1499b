package validate

import (
	"strings"
	"testing"
)

// allSpaces answers as a byte loop does, for every length up to 40 with one other byte
// anywhere (or none).
func TestAllSpaces(t *testing.T) {
	for n := 0; n <= 40; n++ {
		s := strings.Repeat(" ", n)
		if !allSpaces(s) {
			t.Fatalf("allSpaces(%q) = false", s)
		}
		for i := range n {
			for _, c := range []byte{0, '!', 0x1f, 0xa0, 'A', '0'} {
				b := []byte(s)
				b[i] = c
				if allSpaces(string(b)) {
					t.Fatalf("allSpaces(%q) = true", b)
				}
			}
		}
	}
}
