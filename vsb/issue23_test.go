package vsb_test

import (
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
)

// Amounts and dates are made with package vsb alone, without importing the core (issue
// 23 point 9).
func TestMoneyAndDateConstructors(t *testing.T) {
	if got := vsb.Cents(1234).String(); got != "12.34" {
		t.Errorf("Cents(1234) = %s, want 12.34", got)
	}
	if got := vsb.Cents(-5).String(); got != "-0.05" {
		t.Errorf("Cents(-5) = %s, want -0.05", got)
	}
	if got := vsb.Euros(31); got != vsb.Cents(3100) {
		t.Errorf("Euros(31) = %s, want 31.00", got)
	}
	if m, err := vsb.ParseMoney("12.34"); err != nil || m != vsb.Cents(1234) {
		t.Errorf("ParseMoney(12.34) = %s, %v", m, err)
	}
	d := vsb.NewDate(2026, time.December, 4)
	if d.String() != "2026-12-04" || !d.Valid() {
		t.Errorf("NewDate(2026, 12, 4) = %s", d)
	}
	if p, err := vsb.ParseDate("20261204"); err != nil || p != d {
		t.Errorf("ParseDate(20261204) = %s, %v; want %s", p, err, d)
	}
	if vsb.NewDate(2026, time.February, 30).Valid() {
		t.Error("2026-02-30 taken as valid")
	}
}

// NewFinding keeps the zone it is given; an empty zone is the code's (issue 23 point 9).
func TestNewFindingZone(t *testing.T) {
	for _, tt := range []struct{ zone, code, want string }{
		{"22", "500130", "22"},       // given, differs from the code's zone 01: kept
		{"8a,8b", "100801", "8a,8b"}, // finer than the code's zone 08: kept
		{"", "500130", "1"},          // none given: the code's
		{"", "509902", "99"},
		{"7", "", "7"}, // no code
	} {
		f := vsb.NewFinding(3, "50", tt.zone, tt.code, "")
		if f.Field != tt.want {
			t.Errorf("NewFinding(zone %q, code %q).Zone = %q, want %q", tt.zone, tt.code, f.Field, tt.want)
		}
	}
	if f := vsb.NewFinding(3, "50", "", "509902", ""); f.Letter != "B" || f.Message == "" {
		t.Errorf("509902: letter %q text %q", f.Letter, f.Message)
	}
}

// An error before any record type is known names no empty record ("record : …"), and the
// 920999 comment says the offset once (issue 23 point 5).
func TestUnreadableMessage(t *testing.T) {
	_, err := vsb.Decode([]byte("hello\nworld\n"))
	if err == nil || err.Error() != "vsb: invalid input: byte offset 5: line break inside the message: the facturatiebestand has none" {
		t.Errorf("Decode of two text lines: %v", err)
	}
	r := vsb.UnreadableReply([]byte("hello\nworld\n"), err)
	if c := r.Echoes[0].Comment; strings.Count(c, "offset") != 1 || strings.Contains(c, "record :") {
		t.Errorf("920999 comment %q: want the offset once and no empty record type", c)
	}
}
