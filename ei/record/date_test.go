package record

import (
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
		{"20240229", NewDate(2024, 2, 29), true},
		{"20230229", NewDate(2023, 2, 29), false},
		{"20151301", NewDate(2015, 13, 1), false},
		{"19991231", NewDate(1999, 12, 31), true},
	} {
		d, err := ParseEEJJMMDD(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if d != tc.want || d.Valid() != tc.valid {
			t.Errorf("%s: got %v valid=%v, want %v valid=%v", tc.in, d, d.Valid(), tc.want, tc.valid)
		}
	}
	if _, err := ParseEEJJMMDD("2024O229"); err == nil {
		t.Error("a letter in a date is an error")
	}
	a, b := NewDate(2024, 12, 31), NewDate(2025, 1, 1)
	if !a.Before(b) || b.Compare(a) != 1 || a.AddDays(1) != b {
		t.Error("date order")
	}
	if DateOf(time.Date(2025, 1, 1, 23, 0, 0, 0, time.UTC)) != b {
		t.Error("DateOf")
	}
	var d Date
	if err := d.UnmarshalText([]byte("2024-02-29")); err != nil || d != NewDate(2024, 2, 29) {
		t.Error("UnmarshalText", err)
	}
	if txt, _ := d.MarshalText(); string(txt) != "2024-02-29" {
		t.Error("MarshalText")
	}
}

func TestAmounts(t *testing.T) {
	c, err := EurosToCents(CentsToEuros(123456))
	if err != nil || c != 123456 {
		t.Fatal(c, err)
	}
	if CentsToEuros(1234).String() != "12.34" {
		t.Error(CentsToEuros(1234))
	}
}
