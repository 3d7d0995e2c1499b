package readmecheck

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// block is one ```go block of a markdown file.
type block struct {
	Line   int    // line of the first line of code (after the fence), 1-based
	Code   string // the code
	Skip   string // reason, when marked skip
	Run    bool   // marked run
	File   string // the file to open as f for a run
	Output *string
}

var marker = regexp.MustCompile(`^<!--\s*readme-test:\s*(skip|run)\b\s*(.*?)\s*-->\s*$`)

// parseBlocks finds the ```go blocks of a markdown text with their markers.
func parseBlocks(md string) []block {
	lines := strings.Split(md, "\n")
	var blocks []block
	for i := 0; i < len(lines); i++ {
		fence := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(fence, "```") {
			continue
		}
		lang := strings.TrimSpace(strings.TrimPrefix(fence, "```"))
		end := i + 1
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		if lang != "go" {
			i = end
			continue
		}
		b := block{Line: i + 2, Code: strings.Join(lines[i+1:min(end, len(lines))], "\n")}
		for j := i - 1; j >= 0; j-- {
			if strings.TrimSpace(lines[j]) == "" {
				continue
			}
			if m := marker.FindStringSubmatch(strings.TrimSpace(lines[j])); m != nil {
				if m[1] == "skip" {
					b.Skip = m[2]
					if b.Skip == "" {
						b.Skip = "marked skip"
					}
				} else {
					b.Run, b.File = true, m[2]
				}
			}
			break
		}
		if b.Run { // a ```text block right after it is the expected output
			k := end + 1
			for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
				k++
			}
			if k < len(lines) && strings.TrimSpace(lines[k]) == "```text" {
				e := k + 1
				for e < len(lines) && strings.TrimSpace(lines[e]) != "```" {
					e++
				}
				out := strings.Join(lines[k+1:min(e, len(lines))], "\n") + "\n"
				b.Output = &out
			}
		}
		blocks = append(blocks, b)
		i = end
	}
	return blocks
}

// stdPackages are the standard library packages a README example may use, by name.
var stdPackages = map[string]string{
	"bufio": "bufio", "bytes": "bytes", "context": "context", "errors": "errors", "fmt": "fmt",
	"io": "io", "iter": "iter", "json": "encoding/json", "log": "log", "slog": "log/slog", "os": "os",
	"filepath": "path/filepath", "slices": "slices", "maps": "maps", "strconv": "strconv", "strings": "strings",
	"time": "time", "http": "net/http", "sync": "sync", "sort": "sort", "utf8": "unicode/utf8",
	"decimal": "github.com/shopspring/decimal",
}

// modulePackages returns the importable packages of the module by name (not internal,
// not commands), so that fragments can use them without import lines.
func modulePackages(t *testing.T, root, module string) map[string]string {
	pkgs := map[string]string{}
	clause := regexp.MustCompile(`(?m)^package ([a-z][a-z0-9_]*)\s*$`)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "internal") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m := clause.FindSubmatch(data)
		if m == nil || string(m[1]) == "main" {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		imp := module
		if rel != "." {
			imp += "/" + filepath.ToSlash(rel)
		}
		// Two packages of one name (ei/standards, q/standards): the first path in
		// sort order wins, the EI one; a block that needs the other writes its imports.
		if old, ok := pkgs[string(m[1])]; !ok || imp < old {
			pkgs[string(m[1])] = imp
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

var (
	selector = regexp.MustCompile(`\b([a-z][a-z0-9]*)\.[A-Za-z_]`)
	declared = regexp.MustCompile(`\b([a-z][a-z0-9]*)\s*(?:,\s*[a-z][a-z0-9_]*\s*)*:=|\bvar\s+([a-z][a-z0-9]*)\b|\bfor\s+([a-z][a-z0-9]*)\s*,|\b([a-z][a-z0-9]*)\s*,\s*[a-z][a-z0-9]*\s*:=\s*range`)
	comment  = regexp.MustCompile(`//.*|"(?:[^"\\]|\\.)*"|` + "`[^`]*`")
)

// program returns the Go file for a block: as it is when it has a package clause, else
// the fragment in a function body with the imports it needs.
func program(b block, pkgs map[string]string) string {
	code := b.Code
	if regexp.MustCompile(`(?m)^package \w+`).MatchString(code) {
		return fmt.Sprintf("//line README.md:%d\n%s\n", b.Line, code)
	}
	bare := comment.ReplaceAllString(code, "")
	locals := map[string]bool{"ctx": true, "f": true, "in": true, "out": true}
	for _, m := range declared.FindAllStringSubmatch(bare, -1) {
		for _, g := range m[1:] {
			if g != "" {
				locals[g] = true
			}
		}
	}
	imports := map[string]bool{"context": true, "fmt": true, "io": true, "os": true}
	for _, m := range selector.FindAllStringSubmatch(bare, -1) {
		if locals[m[1]] {
			continue
		}
		if p, ok := stdPackages[m[1]]; ok {
			imports[p] = true
		} else if p, ok := pkgs[m[1]]; ok {
			imports[p] = true
		}
	}
	list := make([]string, 0, len(imports))
	for p := range imports {
		list = append(list, fmt.Sprintf("\t%q", p))
	}
	slices.Sort(list)
	return fmt.Sprintf(`package main

import (
%s
)

var _ = fmt.Sprint

func example(ctx context.Context, f *os.File, in io.Reader, out io.Writer) error {
//line README.md:%d
%s
	return nil
}

func main() {
	var f *os.File
	if len(os.Args) > 1 {
		var err error
		if f, err = os.Open(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
	}
	if err := example(context.Background(), f, f, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "example returned:", err)
		os.Exit(1)
	}
}
`, strings.Join(list, "\n"), b.Line, code)
}

// checkBlocks builds (and, where marked, runs) every block of md. The programs are built
// by one go command (one module load, the links in parallel) rather than one each; when
// that fails, each block is built on its own to say which does not compile.
func checkBlocks(t *testing.T, root, md string) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(string(mod), "\n", 2)[0], "module"))
	pkgs := modulePackages(t, root, module)
	blocks := parseBlocks(md)
	if len(blocks) == 0 {
		t.Skip("no ```go blocks")
	}
	// Inside the module (so that its packages and go.sum are used), in a directory the
	// go tool's ./... patterns ignore.
	work, err := os.MkdirTemp(filepath.Join(root, "internal", "readmecheck"), "_readme")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(work) })
	bins := t.TempDir()
	pkg := func(i int) string {
		return "./" + filepath.ToSlash(must(filepath.Rel(root, filepath.Join(work, fmt.Sprintf("b%d", i)))))
	}
	bin := func(i int) string { return filepath.Join(bins, fmt.Sprintf("b%d", i)) }
	var all []string
	for i, b := range blocks {
		if b.Skip != "" {
			continue
		}
		dir := filepath.Join(work, fmt.Sprintf("b%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(program(b, pkgs)), 0o644); err != nil {
			t.Fatal(err)
		}
		all = append(all, pkg(i))
	}
	builtAll := true
	if len(all) > 0 {
		build := exec.Command("go", append([]string{"build", "-o", bins + string(filepath.Separator)}, all...)...)
		build.Dir = root
		_, err := build.CombinedOutput()
		builtAll = err == nil
	}
	for i, b := range blocks {
		t.Run(fmt.Sprintf("line%d", b.Line), func(t *testing.T) {
			if b.Skip != "" {
				t.Skip(b.Skip)
			}
			if !builtAll {
				build := exec.Command("go", "build", "-o", bin(i), pkg(i))
				build.Dir = root
				if out, err := build.CombinedOutput(); err != nil {
					t.Fatalf("the example at README.md line %d does not compile:\n%s", b.Line, out)
				}
			}
			if !b.Run {
				return
			}
			var args []string
			if b.File != "" {
				args = append(args, filepath.Join(root, b.File))
			}
			run := exec.Command(bin(i), args...)
			run.Dir = root
			var stdout, stderr bytes.Buffer
			run.Stdout, run.Stderr = &stdout, &stderr
			if err := run.Run(); err != nil {
				t.Fatalf("the example at README.md line %d fails: %v\n%s", b.Line, err, stderr.String())
			}
			if b.Output != nil && trimLines(stdout.String()) != trimLines(*b.Output) {
				t.Errorf("the example at README.md line %d prints\n%s\nthe README shows\n%s", b.Line, stdout.String(), *b.Output)
			}
		})
	}
}

func trimLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t\r")
	}
	return strings.Join(lines, "\n")
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

// The README's Go examples compile, and those marked run print what the README shows.
func TestREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a program per example")
	}
	root := sharedtest.RepoRoot()
	md, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkBlocks(t, root, string(md))
}

// The convention itself, on a markdown file of its own.
func TestParseBlocks(t *testing.T) {
	md, err := os.ReadFile("testdata/sample.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := parseBlocks(string(md))
	if len(blocks) != 4 {
		t.Fatalf("%d blocks, want 4: %+v", len(blocks), blocks)
	}
	if blocks[0].Line != 4 || blocks[0].Run || blocks[0].Skip != "" {
		t.Errorf("block 1: %+v", blocks[0])
	}
	if blocks[1].Skip != "needs a VECOZO certificate" {
		t.Errorf("block 2: %+v", blocks[1])
	}
	if !blocks[2].Run || blocks[2].File != "examples/zorgcheck/testdata/pm304-synthetic.txt" || blocks[2].Output == nil || *blocks[2].Output != "PM304 3.2\n" {
		t.Errorf("block 3: %+v", blocks[2])
	}
	if !strings.HasPrefix(blocks[3].Code, "package main") {
		t.Errorf("block 4: %+v", blocks[3])
	}
}

// The sample's blocks compile and run as the convention says.
func TestSampleExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	md, err := os.ReadFile("testdata/sample.md")
	if err != nil {
		t.Fatal(err)
	}
	checkBlocks(t, sharedtest.RepoRoot(), string(md))
}

// Imports are inferred from the package names a fragment uses, not from its locals.
func TestProgramImports(t *testing.T) {
	src := program(block{Line: 7, Code: "report, err := validate.File(ctx, f, validate.Options{})\nif err != nil {\n\treturn err\n}\nfmt.Println(report.Lines, strings.ToUpper(\"x\"))"},
		map[string]string{"validate": "example.com/m/ei/validate", "report": "example.com/m/report"})
	for _, want := range []string{`"example.com/m/ei/validate"`, `"strings"`, "//line README.md:7\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("program has no %s:\n%s", want, src)
		}
	}
	if strings.Contains(src, `"example.com/m/report"`) {
		t.Errorf("imports the local variable report:\n%s", src)
	}
}
