package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// The types, obligations, value lists and patterns of the spec files (the layouts' facts,
// transcribed from the Vektis BERs) are checked, for every standard: in the generated
// correct file, every mandatory field emptied gives N3-MANDATORY on it, every field with a
// value list the project has data for, set to a code outside the list, N4-CODELIST (or
// N4-ALLOWED where the BER narrows the list), every N field with a letter N3-DIGITS, every
// date that does not exist N4-DATE, every postcode against NNNNAA N3-PATTERN. What is
// expected comes from the spec file; deleting one of these checks fails here.
func TestSpecFactsEnforced(t *testing.T) {
	for _, std := range mutationTargets(t) {
		t.Run(std.ID(), func(t *testing.T) {
			t.Parallel() // the standards are independent
			base := n5Base(t, std, true)
			zero := map[string]bool{} // fields whose BER makes zero a value
			for n, r := range selectRules(std, &Options{Registry: standards.Registry()}).fields {
				if r.ZeroOK {
					zero[n] = true
				}
			}
			var checked, tried int
			for _, l := range std.Records() {
				line := slices.IndexFunc(base, func(s string) bool { return strings.HasPrefix(s, l.Code()) })
				if line < 0 {
					continue
				}
				for i, f := range l.Fields() {
					if i == 0 || l.Code() == record.CodeVoorloop && f.Start <= 9 {
						continue // the kenmerk and the identification of the standard
					}
					for _, m := range specMutations(f, zero) {
						if tried++; !testlevel.Full() && tried%3 != 0 {
							continue // the full run (CI) takes every mutation, the default every third
						}
						v, want := m.value, m.want
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
			}
			if checked == 0 {
				t.Error("no field checked")
			}
		})
	}
}

type specMutation struct {
	value string
	want  []string
}

// specMutations are the breaks of field f the spec file's facts call for: a mandatory
// field emptied, a code outside its value list, a letter in an N field, a date that does
// not exist, a value against its pattern. Values are unpadded.
func specMutations(f record.Field, zero map[string]bool) []specMutation {
	var out []specMutation
	if f.Obligation == record.Mandatory && !zeroIsValue(f, zero) {
		out = append(out, specMutation{"", []string{"N3-MANDATORY"}})
	}
	if f.ValueList != "" && !strings.HasSuffix(f.ValueList, "-DBCO") {
		if list := lookupList(f.ValueList); list != nil {
			if v := outsideList(f, func(c string) bool { return list.has(c, f.Type == record.Numeric) }); v != "" {
				out = append(out, specMutation{v, []string{"N4-CODELIST", "N4-ALLOWED"}})
			}
		}
	}
	switch {
	case f.Kind == record.KindDate:
		out = append(out, specMutation{"20251340", []string{"N4-DATE"}})
	case f.Type == record.Numeric && f.Length > 1:
		out = append(out, specMutation{"1X" + strings.Repeat("0", f.Length-2), []string{"N3-DIGITS"}})
	case f.Type != record.Numeric && f.Pattern == "NNNNAA" && f.Length == 6:
		out = append(out, specMutation{"AB12CD", []string{"N3-PATTERN"}})
	}
	return out
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
