package namecheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fieldWords are words of the Dutch field names that code used to match fields by.
var fieldWords = []string{"BEREKEND", "MACHTIGING", "POSTCODE", "GESLACHT", "NAAM", "LAND", "VERZEKERDENNUMMER",
	"DECLARATIEBEDRAG", "TOEGEKEND", "HUISNUMMER", "WOONPLAATS", "GEBOORTE", "DEBITEURNUMMER", "BURGERSERVICENUMMER",
	"FACTUURNUMMER", "PRESTATIECODE", "REFERENTIENUMMER", "BEGINDATUM", "EINDDATUM", "DATUM PRESTATIE", "SERVICEBUREAU",
	"ZORGVERLENERSCODE", "PRAKTIJKCODE", "INSTELLINGSCODE", "UZOVI-NUMMER", "DAGTEKENING", "SOFTWARELEVERANCIER",
	"BETALING AAN", "BTW-IDENTIFICATIENUMMER", "CLIENT OVERLEDEN", "RECORDS", "AGB-CODE", "ZORGACTIVITEIT",
	"TIJDSBESTEDING", "VRIJE TEKST", "TOELICHTING", "OPMERKING", "STRAAT", "VOORLETTERS", "VOORVOEGSEL",
	"TELEFOON", "ADRESREGEL", "SOFINUMMER", "PATIENT", "DATUM", "BEDRAG"}

// ruleID is a rule id ("INSURER-MACHTIGING", "N5-NAAM02"): a name of the project's own,
// not a field name.
var ruleID = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)+$`)

// allowed are the files that derive field meaning from names by design: the importer's
// derivation (it writes the spec files' columns) and the generators of data files.
var allowed = map[string]string{
	"internal/specfile/derive.go":     "the derivation at import: it writes roles and personal kinds into the spec files",
	"internal/specfile/retourcode.go": "the derivation at import: it matches COD954 descriptions to field names to write the retourcode column",
	"gen/":                            "the generator and importer",
	"internal/transcribe/":            "the generator's transcription of third-party layouts (its repairs name the fields they repair)",
	"internal/berimport/":             "the generator's BER importer",
	"internal/codegen/":               "the generator's code writer",
}

// pending are the files that still match fields by name (issue 17 item 4): the list may
// only shrink. Each entry says what is left.
var pending = map[string]string{}

// Issue 17 item 4, done when: no hand-written Go file outside gen/ and tests has a string
// literal holding a field name word such as BEREKEND, MACHTIGING, POSTCODE, GESLACHT, NAAM,
// LAND or VERZEKERDENNUMMER — apart from the derivation at import and the files listed as
// pending, which must still hold one (so that the list shrinks as they are converted).
func TestNoFieldNamesInCode(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	found := map[string][]string{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || rel == "gen" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		for a := range allowed {
			if rel == a || strings.HasSuffix(a, "/") && strings.HasPrefix(rel, a) {
				return nil
			}
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if generated(src) {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			// Rule ids and texts for people (docs, messages: they have lower-case letters)
			// may name a field; code that matches a field has its name in capitals.
			// Table headers of output (tabs, line breaks) are not field names either.
			if err != nil || ruleID.MatchString(s) || strings.ToUpper(s) != s || strings.ContainsAny(s, "\t\n") {
				return true
			}
			for _, w := range fieldWords {
				if strings.Contains(s, w) {
					found[rel] = append(found[rel], s)
					break
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for file, lits := range found {
		if _, ok := pending[file]; !ok {
			t.Errorf("%s finds fields by name: %q; use the layout's roles, element codes or the spec columns", file, lits)
		}
	}
	var gone []string
	for file := range pending {
		if len(found[file]) == 0 {
			gone = append(gone, file)
		}
	}
	slices.Sort(gone)
	for _, file := range gone {
		t.Errorf("%s no longer matches fields by name: remove it from pending", file)
	}
}

func generated(src []byte) bool {
	head := string(src[:min(len(src), 2000)])
	return strings.Contains(head, "Code generated") && strings.Contains(head, "DO NOT EDIT")
}
