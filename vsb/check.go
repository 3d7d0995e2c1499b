package vsb

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
)

// Finding is one error found in a facturatiebestand, with its code from the eFact
// dictionary (vsb/foutcode).
type Finding struct {
	Order  int    // record order number (zone 2); 0 for segments 200/300 and records 95/96
	Record string // record type ("10", "50") or segment ("200")
	Zone   string // zone id
	Letter string // B, F, R, E or S (from the dictionary; empty if the code is unknown)
	Code   string // six-digit error code RRZZNN
	Text   string // the dictionary's Dutch text
	Detail string // what was found, e.g. "zone 99 holds 12, the record computes 16"
}

func (f Finding) String() string {
	var b strings.Builder
	if f.Order > 0 {
		fmt.Fprintf(&b, "record %06d ", f.Order)
	}
	fmt.Fprintf(&b, "(type %s) zone %s: %s %s %s", f.Record, f.Zone, f.Letter, f.Code, f.Text)
	if f.Detail != "" {
		fmt.Fprintf(&b, " (%s)", f.Detail)
	}
	return b.String()
}

// NewFinding makes a finding and fills its letter and text from the dictionary. The zone
// given is kept as given, also when it is finer than the code's ("8a,8b" for a code of
// zone 08) or differs from it; an empty zone takes the zone the code names (its digits 3
// and 4, foutcode.Foutcode.Zone). A reply carries only the letter and the code (the
// error detail has no zone), so what a facility reads back from the reply
// (voorziening.ErrorLine.Zone) is always the code's zone.
func NewFinding(order int, record, zone, code, detail string) Finding {
	f := Finding{Order: order, Record: record, Zone: zone, Code: code, Detail: detail}
	if fc, ok := foutcode.Lookup(code); ok {
		f.Letter, f.Text = string(fc.Letter), fc.NL
		if f.Zone == "" {
			f.Zone = fc.Zone()
		}
	}
	return f
}

// Report is the outcome of Check: technical findings (readability: format, structure,
// order and check numbers) decide DF011/DF012; content findings (control numbers and
// amount totals) go into the content validation with the zorgkas's own rules.
type Report struct {
	Technical []Finding
	Content   []Finding
	Records   int // records 10 … 90 (the ones with an order number)
}

// OK reports whether the technical validation passed.
func (r *Report) OK() bool { return len(r.Technical) == 0 }

// Check is the technical validation of a 920000: every zone of every record and of the
// segments 200 and 300 against its layout and the eFact error dictionary, and what the
// format derives.
//
//   - Format: every N zone holds digits (zones of any length, digit by digit), every
//     signed zone a sign + or - then digits (a missing sign gets the zone's "eerste
//     positie verschillend van + of -" code), zones the dictionary wants zero hold
//     zeros, date zones hold a date that exists.
//   - Values: allowed values, mandatory zones, check digits (KBO, INSZ/NISS, IBAN),
//     non-zero zending, third-party, invoice, destination and nomenclature numbers.
//   - Structure: record order numbers from 000001 on, the check number (zone 99) of
//     every record, the record sequence (10, 20, 50…, 80, …, 90).
//   - Consistency: each 50/51/52/80's INSZ equal to its 20's, the 90 repeating the 10,
//     invoice numbers unique in the sending, the invoice and sending control numbers
//     (80 and 90 zone 98, 95 zone 410, 96 zone 510), every amount total and count of
//     80, 90, 95 and 96.
//
// Every finding carries its dictionary code and letter. A finding of letter B from the
// format, value and structure checks is technical (the file is refused: DF012 920999);
// every other finding goes to the content validation, where its letter decides (B
// refuses the sending, F the invoice, R the record). Zone 509 of record 96 counts every
// record of the facturatiebestand from the 10 through the 90; zone 409 of a 95 counts
// the records of its mutualiteit's invoices (20, 50/51/52, 80): see vsb/VALIDATION.md.
func Check(f *File) *Report {
	rep := &Report{}
	tech := func(x Finding) { rep.Technical = append(rep.Technical, x) }
	content := func(x Finding) { rep.Content = append(rep.Content, x) }
	byLetter := func(x Finding) {
		if x.Letter == "B" || x.Letter == "" {
			tech(x)
		} else {
			content(x)
		}
	}

	L, err := msgLayouts(MsgFacturatiebestand)
	if err != nil {
		tech(Finding{Letter: "B", Detail: err.Error()})
		return rep
	}
	checkSegment(L["200"], f.Segment200, tech)
	checkSegment(L["300"], f.Segment300, tech)
	type rec struct {
		record.Raw
		l     *record.Layout
		z     zones
		code  string
		order int
	}
	all := make([]rec, 0, len(f.Records))
	for _, r := range f.Records {
		code := codeOf(r.Text)
		l := L[code]
		if l == nil || len(r.Text) != l.Length() {
			tech(Finding{Record: record.Escape(code), Letter: "B", Detail: "record of the wrong type or length"})
			continue
		}
		all = append(all, rec{Raw: r, l: l, z: zonesOf(l, r), code: code, order: Order(r)})
	}
	for _, r := range all {
		order := r.order
		bad := map[string]bool{}
		for i := 0; i < r.l.NumFields(); i++ {
			fl := r.l.FieldIndex(i)
			n := len(rep.Technical) + len(rep.Content)
			if dictionaryRecords[r.code] {
				zoneFormat(r.z, order, fl, byLetter)
			} else if fl.Type == record.Numeric {
				if _, err := record.FieldDigits(r.Text, r.l, i); err != nil {
					x := NewFinding(order, r.code, fl.Number, "", fmt.Sprintf("N zone of %d positions holds a non-digit", fl.Length))
					x.Letter = "B" // records 95/96: no dictionary code, the file cannot be read
					tech(x)
				}
			}
			bad[fl.Number] = len(rep.Technical)+len(rep.Content) > n
		}
		if fl := r.l.Role(record.RoleCheck); fl != nil && !bad[fl.Number] {
			if err := record.Verify([]byte(r.Text), r.l, Check97); errors.Is(err, record.ErrCheck) {
				got, _ := r.z.int(fl.Number)
				tech(NewFinding(order, r.code, fl.Number, r.code+"9902", fmt.Sprintf("zone 99 holds %02d, the record computes %02d", got, CheckNumber(r.Text))))
			}
		}
		// Values the format allows, mandatory zones and check digits.
		for _, vr := range valueRules {
			if vr.record != r.code || bad[vr.zone] {
				continue
			}
			if vr.ok(r.z.raw(vr.zone)) {
				continue
			}
			byLetter(NewFinding(order, r.code, vr.zone, vr.code, vr.want))
		}
	}

	// Order numbers and sequence over 10 … 90.
	var numbered []rec
	for _, r := range all {
		if r.code != "95" && r.code != "96" {
			numbered = append(numbered, r)
		}
	}
	rep.Records = len(numbered)
	for i, r := range numbered {
		o := r.order
		switch {
		case i == 0 && r.code != "10":
			tech(NewFinding(o, r.code, "1", "100103", "the first record must be a 10"))
		case i == 0 && o != 1:
			tech(NewFinding(o, "10", "2", "100110", fmt.Sprintf("order number %06d", o)))
		case i > 0 && o != numbered[i-1].order+1:
			tech(NewFinding(o, r.code, "2", r.code+"0210", fmt.Sprintf("order number %06d after %06d", o, numbered[i-1].order)))
		}
	}
	if len(numbered) == 0 || numbered[len(numbered)-1].code != "90" {
		tech(NewFinding(0, "90", "1", "900104", "the last record before 95/96 must be a 90"))
	}
	prev := ""
	for _, r := range numbered {
		c := r.code
		bad := ""
		switch prev {
		case "10":
			if c != "20" {
				bad = "100111"
			}
		case "20":
			if c != "50" {
				bad = "200111"
			}
		case "80":
			if c != "20" && c != "90" {
				bad = "800111"
			}
		}
		if bad != "" {
			tech(NewFinding(r.order, c, "1", bad, fmt.Sprintf("record %s follows a %s", c, prev)))
		}
		prev = c
	}

	// Zones that repeat the 10 or the invoice's 20, invoice numbers unique in the
	// sending.
	var r10, r20 *rec
	invoiceNumbers := map[string]int{}
	for i := range numbered {
		r := &numbered[i]
		switch r.code {
		case "10":
			r10 = r
		case "20":
			r20 = r
			if n := r.z.raw("24,25"); nonZero(n) {
				if first, dup := invoiceNumbers[n]; dup {
					content(NewFinding(r.order, "20", "24,25", "202420", fmt.Sprintf("invoice number already used by the 20 with order number %06d", first)))
				} else {
					invoiceNumbers[n] = r.order
				}
			}
		}
		for _, sa := range sameAs {
			if sa.record != r.code {
				continue
			}
			of := map[string]*rec{"10": r10, "20": r20}[sa.of]
			if of != nil && r.z.raw(sa.zone) != of.z.raw(sa.ofZone) {
				detail := fmt.Sprintf("zone %s differs from zone %s of the %s (order %06d)", sa.zone, sa.ofZone, sa.of, of.order)
				content(NewFinding(r.order, r.code, sa.zone, sa.code, detail))
			}
		}
	}

	// Control numbers and totals.
	var a, b, share, supp Money
	var totA, totB Money
	codes, allCodes := 0, 0
	type mut struct {
		a, b    Money
		records int
		codes   int
	}
	muts := map[string]*mut{}
	var cur *mut
	first := 0
	for _, r := range numbered {
		switch r.code {
		case "20":
			a, b, share, supp, codes = 0, 0, 0, 0, 0
			first = r.order
			d := r.z.raw("18")
			if muts[d] == nil {
				muts[d] = &mut{}
			}
			cur = muts[d]
		case "50":
			amt, _ := r.z.money("19")
			if acc, _ := r.z.int("11"); acc == 1 {
				b += amt
			} else {
				a += amt
			}
			s, _ := r.z.money("27")
			share += s
			s, _ = r.z.money("30,31")
			supp += s
			c, _ := r.z.int("4")
			codes += int(c)
			allCodes += int(c)
		case "80":
			o := r.order
			cmp := func(zone, code string, want Money) {
				if got, err := r.z.money(zone); err == nil && got != want {
					content(NewFinding(o, "80", zone, code, fmt.Sprintf("zone %s holds %s, the lines sum to %s", zone, got, want)))
				}
			}
			cmp("19", "801910", a)
			cmp("15", "801510", b)
			cmp("27", "802710", share)
			cmp("30,31", "803010", supp)
			if got, err := r.z.int("98"); err == nil && int(got) != Mod97(codes) {
				content(NewFinding(o, "80", "98", "809802", fmt.Sprintf("zone 98 holds %02d, the nomenclature codes give %02d", got, Mod97(codes))))
			}
			totA += a
			totB += b
			if cur != nil {
				cur.a += a
				cur.b += b
				cur.records += o - first + 1
				cur.codes += codes
			}
		case "90":
			o := r.order
			if got, err := r.z.money("19"); err == nil && got != totA {
				content(NewFinding(o, "90", "19", "901910", fmt.Sprintf("zone 19 holds %s, the 80 records sum to %s", got, totA)))
			}
			if got, err := r.z.money("15"); err == nil && got != totB {
				content(NewFinding(o, "90", "15", "901510", fmt.Sprintf("zone 15 holds %s, the 80 records sum to %s", got, totB)))
			}
			if got, err := r.z.int("98"); err == nil && int(got) != Mod97(allCodes) {
				content(NewFinding(o, "90", "98", "909802", fmt.Sprintf("zone 98 holds %02d, the nomenclature codes give %02d", got, Mod97(allCodes))))
			}
		}
	}
	seen95 := map[string]bool{}
	has96 := false
	for _, r := range all {
		switch r.code {
		case "95":
			m := muts[r.z.raw("401")]
			seen95[r.z.raw("401")] = true
			if m == nil {
				content(totalFinding(r.code, "401", "03", fmt.Sprintf("mutualiteit %s has no invoice in the sending", r.z.raw("401"))))
				continue
			}
			checkTotals(r.z, "40", m.a, m.b, m.records, Mod97(m.codes), content)
		case "96":
			has96 = true
			checkTotals(r.z, "50", totA, totB, len(numbered), Mod97(allCodes), content)
		}
	}
	for d := range muts {
		if !seen95[d] {
			content(Finding{Record: "95", Zone: "401", Letter: "B", Code: "954010", Text: projectCodes["954010"],
				Detail: fmt.Sprintf("no record 95 for destination mutualiteit %s", d)})
		}
	}
	if !has96 && len(numbered) > 0 {
		content(Finding{Record: "96", Zone: "501", Letter: "B", Code: "965010", Text: projectCodes["965010"], Detail: "no record 96"})
	}
	rep.Content = sortFindings(rep.Content)
	return rep
}

// projectCodes are the codes of the findings about records 95 and 96, which the eFact
// dictionary does not cover (they are the segments 400 and 500 of the message, after
// the facturatiebestand). They follow the dictionary's scheme RRZZNN, with RR the record,
// ZZ the zone without its leading 4 or 5 and NN as the 90's codes for the same check
// (10 total or count differs, 02 control number, 03 not allowed), and letter B: a
// sending-level total that does not reconcile blocks the sending, as 901910 does for the
// 90. They are the project's own: a VI may answer them with other codes.
var projectCodes = map[string]string{
	"950103": "Nummer ziekenfonds (R 95 Z 401) zonder factuur in de zending.",
	"954010": "Recordtype 95 afwezig voor een ziekenfonds van bestemming.",
	"950410": "Gevraagd bedrag rekening A (R 95 Z 403-404) verschillend van de som van de facturen van het ziekenfonds.",
	"950610": "Gevraagd bedrag rekening B (R 95 Z 405-406) verschillend van de som van de facturen van het ziekenfonds.",
	"950810": "Gevraagd bedrag A+B (R 95 Z 407-408) verschillend van de som van de facturen van het ziekenfonds.",
	"950910": "Aantal records (R 95 Z 409) verschillend van het aantal records van de facturen van het ziekenfonds.",
	"951002": "Controlecijfer (R 95 Z 410) foutief.",
	"965010": "Recordtype 96 afwezig.",
	"960410": "Gevraagd bedrag rekening A (R 96 Z 503-504) verschillend van de som van alle facturen.",
	"960610": "Gevraagd bedrag rekening B (R 96 Z 505-506) verschillend van de som van alle facturen.",
	"960810": "Gevraagd bedrag A+B (R 96 Z 507-508) verschillend van de som van alle facturen.",
	"960910": "Aantal records (R 96 Z 509) verschillend van het aantal records 10 tot en met 90.",
	"961002": "Controlecijfer (R 96 Z 510) foutief.",
}

// totalFinding is a finding about record 95 or 96 (zone "401", "404", …) with its project
// code (letter B).
func totalFinding(rec, zone, nn, detail string) Finding {
	code := rec + zone[1:] + nn
	if zone == "401" || zone == "501" {
		code = rec + "01" + nn
	}
	return Finding{Record: rec, Zone: zone, Letter: "B", Code: code, Text: projectCodes[code], Detail: detail}
}

// checkTotals compares a 95 (prefix "40") or 96 ("50") with what the invoices give.
func checkTotals(r zones, p string, a, b Money, records, control int, add func(Finding)) {
	code := r.l.Code()
	cmp := func(s, z string, want Money) {
		got, err := r.signed(p+s, p+z)
		if err != nil {
			add(totalFinding(code, p+z, "10", err.Error()))
		} else if got != want {
			add(totalFinding(code, p+z, "10", fmt.Sprintf("zone %s%s holds %s, the invoices give %s", p, z, got, want)))
		}
	}
	cmp("3", "4", a)
	cmp("5", "6", b)
	cmp("7", "8", a+b)
	if got, err := r.int(p + "9"); err == nil && int(got) != records {
		add(totalFinding(code, p+"9", "10", fmt.Sprintf("zone %s9 holds %d records, the sending gives %d", p, got, records)))
	}
	if got, err := r.int(p[:1] + "10"); err == nil && int(got) != control {
		add(totalFinding(code, p[:1]+"10", "02", fmt.Sprintf("control number %02d, the nomenclature codes give %02d", got, control)))
	}
}

// sortFindings orders findings by record order number (segments and 95/96 first, in the
// order found), stable.
func sortFindings(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Order < fs[j].Order })
	return fs
}
