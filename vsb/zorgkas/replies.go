package zorgkas

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// header fills the reply's segments 200 and 300 from the facturatiebestand answered.
func header(f *vsb.File, typ string) *vsb.Reply {
	s2, s3 := f.Segment200, f.Segment300
	l2, l3 := vsb.LayoutOf("200"), vsb.LayoutOf("300")
	r := &vsb.Reply{Type: typ}
	n := func(l *record.Layout, rec record.Raw, id string) int { return int(zoneInt(l, rec, id)) }
	r.Test = n(l2, s2, "202") == 92
	r.MessageRef = zoneInt(l2, s2, "204")
	ym := n(l3, s3, "300")
	r.Year, r.Month = ym/100, ym%100
	r.Sending = n(l3, s3, "301")
	r.Created, _ = vsb.ParseDate(zone(l3, s3, "302"))
	r.FileRef = strings.TrimRight(zone(l3, s3, "303"), " ")
	r.Version = n(l3, s3, "304")
	r.InvoiceType = n(l3, s3, "308")
	r.Mode = n(l3, s3, "309")
	return r
}

// echoes groups findings per record, three letter+code pairs per error detail (a record
// with more findings is echoed again).
func echoes(f *vsb.File, findings []validate.Finding) []vsb.Echo {
	byOrder := map[int][]validate.Finding{}
	var orders []int
	for _, x := range findings {
		if x.Line == 0 {
			continue
		}
		if _, ok := byOrder[x.Line]; !ok {
			orders = append(orders, x.Line)
		}
		byOrder[x.Line] = append(byOrder[x.Line], x)
	}
	sort.Ints(orders)
	rec := map[int]record.Raw{}
	for _, r := range f.Records {
		if o := vsb.Order(r); o > 0 {
			rec[o] = r
		}
	}
	var sending int
	var created, period string
	if len(f.Records) > 0 && code(f.Records[0]) == "10" {
		sending = int(recordInt(f.Records[0], "7"))
		created = recordZone(f.Records[0], "25,26")
		period = zone(vsb.LayoutOf("300"), f.Segment300, "300")
	}
	var out []vsb.Echo
	for _, o := range orders {
		r, ok := rec[o]
		if !ok {
			continue
		}
		xs := byOrder[o]
		for i := 0; i < len(xs); i += 3 {
			part := xs[i:min(i+3, len(xs))]
			e := vsb.Echo{Record: r, Sending: sending, Created: created, Period: period, Index: len(out) + 1}
			if l := vsb.LayoutOf(code(r)); l != nil {
				if m := l.Field("7"); m != nil && m.Length == 3 {
					e.Mutualiteit = zone(l, r, "7")
				}
			}
			for _, x := range part {
				code := x.Retourcode
				if code == "" {
					code = "000000"
				}
				e.Rejections = append(e.Rejections, vsb.Rejection{Letter: x.Letter, Code: code})
				if e.Comment == "" && x.Detail != "" {
					e.Comment = truncate(x.Detail, 200)
				}
			}
			out = append(out, e)
		}
	}
	return out
}

// truncate shortens a comment for the 200-character comment zone; the comment is a
// courtesy text next to the codes, which stay complete.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// FileAccepted is the DF011 reply (931000).
func FileAccepted(f *vsb.File) *vsb.Reply { return header(f, vsb.MsgFileAccepted) }

// FileRefused is the DF012 reply (920999) listing the technical findings: each faulty
// record echoed with its codes.
func FileRefused(f *vsb.File, t Technical) *vsb.Reply {
	r := header(f, vsb.MsgFileRefused)
	r.Echoes = echoes(f, t.Findings)
	return r
}

// SendingReply is the DF014 (920098) or DF013 (920099) reply for a decision: the error
// percentage, the refusal type, and each record with findings echoed with its codes.
func SendingReply(f *vsb.File, d *Decision) *vsb.Reply {
	r := header(f, d.Reply)
	r.ErrorPercentage = d.Percentage
	r.RefusalType = d.RefusalType()
	r.Echoes = echoes(f, d.Findings)
	return r
}

// SettlementReply is the DF015 afrekenbestand (920900): the rejected records echoed with
// their codes, then a 91 per mutualiteit and the 92 total.
func SettlementReply(f *vsb.File, d *Decision, s *Settlement) (*vsb.Reply, error) {
	if !d.Accepted {
		return nil, fmt.Errorf("zorgkas: sending refused (%s): no afrekenbestand", d.Reason)
	}
	r := header(f, vsb.MsgSettlement)
	r.ErrorPercentage = d.Percentage
	r.Echoes = echoes(f, d.Findings)
	r.Settlement = s.Totals
	return r, nil
}
