package retour

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// elementFactuurnummer is the data element of the factuurnummer declarant (NUM029): a
// return with another answers another invoice.
const elementFactuurnummer = "NUM029"

// The sentinels of the problems Check finds; every problem wraps one (errors.Is).
var (
	ErrNotAnswer = errors.New("return does not answer this declaration")         // standard or invoice differs
	ErrChanged   = errors.New("return changes declared data")                    // seed 002 example 5
	ErrCounts    = errors.New("sluitrecord does not match the returned records") // seed 002 example 3b
	ErrStructure = errors.New("return records out of place")                     // unknown, twice, under another parent
	// ErrCode (declared in retour.go) marks return codes that are not in COD954.
)

// Check reports whether ret is a valid answer to decl (seed 002 §3.3–3.4): the return
// standard answers the declaration's standard, the invoice is the same, every returned
// record is a record of the declaration, unchanged, under the same parent and at most
// once, its return codes exist in COD954 (the first one filled), the 99 counts match the
// returned records and repeat the totaal ingediend declaratiebedrag, a file rejected as a
// whole (0001) or fully accepted (8001) has only 01 and 99 with toegekend 0 or equal to
// ingediend. It returns the problems found, none for a valid return.
//
// Each problem is a *record.Error, the module's one positioned error: it says where in the
// return (line, record type, and the field with its name and position when the problem is
// about one) and wraps one of ErrNotAnswer, ErrChanged, ErrCounts, ErrStructure and
// ErrCode. A problem about the message as a whole has no line. Its message never holds
// personal data: it names fields, not their values (counts and return codes are shown).
func Check(ret, decl *ei.File) []*record.Error {
	var probs []*record.Error
	// whole adds a problem about the message as a whole; at adds one about record n, or
	// about its field i when i >= 0.
	whole := func(err error, detail string) {
		probs = append(probs, &record.Error{Err: err, Detail: detail})
	}
	at := func(n *node, i int, err error, detail string) {
		e := &record.Error{Line: n.line, Record: n.layout.Code(), Err: err, Detail: detail}
		if i >= 0 {
			f := n.layout.FieldIndex(i)
			e.Field, e.FieldName, e.Position = f.Number, f.Name, f.Start
		}
		probs = append(probs, e)
	}
	t, err := newTree(decl)
	if err != nil {
		whole(ErrNotAnswer, "the declaration cannot be read: "+err.Error())
		return probs
	}
	rs := ret.Standard
	if !rs.IsReturn() {
		whole(ErrNotAnswer, fmt.Sprintf("%s is not a return standard; the declaration is %s", rs.ID(), t.std.ID()))
		return probs
	}
	if rs.Answers() != t.std.Code() || rs.Version() != t.std.Version() || rs.Subversion() != t.std.Subversion() {
		whole(ErrNotAnswer, fmt.Sprintf("%s answers %s@%s, the declaration is %s", rs.ID(), rs.Answers(), rs.VersionString(), t.std.ID()))
		return probs
	}
	rt, err := newTree(ret)
	if err != nil {
		whole(ErrStructure, err.Error())
		return probs
	}
	// The 01 record: declared fields unchanged (invoice number first).
	compare := func(rn, dn *node) {
		for i := 0; i < dn.layout.NumFields(); i++ {
			f := dn.layout.FieldIndex(i)
			if f.Obligation == record.Reserve || f.Role == record.RoleRecordCode {
				continue
			}
			if f.Number == dn.layout.Code()+"02" && dn.layout.Code() == record.CodeVoorloop {
				continue // EI code: the return has its own
			}
			ri := rn.layout.Index(f.Number)
			if ri < 0 {
				probs = append(probs, &record.Error{Line: rn.line, Record: rn.layout.Code(), Field: f.Number, FieldName: f.Name,
					Err: ErrChanged, Detail: "the declaration has this field, the return record has not"})
				continue
			}
			if string(record.FieldTextAt(rn.text, rn.layout, ri)) != string(record.FieldTextAt(dn.text, dn.layout, i)) {
				e := ErrChanged
				if strings.HasPrefix(f.Element, elementFactuurnummer) {
					e = ErrNotAnswer
				}
				at(rn, ri, e, "differs from the declaration")
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
		fields := n.layout.RoleIndexes(record.RoleReturnCode)
		if len(fields) == 0 {
			at(n, -1, ErrCode, "a returned record needs a retourcode; the record has no retourcode field")
			continue
		}
		codes := rawCodes(n)
		if len(codesOf(n)) == 0 {
			at(n, fields[0], ErrCode, "no retourcode filled: a returned record needs one")
		}
		for i, c := range codes {
			switch {
			case c == "":
			case i > 0 && codes[i-1] == "":
				at(n, fields[i], ErrCode, "filled after an empty retourcode")
			default:
				if _, ok := validate.Retourcode(c); !ok {
					at(n, fields[i], ErrCode, fmt.Sprintf("%q is not in COD954", c))
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
			at(n, -1, ErrStructure, n.key.String()+" is not in the declaration")
			continue
		}
		if seen[n.key] && !n.comment {
			at(n, -1, ErrStructure, n.key.String()+" is returned twice")
		}
		seen[n.key] = true
		if parentKey(n) != parentKey(dn) {
			at(n, -1, ErrStructure, n.key.String()+" is returned under another record than in the declaration")
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
	for i := 0; i < sll.NumFields(); i++ {
		f := sll.FieldIndex(i)
		var want int64
		switch f.Role {
		case record.RoleCount:
			want = counts[f.Counts]
		case record.RoleDetailCount:
			want = detail
		default:
			continue
		}
		if got, err := record.FieldIntAt(sl, sll, i); err != nil || got != want {
			held := strings.TrimLeft(string(record.FieldTextAt(sl, sll, i)), "0")
			if held == "" {
				held = "0"
			}
			at(rt.sluit, i, ErrCounts, fmt.Sprintf("holds %s, the return has %d", record.Escape(held), want))
		}
	}
	ingediend, _ := sumRole(t.sluit, record.RoleTotalDeclared)
	if got, err := sumRole(rt.sluit, record.RoleTotalDeclared); err != nil || got != ingediend {
		at(rt.sluit, sll.RoleIndex(record.RoleTotalDeclared), ErrCounts, "differs from the declaration's total")
	}
	toegekend, _ := sumRole(rt.sluit, record.RoleTotalAllowed)
	totalAllowed := sll.RoleIndex(record.RoleTotalAllowed)
	switch {
	case len(fileCodes) > 0 && fileCodes[0] == CodeTechnisch:
		if len(rt.ordered) > 2 {
			at(rt.voorloop, -1, ErrStructure, "a file rejected as a whole (0001) returns only the 01 and 99 records")
		}
		if toegekend != 0 {
			at(rt.sluit, totalAllowed, ErrCounts, "must be zero when the file is rejected as a whole (0001)")
		}
	case len(fileCodes) > 0 && fileCodes[0] == CodeToegewezen:
		if len(rt.ordered) > 2 {
			at(rt.voorloop, -1, ErrStructure, "a fully accepted declaration (8001) returns only the 01 and 99 records")
		}
		if toegekend != ingediend {
			at(rt.sluit, totalAllowed, ErrCounts, "must equal the totaal ingediend declaratiebedrag when all is accepted (8001)")
		}
	case len(rt.ordered) == 2:
		at(rt.voorloop, rt.voorloop.layout.RoleIndex(record.RoleReturnCode), ErrCode,
			"a return of only 01 and 99 needs 0001 (rejected) or 8001 (accepted) in the 01 record")
	}
	return probs
}

// Err joins the problems Check found into one error (nil when there are none).
func Err(probs []*record.Error) error {
	errs := make([]error, len(probs))
	for i, p := range probs {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// rawCodes returns the retourcode fields of a return record, trimmed, empty ones included.
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
