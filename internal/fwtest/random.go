package fwtest

import (
	"math/rand/v2"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// latin1 are the characters a random AN value is made of: printable ASCII and the
// printable Latin-1 letters, as EI and eFact files hold them.
var latin1 = func() []byte {
	var b []byte
	for c := 0x20; c < 0x7f; c++ {
		b = append(b, byte(c))
	}
	for c := 0xc0; c <= 0xff; c++ {
		b = append(b, byte(c))
	}
	return b
}()

// RandomRecord returns a random record of layout l that its layout allows: digits in N
// fields, a sign and digits in SN fields, printable Latin-1 in AN fields. Parsing it and
// formatting it again must give the same bytes (the property the round-trip tests check
// for every standard). Values are random, not meaningful: dates need not exist.
func RandomRecord(l *record.Layout, rnd *rand.Rand) []byte {
	rec := make([]byte, 0, l.Length())
	for i := 0; i < l.NumFields(); i++ {
		f := l.FieldIndex(i)
		if i == 0 && !l.Positional() { // a positional record has no code: its field 0 is data
			rec = append(rec, l.Code()...)
			continue
		}
		start := len(rec)
		switch f.Type {
		case record.Numeric:
			for range f.Length {
				rec = append(rec, byte('0'+rnd.IntN(10)))
			}
		case record.Signed:
			rec = append(rec, "+-"[rnd.IntN(2)])
			zero := true
			for range f.Length - 1 {
				d := byte('0' + rnd.IntN(10))
				zero = zero && d == '0'
				rec = append(rec, d)
			}
			if zero {
				rec[start] = '+' // -0 is written +0
			}
		default:
			n := rnd.IntN(f.Length + 1)
			for range n {
				rec = append(rec, latin1[rnd.IntN(len(latin1))])
			}
			for range f.Length - n {
				rec = append(rec, ' ')
			}
		}
	}
	return rec
}
