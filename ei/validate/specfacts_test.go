package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The obligations and value lists of the spec files (the layouts' facts, transcribed from
// the Vektis BERs) are checked, for every standard: in the generated correct file, every
// mandatory field emptied gives N3-MANDATORY on it, and every field with a value list the
// project has data for, set to a code outside the list, gives N4-CODELIST (or N4-ALLOWED
// where the BER narrows the list). What is expected comes from the spec file; deleting the
// obligation check or the code-list check of any standard fails here.
func TestSpecFactsEnforced(t *testing.T) {
	for _, std := range mutationTargets(t) {
		t.Run(std.ID(), func(t *testing.T) {
			base := n5Base(t, std, true)
			zero := map[string]bool{} // fields whose BER makes zero a value
			for n, r := range selectRules(std, &Options{}).fields {
				if r.ZeroOK {
					zero[n] = true
				}
			}
			var checked int
			for _, l := range std.Records() {
				line := slices.IndexFunc(base, func(s string) bool { return strings.HasPrefix(s, l.Code()) })
				if line < 0 {
					continue
				}
				for i, f := range l.Fields() {
					if i == 0 || l.Code() == record.CodeVoorloop && f.Start <= 9 {
						continue // the kenmerk and the identification of the standard
					}
					var want []string
					var v string
					switch {
					case f.Obligation == record.Mandatory && !zeroIsValue(f, zero):
						want, v = []string{"N3-MANDATORY"}, ""
					case f.ValueList != "" && lookupList(f.ValueList) != nil && !strings.HasSuffix(f.ValueList, "-DBCO"):
						list := lookupList(f.ValueList)
						v = outsideList(f, func(c string) bool { return list.has(c, f.Type == record.Numeric) })
						if v == "" {
							continue
						}
						want = []string{"N4-CODELIST", "N4-ALLOWED"}
					default:
						continue
					}
					if f.Type == record.Numeric {
						v = strings.Repeat("0", f.Length-len(v)) + v
					} else {
						v += strings.Repeat(" ", f.Length-len(v))
					}
					lines := slices.Clone(base)
					lines[line] = lines[line][:f.Start-1] + v + lines[line][f.End:]
					rep := validateBytes(t, []byte(strings.Join(lines, "\r\n")+"\r\n"), std)
					found := false
					for _, fd := range rep.Findings {
						found = found || slices.Contains(want, fd.Rule) && fd.Line == line+1 && fd.Field == f.Number
					}
					checked++
					if !found {
						t.Errorf("record %s field %s %s (%s, list %q) set to %q: no %s on line %d; findings:\n%s",
							l.Code(), f.Number, f.Name, f.Obligation, f.ValueList, v, strings.Join(want, " or "), line+1, listFindings(rep.Findings))
					}
				}
			}
			if checked == 0 {
				t.Error("no field checked")
			}
		})
	}
}

// zeroIsValue reports whether zero is a value of a mandatory N field: amounts, counts and
// totals, house numbers ("vullen met nullen" without an official number), and the fields
// a rule set says so of.
func zeroIsValue(f record.Field, zero map[string]bool) bool {
	if f.Type != record.Numeric {
		return false
	}
	switch f.Role {
	case record.RoleCount, record.RoleDetailCount, record.RoleTotalDeclared, record.RoleTotalAllowed:
		return true
	}
	return f.Kind == record.KindAmount || strings.HasPrefix(f.Name, "HUISNUMMER") || zero[f.Number]
}

// outsideList returns a value of the field's type and length that in does not accept, or "".
func outsideList(f record.Field, in func(string) bool) string {
	n := f.Length
	var cands []string
	if f.Type == record.Numeric {
		for _, d := range "987654321" {
			cands = append(cands, strings.Repeat(string(d), n))
		}
	} else {
		cands = []string{"ZZ"[:min(2, n)], "QQ"[:min(2, n)], "Z", "Q"} // letters, as patterns like AA ask
	}
	for _, c := range cands {
		if len(c) <= n && !in(c) {
			return c
		}
	}
	return ""
}
