package vsb

import (
	"fmt"
	"io"
	"sort"
)

// Encode writes a Zending as one 920000 message: segment 200, segment 300, the records
// 10 … 90 and per destination mutualiteit a 95, then the 96, concatenated without line
// breaks. It computes the record order numbers (zone 2, from 000001), the check number
// of every record (zone 99), the invoice control number (R80 Z98) and the sending control
// number (R90 Z98, 95 zone 410, 96 zone 510), and the amount totals of 80, 90, 95 and 96.
func Encode(w io.Writer, z *Zending) error {
	f, err := Build(z)
	if err != nil {
		return err
	}
	_, err = w.Write(f.Bytes())
	return err
}

// Control numbers: the sum of the nomenclature codes (zone 4) of the 50 records, modulo
// 97 with 0 → 97. Codes of 51 and 52 are not counted (inference: the notes speak of the
// nomenclature codes of the invoice's service lines).
func controlOf(ps []Prestatie) int {
	sum := 0
	for _, p := range ps {
		sum += p.Code
	}
	return Mod97(sum)
}

type recordBuilder struct {
	err error
}

func (b *recordBuilder) set(r *Record, id string, v int64) {
	if b.err == nil {
		b.err = r.SetInt(id, v)
	}
}
func (b *recordBuilder) text(r *Record, id, v string) {
	if b.err == nil {
		b.err = r.SetText(id, v)
	}
}
func (b *recordBuilder) digits(r *Record, id, v string) {
	if v == "" {
		return
	}
	b.text(r, id, v)
}
func (b *recordBuilder) date(r *Record, id string, d Date) { b.text(r, id, digits(d)) }
func (b *recordBuilder) signed(r *Record, s, a string, m Money) {
	if b.err == nil {
		b.err = r.setSigned(s, a, m)
	}
}

func msgLayouts(code string) (map[string]*Layout, error) {
	m, err := Spec(code)
	if err != nil {
		return nil, err
	}
	return m.Layouts, nil
}

// Build turns a Zending into its records (see Encode) without writing them.
func Build(z *Zending) (*File, error) {
	L, err := msgLayouts("920000")
	if err != nil {
		return nil, err
	}
	var b recordBuilder
	file := &File{Message: "920000"}

	s2 := NewRecord(L["200"])
	b.set(s2, "201", 2)
	b.set(s2, "202", map[bool]int64{true: 92, false: 12}[z.Test])
	b.set(s2, "204", z.MessageRef)
	file.Segment200 = s2

	s3 := NewRecord(L["300"])
	b.set(s3, "300", int64(z.Year*100+z.Month))
	b.set(s3, "301", int64(z.Number))
	b.date(s3, "302", z.Created)
	b.text(s3, "303", z.FileRef)
	b.set(s3, "304", version(z.Test))
	b.text(s3, "305", z.ContactName)
	b.text(s3, "306", z.ContactFirst)
	b.digits(s3, "307", z.ContactPhone)
	b.set(s3, "308", int64(z.InvoiceType))
	b.set(s3, "309", int64(z.Mode))
	file.Segment300 = s3

	order := 0
	add := func(r *Record) {
		order++
		b.set(r, "2", int64(order))
		file.Records = append(file.Records, r)
	}

	r10 := NewRecord(L["10"])
	b.set(r10, "3", 1)
	b.set(r10, "4", version(z.Test))
	b.set(r10, "7", int64(z.Number))
	b.set(r10, "13", int64(z.Content))
	b.digits(r10, "14", z.ThirdParty)
	b.set(r10, "22", int64(z.Year))
	b.set(r10, "23", int64(z.Month))
	b.date(r10, "25,26", z.Created)
	b.digits(r10, "27", z.BCE)
	b.text(r10, "28", z.Reference)
	b.text(r10, "31,32,33,34", z.BIC)
	b.text(r10, "36,37,38,39,40,41", z.IBAN)
	add(r10)

	type mutTotal struct {
		a, bb   Money
		records int
		codes   int
	}
	perMut := map[string]*mutTotal{}
	var totA, totB Money
	allCodes := 0
	for fi := range z.Facturen {
		fa := &z.Facturen[fi]
		first := order + 1
		r20 := NewRecord(L["20"])
		b.set(r20, "3", 0)
		b.digits(r20, "7", fa.Mutualiteit)
		b.digits(r20, "8a,8b", fa.INSZ)
		b.set(r20, "9", int64(fa.Sex))
		b.set(r20, "10", int64(fa.Type))
		b.set(r20, "11", int64(fa.Billing))
		b.digits(r20, "14", fa.Establishment)
		b.set(r20, "17", int64(fa.Cause))
		b.digits(r20, "18", fa.Destination)
		b.set(r20, "24,25", fa.Number)
		b.text(r20, "28", fa.Reference)
		b.set(r20, "32", 1)
		b.date(r20, "47", fa.Date)
		add(r20)
		var a, bb, share, supp Money
		for pi := range fa.Prestaties {
			p := &fa.Prestaties[pi]
			r50 := NewRecord(L["50"])
			b.set(r50, "4", int64(p.Code))
			b.date(r50, "5", p.First)
			b.date(r50, "6a,6b", p.Last)
			b.digits(r50, "7", fa.Mutualiteit)
			b.digits(r50, "8a,8b", fa.INSZ)
			b.set(r50, "9", int64(fa.Sex))
			b.set(r50, "11", int64(p.Account))
			b.digits(r50, "15", p.Provider)
			b.set(r50, "19", int64(p.Amount))
			b.set(r50, "22", int64(p.Units))
			b.set(r50, "27", int64(p.PatientShare))
			b.text(r50, "28", p.Reference)
			b.set(r50, "30,31", int64(p.Supplement))
			add(r50)
			if p.Account == 1 {
				bb += p.Amount
			} else {
				a += p.Amount
			}
			share += p.PatientShare
			supp += p.Supplement
			if t := p.Tussenkomst; t != nil {
				r51 := NewRecord(L["51"])
				b.set(r51, "4", int64(t.Code))
				b.date(r51, "5", t.Date)
				b.digits(r51, "8a,8b", fa.INSZ)
				b.digits(r51, "15", t.Provider)
				b.set(r51, "19", int64(t.Amount))
				b.text(r51, "42,43a,43b,44,45", t.Network)
				b.date(r51, "55", t.InfoDate)
				add(r51)
			}
			if e := p.EID; e != nil {
				r52 := NewRecord(L["52"])
				b.set(r52, "4", int64(e.Code))
				b.date(r52, "5", e.Date)
				b.date(r52, "6a,6b", e.ReadDate)
				b.digits(r52, "8a,8b", fa.INSZ)
				b.text(r52, "10", e.Support)
				b.text(r52, "11", e.ReadType)
				b.set(r52, "12,13", int64(e.Hour))
				b.digits(r52, "15", e.Provider)
				add(r52)
			}
		}
		r80 := NewRecord(L["80"])
		b.digits(r80, "7", fa.Mutualiteit)
		b.digits(r80, "8a,8b", fa.INSZ)
		b.set(r80, "9", int64(fa.Sex))
		b.set(r80, "10", int64(fa.Type))
		b.digits(r80, "14", fa.Establishment)
		b.set(r80, "15", int64(bb))
		b.set(r80, "17", int64(fa.Cause))
		b.digits(r80, "18", fa.Destination)
		b.set(r80, "19", int64(a))
		b.date(r80, "20,21", fa.Date)
		b.set(r80, "24,25", fa.Number)
		b.set(r80, "27", int64(share))
		b.text(r80, "28", fa.Reference)
		b.set(r80, "30,31", int64(supp))
		b.set(r80, "32", 1)
		b.set(r80, "98", int64(controlOf(fa.Prestaties)))
		add(r80)
		totA += a
		totB += bb
		mt := perMut[fa.Destination]
		if mt == nil {
			mt = &mutTotal{}
			perMut[fa.Destination] = mt
		}
		mt.a += a
		mt.bb += bb
		mt.records += order - first + 1
		for _, p := range fa.Prestaties {
			mt.codes += p.Code
			allCodes += p.Code
		}
	}

	r90 := NewRecord(L["90"])
	b.set(r90, "7", int64(z.Number))
	b.digits(r90, "14", z.ThirdParty)
	b.set(r90, "15", int64(totB))
	b.set(r90, "19", int64(totA))
	b.set(r90, "22", int64(z.Year))
	b.set(r90, "23", int64(z.Month))
	b.digits(r90, "27", z.BCE)
	b.text(r90, "28", z.Reference)
	b.text(r90, "31,32,33,34", z.BIC)
	b.text(r90, "36,37,38,39,40,41", z.IBAN)
	b.set(r90, "98", int64(Mod97(allCodes)))
	add(r90)

	muts := make([]string, 0, len(perMut))
	for m := range perMut {
		muts = append(muts, m)
	}
	sort.Strings(muts)
	count := 0
	for _, m := range muts {
		mt := perMut[m]
		r95 := NewRecord(L["95"])
		b.digits(r95, "401", m)
		b.set(r95, "402", z.MessageRef%1e12)
		b.signed(r95, "403", "404", mt.a)
		b.signed(r95, "405", "406", mt.bb)
		b.signed(r95, "407", "408", mt.a+mt.bb)
		b.set(r95, "409", int64(mt.records))
		b.set(r95, "410", int64(Mod97(mt.codes)))
		file.Records = append(file.Records, r95)
		count += mt.records
	}
	r96 := NewRecord(L["96"])
	fed := "999"
	if len(muts) > 0 && muts[0] != "" {
		fed = muts[0][:1] + "99"
	}
	b.digits(r96, "501", fed)
	b.signed(r96, "503", "504", totA)
	b.signed(r96, "505", "506", totB)
	b.signed(r96, "507", "508", totA+totB)
	b.set(r96, "509", int64(order)) // every record 10 … 90 (vsb/VALIDATION.md)
	b.set(r96, "510", int64(Mod97(allCodes)))
	file.Records = append(file.Records, r96)
	if b.err != nil {
		return nil, fmt.Errorf("vsb: build zending %d: %w", z.Number, b.err)
	}
	for _, r := range file.Records {
		r.SealCheck()
	}
	return file, nil
}

func version(test bool) int64 {
	if test {
		return 9991999
	}
	return 1999
}
