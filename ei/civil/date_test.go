package civil

import (
	"encoding/binary"
	"strconv"
	"testing"
	"time"
)

// Valid agrees with the calendar of package time for every day of years 1 to 9999, and
// with the leap years the Gregorian rule gives.
func TestValidAgreesWithTime(t *testing.T) {
	for y := 1; y <= 9999; y++ {
		for m := time.January; m <= time.December; m++ {
			want := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
			for d := 27; d <= 32; d++ {
				if got := (Date{Year: y, Month: m, Day: d}).Valid(); got != (d <= want) {
					t.Fatalf("%04d-%02d-%02d: Valid() = %v, want %v", y, m, d, got, d <= want)
				}
			}
		}
	}
	for _, c := range []struct {
		d    Date
		want bool
	}{
		{Date{2024, 2, 29}, true}, {Date{2023, 2, 29}, false}, {Date{1900, 2, 29}, false}, {Date{2000, 2, 29}, true},
		{Date{2025, 4, 31}, false}, {Date{2025, 12, 31}, true}, {Date{0, 1, 1}, false}, {Date{2025, 13, 1}, false},
		{Date{2025, 1, 0}, false}, {Date{}, false},
	} {
		if got := c.d.Valid(); got != c.want {
			t.Errorf("%+v: Valid() = %v, want %v", c.d, got, c.want)
		}
	}
}

// FromDigits (of a string and of bytes) and FromWord read EEJJMMDD as the positions say,
// for each digit in each position, and a longer text's first eight.
func TestFromDigits(t *testing.T) {
	dates := []string{"00000000", "99999999", "20140101", "19991231", "20240229", "18000101", "20991301", "123456789"}
	for pos := range 8 {
		for d := byte('0'); d <= '9'; d++ {
			b := []byte("20250617")
			b[pos] = d
			dates = append(dates, string(b))
		}
	}
	for _, v := range dates {
		y, _ := strconv.Atoi(v[:4])
		m, _ := strconv.Atoi(v[4:6])
		d, _ := strconv.Atoi(v[6:8])
		want := Date{Year: y, Month: time.Month(m), Day: d}
		if got := FromDigits(v); got != want {
			t.Errorf("FromDigits(%q) = %+v, want %+v", v, got, want)
		}
		if got := FromDigits([]byte(v)); got != want {
			t.Errorf("FromDigits([]byte(%q)) = %+v, want %+v", v, got, want)
		}
		if got := FromWord(binary.LittleEndian.Uint64([]byte(v))); got != want {
			t.Errorf("FromWord(%q) = %+v, want %+v", v, got, want)
		}
	}
}
