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
// its returned records with one; the validator (ei/validate) checks the 99 of a file
// against one.
type Totals struct {
	counts   [100]int64       // per record type of two digits
	other    map[string]int64 // per other record type
	details  int64
	declared int64 // cents, signed
	allowed  int64
	totals   []total // the 99's fields of role RoleTotal
	// plans: where the amounts are, per layout added: by the record type of two digits,
	// else in otherPlans.
	plans      [100]*layoutPlan
	otherPlans []*layoutPlan
}

// total is the sum of the field that a 99 field of role RoleTotal adds up.
type total struct {
	field string // the field added up (record.Field.Counts of the 99 field)
	sum   int64  // cents, signed
}

type layoutPlan struct {
	l *record.Layout
	p amountPlan
}

// NewTotals returns the totals of an empty file of standard std.
func NewTotals(std *record.Standard) *Totals {
	t := &Totals{}
	if l := std.Layout(record.CodeSluit); l != nil {
		for i := 0; i < l.NumFields(); i++ {
			if f := l.FieldIndex(i); f.Role == record.RoleTotal {
				t.totals = append(t.totals, total{field: f.Counts})
			}
		}
	}
	return t
}

// Add counts the formatted record line of layout l. The 01 and 99 records are not
// counted. A field that does not hold digits adds nothing: a record the Writer formats
// holds digits only, and a validator reports such a field itself.
func (t *Totals) Add(l *record.Layout, line []byte) { add(t, l, line) }

// AddString is Add of a record held as a string.
func (t *Totals) AddString(l *record.Layout, line string) { add(t, l, line) }

// AddCount counts a record of type code without adding its amounts: a record whose fields
// cannot be read, such as one of the wrong length. The 01 and 99 records are not counted.
func (t *Totals) AddCount(code string) {
	if code == record.CodeVoorloop || code == record.CodeSluit {
		return
	}
	t.count(code)
}

func (t *Totals) count(code string) {
	if n, ok := twoDigits(code); ok {
		t.counts[n]++
	} else {
		t.countOther(code)
	}
	t.details++
}

func (t *Totals) countOther(code string) {
	if t.other == nil {
		t.other = map[string]int64{}
	}
	t.other[code]++
}

func add[T ~string | ~[]byte](t *Totals, l *record.Layout, line T) {
	code := l.Code()
	if code == record.CodeVoorloop || code == record.CodeSluit {
		return
	}
	var p *amountPlan
	if n, ok := twoDigits(code); ok {
		t.counts[n]++
		if lp := t.plans[n]; lp != nil && lp.l == l {
			p = &lp.p
		}
	} else {
		t.countOther(code)
	}
	t.details++
	if p == nil {
		p = t.plan(l)
	}
	t.declared += signedSum(line, l, p.declared)
	t.allowed += signedSum(line, l, p.allowed)
	for _, f := range p.totals {
		if v, err := record.SignedAt(line, l, f.index); err == nil {
			t.totals[f.total].sum += v
		}
	}
}

// plan returns where the amounts of layout l are, worked out once per layout: the slow
// path of add, for a layout not met before or not of a two-digit record type.
func (t *Totals) plan(l *record.Layout) *amountPlan {
	for _, lp := range t.otherPlans {
		if lp.l == l {
			return &lp.p
		}
	}
	lp := &layoutPlan{l, newAmountPlan(l, t.totals)}
	if n, ok := twoDigits(l.Code()); ok && t.plans[n] == nil {
		t.plans[n] = lp
	} else {
		t.otherPlans = append(t.otherPlans, lp)
	}
	return &lp.p
}

// twoDigits returns the number of a record type of two digits.
func twoDigits(code string) (int, bool) {
	if len(code) != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return 0, false
	}
	return int(code[0]-'0')*10 + int(code[1]-'0'), true
}

// Count returns the number of records of type code added.
func (t *Totals) Count(code string) int64 {
	if n, ok := twoDigits(code); ok {
		return t.counts[n]
	}
	return t.other[code]
}

// Details returns the number of detail records added (every record but 01 and 99).
func (t *Totals) Details() int64 { return t.details }

// Declared returns the sum of the declaratiebedragen (RoleDeclared), in cents, signed.
func (t *Totals) Declared() int64 { return t.declared }

// Allowed returns the sum of the toegekende bedragen (RoleAllowed), in cents, signed.
func (t *Totals) Allowed() int64 { return t.allowed }

// Total returns the sum of the field that a 99 total adds up (RoleTotal; field is the
// number of the field added up, record.Field.Counts of the 99 field), in cents, signed.
func (t *Totals) Total(field string) int64 {
	for _, s := range t.totals {
		if s.field == field {
			return s.sum
		}
	}
	return 0
}

// Want returns what field f of a 99 record holds for the records added, and false when f
// is not a count or total: RoleCount the records of its type, RoleDetailCount the detail
// records, RoleTotalDeclared, RoleTotalAllowed and RoleTotal the signed sums.
func (t *Totals) Want(f *record.Field) (int64, bool) {
	switch f.Role {
	case record.RoleCount:
		return t.Count(f.Counts), true
	case record.RoleDetailCount:
		return t.details, true
	case record.RoleTotalDeclared:
		return t.declared, true
	case record.RoleTotalAllowed:
		return t.allowed, true
	case record.RoleTotal:
		return t.Total(f.Counts), true
	}
	return 0, false
}

// amountPlan is where a layout's declared and allowed amounts are.
type amountPlan struct {
	declared, allowed []int        // field indexes
	totals            []totalField // the fields a 99 total of the standard adds up (RoleTotal)
}

type totalField struct {
	total int // index in Totals.totals
	index int // the field it adds up, in this layout
}

func newAmountPlan(l *record.Layout, totals []total) amountPlan {
	var p amountPlan
	for j, s := range totals {
		if i := l.Index(s.field); i >= 0 {
			p.totals = append(p.totals, totalField{j, i})
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
// fields. A field that does not hold digits counts as zero.
func signedSum[T ~string | ~[]byte](line T, l *record.Layout, fields []int) int64 {
	var sum int64
	for _, i := range fields {
		if v, err := record.SignedAt(line, l, i); err == nil {
			sum += v
		}
	}
	return sum
}
