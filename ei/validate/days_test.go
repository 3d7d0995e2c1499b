package validate

import (
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
)

// TestDaysInclusive: the days counted on the calendar are the days of the time.Duration
// between the two dates, the way they were counted before (clamped where a Duration ends).
func TestDaysInclusive(t *testing.T) {
	old := func(b, e civil.Date) int64 { return int64(e.Time().Sub(b.Time()).Hours()/24) + 1 }
	dates := []civil.Date{}
	for y := 1; y <= 9999; y += 37 {
		for m := 1; m <= 12; m += 1 {
			for _, d := range []int{1, 15, 28, 29, 30, 31} {
				dt := civil.NewDate(y, time.Month(m), d)
				if dt.Valid() {
					dates = append(dates, dt)
				}
			}
		}
	}
	for i := 0; i < len(dates); i += 7 {
		for j := 0; j < len(dates); j += 13 {
			if a, b := old(dates[i], dates[j]), daysInclusive(dates[i], dates[j]); a != b {
				t.Fatalf("%v %v: %d vs %d", dates[i], dates[j], a, b)
			}
		}
	}
	for y := 1990; y < 2030; y++ {
		for doy := 0; doy < 366; doy++ {
			b := civil.NewDate(y, 1, 1)
			e := b.AddDays(doy)
			if a, c := old(b, e), daysInclusive(b, e); a != c {
				t.Fatalf("%v %v: %d vs %d", b, e, a, c)
			}
		}
	}
}
