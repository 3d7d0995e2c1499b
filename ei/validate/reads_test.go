package validate

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// Every rule of a standard's built-in set declares the fields it reads (Rule.Reads), and
// in the source every field number a rule's expression names is among them: the rule
// literals and n5Rule calls of the standards' rules_*.go files, read with go/parser, not
// the values they make.
// A rule whose Reads holds a loop variable (the GZ321 beroepen, 0435-0437, 1711/1712; the
// ZH308 DBC fields) is checked by the run over every standard (TestBuiltinRulesFindTheirRoles,
// which calls Rules) only.
func TestRulesDeclareTheirReads(t *testing.T) {
	for _, s := range builtinSets() {
		for _, r := range s.Rules {
			if s.Standard != "" && len(r.Reads) == 0 {
				t.Errorf("rule %s of set %s declares no fields it reads (Rule.Reads)", r.ID, s.Name)
			}
		}
	}
	files, err := filepath.Glob("rules_*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rules_*.go: %v", err)
	}
	// The sets every standard gets (rules_common.go, rules_uzovi.go) find their fields by
	// role and element, not by number.
	files = slices.DeleteFunc(append(files, "rules.go"), func(f string) bool { return f == "rules_common.go" || f == "rules_uzovi.go" })
	number := regexp.MustCompile(`^\d{4}$`)
	fset := token.NewFileSet()
	checked, loose := 0, 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var reads ast.Expr
			var skip []ast.Expr // the id, the return codes and the reads themselves
			switch x := n.(type) {
			case *ast.CompositeLit:
				isRule := false
				for _, el := range x.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						switch key, _ := kv.Key.(*ast.Ident); {
						case key == nil:
						case key.Name == "ID":
							isRule = true
							skip = append(skip, kv.Value)
						case key.Name == "Reads":
							reads = kv.Value
						}
					}
				}
				if !isRule {
					return true
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); !ok || id.Name != "n5Rule" || len(x.Args) != 6 {
					return true
				}
				reads = x.Args[3]
				skip = append(skip, x.Args[0], x.Args[1])
			default:
				return true
			}
			where := fset.Position(n.Pos()).String()
			if reads == nil {
				t.Errorf("%s: a rule without Reads", where)
				return false
			}
			declared, exact := map[string]bool{}, true
			var add func(e ast.Expr)
			add = func(e ast.Expr) {
				switch v := e.(type) {
				case *ast.BasicLit:
					s, _ := strconv.Unquote(v.Value)
					declared[s] = true
				case *ast.CompositeLit:
					for _, el := range v.Elts {
						add(el)
					}
				case *ast.CallExpr: // c.productReads(…): what productOf reads, and more
					for _, f := range (ggzConfig{gz321: true}).productReads() {
						declared[f] = true
					}
					for _, a := range v.Args {
						add(a)
					}
				default:
					exact = false
				}
			}
			add(reads)
			skip = append(skip, reads)
			var named []string
			ast.Inspect(n, func(m ast.Node) bool {
				if e, ok := m.(ast.Expr); ok && slices.Contains(skip, e) {
					return false
				}
				if kv, ok := m.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Retourcode" {
						return false
					}
				}
				if lit, ok := m.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, _ := strconv.Unquote(lit.Value); number.MatchString(s) {
						named = append(named, s)
					}
				}
				return true
			})
			if !exact {
				loose++
				return false
			}
			checked++
			for _, s := range named {
				if !declared[s] {
					t.Errorf("%s: the rule reads field %s, its Reads do not say so", where, s)
				}
			}
			return false
		})
	}
	if checked < 40 || loose > 10 {
		t.Errorf("checked %d rule expressions, %d with a loop variable in Reads: want at least 40 and at most 10", checked, loose)
	}
}

// A rule reading a field the standard's layout lacks is refused when the rules are
// selected (Rules), naming the field.
func TestRuleReadingMissingField(t *testing.T) {
	std, err := standards.Registry().Parse("MZ301@1.3")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ field, want string }{
		{"0499", "record 04 of MZ301@1.3 has no field 0499"},
		{"7701", `MZ301@1.3 has no record for field "7701"`},
		{"41", `has no record for field "41"`},
	} {
		r := &Rule{ID: "ACME-READS", Reads: []string{"0403", tc.field}, Record: func(*Pass, *Record) {}}
		_, err := Rules(std, Options{Rules: []*Rule{r}})
		if !errors.Is(err, ErrMissingField) || !regexp.MustCompile(regexp.QuoteMeta(tc.want)).MatchString(err.Error()) {
			t.Errorf("Reads %s: error %v, want ErrMissingField saying %q", tc.field, err, tc.want)
		}
	}
	ok := &Rule{ID: "ACME-READS", Reads: []string{"0403", "0411"}, Record: func(*Pass, *Record) {}}
	if _, err := Rules(std, Options{Rules: []*Rule{ok}}); err != nil {
		t.Errorf("Reads 0403 0411: %v", err)
	}
}
