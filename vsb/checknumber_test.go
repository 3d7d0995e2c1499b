package vsb

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// sampleEchoedRecords returns the two 350-character records (a 10 and a 90) that the VI
// echoed in ../shared/vsb/sample-920098.txt: after segment 200 (67) and the 300 error
// segment (610), each unit is a 350-character record followed by 450 characters of detail.
func sampleEchoedRecords(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(sharedtest.Path(t, "vsb", "sample-920098.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if len(s) != 67+610+2*800 {
		t.Fatalf("sample-920098.txt: %d characters, want %d", len(s), 67+610+2*800)
	}
	var recs []string
	for i := range 2 {
		recs = append(recs, s[677+800*i:677+800*i+350])
	}
	return recs
}

// TestCheckNumberSamples: zone 99 as the VI echoed it must be what CheckNumber computes.
func TestCheckNumberSamples(t *testing.T) {
	for _, rec := range sampleEchoedRecords(t) {
		want, err := strconv.Atoi(rec[348:])
		if err != nil {
			t.Fatal(err)
		}
		if got := CheckNumber([]byte(rec)); got != want {
			t.Errorf("record %s: check number %d, zone 99 says %d", rec[:2], got, want)
		}
	}
}

// TestCheckNumberRuleCandidates is the evidence of CHECKNUMBER.md: the rule of the research
// notes (letters 11–36) misses both records by exactly 4; letters 1–26 fits both.
func TestCheckNumberRuleCandidates(t *testing.T) {
	recs := sampleEchoedRecords(t)
	rule := func(space, letterBase, other int) func(string) int {
		return func(rec string) int {
			sum := 0
			for i := range RecordLength - 2 {
				c := rec[i]
				switch {
				case c >= '0' && c <= '9':
					sum += int(c - '0')
				case c == ' ':
					sum += space
				case c >= 'A' && c <= 'Z':
					sum += int(c-'A') + letterBase
				case c >= 'a' && c <= 'z':
					sum += int(c-'a') + letterBase
				default:
					sum += other
				}
			}
			return Mod97(sum)
		}
	}
	tests := []struct {
		name       string
		f          func(string) int
		want10     int
		want90     int
		fitsSample bool
	}{
		{"notes: space 10, letters 11-36, other 37", rule(10, 11, 37), 12, 68, false},
		{"letters 1-26", rule(10, 1, 37), 16, 72, true},
	}
	for _, tt := range tests {
		g10, g90 := tt.f(recs[0]), tt.f(recs[1])
		if g10 != tt.want10 || g90 != tt.want90 {
			t.Errorf("%s: got %d and %d, want %d and %d", tt.name, g10, g90, tt.want10, tt.want90)
		}
		fits := g10 == 16 && g90 == 72
		if fits != tt.fitsSample {
			t.Errorf("%s: fits the sample = %v, want %v", tt.name, fits, tt.fitsSample)
		}
	}
	// The echoed zone 99 values themselves.
	if recs[0][348:] != "16" || recs[1][348:] != "72" {
		t.Fatalf("zone 99 in the sample: %q and %q, want 16 and 72", recs[0][348:], recs[1][348:])
	}
}

func TestMod97(t *testing.T) {
	for _, tt := range []struct{ in, want int }{{0, 97}, {97, 97}, {194, 97}, {1, 1}, {96, 96}, {98, 1}, {1083, 16}} {
		if got := Mod97(tt.in); got != tt.want {
			t.Errorf("Mod97(%d) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		s string
		m Money
	}{{"12.34", 1234}, {"-0.05", -5}, {"1.2", 120}, {"0.00", 0}, {"7", 700}, {"-24279.68", -2427968}} {
		got, err := ParseMoney(tt.s)
		if err != nil || got != tt.m {
			t.Errorf("ParseMoney(%q) = %d, %v", tt.s, got, err)
		}
	}
	for _, bad := range []string{"", "1.234", "a", "1,00", "-"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q) accepted", bad)
		}
	}
	if Money(-5).String() != "-0.05" || Money(123456).String() != "1234.56" {
		t.Error("String")
	}
}

// charSum adds eight characters a round, two a lookup: it must give what CharValue gives
// character by character, for every byte at every place of a round, every two bytes side
// by side (in one lookup and across two) and for runs of digits, spaces and both mixed.
func TestCharSumByWords(t *testing.T) {
	slow := func(s []byte) int {
		n := 0
		for _, c := range s {
			n += CharValue(c)
		}
		return n
	}
	var inputs [][]byte
	for c := 0; c < 256; c++ {
		for at := 0; at < 9; at++ {
			b := []byte("0123456789          9876543210")
			b[at] = byte(c)
			inputs = append(inputs, b)
		}
	}
	long := bytes.Repeat([]byte("9"), 8*29+3) // many rounds and a tail
	inputs = append(inputs, long, bytes.Repeat([]byte(" "), 8*60), []byte("        "), []byte("99999999"), []byte("0000000/"), []byte("::::::::"), []byte("9999999:"), []byte(""))
	for pair := 0; pair < 1<<16; pair++ { // every two characters, within a round and across two
		for _, at := range []int{0, 1, 7} {
			b := []byte("00000000 0000000")
			b[at], b[at+1] = byte(pair), byte(pair>>8)
			inputs = append(inputs, b)
		}
	}
	for _, b := range inputs {
		if got, want := charSum(b), slow(b); got != want {
			t.Fatalf("charSum(%q) = %d, want %d", b, got, want)
		}
		if len(b) <= RecordLength-2 {
			if got, want := CheckNumber(string(b)), Mod97(slow(b)); got != want {
				t.Fatalf("CheckNumber(string %q) = %d, want %d", b, got, want)
			}
		}
	}
}
