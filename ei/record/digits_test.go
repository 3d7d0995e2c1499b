package record_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// A layout with a record code, a 26-position N zone (longer than an int64 holds) and a
// 4-position AN zone.
func longLayout() *record.Layout {
	return record.NewLayout("10", "LONG", "Long", []record.Field{
		{Number: "1", Type: record.Numeric, Length: 2, Start: 1, End: 2, Kind: record.KindInteger, Role: record.RoleRecordCode, Sign: -1},
		{Number: "45", Type: record.Numeric, Length: 26, Start: 3, End: 28, Kind: record.KindDigits, Sign: -1},
		{Number: "46", Type: record.Alphanumeric, Length: 4, Start: 29, End: 32, Kind: record.KindText, Sign: -1},
	})
}

func TestDigitsLongZone(t *testing.T) {
	l := longLayout()
	write := func(v record.Digits) (string, error) {
		e := record.NewEncoder(nil, l)
		e.Digits(1, v)
		e.Text(2, "")
		b, err := e.Bytes()
		return string(b), err
	}
	// The empty value is zeros, the AN zone spaces.
	got, err := write("")
	if err != nil || got != "10"+strings.Repeat("0", 26)+"    " {
		t.Fatalf("default record %q, %v", got, err)
	}
	// 26 significant digits are kept exactly, left-padded with zeros when shorter.
	for _, v := range []string{"12345678901234567890123456", "98765432109876543210", "7"} {
		got, err := write(record.Digits(v))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Repeat("0", 26-len(v)) + v
		if got[2:28] != want {
			t.Errorf("wrote %q, want %q", got[2:28], want)
		}
		d := record.NewDecoder(got, l)
		if back := d.Digits(1); string(back) != want || d.Err() != nil {
			t.Errorf("read back %q, %v", back, d.Err())
		}
	}
	// Too many digits or a non-digit: refused, never truncated.
	if _, err := write(record.Digits(strings.Repeat("1", 27))); !errors.Is(err, record.ErrTooLong) {
		t.Errorf("27 digits: %v, want ErrTooLong", err)
	}
	if _, err := write("12a"); !errors.Is(err, record.ErrNotDigit) {
		t.Errorf("non-digit: %v, want ErrNotDigit", err)
	}
	// Checked digit by digit: a space at position 15 of the record is found there.
	rec := "10" + strings.Repeat("0", 12) + " " + strings.Repeat("0", 13) + "    "
	_, err = record.FieldDigits(rec, l, 1)
	var fe *record.Error
	if !errors.As(err, &fe) || !errors.Is(err, record.ErrNotDigit) || fe.Position != 15 {
		t.Errorf("space in N zone: %v, want ErrNotDigit at position 15", err)
	}
	// Read as an int64, a value beyond 18 significant digits is an error, not an overflow.
	big := "10" + "12345678901234567890123456" + "    "
	if _, err := record.FieldIntAt(big, l, 1); !errors.Is(err, record.ErrTooLong) {
		t.Errorf("FieldInt of 26 significant digits: %v, want ErrTooLong", err)
	}
	if v, err := record.FieldIntAt("10"+strings.Repeat("0", 20)+"123456"+"    ", l, 1); err != nil || v != 123456 {
		t.Errorf("FieldInt of a small value in a long zone: %d, %v", v, err)
	}
	if v, ok := record.Digits("00000000000000000000000042").Int64(); !ok || v != 42 {
		t.Errorf("Int64 = %d, %t", v, ok)
	}
	if _, ok := record.Digits("12345678901234567890").Int64(); ok {
		t.Error("Int64 of 20 significant digits: ok")
	}
	b := []byte(big)
	if err := record.PutDigits(b, l, 1, ""); err != nil || string(b[2:28]) != strings.Repeat("0", 26) {
		t.Errorf("PutDigits empty: %q, %v", b[2:28], err)
	}
}
