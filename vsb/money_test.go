package vsb_test

import (
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
