package vsb

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The ids of the rules of the facturatiebestand (Rules).
const (
	ruleFrame         = "VSB-FRAME"
	ruleSegmentFormat = "VSB-SEGMENT-FORMAT"
	ruleSegmentValue  = "VSB-SEGMENT-VALUE"
	ruleZone          = "VSB-ZONE"
	ruleCheckNumber   = "VSB-CHECKNUMBER"
	ruleValue         = "VSB-VALUE"
	ruleOrderNumber   = "VSB-ORDERNUMBER"
	ruleLast90        = "VSB-LAST90"
	ruleSequence      = "VSB-SEQUENCE"
	ruleUnique        = "VSB-UNIQUE"
	ruleSameAs        = "VSB-SAMEAS"
	ruleTotals        = "VSB-TOTALS"
)

// numbered are the record types with an order number (zone 2): 10 … 90.
var numbered = []string{"10", "20", "50", "51", "52", "80", "90"}

// Rules returns the rule set of the facturatiebestand 920000 (Standard
// MsgFacturatiebestand): the technical validation of Check as rules on the validation
// engine, run by validate.Run over the segments 200/300 and the records, grouped by
// Hierarchy. The set is new for every call.
func Rules() *validate.RuleSet {
	return &validate.RuleSet{
		Name:     "vsb",
		Standard: MsgFacturatiebestand,
		Doc:      "The technical validation of an eFact facturatiebestand (920000): zone format and values, check numbers, order numbers, record sequence, and the totals and control numbers of records 80, 90, 95 and 96, each with its code from the eFact error dictionary.",
		Rules: []*validate.Rule{
			{ID: ruleFrame, Level: validate.N2, Err: validate.ErrRecordLength,
				Doc:    "Every record is of a type of the 920000, with its length.",
				Record: frameRule},
			{ID: ruleSegmentFormat, Level: validate.N3, Err: validate.ErrType, Records: []string{"200", "300"},
				Doc:    "Every N zone of segments 200 and 300 holds digits (code erreur 01).",
				Record: segmentFormatRule},
			{ID: ruleSegmentValue, Level: validate.N4, Err: validate.ErrValue, Records: []string{"200", "300"},
				Doc:    "Segments 200 and 300 hold allowed values (code erreur 03).",
				Record: segmentValueRule},
			{ID: ruleZone, Level: validate.N3, Err: validate.ErrType, Records: append(slices.Clone(numbered), "95", "96"),
				Doc:    "Every zone has its format: digits in N zones, a sign in SN zones, zeros where the dictionary wants zero, dates that exist.",
				Record: zoneRule},
			{ID: ruleCheckNumber, Level: validate.N2, Err: validate.ErrValue, Records: append(slices.Clone(numbered), "95", "96"),
				Doc:    "Zone 99 holds the record's check number (RR9902).",
				Record: checkNumberRule},
			{ID: ruleValue, Level: validate.N4, Err: validate.ErrValue, Records: numbered,
				Doc:    "Allowed values, mandatory zones and check digits (KBO, INSZ, IBAN).",
				Record: valuesRule},
			{ID: ruleOrderNumber, Level: validate.N2, Err: validate.ErrNumbering, Records: numbered,
				Doc:      "The first record is a 10 with order number 000001; the order numbers follow one another.",
				NewState: func() any { return &orderState{} },
				Record:   orderNumberRule},
			{ID: ruleLast90, Level: validate.N2, Err: validate.ErrOrder, Records: numbered,
				Doc:      "The last record before 95/96 is a 90 (900104).",
				NewState: func() any { return new(string) },
				Record:   func(p *validate.Pass, rec *validate.Record) { *p.State().(*string) = rec.Code() },
				End: func(p *validate.Pass) {
					if *p.State().(*string) != "90" {
						f := NewFinding(0, "90", "1", "900104", "the last record before 95/96 must be a 90")
						f.Level = 0
						p.Report(nil, f)
					}
				}},
			{ID: ruleSequence, Level: validate.N2, Err: validate.ErrOrder, Records: numbered,
				Doc:      "A 10 is followed by a 20, a 20 by a 50, an 80 by a 20 or a 90.",
				NewState: func() any { return new(string) },
				Record:   sequenceRule},
			{ID: ruleUnique, Level: validate.N5, Err: validate.ErrDuplicate, Records: []string{"20"},
				Doc:      "Invoice numbers (20 zones 24-25) are unique in the sending (202420).",
				NewState: func() any { return map[string]int{} },
				Record:   uniqueRule},
			{ID: ruleSameAs, Level: validate.N5, Err: validate.ErrParent, Records: numbered,
				Doc:      "The 90 repeats zones of the 10; the 50/51/52/80 repeat the INSZ (and the 80 the sex) of their 20.",
				NewState: func() any { return &sameAsState{} },
				Record:   sameAsRule},
			{ID: ruleTotals, Level: validate.N5, Err: validate.ErrTrailer, Records: append(slices.Clone(numbered), "95", "96"),
				Doc:      "The totals, counts and control numbers of records 80, 90, 95 and 96 agree with the records they sum.",
				NewState: func() any { return &totalsState{muts: map[string]*mutTotals{}} },
				Record:   totalsRecord,
				End:      totalsEnd},
		},
	}
}

// zonesOfRecord reads the zones of a record a rule is given.
func zonesOfRecord(rec *validate.Record) zones { return zones{l: rec.Layout, text: rec.RawText()} }

// report reports a finding made with NewFinding about rec: the rule gives it its level.
func report(p *validate.Pass, rec *validate.Record, f validate.Finding) {
	f.Level = 0
	if rec == nil {
		p.Report(nil, f)
		return
	}
	f.Line = rec.Line
	p.Report(rec, f)
}

func frameRule(p *validate.Pass, rec *validate.Record) {
	text := rec.RawText()
	if rec.Layout != nil && len(text) == rec.Layout.Length() {
		return
	}
	p.Report(rec, validate.Finding{Line: 0, Record: record.Escape(codeOf(text)), Letter: "B", Detail: "record of the wrong type or length"})
}

// zoneFaults calls fail for every zone of rec whose format fails (zoneRule's checks).
func zoneFaults(rec *validate.Record, fail func(fl record.Field, code, detail string)) {
	l := rec.Layout
	z := zonesOfRecord(rec)
	for i := 0; i < l.NumFields(); i++ {
		fl := l.FieldIndex(i)
		if dictionaryRecords[l.Code()] {
			zoneFormat(z, fl, func(code, detail string) { fail(fl, code, detail) })
		} else if fl.Type == record.Numeric {
			if _, err := record.FieldDigits(z.text, l, i); err != nil {
				fail(fl, "", fmt.Sprintf("N zone of %d positions holds a non-digit", fl.Length))
			}
		}
	}
}

// badZones returns the zones of rec whose format fails.
func badZones(rec *validate.Record) map[string]bool {
	var bad map[string]bool
	zoneFaults(rec, func(fl record.Field, _, _ string) {
		if bad == nil {
			bad = map[string]bool{}
		}
		bad[fl.Number] = true
	})
	return bad
}

func zoneRule(p *validate.Pass, rec *validate.Record) {
	zoneFaults(rec, func(fl record.Field, code, detail string) {
		f := NewFinding(0, rec.Code(), fl.Number, code, detail)
		if !dictionaryRecords[rec.Code()] {
			f.Letter = "B" // records 95/96: no dictionary code, the file cannot be read
		}
		report(p, rec, f)
	})
}

func checkNumberRule(p *validate.Pass, rec *validate.Record) {
	l := rec.Layout
	fl := l.Role(record.RoleCheck)
	if fl == nil || badZones(rec)[fl.Number] {
		return
	}
	text := rec.RawText()
	if err := record.Verify([]byte(text), l, Check97); errors.Is(err, record.ErrCheck) {
		got, _ := zonesOfRecord(rec).int(fl.Number)
		code := l.Code()
		report(p, rec, NewFinding(0, code, fl.Number, code+"9902", fmt.Sprintf("zone 99 holds %02d, the record computes %02d", got, CheckNumber(text))))
	}
}

func valuesRule(p *validate.Pass, rec *validate.Record) {
	code := rec.Code()
	z := zonesOfRecord(rec)
	var bad map[string]bool
	for _, vr := range valueRules {
		if vr.record != code {
			continue
		}
		if bad == nil {
			bad = badZones(rec)
			if bad == nil {
				bad = map[string]bool{}
			}
		}
		if bad[vr.zone] || vr.ok(z.raw(vr.zone)) {
			continue
		}
		report(p, rec, NewFinding(0, code, vr.zone, vr.code, vr.want))
	}
}

// segmentFormatRule checks the N zones of segment 200 or 300: a finding has Line 0, the
// segment as Record, the zone and the two-digit code erreur as Retourcode, letter B (the
// file cannot be read as a 920000).
func segmentFormatRule(p *validate.Pass, rec *validate.Record) {
	l, text := rec.Layout, rec.RawText()
	for _, fl := range l.Fields() {
		if fl.Type != record.Numeric {
			continue
		}
		raw := text[fl.Start-1 : fl.End]
		if i := strings.IndexFunc(raw, func(c rune) bool { return c < '0' || c > '9' }); i >= 0 {
			p.Report(rec, validate.Finding{Field: fl.Number, Letter: "B", Retourcode: SegmentNotNumeric, Message: "niet numeriek",
				Detail: fmt.Sprintf("N zone of %d positions holds a non-digit at position %d", fl.Length, fl.Start+i)})
		}
	}
}

// segmentValueRule checks the allowed values of segment 200 or 300 (segmentRules).
func segmentValueRule(p *validate.Pass, rec *validate.Record) {
	l := rec.Layout
	code := l.Code()
	z := zonesOfRecord(rec)
	for _, sr := range segmentRules {
		if sr.segment != code {
			continue
		}
		fl := fieldOf(l, sr.zone)
		if fl == nil {
			continue
		}
		if fl.Type == record.Numeric && strings.Trim(z.raw(sr.zone), "0123456789") != "" {
			continue // not digits: VSB-SEGMENT-FORMAT
		}
		if !sr.ok(z.raw(sr.zone)) {
			p.Report(rec, validate.Finding{Field: sr.zone, Letter: "B", Retourcode: SegmentNotAllowed, Message: "niet toegelaten", Detail: sr.want})
		}
	}
}

type orderState struct {
	n    int
	prev int
}

func orderNumberRule(p *validate.Pass, rec *validate.Record) {
	st := p.State().(*orderState)
	o, code := rec.Line, rec.Code()
	switch {
	case st.n == 0 && code != "10":
		report(p, rec, NewFinding(0, code, "1", "100103", "the first record must be a 10"))
	case st.n == 0 && o != 1:
		report(p, rec, NewFinding(0, "10", "2", "100110", fmt.Sprintf("order number %06d", o)))
	case st.n > 0 && o != st.prev+1:
		report(p, rec, NewFinding(0, code, "2", code+"0210", fmt.Sprintf("order number %06d after %06d", o, st.prev)))
	}
	st.n++
	st.prev = o
}

func sequenceRule(p *validate.Pass, rec *validate.Record) {
	prev := p.State().(*string)
	c := rec.Code()
	bad := ""
	switch *prev {
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
		report(p, rec, NewFinding(0, c, "1", bad, fmt.Sprintf("record %s follows a %s", c, *prev)))
	}
	*prev = c
}

func uniqueRule(p *validate.Pass, rec *validate.Record) {
	seen := p.State().(map[string]int)
	n := zonesOfRecord(rec).raw("24,25")
	if !nonZero(n) {
		return
	}
	if first, dup := seen[n]; dup {
		report(p, rec, NewFinding(0, "20", "24,25", "202420", fmt.Sprintf("invoice number already used by the 20 with order number %06d", first)))
		return
	}
	seen[n] = rec.Line
}

// sameAsState keeps the last 20 read, for a record whose invoice has no 20 of its own
// (sameAsRule).
type sameAsState struct {
	last20 keptRecord
}

type keptRecord struct {
	z     zones
	order int
}

// sameAsRule compares the zones a record repeats with those of the record it repeats:
// the 90 with its sending's 10, the 50/51/52/80 with their invoice's 20, both given by
// the engine's hierarchy (Record.Parent, Hierarchy).
//
// A broken file can leave a record without the 20 of its invoice (a 50 after an 80, an
// invoice whose 20 was written as another type): its parent is then the 10, or none. The
// eFact dictionary's codes 500812 … 800912 say "different from record 20" and a VI reads
// the records in order, so such a record is compared with the last 20 read, as the rule
// did before it used the hierarchy: the file keeps the codes it got (beside the sequence
// codes 200111/800111 that say the structure is wrong). A 90 always has its sending's 10
// as parent when the file has one; without a 10 there is nothing to compare.
func sameAsRule(p *validate.Pass, rec *validate.Record) {
	st := p.State().(*sameAsState)
	code := rec.Code()
	if code == "20" {
		z := zonesOfRecord(rec)
		st.last20 = keptRecord{z: zones{l: z.l, text: strings.Clone(z.text)}, order: rec.Line}
	}
	z := zonesOfRecord(rec)
	for _, sa := range sameAs {
		if sa.record != code {
			continue
		}
		var of keptRecord
		if parent := rec.Parent(); parent != nil && parent.Code() == sa.of {
			of = keptRecord{z: zonesOfRecord(parent), order: parent.Line}
		} else if sa.of == "20" {
			of = st.last20 // no 20 of its own: the last 20 read (see above)
		}
		if of.z.l == nil {
			continue
		}
		if z.raw(sa.zone) != of.z.raw(sa.ofZone) {
			detail := fmt.Sprintf("zone %s differs from zone %s of the %s (order %06d)", sa.zone, sa.ofZone, sa.of, of.order)
			report(p, rec, NewFinding(0, code, sa.zone, sa.code, detail))
		}
	}
}

// totalsState sums the invoices of the sending and of each destination mutualiteit.
type totalsState struct {
	a, b, share, supp Money // of the invoice being read
	totA, totB        Money
	codes, allCodes   int
	muts              map[string]*mutTotals
	cur               *mutTotals
	first             int // order number of the invoice's 20
	records           int // records 10 … 90
	last              []zones
}

type mutTotals struct {
	a, b    Money
	records int
	codes   int
}

// totalsRecord checks the totals of the 80 and 90 and sums what the 95/96 are checked
// against at the end (they follow the 90).
func totalsRecord(p *validate.Pass, rec *validate.Record) {
	st := p.State().(*totalsState)
	z := zonesOfRecord(rec)
	o := rec.Line
	switch code := rec.Code(); code {
	case "95", "96":
		st.last = append(st.last, zones{l: z.l, text: strings.Clone(z.text)})
		return
	case "20":
		st.a, st.b, st.share, st.supp, st.codes = 0, 0, 0, 0, 0
		st.first = o
		d := z.raw("18")
		if st.muts[d] == nil {
			st.muts[d] = &mutTotals{}
		}
		st.cur = st.muts[d]
	case "50":
		amt, _ := z.money("19")
		if acc, _ := z.int("11"); acc == 1 {
			st.b += amt
		} else {
			st.a += amt
		}
		s, _ := z.money("27")
		st.share += s
		s, _ = z.money("30,31")
		st.supp += s
		c, _ := z.int("4")
		st.codes += int(c)
		st.allCodes += int(c)
	case "80":
		cmp := func(zone, code string, want Money) {
			if got, err := z.money(zone); err == nil && got != want {
				report(p, rec, NewFinding(0, "80", zone, code, fmt.Sprintf("zone %s holds %s, the lines sum to %s", zone, got, want)))
			}
		}
		cmp("19", "801910", st.a)
		cmp("15", "801510", st.b)
		cmp("27", "802710", st.share)
		cmp("30,31", "803010", st.supp)
		if got, err := z.int("98"); err == nil && int(got) != Mod97(st.codes) {
			report(p, rec, NewFinding(0, "80", "98", "809802", fmt.Sprintf("zone 98 holds %02d, the nomenclature codes give %02d", got, Mod97(st.codes))))
		}
		st.totA += st.a
		st.totB += st.b
		// The invoice is the 80's parent, its 20; an 80 without a 20 of its own (a broken
		// file: its parent is the 10) counts from the last 20 read, as sameAsRule compares.
		first, cur := st.first, st.cur
		if parent := rec.Parent(); parent != nil && parent.Code() == "20" {
			first, cur = parent.Line, st.muts[zonesOfRecord(parent).raw("18")]
		}
		if cur != nil {
			cur.a += st.a
			cur.b += st.b
			cur.records += o - first + 1
			cur.codes += st.codes
		}
	case "90":
		if got, err := z.money("19"); err == nil && got != st.totA {
			report(p, rec, NewFinding(0, "90", "19", "901910", fmt.Sprintf("zone 19 holds %s, the 80 records sum to %s", got, st.totA)))
		}
		if got, err := z.money("15"); err == nil && got != st.totB {
			report(p, rec, NewFinding(0, "90", "15", "901510", fmt.Sprintf("zone 15 holds %s, the 80 records sum to %s", got, st.totB)))
		}
		if got, err := z.int("98"); err == nil && int(got) != Mod97(st.allCodes) {
			report(p, rec, NewFinding(0, "90", "98", "909802", fmt.Sprintf("zone 98 holds %02d, the nomenclature codes give %02d", got, Mod97(st.allCodes))))
		}
	}
	st.records++
}

// totalsEnd checks the records 95 and 96 against the sums of the sending, and that every
// destination mutualiteit has its 95 and the file its 96.
func totalsEnd(p *validate.Pass) {
	st := p.State().(*totalsState)
	add := func(f validate.Finding) { p.Report(nil, f) }
	seen95 := map[string]bool{}
	has96 := false
	for _, z := range st.last {
		switch z.l.Code() {
		case "95":
			m := st.muts[z.raw("401")]
			seen95[z.raw("401")] = true
			if m == nil {
				add(totalFinding("95", "401", "03", fmt.Sprintf("mutualiteit %s has no invoice in the sending", z.raw("401"))))
				continue
			}
			checkTotals(z, "40", m.a, m.b, m.records, Mod97(m.codes), add)
		case "96":
			has96 = true
			checkTotals(z, "50", st.totA, st.totB, st.records, Mod97(st.allCodes), add)
		}
	}
	var missing []string
	for d := range st.muts {
		if !seen95[d] {
			missing = append(missing, d)
		}
	}
	slices.Sort(missing)
	for _, d := range missing {
		add(validate.Finding{Record: "95", Field: "401", Letter: "B", Retourcode: "954010", Message: projectCodes["954010"],
			Detail: fmt.Sprintf("no record 95 for destination mutualiteit %s", d)})
	}
	if !has96 && st.records > 0 {
		add(validate.Finding{Record: "96", Field: "501", Letter: "B", Retourcode: "965010", Message: projectCodes["965010"], Detail: "no record 96"})
	}
}
