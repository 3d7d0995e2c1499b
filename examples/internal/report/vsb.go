package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// MaxVSB is the largest VSB facturatiebestand BuildVSB reads: the eFact message is read
// whole (vsb.Decode), and a sending of the zorgkas is far smaller.
const MaxVSB = 64 << 20

// BuildVSB makes the page of a VSB facturatiebestand (message 920000): the verdict of
// the technical validation (vsb.Check: readability, structure, order and check numbers,
// which decide 931000/920999) with its findings, the content findings as warnings, and
// the segments and records with their zones. The numbers of the records list count the
// segments and records of the message (200 is 1, 300 is 2, the first record 3).
func BuildVSB(name string, b []byte, unmask bool) (*Page, error) {
	if len(b) > MaxVSB {
		return nil, fmt.Errorf("a VSB facturatiebestand of more than %d MiB: not read", MaxVSB>>20)
	}
	f, err := vsb.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("not a readable VSB facturatiebestand: %w", err)
	}
	rep := vsb.Check(f)
	page := &Page{File: EscapeText(name), Format: "VSB", Masked: !unmask, PageSize: PageSize, Unit: "record", LevelHeading: "Validation",
		Standard: "VSB/eFact facturatiebestand (920000)"}
	d := data{Layouts: map[string][][]any{}, Names: map[string]string{}, Unit: "record"}
	recs := []vsbRecord{{vsb.LayoutOf("200"), f.Segment200}, {vsb.LayoutOf("300"), f.Segment300}}
	for _, r := range f.Records {
		recs = append(recs, vsbRecord{vsb.LayoutOf(r.Text[:2]), r})
	}
	types := map[string]*TypeCount{}
	var order []string
	byOrder := map[int]int{} // record order number -> number on the page
	for i, r := range recs {
		n := i + 1
		code := r.l.Code()
		if o := vsb.Order(r.raw); o > 0 {
			byOrder[o] = n
		}
		tc := types[code]
		if tc == nil {
			tc = &TypeCount{Code: code, Name: r.l.Name()}
			types[code] = tc
			order = append(order, code)
			d.Names[code] = r.l.Name()
			fields := make([][]any, 0, r.l.NumFields())
			for _, fl := range r.l.Fields() {
				fields = append(fields, []any{fl.Start, fl.Length, fl.Number, fl.Name})
			}
			d.Layouts[code] = fields
		}
		tc.Records++
		raw := []byte(r.raw.Text)
		if !unmask {
			raw = maskVSB(r)
		}
		d.Records = append(d.Records, row{Line: n, Code: code, Text: visibleLatin1(string(raw))})
	}
	page.Lines, page.Records, page.RecordsShown = len(recs), len(recs), len(recs)
	tech := LevelCount{Level: "technical"}
	content := LevelCount{Level: "content"}
	add := func(x validate.Finding, warning bool) {
		n := byOrder[x.Line]
		switch {
		case x.Line == 0 && x.Record == "200":
			n = 1
		case x.Line == 0 && x.Record == "300":
			n = 2
		}
		rf := Finding{ID: "f-" + strconv.Itoa(len(page.Findings)+1), Line: n, Record: x.Record, Field: x.Field,
			Level: "technical", Rule: x.Retourcode, Severity: "error", Message: EscapeText(strings.TrimSpace(x.Message))}
		if x.Detail != "" {
			rf.Message += " (" + EscapeText(x.Detail) + ")"
		}
		if x.Letter != "" {
			rf.Retourcode = x.Letter
		}
		rf.Where = "record " + x.Record + " zone " + EscapeText(x.Field)
		if n > 0 {
			if fl := recs[n-1].l.Field(x.Field); fl != nil {
				rf.Start, rf.Length, rf.FieldName = fl.Start, fl.Length, fl.Name
				rf.Where += " " + fl.Name
			}
		}
		tc := types[x.Record]
		if warning {
			rf.Level, rf.Severity = "content", "warning"
			page.Warnings++
			content.Warnings++
			if tc != nil {
				tc.Warnings++
			}
		} else {
			page.Errors++
			tech.Errors++
			if tc != nil {
				tc.Errors++
			}
		}
		if n == 0 {
			page.FileFindings = append(page.FileFindings, rf)
		}
		page.Findings = append(page.Findings, rf)
	}
	for _, x := range rep.Technical {
		add(x, false)
	}
	for _, x := range rep.Content {
		add(x, true)
	}
	page.FindingsTotal = len(page.Findings)
	page.Levels = []LevelCount{tech, content}
	for _, k := range order {
		page.Types = append(page.Types, *types[k])
	}
	if rep.OK() {
		page.Verdict = "Technical validation passed (931000: file accepted)"
		if page.Warnings > 0 {
			page.Verdict += ", " + Plural(page.Warnings, "content finding", "content findings")
		}
	} else {
		page.Verdict = "Technical validation failed (920999: file refused): " + Plural(page.Errors, "error", "errors")
	}
	d.Findings = page.Findings
	return page, page.setData(d)
}

// maskVSB returns the record with its personal zones (the INSZ, the contact's name)
// masked in place, each keeping its width.
func maskVSB(r vsbRecord) []byte {
	b := []byte(r.raw.Text)
	for _, fl := range r.l.Fields() {
		if fl.Personal == record.NotPersonal && !vsb.IsPersonal(r.l.Code(), fl.Number) {
			continue
		}
		if fl.End > len(b) {
			continue
		}
		v := string(b[fl.Start-1 : fl.End])
		if isEmpty(v) {
			continue
		}
		kind := fl.Personal
		if kind == record.NotPersonal {
			kind = record.PersonalID
		}
		copy(b[fl.Start-1:fl.End], padTo([]byte(kind.Mask(v)), fl.Length))
	}
	return b
}

// vsbRecord is a segment or record of the message with its layout.
type vsbRecord struct {
	l   *record.Layout
	raw record.Raw
}
