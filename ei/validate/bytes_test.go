package validate

import (
	"cmp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
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

// digitsValue gives what strconv.ParseInt gives for fields of digits of every length.
func TestDigitsValue(t *testing.T) {
	digits := []string{"0", "7", "0012", "1234567", "12345678", "00000001", "123456789", "000000000001", "123456789012",
		"100000000000000000", "999999999999999999", "9999999999999999999", "00000000000000000000001", "18446744073709551616"}
	// Every length to 18 (read as one or two words from 8 on), with each digit in each
	// position.
	for n := 1; n <= 18; n++ {
		for pos := range n {
			for d := byte('0'); d <= '9'; d++ {
				b := []byte(strings.Repeat("3", n))
				b[pos] = d
				digits = append(digits, string(b))
			}
		}
	}
	for _, v := range digits {
		want, _ := strconv.ParseInt(v, 10, 64)
		if got := digitsValue(v); got != want {
			t.Errorf("digitsValue(%q) = %d, want %d", v, got, want)
		}
	}
	// parseInt as strconv.ParseInt without the error, also for what is not digits.
	for _, v := range append(digits, "", "+12", "-000000000001", "12a", " 12", "1 2345678901") {
		want, _ := strconv.ParseInt(v, 10, 64)
		if got := parseInt(v); got != want {
			t.Errorf("parseInt(%q) = %d, want %d", v, got, want)
		}
	}
}

// dayKey orders existing dates as civil.Date.Compare does.
func TestDayKey(t *testing.T) {
	var dates []civil.Date
	for _, y := range []int{1, 1800, 1999, 2000, 2024, 9999} {
		for m := time.January; m <= time.December; m++ {
			for _, d := range []int{1, 2, 15, 28, 29, 30, 31} {
				if dt := civil.NewDate(y, m, d); dt.Valid() {
					dates = append(dates, dt)
				}
			}
		}
	}
	for _, a := range dates {
		for _, b := range dates {
			if got, want := cmp.Compare(dayKey(a), dayKey(b)), a.Compare(b); got != want {
				t.Fatalf("dayKey orders %v and %v as %d, Compare as %d", a, b, got, want)
			}
		}
	}
}
