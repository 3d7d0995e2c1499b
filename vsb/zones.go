package vsb

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
)

// zoneCodes are the dictionary codes (vsb/foutcode) that one zone of one record type can
// get from the zone checks, by what they say. A code whose text sets a condition that
// no current file meets ("en R 10 Z 22-23 < 0201101": periods before 2011, and the like)
// is left out: it cannot apply to a file of today.
type zoneCodes struct {
	numeric    string // "… niet numeriek" (also "niet numeriek of formaat foutief")
	zero       string // "Inhoud zone verschillend van nul": the zone holds zeros
	sign       string // "Eerste positie … verschillend van + of -"
	firstZero  string // "Eerste cijfer van de zone verschillend van nul"
	format     string // "… formaat foutief": a date that does not exist
	notAllowed string // "… niet toegelaten" (error number 03)
	check      string // "… met foutief controlecijfer"
	absent     string // "… afwezig" without a condition on other zones
	// leading is "Eerste twee/drie/vier cijfers van de zone verschillend van nul": the
	// code, and how many leading digits must be 0.
	leading  string
	nLeading int
	// part holds "Inhoud zone 8b verschillend van nul": the zero code of a zone named
	// with its letter ("8b"), which the zone number alone does not tell apart.
	part map[string]string
}

// zoneIndex indexes the dictionary by record type and zone number ("1045" → codes).
var zoneIndex = sync.OnceValue(func() map[string]*zoneCodes {
	idx := map[string]*zoneCodes{}
	for _, fc := range foutcode.All() {
		nl := fc.NL
		if strings.Contains(nl, "<") {
			continue // a condition on earlier periods or dates: not for a file of today
		}
		key := fc.Code[:4]
		zc := idx[key]
		if zc == nil {
			zc = &zoneCodes{}
			idx[key] = zc
		}
		set := func(p *string) {
			if *p == "" {
				*p = fc.Code
			}
		}
		nn := fc.Code[4:]
		low := strings.ToLower(nl)
		switch {
		case strings.Contains(low, "formaat foutief") && strings.Contains(low, "niet numeriek"):
			set(&zc.numeric)
			set(&zc.format)
		case strings.Contains(low, "niet numeriek"):
			set(&zc.numeric)
		case strings.HasPrefix(nl, "Inhoud zone ") && strings.HasSuffix(nl, " verschillend van nul.") && strings.Count(nl, " ") == 5:
			// "Inhoud zone 8b verschillend van nul.": one lettered zone.
			if zc.part == nil {
				zc.part = map[string]string{}
			}
			zc.part[strings.Fields(nl)[2]] = fc.Code
		case strings.HasPrefix(nl, "Inhoud zone") && strings.Contains(nl, "verschillend van nul"):
			set(&zc.zero)
		case strings.HasPrefix(nl, "Eerste twee cijfers van de zone verschillend van nul"), strings.HasPrefix(nl, "Twee eerste cijfers van de zone verschillend van nul"):
			zc.leading, zc.nLeading = fc.Code, 2
		case strings.HasPrefix(nl, "Eerste drie cijfers van de zone verschillend van nul"):
			zc.leading, zc.nLeading = fc.Code, 3
		case strings.HasPrefix(nl, "Eerste vier cijfers van de zone verschillend van nul"):
			zc.leading, zc.nLeading = fc.Code, 4
		case strings.Contains(nl, "verschillend van + of -"):
			set(&zc.sign)
		case strings.HasPrefix(nl, "Eerste cijfer van de zone verschillend van nul"):
			set(&zc.firstZero)
		case strings.Contains(nl, "foutief controlecijfer") && !strings.Contains(nl, "(R "):
			set(&zc.check)
		case nn == "03" && strings.Contains(nl, "niet toegelaten"):
			set(&zc.notAllowed)
		case strings.HasSuffix(strings.TrimSuffix(nl, "."), " afwezig") || strings.Contains(nl, " afwezig en R 10 Z 22-23"):
			set(&zc.absent)
		}
	}
	return idx
})

// zoneNumber is the number of the first zone of a zone id ("8a,8b" → 8, "42,43a" → 42).
func zoneNumber(id string) int {
	i := 0
	for i < len(id) && id[i] >= '0' && id[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(id[:i])
	return n
}

// codesOf gives the zone codes of a zone of a record type (never nil).
func codesOf(record, zone string) *zoneCodes {
	if zc := zoneIndex()[fmt.Sprintf("%s%02d", record, zoneNumber(zone)%100)]; zc != nil {
		return zc
	}
	return &zoneCodes{}
}

// dictionaryRecords are the record types the dictionary has codes for and a 920000
// carries (records 95 and 96 are segments 400 and 500 of the message: no codes).
var dictionaryRecords = map[string]bool{"10": true, "20": true, "50": true, "51": true, "52": true, "80": true, "90": true}

// zoneFormat checks one zone of one record against its layout: an N zone holds digits
// (every position: zones of any length), an SN zone a sign then digits, a zone the
// dictionary wants zero holds zeros, a zone whose first digit must be 0 has it, and a
// date zone (pattern EEJJMMDD) holds 00000000 or a date that exists. Each failure gets
// the zone's code from the dictionary.
func zoneFormat(r zones, fl record.Field, fail func(code, detail string)) {
	rec := r.l.Code()
	zc := codesOf(rec, fl.Number)
	raw := r.text[fl.Start-1 : fl.End]
	first := func(codes ...string) string {
		for _, c := range codes {
			if c != "" {
				return c
			}
		}
		return ""
	}
	switch fl.Type {
	case record.Numeric:
		if i := strings.IndexFunc(raw, func(c rune) bool { return c < '0' || c > '9' }); i >= 0 {
			fail(first(zc.part[fl.Number], zc.numeric, zc.format, zc.zero, zc.notAllowed),
				fmt.Sprintf("N zone of %d positions holds a non-digit at position %d", fl.Length, fl.Start+i))
			return
		}
	case record.Signed:
		if raw[0] != '+' && raw[0] != '-' {
			fail(first(zc.sign, zc.numeric), fmt.Sprintf("signed zone: position %d holds no sign + or -", fl.Start))
			return
		}
		if i := strings.IndexFunc(raw[1:], func(c rune) bool { return c < '0' || c > '9' }); i >= 0 {
			fail(first(zc.numeric, zc.sign), fmt.Sprintf("signed zone: position %d after the sign holds a non-digit", fl.Start+1+i))
			return
		}
	default:
		return
	}
	digits := raw
	if fl.Type == record.Signed {
		digits = raw[1:]
	}
	if c, ok := zc.part[fl.Number]; ok {
		if strings.Trim(digits, "0") != "" {
			fail(c, fmt.Sprintf("zone %s of %d positions is not zero", fl.Number, fl.Length))
		}
		return
	}
	if zc.leading != "" && len(digits) > zc.nLeading && strings.Trim(digits[:zc.nLeading], "0") != "" {
		fail(zc.leading, fmt.Sprintf("the first %d digits of the zone are not 0", zc.nLeading))
	}
	if zc.zero != "" && strings.Trim(digits, "0") != "" {
		fail(zc.zero, fmt.Sprintf("zone of %d positions is not zero", fl.Length))
		return
	}
	if zc.firstZero != "" && digits[0] != '0' {
		fail(zc.firstZero, "the first digit of the zone is not 0")
	}
	if fl.Length == 8 && fl.Pattern == "EEJJMMDD" && digits != "00000000" {
		if _, err := ParseDate(digits); err != nil {
			fail(first(zc.format, zc.notAllowed, zc.numeric), "not a date that exists (YYYYMMDD)")
		}
	}
}

// structureCodes are the codes of the structure, order-number, total and control-number
// checks of Check.
var structureCodes = []string{
	"100103", "100110", "100111", "200111", "800111", "900104", "200210", "500210", "510210", "520210", "800210", "900210",
	"109902", "209902", "509902", "519902", "529902", "809902", "909902",
	"801910", "801510", "802710", "803010", "809802", "901910", "901510", "909802", "202420",
}

// CheckedCodes lists every dictionary code Check can give, sorted: the zone codes of the
// zones of the 920000's records, the allowed values, mandatory zones and check digits, the
// zones that repeat another record's, and the structure, total and control-number codes.
// The dictionary-coverage table (vsb/COVERAGE.md) is kept against it by a test.
func CheckedCodes() []string {
	set := map[string]bool{}
	add := func(c string) {
		if _, ok := foutcode.Lookup(c); ok && c != "" {
			set[c] = true
		}
	}
	if L, err := msgLayouts(MsgFacturatiebestand); err == nil {
		for code, l := range L {
			if !dictionaryRecords[code] {
				continue
			}
			for _, fl := range l.Fields() {
				zc := codesOf(code, fl.Number)
				switch fl.Type {
				case record.Numeric:
					add(zc.numeric)
					if zc.numeric == "" {
						add(zc.format)
						if zc.format == "" {
							add(zc.zero)
							if zc.zero == "" {
								add(zc.notAllowed)
							}
						}
					}
				case record.Signed:
					add(zc.sign)
					add(zc.numeric)
				default:
					continue
				}
				if c, ok := zc.part[fl.Number]; ok {
					add(c)
					continue
				}
				add(zc.zero)
				add(zc.firstZero)
				if zc.nLeading > 0 && fl.Length > zc.nLeading {
					add(zc.leading)
				}
				if fl.Length == 8 && fl.Pattern == "EEJJMMDD" {
					add(zc.format)
					if zc.format == "" {
						add(zc.notAllowed)
					}
				}
			}
		}
	}
	for _, vr := range valueRules {
		add(vr.code)
	}
	for _, sa := range sameAs {
		add(sa.code)
	}
	for _, c := range structureCodes {
		add(c)
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
