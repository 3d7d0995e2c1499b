package record

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestAppendNumber holds appendNumber against strconv: every width from 1 to 20, N and
// SN, values at the edges of what fits and random ones; a number one digit too long is
// ErrTooLong and leaves dst as it was.
func TestAppendNumber(t *testing.T) {
	l := &Layout{code: "99"}
	rng := rand.New(rand.NewPCG(1, 2))
	for width := 1; width <= 20; width++ {
		for _, typ := range []DataType{Numeric, Signed} {
			f := &Field{Number: "9901", Start: 1, Length: width, Type: typ}
			digits := width
			if typ == Signed {
				digits--
			}
			vals := []int64{0, 1, 9, 10, 99, 100, 101, 12345, math.MaxInt64, math.MinInt64 + 1, math.MinInt64}
			if digits > 0 && digits < 19 {
				max := int64(math.Pow10(digits)) - 1
				vals = append(vals, max, max+1, max/10, max/10+1)
			}
			for range 200 {
				vals = append(vals, rng.Int64N(math.MaxInt64)>>rng.IntN(63))
			}
			for _, v := range vals {
				for _, neg := range []bool{false, true} {
					if neg {
						if v == math.MinInt64 || typ != Signed {
							continue
						}
						v = -v
					}
					got, err := appendNumber([]byte("x"), l, f, v)
					want, wantErr := reference(v, width, typ)
					switch {
					case wantErr != nil:
						if !errors.Is(err, wantErr) || string(got) != "x" {
							t.Fatalf("width %d %v, %d: %q, %v; want %v and dst as it was", width, typ, v, got, err, wantErr)
						}
					case err != nil || string(got) != "x"+want:
						t.Fatalf("width %d %v, %d: %q, %v; want %q", width, typ, v, got, err, "x"+want)
					}
				}
			}
		}
	}
}

// reference formats v as appendNumber must, with strconv.
func reference(v int64, width int, typ DataType) (string, error) {
	sign := ""
	if typ == Signed {
		sign, width = "+", width-1
		if v < 0 {
			sign = "-"
		}
	} else if v < 0 {
		return "", ErrNegative
	}
	mag := strconv.FormatUint(uint64(v), 10)
	if v < 0 {
		mag = strconv.FormatUint(-uint64(v), 10)
	}
	if v == 0 {
		mag = ""
	}
	if len(mag) > width {
		return "", ErrTooLong
	}
	return sign + strings.Repeat("0", width-len(mag)) + mag, nil
}
