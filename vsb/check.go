package vsb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
)

// A finding about a facturatiebestand is a validate.Finding, the one finding type of the
// module: Line is the record order number (zone 2; 0 for segments 200/300 and records
// 95/96), Record the record type or segment, Field the zone id, Retourcode the six-digit
// code RRZZNN of the eFact error dictionary (vsb/foutcode; a segment's two-digit code
// erreur), Letter its letter B, F, R, E or S, Message the dictionary's Dutch text and
// Detail what was found ("zone 99 holds 12, the record computes 16").

// NewFinding makes a finding about record order (0 for a segment or a record 95/96) of
// type rec, zone zone, with the dictionary code and what was found; its letter and text
// come from the dictionary. The zone given is kept as given, also when it is finer than
// the code's ("8a,8b" for a code of zone 08) or differs from it; an empty zone takes the
// zone the code names (its digits 3 and 4, foutcode.Foutcode.Zone). A reply carries only
// the letter and the code (the error detail has no zone), so what a facility reads back
// from the reply (voorziening.ErrorLine.Zone) is always the code's zone. The finding's
// Level is N6 (the zorgkas's own); a rule's finding (Fail) gets its rule's level.
func NewFinding(order int, rec, zone, code, detail string) validate.Finding {
	f := validate.Finding{Level: validate.N6, Line: order, Record: rec, Field: zone, Retourcode: code, Detail: detail}
	if fc, ok := foutcode.Lookup(code); ok {
		f.Letter, f.Message = string(fc.Letter), fc.NL
		if f.Field == "" {
			f.Field = fc.Zone()
		}
	} else if text, ok := projectCodes[code]; ok {
		f.Letter, f.Message = "B", text
	}
	return f
}

// Describe writes a finding about a facturatiebestand on one line, as the eFact
// dictionary names it: "record 000005 (type 51) zone 99: B 519902 Controlecijfer van het
// record foutief. (zone 99 holds 12, the record computes 16)"; no order number for a
// segment or a record 95/96.
func Describe(f validate.Finding) string {
	var b strings.Builder
	if f.Line > 0 {
		fmt.Fprintf(&b, "record %06d ", f.Line)
	}
	fmt.Fprintf(&b, "(type %s) zone %s: %s %s %s", f.Record, f.Field, f.Letter, f.Retourcode, f.Message)
	if f.Detail != "" {
		fmt.Fprintf(&b, " (%s)", f.Detail)
	}
	return b.String()
}

// Fail reports, from a rule's hook, that zone of rec breaks the rule, with the dictionary
// code and what was found (NewFinding): the way a rule of one's own (a zorgkas's content
// rule) reports a finding with its eFact code and letter.
func Fail(p *validate.Pass, rec *validate.Record, zone, code, detail string) {
	f := NewFinding(0, "", zone, code, detail)
	f.Level = 0
	p.Report(rec, f)
}

// Report is the outcome of Check: technical findings (readability: format, structure,
// order and check numbers) decide DF011/DF012; content findings (control numbers and
// amount totals, and the findings of one's own rule sets) go into the content
// validation with the zorgkas's own rules.
type Report struct {
	Technical []validate.Finding // in the order of the checks: segments, records, order numbers, sequence
	Content   []validate.Finding // by order number (segments and 95/96 first), stable
	Records   int                // records 10 … 90 (the ones with an order number)
}

// OK reports whether the technical validation passed.
func (r *Report) OK() bool { return len(r.Technical) == 0 }

// Check is the technical validation of a 920000: Validate with the rule set of the
// format alone (Rules).
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
	rep, _ := Validate(context.Background(), f, validate.Options{}) // the format's own rules are valid
	return rep
}

// Validate runs the rule set of the format (Rules) and the rule sets of opts (a zorgkas's
// content rules: RuleSets whose Standard is "" or MsgFacturatiebestand, and Rules) on
// the segments 200 and 300 and the records of f, on the validation engine
// (validate.Run, with the hierarchy Hierarchy). opts.Disable, Warn and Levels work as for
// an EI file; MaxFindings zero means no cap here (a reply lists every error). A finding
// is technical when its rule's level is N1 or N2 (framing, order numbers, sequence, check
// numbers), or N3/N4 (zone format and values) with letter B; every other is content. The
// error is ctx's or about opts's rules.
func Validate(ctx context.Context, f *File, opts validate.Options) (*Report, error) {
	opts.RuleSets = append([]*validate.RuleSet{Rules()}, opts.RuleSets...)
	if opts.MaxFindings == 0 {
		opts.MaxFindings = -1
	}
	rep := &Report{}
	L, err := msgLayouts(MsgFacturatiebestand)
	if err != nil {
		rep.Technical = append(rep.Technical, validate.Finding{Level: validate.N1, Rule: "VSB-FRAME", Letter: "B", Detail: err.Error()})
		return rep, nil
	}
	recs := func(yield func(*validate.Record) bool) {
		for _, s := range []struct {
			code string
			text string
		}{{"200", f.Segment200.Text}, {"300", f.Segment300.Text}} {
			if l := L[s.code]; l != nil && len(s.text) == l.Length() && !yield(validate.NewRecord(l, s.text, 0)) {
				return
			}
		}
		for _, r := range f.Records {
			l := L[codeOf(r.Text)]
			if l != nil && len(r.Text) == l.Length() && l.Code() != "95" && l.Code() != "96" {
				rep.Records++
			}
			if !yield(validate.NewRecord(l, r.Text, Order(r))) {
				return
			}
		}
	}
	err = validate.Run(ctx, MsgFacturatiebestand, Hierarchy, recs, opts, func(x validate.Finding) bool {
		if technical(x) {
			rep.Technical = append(rep.Technical, x)
		} else {
			rep.Content = append(rep.Content, x)
		}
		return true
	})
	sort.SliceStable(rep.Technical, func(i, j int) bool { return phase(rep.Technical[i]) < phase(rep.Technical[j]) })
	sort.SliceStable(rep.Content, func(i, j int) bool { return rep.Content[i].Line < rep.Content[j].Line })
	return rep, err
}

// Hierarchy is how the records of a facturatiebestand nest: the sending (10 … 90) and in
// it the invoices (20 … 80, the 50/51/52 under the 20). The segments 200/300 and the
// records 95/96 stand outside.
var Hierarchy = validate.Hierarchy{
	{Heads: []string{"10"}, Ends: []string{"90"}},
	{Heads: []string{"20"}, Ends: []string{"80"}},
}

// technical reports whether a finding belongs to the technical validation.
func technical(x validate.Finding) bool {
	switch x.Level {
	case validate.N1, validate.N2:
		return true
	case validate.N3, validate.N4:
		return x.Letter == "B" || x.Letter == ""
	}
	return false
}

// phase orders the technical findings as the checks are listed: segments, framing, the
// zones of each record, order numbers, the last record, the sequence.
func phase(x validate.Finding) int {
	switch x.Rule {
	case ruleSegmentFormat, ruleSegmentValue:
		return 0
	case ruleFrame:
		return 1
	case ruleZone, ruleCheckNumber, ruleValue:
		return 2
	case ruleOrderNumber:
		return 3
	case ruleLast90:
		return 4
	case ruleSequence:
		return 5
	}
	return 6
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

// CodeText returns the text of a code a finding of Check carries: the dictionary's, the
// project's for records 95/96, a segment's code erreur ("01" niet numeriek, "03" niet
// toegelaten); "" for a code none of them has.
func CodeText(code string) string {
	if fc, ok := foutcode.Lookup(code); ok {
		return fc.NL
	}
	if t, ok := projectCodes[code]; ok {
		return t
	}
	switch code {
	case SegmentNotNumeric:
		return "niet numeriek"
	case SegmentNotAllowed:
		return "niet toegelaten"
	}
	return ""
}

// totalFinding is a finding about record 95 or 96 (zone "401", "404", …) with its project
// code (letter B).
func totalFinding(rec, zone, nn, detail string) validate.Finding {
	code := rec + zone[1:] + nn
	if zone == "401" || zone == "501" {
		code = rec + "01" + nn
	}
	return validate.Finding{Record: rec, Field: zone, Letter: "B", Retourcode: code, Message: projectCodes[code], Detail: detail}
}

// checkTotals compares a 95 (prefix "40") or 96 ("50") with what the invoices give.
func checkTotals(r zones, p string, a, b Money, records, control int, add func(validate.Finding)) {
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
