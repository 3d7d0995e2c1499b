package record

import (
	"math"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"

	"testing"
	"time"
)

func TestDate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  Date
		valid bool
	}{
		{"00000000", Date{}, false},
		{"20240229", civil.NewDate(2024, 2, 29), true},
		{"20230229", civil.NewDate(2023, 2, 29), false},
		{"20151301", civil.NewDate(2015, 13, 1), false},
		{"19991231", civil.NewDate(1999, 12, 31), true},
	} {
		d, err := civil.ParseEEJJMMDD(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if d != tc.want || d.Valid() != tc.valid {
			t.Errorf("%s: got %v valid=%v, want %v valid=%v", tc.in, d, d.Valid(), tc.want, tc.valid)
		}
	}
	if _, err := civil.ParseEEJJMMDD("2024O229"); err == nil {
		t.Error("a letter in a date is an error")
	}
	a, b := civil.NewDate(2024, 12, 31), civil.NewDate(2025, 1, 1)
	if !a.Before(b) || b.Compare(a) != 1 || a.AddDays(1) != b {
		t.Error("date order")
	}
	if civil.DateOf(time.Date(2025, 1, 1, 23, 0, 0, 0, time.UTC)) != b {
		t.Error("DateOf")
	}
	var d Date
	if err := d.UnmarshalText([]byte("2024-02-29")); err != nil || d != civil.NewDate(2024, 2, 29) {
		t.Error("UnmarshalText", err)
	}
	if txt, _ := d.MarshalText(); string(txt) != "2024-02-29" {
		t.Error("MarshalText")
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Money
		text string
	}{
		{"12.34", 1234, "12.34"}, {"0", 0, "0.00"}, {"-0.05", -5, "-0.05"}, {"7.5", 750, "7.50"}, {"+1", 100, "1.00"},
	} {
		m, err := money.Parse(tt.in)
		if err != nil || m != tt.want || m.String() != tt.text {
			t.Errorf("Parse(%q) = %v (%s), %v; want %d (%s)", tt.in, int64(m), m, err, int64(tt.want), tt.text)
		}
		if got, err := money.FromDecimal(m.Decimal()); err != nil || got != m {
			t.Errorf("FromDecimal(%s.Decimal()) = %v, %v", m, got, err)
		}
	}
	for _, bad := range []string{"", "1.234", "12,34", "--1", ".", "99999999999999999999"} {
		if _, err := money.Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	b, _ := Money(-1234).MarshalJSON()
	if string(b) != `"-12.34"` {
		t.Errorf("JSON %s", b)
	}
	var m Money
	if err := m.UnmarshalJSON([]byte("12.5")); err != nil || m != 1250 {
		t.Errorf("UnmarshalJSON = %v, %v", m, err)
	}
	if s, ok := Money(math.MaxInt64).Add(1); ok {
		t.Errorf("overflow not detected: %v", s)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = money.Parse("1234.56") }); n != 0 {
		t.Errorf("Parse allocates %v times", n)
	}
}
