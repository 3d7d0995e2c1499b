package cov

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	leap := NewDate(2024, time.February, 29)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"valid leap day", leap.Valid(), true},
		{"invalid 29 Feb", NewDate(2025, time.February, 29).Valid(), false},
		{"invalid 31 Apr", NewDate(2025, time.April, 31).Valid(), false},
		{"zero is not valid", Date{}.Valid(), false},
		{"AddYears from 29 Feb", leap.AddYears(1), NewDate(2025, time.March, 1)},
		{"AddYears to a leap year", leap.AddYears(4), NewDate(2028, time.February, 29)},
		{"AddYears back", NewDate(2026, time.March, 2).AddYears(-2), NewDate(2024, time.March, 2)},
		{"AddDays over the year", NewDate(2025, time.December, 31).AddDays(1), NewDate(2026, time.January, 1)},
		{"DaysSince", NewDate(2026, time.March, 1).DaysSince(NewDate(2026, time.February, 1)), 28},
		{"DaysSince leap", NewDate(2024, time.March, 1).DaysSince(NewDate(2024, time.February, 1)), 29},
		{"DaysSince negative", NewDate(2026, time.January, 1).DaysSince(NewDate(2026, time.January, 3)), -2},
		{"String", NewDate(2026, time.March, 2).String(), "2026-03-02"},
		{"String zero", Date{}.String(), ""},
		{"Before", NewDate(2025, time.December, 31).Before(NewDate(2026, time.January, 1)), true},
		{"DateOf keeps the location's day", DateOf(time.Date(2026, 1, 1, 0, 30, 0, 0, time.FixedZone("CET", 3600))), NewDate(2026, time.January, 1)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	if d, err := ParseDate("2024-02-29"); err != nil || d != NewDate(2024, 2, 29) {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	for _, bad := range []string{"2025-02-29", "20240229", "29-02-2024", ""} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type s struct {
		D Date `json:"d"`
		E Date `json:"e,omitzero"`
	}
	b, err := json.Marshal(s{D: NewDate(2026, 3, 2)})
	if err != nil || string(b) != `{"d":"2026-03-02"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back s
	if err := json.Unmarshal(b, &back); err != nil || back.D != NewDate(2026, 3, 2) {
		t.Errorf("Unmarshal = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"2026-02-30"}`), &back); err == nil {
		t.Error("Unmarshal accepted 30 February")
	}
}
