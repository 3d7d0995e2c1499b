package retour

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Sentinels of the problems Check finds; every Problem wraps one.
// elementFactuurnummer is the data element of the factuurnummer declarant (NUM029): a
// return with another answers another invoice.
const elementFactuurnummer = "NUM029"

var (
	ErrNotAnswer = errors.New("return does not answer this declaration")         // standard or invoice differs
	ErrChanged   = errors.New("return changes declared data")                    // seed 002 example 5
	ErrCounts    = errors.New("sluitrecord does not match the returned records") // seed 002 example 3b
	ErrStructure = errors.New("return records out of place")                     // unknown, twice, under another parent
	// ErrCode (declared in retour.go) marks return codes that are not in COD954.
)

// Problem is one reason why a return message is not a valid answer to its declaration.
// Its message never holds personal data: it names fields, not their values (counts and
// return codes are shown).
type Problem struct {
	Line    int    // line in the return message, 0 for the message as a whole
	Record  string // record type
	Field   string // field number, "" for the record
	Message string
	Err     error
}

func (p *Problem) Error() string {
	var b strings.Builder
	if p.Line > 0 {
		b.WriteString("line " + strconv.Itoa(p.Line) + ": ")
	}
	if p.Record != "" {
		b.WriteString("record " + p.Record)
		if p.Field != "" {
			b.WriteString(" field " + p.Field)
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

func (p *Problem) Unwrap() error { return p.Err }

// Check reports whether ret is a valid answer to decl (seed 002 §3.3–3.4): the return
// standard answers the declaration's standard, the invoice is the same, every returned
// record is a record of the declaration, unchanged, under the same parent and at most
// once, its return codes exist in COD954 (the first one filled), the 99 counts match the
// returned records and repeat the totaal ingediend declaratiebedrag, a file rejected as a
// whole (0001) or fully accepted (8001) has only 01 and 99 with toegekend 0 or equal to
// ingediend. It returns the problems found, none for a valid return.
func Check(ret, decl *ei.File) []Problem {
	var probs []Problem
	add := func(line int, rec, field string, err error, format string, args ...any) {
		probs = append(probs, Problem{Line: line, Record: rec, Field: field, Err: err, Message: fmt.Sprintf(format, args...)})
	}
	t, err := newTree(decl)
	if err != nil {
		add(0, "", "", ErrNotAnswer, "the declaration cannot be read: %v", err)
		return probs
	}
	rs := ret.Standard
	if !rs.IsReturn() || rs.Answers() != t.std.Code() || rs.Version() != t.std.Version() || rs.Subversion() != t.std.Subversion() {
		add(0, "", "", ErrNotAnswer, "%s does not answer %s", rs.ID(), t.std.ID())
		return probs
	}
	rt, err := newTree(ret)
	if err != nil {
		add(0, "", "", ErrStructure, "%v", err)
		return probs
	}
	// The 01 record: declared fields unchanged (invoice number first).
	compare := func(rn, dn *node) {
		fs := dn.layout.Fields()
		for i := range fs {
			f := &fs[i]
			if f.Obligation == record.Reserve || f.Role == record.RoleRecordCode {
				continue
			}
			if f.Number == dn.layout.Code()+"02" && dn.layout.Code() == record.CodeVoorloop {
				continue // EI code: the return has its own
			}
			rf := rn.layout.Field(f.Number)
			if rf == nil {
				add(rn.line, rn.layout.Code(), f.Number, ErrChanged, "field %s (%s) of the declaration is missing", f.Number, f.Name)
				continue
			}
			if string(rn.text[rf.Start-1:rf.End]) != string(dn.text[f.Start-1:f.End]) {
				e := ErrChanged
				if strings.HasPrefix(f.Element, elementFactuurnummer) {
					e = ErrNotAnswer
				}
				add(rn.line, rn.layout.Code(), f.Number, e, "field %s (%s) differs from the declaration", f.Number, f.Name)
			}
		}
	}
	compare(rt.voorloop, t.voorloop)
	// Return codes.
	fileCodes := codesOf(rt.voorloop)
	for _, n := range rt.ordered {
		if n == rt.sluit {
			continue
		}
		codes := codesOf(n)
		if len(codes) == 0 {
			add(n.line, n.layout.Code(), "", ErrCode, "a returned record needs retourcode (01)")
		}
		for i, c := range rawCodes(n) {
			switch {
			case c == "":
			case i > 0 && rawCodes(n)[i-1] == "":
				add(n.line, n.layout.Code(), "", ErrCode, "retourcode (%02d) filled after an empty one", i+1)
			default:
				if _, ok := validate.Retourcode(c); !ok {
					add(n.line, n.layout.Code(), "", ErrCode, "retourcode %q is not in COD954", c)
				}
			}
		}
	}
	// Every returned detail record: a declaration record, unchanged, under its parent.
	seen := map[Key]bool{}
	for _, n := range rt.ordered {
		if n == rt.voorloop || n == rt.sluit || n.level == levelFile {
			continue
		}
		dn, ok := t.byKey[n.key]
		if n.comment {
			dn, ok = commentOf(t, n)
		}
		if !ok {
			add(n.line, n.layout.Code(), "", ErrStructure, "%s is not in the declaration", n.key)
			continue
		}
		if seen[n.key] && !n.comment {
			add(n.line, n.layout.Code(), "", ErrStructure, "%s is returned twice", n.key)
		}
		seen[n.key] = true
		if parentKey(n) != parentKey(dn) {
			add(n.line, n.layout.Code(), "", ErrStructure, "%s is returned under another record than in the declaration", n.key)
		}
		compare(n, dn)
	}
	// The 99 record.
	sl, sll := rt.sluit.text, rt.sluit.layout
	counts := map[string]int64{}
	var detail int64
	for _, n := range rt.ordered {
		if n.layout.Code() != record.CodeVoorloop && n.layout.Code() != record.CodeSluit {
			counts[n.layout.Code()]++
			detail++
		}
	}
	fs := sll.Fields()
	for i := range fs {
		f := &fs[i]
		var want int64
		switch f.Role {
		case record.RoleCount:
			want = counts[f.Counts]
		case record.RoleDetailCount:
			want = detail
		default:
			continue
		}
		if got, err := record.FieldInt(sl, sll, f); err != nil || got != want {
			add(rt.sluit.line, "99", f.Number, ErrCounts, "%s holds %s, the return has %d", f.Name, strings.TrimLeft(string(record.FieldText(sl, f)), "0"), want)
		}
	}
	ingediend, _ := sumRole(t.sluit, record.RoleTotalDeclared)
	if got, err := sumRole(rt.sluit, record.RoleTotalDeclared); err != nil || got != ingediend {
		add(rt.sluit.line, "99", fieldOf(sll, record.RoleTotalDeclared), ErrCounts, "totaal ingediend declaratiebedrag differs from the declaration's total")
	}
	toegekend, _ := sumRole(rt.sluit, record.RoleTotalAllowed)
	switch {
	case len(fileCodes) > 0 && fileCodes[0] == CodeTechnisch:
		if len(rt.ordered) > 2 {
			add(rt.voorloop.line, "01", "", ErrStructure, "a file rejected as a whole (0001) returns only the 01 and 99 records")
		}
		if toegekend != 0 {
			add(rt.sluit.line, "99", fieldOf(sll, record.RoleTotalAllowed), ErrCounts, "totaal toegekend bedrag must be zero when the file is rejected")
		}
	case len(fileCodes) > 0 && fileCodes[0] == CodeToegewezen:
		if len(rt.ordered) > 2 {
			add(rt.voorloop.line, "01", "", ErrStructure, "a fully accepted declaration (8001) returns only the 01 and 99 records")
		}
		if toegekend != ingediend {
			add(rt.sluit.line, "99", fieldOf(sll, record.RoleTotalAllowed), ErrCounts, "totaal toegekend bedrag must equal totaal ingediend when all is accepted (8001)")
		}
	case len(rt.ordered) == 2:
		add(rt.voorloop.line, "01", "", ErrCode, "a return of only 01 and 99 needs 0001 (rejected) or 8001 (accepted) in the 01 record")
	}
	return probs
}

// Err joins the problems into one error (nil when there are none).
func Err(probs []Problem) error {
	errs := make([]error, len(probs))
	for i := range probs {
		errs[i] = &probs[i]
	}
	return errors.Join(errs...)
}

func rawCodes(n *node) []string {
	var out []string
	for _, i := range n.layout.RoleIndexes(record.RoleReturnCode) {
		out = append(out, strings.TrimSpace(string(record.FieldTextAt(n.text, n.layout, i))))
	}
	return out
}

// codesOf returns the filled return codes of a return record.
func codesOf(n *node) []string {
	var out []string
	for _, c := range rawCodes(n) {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// sumRole returns the signed sum of the amount fields of role r of record n.
func sumRole(n *node, r record.Role) (int64, error) {
	return record.SignedSum(n.text, n.layout, r)
}

func fieldOf(l *record.Layout, r record.Role) string {
	if f := l.Role(r); f != nil {
		return f.Number
	}
	return ""
}

// parentKey names the record a record belongs to: a 98 the record before it, a 04 its
// 02, a 03 its 02, a record under a 04 its 04.
func parentKey(n *node) Key {
	switch {
	case n.level == levelSub || n.level == levelPrestatie && n.comment:
		return n.prest.head.key
	case n.verz != nil && len(n.verz.nodes) > 0 && n.verz.nodes[0] != n:
		return n.verz.nodes[0].key
	}
	return Key{}
}

// commentOf finds the comment of the declaration that a returned comment repeats: the
// one with the same number and regelnummer (the comment's fields are compared after).
func commentOf(t *tree, n *node) (*node, bool) {
	var first *node
	for _, d := range t.ordered {
		if !d.comment || d.key != n.key {
			continue
		}
		if first == nil {
			first = d
		}
		if regelnummer(d) == regelnummer(n) {
			return d, true
		}
	}
	return first, first != nil
}

// regelnummer returns the regelnummer vrije tekst (9803) of a comment record as it stands,
// "" when its layout has none.
func regelnummer(n *node) string {
	if i := n.layout.Index("9803"); i >= 0 {
		return string(record.FieldTextAt(n.text, n.layout, i))
	}
	return ""
}
