package ei

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Totals adds up what the 99 sluitrecord of a file counts and totals: the records per
// record type, the detail records (comment records included), and the amounts, each
// signed by its debet/credit field (record.SignedAt): the declaratiebedragen (for the
// totaal ingediend declaratiebedrag), the toegekende bedragen (totaal toegekend bedrag)
// and every other field a 99 total adds up (RoleTotal). Add the records as they are
// written or read; it holds no records.
//
// The Writer fills (or checks) the 99 record from a Totals; a return (ei/retour) counts
// its returned records with one.
type Totals struct {
	counts   map[string]int64
	details  int64
	declared int64 // cents, signed
	allowed  int64
	totals   map[string]int64 // per 99 field number of role RoleTotal: cents, signed
	plans    map[*record.Layout]*amountPlan
}

// NewTotals returns the totals of an empty file of standard std.
func NewTotals(std *record.Standard) *Totals {
	t := &Totals{counts: map[string]int64{}, totals: map[string]int64{}, plans: map[*record.Layout]*amountPlan{}}
	if l := std.Layout(record.CodeSluit); l != nil {
		for i := 0; i < l.NumFields(); i++ {
			if f := l.FieldIndex(i); f.Role == record.RoleTotal {
				t.totals[f.Counts] = 0
			}
		}
	}
	return t
}

// Add counts the formatted record line of layout l. The 01 and 99 records are not
// counted.
func (t *Totals) Add(l *record.Layout, line []byte) {
	code := l.Code()
	if code == record.CodeVoorloop || code == record.CodeSluit {
		return
	}
	t.counts[code]++
	t.details++
	p := t.plans[l]
	if p == nil {
		p = newAmountPlan(l, t.totals)
		t.plans[l] = p
	}
	t.declared += signedSum(l, line, p.declared)
	t.allowed += signedSum(l, line, p.allowed)
	for _, f := range p.totals {
		t.totals[f.number] += signedSum(l, line, []int{f.index})
	}
}

// Count returns the number of records of type code added.
func (t *Totals) Count(code string) int64 { return t.counts[code] }

// Details returns the number of detail records added (every record but 01 and 99).
func (t *Totals) Details() int64 { return t.details }

// Declared returns the sum of the declaratiebedragen (RoleDeclared), in cents, signed.
func (t *Totals) Declared() int64 { return t.declared }

// Allowed returns the sum of the toegekende bedragen (RoleAllowed), in cents, signed.
func (t *Totals) Allowed() int64 { return t.allowed }

// Total returns the sum of the field that the 99 field number adds up (RoleTotal), in
// cents, signed.
func (t *Totals) Total(number string) int64 { return t.totals[number] }

// Want returns what field f of a 99 record holds for the records added, and false when f
// is not a count or total: RoleCount the records of its type, RoleDetailCount the detail
// records, RoleTotalDeclared, RoleTotalAllowed and RoleTotal the signed sums.
func (t *Totals) Want(f *record.Field) (int64, bool) {
	switch f.Role {
	case record.RoleCount:
		return t.counts[f.Counts], true
	case record.RoleDetailCount:
		return t.details, true
	case record.RoleTotalDeclared:
		return t.declared, true
	case record.RoleTotalAllowed:
		return t.allowed, true
	case record.RoleTotal:
		return t.totals[f.Counts], true
	}
	return 0, false
}

// amountPlan is where a layout's declared and allowed amounts are, worked out once per
// layout.
type amountPlan struct {
	declared, allowed []int        // field indexes
	totals            []totalField // the fields a 99 total of the standard adds up (RoleTotal)
}

type totalField struct {
	number string // the 99 field
	index  int    // the field it adds up, in this layout
}

func newAmountPlan(l *record.Layout, totals map[string]int64) *amountPlan {
	p := &amountPlan{}
	for number := range totals {
		if i := l.Index(number); i >= 0 {
			p.totals = append(p.totals, totalField{number, i})
		}
	}
	for i := 0; i < l.NumFields(); i++ {
		switch l.FieldIndex(i).Role {
		case record.RoleDeclared:
			p.declared = append(p.declared, i)
		case record.RoleAllowed:
			p.allowed = append(p.allowed, i)
		}
	}
	return p
}

// signedSum sums fields of a formatted record, in cents, signed by their debet/credit
// fields. A field that does not hold digits counts as zero: a record the Writer formats
// holds digits only, and a record read was parsed before.
func signedSum(l *record.Layout, line []byte, fields []int) int64 {
	var sum int64
	for _, i := range fields {
		if v, err := record.SignedAt(line, l, i); err == nil {
			sum += v
		}
	}
	return sum
}
