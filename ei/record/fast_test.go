package record_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// TestPutNumAsStrconv: the word-at-a-time digit writer against strconv, every width, the
// edges of each width, and the bytes after the field left to the fields that follow.
func TestPutNumAsStrconv(t *testing.T) {
	rnd := rand.New(rand.NewPCG(6, 12))
	for w := 1; w <= record.MaxIntDigits; w++ {
		limit := int64(1)
		for range w {
			limit *= 10
		}
		vals := []int64{0, 1, 9, limit - 1, limit / 10, limit/10 - 1, limit, -1, -limit}
		for range 2000 {
			vals = append(vals, rnd.Int64N(limit))
		}
		for _, v := range vals {
			rec := []byte(strings.Repeat("#", w+8))
			bad := record.PutNum(rec, w, v)
			fits := v >= 0 && v < limit
			if (bad == 0) != fits {
				t.Fatalf("PutNum(width %d, %d): bad %d, want fits=%t", w, v, bad, fits)
			}
			if !fits {
				continue
			}
			s := strconv.FormatInt(v, 10)
			want := strings.Repeat("0", w-len(s)) + s
			if got := string(rec[:w]); got != want {
				t.Fatalf("PutNum(width %d, %d) = %q, want %q", w, v, got, want)
			}
			// SN: the sign, then the digits.
			rec = []byte(strings.Repeat("#", w+9))
			neg := -v
			if bad := record.PutSigned(rec, w+1, neg); bad != 0 {
				t.Fatalf("PutSigned(width %d, %d): bad", w+1, neg)
			}
			sign := "-"
			if neg == 0 {
				sign = "+"
			}
			if got := string(rec[:w+1]); got != sign+want {
				t.Fatalf("PutSigned(width %d, %d) = %q, want %q", w+1, neg, got, sign+want)
			}
		}
	}
}

// TestNumAsParseDigits: the word-at-a-time digit readers against ParseDigits, every
// length and place in a line, with a non-digit at every position.
func TestNumAsParseDigits(t *testing.T) {
	rnd := rand.New(rand.NewPCG(6, 13))
	for n := 1; n <= record.MaxIntDigits; n++ {
		for start := 0; start < 30; start++ {
			end := start + n
			line := []byte(strings.Repeat("x", end+5))
			for i := start; i < end; i++ {
				line[i] = byte('0' + rnd.IntN(10))
			}
			check := func(line string) {
				t.Helper()
				var v int64
				var bad uint64
				switch {
				case n <= 8:
					v, bad = record.Num8(line, end, n)
				case n <= 16:
					v, bad = record.Num16(line, end, n)
				default:
					v, bad = record.Num18(line, end, n)
				}
				want, at := record.ParseDigits(line[start:end])
				if (bad == 0) != (at < 0) || (at < 0 && v != want) {
					t.Fatalf("n %d end %d %q: got %d bad %d, ParseDigits %d at %d", n, end, line[start:end], v, bad, want, at)
				}
			}
			if len(line) < 8 {
				continue
			}
			check(string(line))
			for i := start; i < end; i++ {
				for _, c := range []byte{'/', ':', ' ', 0xb0, 0x3a, 0x40} {
					m := []byte(string(line))
					m[i] = c
					check(string(m))
				}
			}
		}
	}
}

// TestPutIntAtAsTheEncoder: PutIntAt (a fast path for N and SN fields up to 18 digits)
// writes what the Encoder writes, and fails where it fails.
func TestPutIntAtAsTheEncoder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(6, 14))
	for w := 1; w <= 21; w++ {
		for _, typ := range []record.DataType{record.Numeric, record.Signed} {
			if typ == record.Signed && w < 2 {
				continue
			}
			l := record.NewLayout("10", "TEST", "Test", []record.Field{
				{Number: "1", Type: record.Numeric, Length: 2, Start: 1, End: 2, Kind: record.KindInteger},
				{Number: "2", Type: typ, Length: w, Start: 3, End: 2 + w, Kind: record.KindInteger},
			})
			vals := []int64{0, 1, -1, 1<<63 - 1, -1 << 63}
			for range 300 {
				vals = append(vals, rnd.Int64()>>rnd.IntN(63))
				vals = append(vals, -(rnd.Int64() >> rnd.IntN(63)))
			}
			for _, v := range vals {
				e := record.NewEncoder(nil, l)
				e.Int(1, v)
				want, wantErr := e.Bytes()
				got := []byte("10" + strings.Repeat("#", w))
				err := record.PutIntAt(got, l, 1, v)
				if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
					t.Fatalf("%s%d %d: PutIntAt error %v, Encoder %v", typ, w, v, err, wantErr)
				}
				if err == nil && string(got) != string(want) {
					t.Fatalf("%s%d %d: PutIntAt %q, Encoder %q", typ, w, v, got, want)
				}
			}
		}
	}
}

// TestTrimAtAsTrimText checks TrimAt against TrimText for every field of lines of spaces
// and letters in every pattern of the last 10 positions of a field, and at every start
// and end.
func TestTrimAtAsTrimText(t *testing.T) {
	const n = 40
	rnd := rand.New(rand.NewPCG(21, 2))
	for round := 0; round < 200; round++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = ' '
			if rnd.IntN(3) == 0 {
				b[i] = 'a' + byte(rnd.IntN(26))
			}
		}
		line := string(b)
		for start := 0; start <= n; start++ {
			for end := start; end <= n; end++ {
				got, want := record.TrimAt(line, start, end), record.TrimText(line[start:end])
				if got != want {
					t.Fatalf("TrimAt(%q, %d, %d) = %q, want %q", line, start, end, got, want)
				}
			}
		}
	}
	// Fixed cases from the text of the standard: a value, its spaces, an empty value.
	for _, c := range []struct {
		line       string
		start, end int
		want       string
	}{
		{"06123     ABC     X", 10, 18, "ABC"},
		{"06123     ABC     X", 2, 5, "123"},
		{"06      ab        ", 2, 18, "      ab"}, // leading spaces stay
		{"0612345678", 9, 10, "8"},
		{"06        ", 2, 10, ""},
		{"D         ", 0, 1, "D"},
		{"          ", 0, 1, ""},
	} {
		if got := record.TrimAt(c.line, c.start, c.end); got != c.want {
			t.Errorf("TrimAt(%q, %d, %d) = %q, want %q", c.line, c.start, c.end, got, c.want)
		}
	}
}

// TestASCII puts one byte of 0x80 or more at every position of lines of every length up
// to 80: ASCII must see it wherever it is, and say true for the line without it.
func TestASCII(t *testing.T) {
	for n := 0; n <= 80; n++ {
		line := []byte(strings.Repeat("A1 ", 27)[:n])
		if !record.ASCII(string(line)) {
			t.Fatalf("ASCII of %d ASCII bytes = false", n)
		}
		for i := 0; i < n; i++ {
			for _, c := range []byte{0x80, 0xE9, 0xFF} {
				b := append([]byte(nil), line...)
				b[i] = c
				if record.ASCII(string(b)) {
					t.Fatalf("ASCII of %d bytes with %#x at %d = true", n, c, i)
				}
			}
		}
	}
}

// TestDateAt reads dates EEJJMMDD at the end of a line and one with a non-digit.
func TestDateAt(t *testing.T) {
	for _, c := range []struct {
		text             string
		year, month, day int
	}{
		{"20231231", 2023, 12, 31},
		{"19000101", 1900, 1, 1},
		{"00000000", 0, 0, 0},
		{"99999999", 9999, 99, 99},
		{"20240229", 2024, 2, 29},
	} {
		line := "0612" + c.text
		d, bad := record.DateAt(line, len(line))
		if bad != 0 || d.Year != c.year || int(d.Month) != c.month || d.Day != c.day {
			t.Errorf("DateAt(%q) = %v, bad %d; want %d-%d-%d", line, d, bad, c.year, c.month, c.day)
		}
	}
	for i := 0; i < 8; i++ {
		b := []byte("0612" + "20231231")
		b[4+i] = ' '
		if _, bad := record.DateAt(string(b), len(b)); bad == 0 {
			t.Errorf("DateAt(%q): bad = 0 for a space", b)
		}
	}
}

// TestTrimWordAsTrimText checks TrimWord against TrimText for every field of 1 to 8
// positions ending at 8 or later.
func TestTrimWordAsTrimText(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 3))
	for round := 0; round < 500; round++ {
		b := make([]byte, 24)
		for i := range b {
			b[i] = ' '
			if rnd.IntN(2) == 0 {
				b[i] = 'a' + byte(rnd.IntN(26))
			}
		}
		line := string(b)
		for end := 8; end <= len(line); end++ {
			for start := end - 8; start < end; start++ {
				if got, want := record.TrimWord(line, start, end), record.TrimText(line[start:end]); got != want {
					t.Fatalf("TrimWord(%q, %d, %d) = %q, want %q", line, start, end, got, want)
				}
			}
		}
	}
}

// TestDigitsWord4AsDigitsWord: for every field of 1 to 4 positions at the end of a word,
// of digits and of digits with one other byte, DigitsWord4 gives DigitsWord's value, and
// is bad where DigitsWord is.
func TestDigitsWord4AsDigitsWord(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 4))
	for round := 0; round < 2000; round++ {
		b := []byte("00000000")
		for i := range b {
			b[i] = '0' + byte(rnd.IntN(10))
		}
		if round%3 == 0 {
			b[rnd.IntN(8)] = []byte{' ', '/', ':', 'A', 0xB9}[rnd.IntN(5)]
		}
		w := record.Word(string(b), 8)
		for n := 1; n <= 4; n++ {
			v4, bad4 := record.DigitsWord4(w, n)
			v, bad := record.DigitsWord(w, n)
			if (bad4 != 0) != (bad != 0) || (bad == 0 && v4 != v) {
				t.Fatalf("%q, %d digits: DigitsWord4 = %d, bad %t; DigitsWord = %d, bad %t", b, n, v4, bad4 != 0, v, bad != 0)
			}
			if bad == 0 {
				want, _ := strconv.ParseInt(string(b[8-n:]), 10, 64)
				if v4 != want {
					t.Fatalf("%q, %d digits: %d, want %d", b, n, v4, want)
				}
			}
		}
	}
}

// TrimReserve is TrimAt (so TrimText) for any content: all spaces, the common case of a
// reserve field, the one it takes a shortcut for; anything else, and fields longer than its
// run of spaces (the longest reserve of the spec files is 567 positions).
func TestTrimReserveAsTrimText(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 3))
	for _, n := range []int{8, 9, 31, 123, 193, 567, 640, 641, 700} {
		for round := 0; round < 40; round++ {
			b := []byte(strings.Repeat(" ", n+4))
			switch round % 4 {
			case 1: // one letter somewhere
				b[2+rnd.IntN(n)] = 'x'
			case 2: // text at the front, as a filled field has
				for i := 2; i < 2+rnd.IntN(n); i++ {
					b[i] = 'a' + byte(rnd.IntN(26))
				}
			case 3: // a letter in the last position
				b[2+n-1] = 'z'
			}
			line := string(b)
			got, want := record.TrimReserve(line, 2, 2+n), record.TrimText(line[2:2+n])
			if got != want {
				t.Fatalf("TrimReserve(%q, 2, %d) = %q, want %q", line, 2+n, got, want)
			}
		}
	}
}

// Word is the eight bytes before end, the first in the lowest byte, at every offset (the
// unaligned load of word_unaligned.go and the portable expression alike).
func TestWordAtEveryOffset(t *testing.T) {
	b := make([]byte, 40)
	for i := range b {
		b[i] = byte(0x30 + i*7)
	}
	s := string(b)
	for end := 8; end <= len(s); end++ {
		var want uint64
		for k := 7; k >= 0; k-- {
			want = want<<8 | uint64(s[end-8+k])
		}
		if got := record.Word(s, end); got != want {
			t.Errorf("Word(s, %d) = %#x, want %#x", end, got, want)
		}
	}
	for _, end := range []int{7, 41} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Word(s, %d) of a %d-byte string did not panic", end, len(s))
				}
			}()
			record.Word(s, end)
		}()
	}
}
