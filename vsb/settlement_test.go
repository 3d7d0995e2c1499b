package vsb

import (
	"bytes"
	"errors"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// A settlement record 91 is written at the positions of the EF920900 layout: zone 401
// (mutualiteit, N3) at positions 5-7, zone 403 (sign of the amount asked of account A)
// at 24 and zone 404 (that amount, N11 in cents) at 25-35, a negative amount as "-" and
// its absolute value, a zero amount as "+" and zeros; a sign zone holding anything but
// "+", "-" or a space is refused with record.ErrSign at the sign zone's position.
func TestSettlementPositions(t *testing.T) {
	rec, err := appendAfrekening(nil, Afrekening{Record: "91", Mutualiteit: "306", AskedA: -2500})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec) != 800 || string(rec[:2]) != "91" {
		t.Fatalf("record of %d characters starting %q, want 800 starting 91", len(rec), rec[:2])
	}
	for _, c := range []struct {
		from, to int // 1-based, inclusive
		want     string
	}{{5, 7, "306"}, {24, 24, "-"}, {25, 35, "00000002500"}, {38, 38, "+"}, {39, 49, "00000000000"}} {
		if got := string(rec[c.from-1 : c.to]); got != c.want {
			t.Errorf("positions %d-%d = %q, want %q", c.from, c.to, got, c.want)
		}
	}
	a, err := afrekening("91", string(rec))
	if err != nil || a.AskedA != -2500 || a.Mutualiteit != "306" {
		t.Errorf("read back %+v, %v; want AskedA -2500, mutualiteit 306", a, err)
	}
	space := bytes.Clone(rec)
	space[23] = ' '
	if a, err := afrekening("91", string(space)); err != nil || a.AskedA != 2500 {
		t.Errorf("a space as sign: %+v, %v; want AskedA 2500 (a space reads as +)", a, err)
	}
	bad := bytes.Clone(rec)
	bad[23] = 'x'
	_, err = afrekening("91", string(bad))
	var re *record.Error
	if !errors.Is(err, record.ErrSign) || !errors.As(err, &re) || re.Field != "403" || re.Position != 24 {
		t.Errorf("sign x: %v; want record.ErrSign at zone 403, position 24", err)
	}
	if _, err := appendAfrekening(nil, Afrekening{Record: "93"}); err == nil {
		t.Error("record 93: no error, want one (settlement records are 91 and 92)")
	}
}
