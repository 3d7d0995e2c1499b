package covtest

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/cov"
)

// BSNs returns n distinct made-up BSNs that pass the elfproef, the same
// ones on every call (100000009, 100000021, …). They are test data: do not
// use them for real people.
func BSNs(n int) []cov.BSN {
	out := make([]cov.BSN, 0, n)
	for prefix := 10000000; len(out) < n && prefix <= 99999999; prefix++ {
		digits := fmt.Sprintf("%08d", prefix)
		sum := 0
		for i := range 8 {
			sum += (9 - i) * int(digits[i]-'0')
		}
		if check := sum % 11; check < 10 {
			out = append(out, cov.BSN(fmt.Sprintf("%s%d", digits, check)))
		}
	}
	return out
}
