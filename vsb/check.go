package vsb

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/internal/fixedwidth"
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

// NewFinding fills letter and text from the dictionary.
func NewFinding(order int, record, zone, code, detail string) Finding {
	f := Finding{Order: order, Record: record, Zone: zone, Code: code, Detail: detail}
	if fc, ok := foutcode.Lookup(code); ok {
		f.Letter, f.Text = fc.Letter, fc.NL
	}
	return f
}

// codeFor builds RRZZNN from a record type, a zone id ("8a,8b" → 08) and an error number.
func codeFor(record, zone string, nn int) string {
	z := zone
	if i := strings.IndexAny(z, ",abcdefghijklmnopqrstuvwxyz"); i >= 0 {
		z = z[:i]
	}
	n, _ := strconv.Atoi(z)
	return fmt.Sprintf("%s%02d%02d", record, n%100, nn)
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

// Check verifies what the format derives: every N zone numeric and every SN zone signed,
// record order numbers from 000001 on, the check number (zone 99) of every record, the
// record sequence (10, 20, 50…, 80, …, 90), the allowed values of a few coded zones
// (file version, zending number, period, sex, invoice type, account), the invoice and
// sending control numbers and the amount totals of 80, 90, 95 and 96.
func Check(f *File) *Report {
	rep := &Report{}
	tech := func(x Finding) { rep.Technical = append(rep.Technical, x) }
	content := func(x Finding) { rep.Content = append(rep.Content, x) }

	for _, r := range f.Records {
		order := r.Order()
		for _, fl := range r.Layout.Fields {
			switch fl.Type {
			case N:
				if _, err := r.Int(fl.ID); err != nil {
					tech(NewFinding(order, r.Code(), fl.ID, codeFor(r.Code(), fl.ID, 1), fmt.Sprintf("N zone of %d positions holds a non-digit", fl.Length)))
				}
			case SN:
				if _, err := r.Int(fl.ID); err != nil {
					tech(NewFinding(order, r.Code(), fl.ID, codeFor(r.Code(), fl.ID, 1), fmt.Sprintf("SN zone of %d positions: want a sign + or - and digits", fl.Length)))
				}
			}
		}
		if fl, ok := r.Layout.FieldByRole("check"); ok {
			if err := r.VerifyCheck(); errors.Is(err, fixedwidth.ErrCheck) {
				got, _ := r.Int(fl.ID)
				tech(NewFinding(order, r.Code(), fl.ID, r.Code()+"9902", fmt.Sprintf("zone 99 holds %02d, the record computes %02d", got, r.CheckNumber())))
			}
		}
	}

	// Values the format allows. A B code makes it a technical finding (DF012); an F or R
	// code rejects only the invoice or record, so it goes to the content validation.
	for _, r := range f.Records {
		for _, vr := range valueRules {
			if vr.record != r.Code() {
				continue
			}
			v, err := r.Int(vr.zone)
			if err != nil || vr.ok(v) {
				continue // a non-numeric zone is reported above
			}
			x := NewFinding(r.Order(), r.Code(), vr.zone, vr.code, fmt.Sprintf("zone %s holds %d, %s", vr.zone, v, vr.want))
			if x.Letter == "B" {
				tech(x)
			} else {
				content(x)
			}
		}
	}

	// Order numbers and sequence over 10 … 90.
	var numbered []*Record
	for _, r := range f.Records {
		if r.Code() != "95" && r.Code() != "96" {
			numbered = append(numbered, r)
		}
	}
	rep.Records = len(numbered)
	for i, r := range numbered {
		o := r.Order()
		switch {
		case i == 0 && r.Code() != "10":
			tech(NewFinding(o, r.Code(), "1", "100103", "the first record must be a 10"))
		case i == 0 && o != 1:
			tech(NewFinding(o, "10", "2", "100110", fmt.Sprintf("order number %06d", o)))
		case i > 0 && o != numbered[i-1].Order()+1:
			tech(NewFinding(o, r.Code(), "2", r.Code()+"0210", fmt.Sprintf("order number %06d after %06d", o, numbered[i-1].Order())))
		}
	}
	if len(numbered) == 0 || numbered[len(numbered)-1].Code() != "90" {
		tech(NewFinding(0, "90", "1", "900104", "the last record before 95/96 must be a 90"))
	}
	prev := ""
	for _, r := range numbered {
		c := r.Code()
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
			tech(NewFinding(r.Order(), c, "1", bad, fmt.Sprintf("record %s follows a %s", c, prev)))
		}
		prev = c
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
		switch r.Code() {
		case "20":
			a, b, share, supp, codes = 0, 0, 0, 0, 0
			first = r.Order()
			d := r.Raw("18")
			if muts[d] == nil {
				muts[d] = &mut{}
			}
			cur = muts[d]
		case "50":
			amt, _ := r.Money("19")
			if acc, _ := r.Int("11"); acc == 1 {
				b += amt
			} else {
				a += amt
			}
			s, _ := r.Money("27")
			share += s
			s, _ = r.Money("30,31")
			supp += s
			c, _ := r.Int("4")
			codes += int(c)
			allCodes += int(c)
		case "80":
			o := r.Order()
			cmp := func(zone, code string, want Money) {
				if got, err := r.Money(zone); err == nil && got != want {
					content(NewFinding(o, "80", zone, code, fmt.Sprintf("zone %s holds %s, the lines sum to %s", zone, got, want)))
				}
			}
			cmp("19", "801910", a)
			cmp("15", "801510", b)
			cmp("27", "802710", share)
			cmp("30,31", "803010", supp)
			if got, err := r.Int("98"); err == nil && int(got) != Mod97(codes) {
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
			o := r.Order()
			if got, err := r.Money("19"); err == nil && got != totA {
				content(NewFinding(o, "90", "19", "901910", fmt.Sprintf("zone 19 holds %s, the 80 records sum to %s", got, totA)))
			}
			if got, err := r.Money("15"); err == nil && got != totB {
				content(NewFinding(o, "90", "15", "901510", fmt.Sprintf("zone 15 holds %s, the 80 records sum to %s", got, totB)))
			}
			if got, err := r.Int("98"); err == nil && int(got) != Mod97(allCodes) {
				content(NewFinding(o, "90", "98", "909802", fmt.Sprintf("zone 98 holds %02d, the nomenclature codes give %02d", got, Mod97(allCodes))))
			}
		}
	}
	count := 0
	for _, r := range f.Records {
		switch r.Code() {
		case "95":
			m := muts[r.Raw("401")]
			if m == nil {
				content(Finding{Record: "95", Zone: "401", Detail: fmt.Sprintf("mutualiteit %s has no invoice in the sending", r.Raw("401"))})
				continue
			}
			count += m.records
			checkTotals(r, "40", m.a, m.b, m.records, Mod97(m.codes), content)
		case "96":
			checkTotals(r, "50", totA, totB, count, Mod97(allCodes), content)
		}
	}
	return rep
}

// checkTotals compares a 95 (prefix "40") or 96 ("50") with what the invoices give. The
// dictionary has no codes for 95/96 (they are segments 400/500 of the message), so the
// findings carry no code, only the zone and what was found.
func checkTotals(r *Record, p string, a, b Money, records, control int, add func(Finding)) {
	cmp := func(s, z string, want Money) {
		got, err := r.signed(p+s, p+z)
		if err != nil {
			add(Finding{Record: r.Code(), Zone: p + z, Detail: err.Error()})
		} else if got != want {
			add(Finding{Record: r.Code(), Zone: p + z, Detail: fmt.Sprintf("zone %s%s holds %s, the invoices give %s", p, z, got, want)})
		}
	}
	cmp("3", "4", a)
	cmp("5", "6", b)
	cmp("7", "8", a+b)
	if got, err := r.Int(p + "9"); err == nil && int(got) != records {
		add(Finding{Record: r.Code(), Zone: p + "9", Detail: fmt.Sprintf("zone %s9 holds %d records, the invoices have %d", p, got, records)})
	}
	if got, err := r.Int(p[:1] + "10"); err == nil && int(got) != control {
		add(Finding{Record: r.Code(), Zone: p[:1] + "10", Detail: fmt.Sprintf("control number %02d, the nomenclature codes give %02d", got, control)})
	}
}

// valueRules are the allowed values of zones the facility's software fills, with the
// dictionary code for a value not allowed.
var valueRules = []struct {
	record, zone, code, want string
	ok                       func(int64) bool
}{
	{"10", "4", "100403", "want 0001999 (production) or 9991999 (test)", func(v int64) bool { return v == 1999 || v == 9991999 }},
	{"10", "7", "100703", "the zending number is not zero", func(v int64) bool { return v != 0 }},
	{"10", "22", "102203", "want a year", func(v int64) bool { return v >= 1900 && v <= 9999 }},
	{"10", "23", "102303", "want a month 1-12", func(v int64) bool { return v >= 1 && v <= 12 }},
	{"20", "9", "200903", "want 1 (male) or 2 (female)", func(v int64) bool { return v == 1 || v == 2 }},
	{"20", "10", "201003", "want 1 (hospitalised) or 3 (ambulant)", func(v int64) bool { return v == 1 || v == 3 }},
	{"50", "11", "501103", "want 0 (account A) or 1 (account B)", func(v int64) bool { return v == 0 || v == 1 }},
	{"80", "9", "800903", "want 1 (male) or 2 (female)", func(v int64) bool { return v == 1 || v == 2 }},
	{"90", "7", "900703", "the zending number is not zero", func(v int64) bool { return v != 0 }},
	{"90", "23", "902303", "want a month 1-12", func(v int64) bool { return v >= 1 && v <= 12 }},
}
