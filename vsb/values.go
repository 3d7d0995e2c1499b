package vsb

import (
	"math/big"
	"strconv"
	"strings"
)

// ValidKBO reports whether a ten-digit KBO/BCE enterprise number has its check digits:
// 97 minus the first eight digits modulo 97 equals the last two.
func ValidKBO(s string) bool {
	if len(s) != 10 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	base, _ := strconv.Atoi(s[:8])
	check, _ := strconv.Atoi(s[8:])
	return 97-base%97 == check
}

// ValidINSZ reports whether an INSZ/NISS (the last eleven digits of s; any digits before
// them must be zeros) has its check digits: 97 minus the first nine digits modulo 97, or,
// for a person born in 2000 or later, 97 minus (2 followed by the nine digits) modulo 97.
func ValidINSZ(s string) bool {
	if len(s) < 11 || strings.Trim(s, "0123456789") != "" || strings.Trim(s[:len(s)-11], "0") != "" {
		return false
	}
	s = s[len(s)-11:]
	base, _ := strconv.ParseInt(s[:9], 10, 64)
	check, _ := strconv.ParseInt(s[9:], 10, 64)
	return 97-base%97 == check || 97-(2_000_000_000+base)%97 == check
}

// ValidIBAN reports whether an IBAN (spaces allowed) has its check digits (ISO 13616:
// the first four characters moved to the end, letters as 10 … 35, modulo 97 is 1).
func ValidIBAN(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(s) < 5 || len(s) > 34 {
		return false
	}
	var b strings.Builder
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			b.WriteString(strconv.Itoa(int(c-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// valueRule is an allowed value, mandatory zone or check digit of one zone, with the
// dictionary code for a failure. ok gets the zone's characters (digits: the zone passed
// its format check).
type valueRule struct {
	record, zone, code, want string
	ok                       func(raw string) bool
}

func num(raw string) int64 { v, _ := strconv.ParseInt(strings.TrimLeft(raw, "+-"), 10, 64); return v }
func oneOf(vs ...int64) func(string) bool {
	return func(raw string) bool {
		for _, v := range vs {
			if num(raw) == v {
				return true
			}
		}
		return false
	}
}
func nonZero(raw string) bool { return strings.Trim(raw, "0 +-") != "" }
func filled(raw string) bool  { return strings.TrimSpace(raw) != "" }

// valueRules are the allowed values, mandatory zones and check digits of the records,
// each with its dictionary code. The letter comes from the dictionary.
var valueRules = []valueRule{
	{"10", "3", "100303", "want 0 (one account) or 1 (two accounts)", oneOf(0, 1)},
	{"10", "4", "100403", "want 0001999 (production) or 9991999 (test)", oneOf(1999, 9991999)},
	{"10", "7", "100703", "the zending number is not zero", nonZero},
	{"10", "14", "101403", "the third-party number is not zero", nonZero},
	{"10", "22", "102203", "want a year", func(r string) bool { v := num(r); return v >= 1900 && v <= 9999 }},
	{"10", "23", "102303", "want a month 1-12", func(r string) bool { v := num(r); return v >= 1 && v <= 12 }},
	{"10", "25,26", "102503", "the creation date is mandatory", nonZero},
	{"10", "27", "102710", "the KBO number is mandatory", nonZero},
	{"10", "27", "102702", "KBO number: 97 - (first eight digits mod 97) must be the last two", func(r string) bool { return !nonZero(r) || ValidKBO(r) }},
	{"10", "31,32,33,34", "103110", "the BIC of account A is mandatory", filled},
	{"10", "36,37,38,39,40,41", "103610", "the IBAN of account A is mandatory", filled},
	{"10", "36,37,38,39,40,41", "103602", "IBAN check digits (mod 97) wrong", func(r string) bool { return !filled(r) || ValidIBAN(r) }},
	{"10", "49,50,51,52", "104902", "IBAN of account B: check digits (mod 97) wrong", func(r string) bool { return !filled(r) || ValidIBAN(r) }},
	{"20", "8a,8b", "200810", "the beneficiary's INSZ is mandatory", nonZero},
	{"20", "8a,8b", "200802", "INSZ check digits (mod 97, 2000+ rule) wrong", func(r string) bool { return !nonZero(r) || ValidINSZ(r) }},
	{"20", "9", "200903", "want 1 (male) or 2 (female)", oneOf(1, 2)},
	{"20", "10", "201003", "want 1 (hospitalised) or 3 (ambulant)", oneOf(1, 3)},
	{"20", "18", "201803", "the destination mutualiteit is not 000", nonZero},
	{"20", "24,25", "202403", "the individual invoice number is not zero", nonZero},
	{"50", "4", "500403", "the nomenclature code is not 0000000", nonZero},
	{"50", "5", "500503", "the date of the first prestatie is mandatory", nonZero},
	{"50", "11", "501103", "want 0 (account A) or 1 (account B)", oneOf(0, 1)},
	{"80", "9", "800903", "want 1 (male) or 2 (female)", oneOf(1, 2)},
	{"90", "7", "900703", "the zending number is not zero", nonZero},
	{"90", "14", "901403", "the third-party number is not zero", nonZero},
	{"90", "23", "902303", "want a month 1-12", func(r string) bool { v := num(r); return v >= 1 && v <= 12 }},
}

// sameAs are zones that repeat a zone of the 10 (for a 90) or of the invoice's 20 (for a
// 50, 51, 52 or 80), with the dictionary code for a difference.
var sameAs = []struct{ record, zone, of, ofZone, code string }{
	{"90", "7", "10", "7", "900712"},
	{"90", "14", "10", "14", "901412"},
	{"90", "22", "10", "22", "902212"},
	{"90", "23", "10", "23", "902312"},
	{"90", "27", "10", "27", "902712"},
	{"90", "36,37,38,39,40,41", "10", "36,37,38,39,40,41", "903612"},
	{"50", "8a,8b", "20", "8a,8b", "500812"},
	{"51", "8a,8b", "20", "8a,8b", "510812"},
	{"52", "8a,8b", "20", "8a,8b", "520812"},
	{"80", "8a,8b", "20", "8a,8b", "800812"},
	{"80", "9", "20", "9", "800912"},
}

// segmentRules are the allowed values of segments 200 and 300 of a 920000. The
// dictionary has no codes for the segments: a failure is answered in the segment's own
// "code erreur" zone (2001, 3081, …) with the dictionary's convention for the last two
// digits: 01 not numeric, 03 not allowed (the project's reading; the sources give no
// list of segment codes).
var segmentRules = []struct {
	segment, zone, want string
	ok                  func(string) bool
}{
	{"200", "202", "want 12 (production) or 92 (test)", oneOf(12, 92)},
	{"300", "300", "want YYYYMM with a month 1-12", func(r string) bool { m := num(r) % 100; return m >= 1 && m <= 12 }},
	{"300", "301", "the zending number is not zero", nonZero},
	{"300", "302", "want a date that exists", func(r string) bool { _, err := ParseDate(r); return r != "00000000" && err == nil }},
	{"300", "304", "want 0001999 (production) or 9991999 (test)", oneOf(1999, 9991999)},
	{"300", "308", "want 01 (hospitalised), 03 (ambulant) or 09 (mixed)", oneOf(1, 3, 9)},
	{"300", "309", "want 01 (one account) or 02 (two accounts)", oneOf(1, 2)},
}

// Segment code erreur values (the last two digits of the dictionary's convention).
const (
	SegmentNotNumeric = "01"
	SegmentNotAllowed = "03"
)
