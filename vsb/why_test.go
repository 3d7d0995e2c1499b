package vsb

import (
	"testing"
)

// The cases of issue 18's "Why", written from the seed and the layouts: each mutation of
// a file Encode writes is found with the code and letter of ../shared/vsb/efact-errors.json.
// A B code from the zone checks is technical (DF012 920999); totals, control numbers and
// F/R codes go to the content validation.
func TestIssue18Cases(t *testing.T) {
	twice := func(f *File) {
		var n string
		for i := range f.Records {
			r := &f.Records[i]
			if codeOf(r.Text) == "20" {
				if n == "" {
					n = rawZone(*r, "24,25")
				} else {
					setRaw(t, r, "24,25", n)
				}
			}
		}
	}
	tests := []struct {
		name         string
		record, zone string // "" record: mutate is used
		value        string
		mutate       func(*File)
		code, letter string
		technical    bool
	}{
		{"R10 creation date 20251341", "10", "25,26", "20251341", nil, "102501", "B", true},
		{"R50 date 20251131", "50", "5", "20251131", nil, "500501", "B", true},
		{"KBO check digits wrong", "10", "27", "0123456748", nil, "102702", "B", true},
		{"KBO missing", "10", "27", "0000000000", nil, "102710", "B", true},
		{"INSZ empty", "20", "8a,8b", "0000000000000", nil, "200810", "F", false},
		{"INSZ check digits wrong", "20", "8a,8b", "0085010112388", nil, "200802", "F", false},
		{"invoice number zero", "20", "24,25", "000000000000", nil, "202403", "B", true},
		{"invoice number used twice", "", "", "", twice, "202420", "B", false},
		{"third-party number zero", "10", "14", "000000000000", nil, "101403", "B", true},
		{"destination mutualiteit 000", "20", "18", "000", nil, "201803", "B", true},
		{"nomenclature code 0000000", "50", "4", "0000000", nil, "500403", "R", false},
		{"R80 zone 19 one euro off", "80", "19", "+00000123356", nil, "801910", "F", false},
		{"R80 control number wrong", "80", "98", "01", nil, "809802", "B", false},
		{"R90 control number wrong", "90", "98", "01", nil, "909802", "B", false},
		{"R95 total wrong", "95", "404", "00000123457", nil, "950410", "B", false},
		{"R96 count wrong", "96", "509", "00000010", nil, "960910", "B", false},
		{"amount without its sign", "50", "19", "000000123456", nil, "501905", "B", true},
		{"amount with a letter", "50", "19", "+0000012345X", nil, "501901", "B", true},
		{"INSZ of a 50 not its 20's", "50", "8a,8b", "0090061512301", nil, "500812", "F", false},
		{"R10 zone 45 not zero", "10", "45", "00000000000000000000000009", nil, "104501", "B", true},
	}
	for _, tt := range tests {
		f, err := Build(sampleZending())
		if err != nil {
			t.Fatal(err)
		}
		if tt.mutate != nil {
			tt.mutate(f)
		} else {
			setRaw(t, recordOf(t, f, tt.record), tt.zone, tt.value)
		}
		rep := Check(f)
		list := rep.Content
		if tt.technical {
			list = rep.Technical
		}
		if !hasCode(list, tt.code, tt.letter) {
			t.Errorf("%s: technical %v content %v, want %s %s (technical %t)", tt.name, codes(rep.Technical), codes(rep.Content), tt.code, tt.letter, tt.technical)
		}
	}
}

// Segment 300 zone 308 (invoice type) = 05 is not allowed: the file is refused with code
// erreur 03 in the segment (the dictionary has no segment codes).
func TestSegment300InvoiceType(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	setRaw(t, &f.Segment300, "308", "05")
	rep := Check(f)
	if len(rep.Technical) != 1 || rep.Technical[0].Record != "300" || rep.Technical[0].Field != "308" || rep.Technical[0].Retourcode != SegmentNotAllowed || rep.Technical[0].Letter != "B" {
		t.Errorf("technical %v", rep.Technical)
	}
}

// The count of record 96 zone 509 is every record 10 … 90 and that of 95 zone 409 the
// records of its mutualiteit's invoices: a file Encode writes has no finding about them
// (it used to be reported as "zone 509 holds 100 records, the invoices have 98").
func TestRecordCounts(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(f)
	if len(rep.Technical)+len(rep.Content) != 0 {
		t.Fatalf("findings %v %v", rep.Technical, rep.Content)
	}
	var sum95 int64
	for _, r := range f.Records {
		if codeOf(r.Text) == "95" {
			v, _ := zonesOf(layoutFor(r), r).int("409")
			sum95 += v
		}
	}
	r96 := recordOf(t, f, "96")
	if v, _ := zonesOf(layoutFor(*r96), *r96).int("509"); v != sum95+2 || v != int64(len(f.Records)-3) {
		t.Errorf("96 zone 509 = %d, want the 95 counts %d + 2 (the 10 and the 90)", v, sum95)
	}
}
