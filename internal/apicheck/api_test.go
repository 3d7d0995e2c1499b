//go:build integration

package apicheck

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

const module = "github.com/zorgbericht/zorgbericht"

// moduleRoot returns the directory of the module's go.mod, skipping the test when the go
// command is not available.
func moduleRoot(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// isInternal reports whether an import path has an "internal" element.
func isInternal(path string) bool {
	return slices.Contains(strings.Split(path, "/"), "internal")
}

// A listed package: what `go list -deps` says of one package the module's packages
// build from.
type listed struct {
	name, dir string
	files     []string // GoFiles and CgoFiles: the files of this platform, no tests
	ours      bool     // a package of this module
}

// packageList is the go command's answer for loadModule, shared by the tests of the
// package.
var packageList struct {
	once sync.Once
	out  []byte
	err  error
}

// loadModule lists the module's packages and everything they import, and returns the
// non-internal, non-main packages of the module (the public library) with an importer
// for the type checker. The go command is only asked for the list (`go list -deps`,
// which compiles nothing): the types come from the sources (sourceImporter), so that
// this test needs neither export data (`go list -export` compiles what it lists) nor
// go/importer, whose gc, gccgo and source importers (go/build, debug/elf, …) the
// module's cold `go test ./...` would compile and vet only for this package.
func loadModule(t *testing.T, root string) (public []string, imp *sourceImporter) {
	t.Helper()
	packageList.once.Do(func() {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}\t{{.Name}}\t{{.Dir}}\t{{.Module}}\t{{join .GoFiles \" \"}} {{join .CgoFiles \" \"}}", "./...")
		cmd.Dir = root
		cmd.Stderr = os.Stderr
		packageList.out, packageList.err = cmd.Output()
	})
	if packageList.err != nil {
		t.Fatalf("go list -deps: %v", packageList.err)
	}
	imp = &sourceImporter{fset: token.NewFileSet(), listed: map[string]listed{}, done: map[string]*types.Package{}}
	sc := bufio.NewScanner(bytes.NewReader(packageList.out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 {
			t.Fatalf("go list: unexpected line %q", sc.Text())
		}
		path, name, dir, mod := f[0], f[1], f[2], f[3]
		ours := strings.HasPrefix(mod, module) && !strings.HasPrefix(mod, module+"/")
		imp.listed[path] = listed{name: name, dir: dir, files: strings.Fields(f[4]), ours: ours}
		if ours && name != "main" && !isInternal(path) {
			public = append(public, path)
		}
	}
	return public, imp
}

// sourceImporter type-checks the module's packages from their source files, as the go
// command listed them. A package from outside the module (the standard library, a
// dependency) is imported as an empty package: the checks here look for types of the
// module's internal packages only, so a type from elsewhere may stay unknown (the type
// checker's errors about them are not collected), while every type the module declares,
// and every exported declaration's type, inferred ones included, is the compiler's.
type sourceImporter struct {
	fset   *token.FileSet
	listed map[string]listed
	done   map[string]*types.Package
}

func (s *sourceImporter) Import(path string) (*types.Package, error) {
	if p, ok := s.done[path]; ok {
		return p, nil
	}
	l, ok := s.listed[path]
	if !ok {
		return nil, fmt.Errorf("package %s is not in the go command's list", path)
	}
	if !l.ours {
		p := types.NewPackage(path, l.name)
		p.MarkComplete()
		s.done[path] = p
		return p, nil
	}
	var files []*ast.File
	for _, name := range l.files {
		f, err := parser.ParseFile(s.fset, filepath.Join(l.dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: s, FakeImportC: true, Error: func(error) {}}
	p, _ := conf.Check(path, s.fset, files, nil) // errors: only about the empty packages
	if p == nil {
		return nil, fmt.Errorf("package %s: the type checker returned nothing", path)
	}
	s.done[path] = p
	return p, nil
}

// TestNoExportedAPINamesAnInternalPackage checks every exported identifier of every public
// package of the module (functions, variables, constants, types with their exported
// fields and methods, type parameters): none has a type from an internal package in its
// signature, since a user could not name that type or read its documentation.
func TestNoExportedAPINamesAnInternalPackage(t *testing.T) {
	root := moduleRoot(t)
	pkgs, imp := loadModule(t, root)
	if len(pkgs) < 10 {
		t.Fatalf("found %d public packages, expected the module's dozens: %v", len(pkgs), pkgs)
	}
	for _, path := range pkgs {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatalf("import %s: %v", path, err)
		}
		for _, name := range pkg.Scope().Names() {
			obj := pkg.Scope().Lookup(name)
			if !obj.Exported() {
				continue
			}
			where := path + "." + name
			c := checker{t: t, seen: map[types.Type]bool{}}
			if tn, ok := obj.(*types.TypeName); ok {
				c.typeDecl(where, tn)
				continue
			}
			c.check(where, obj.Type())
		}
	}
}

type checker struct {
	t    *testing.T
	seen map[types.Type]bool
}

func (c *checker) flag(where string, obj *types.TypeName) bool {
	if obj.Pkg() != nil && isInternal(obj.Pkg().Path()) {
		c.t.Errorf("%s names %s.%s, a type of an internal package", where, obj.Pkg().Path(), obj.Name())
		return true
	}
	return false
}

// typeDecl checks an exported type: what an alias stands for, or the exported fields and
// methods and type parameters of a defined type.
func (c *checker) typeDecl(where string, tn *types.TypeName) {
	if a, ok := tn.Type().(*types.Alias); ok {
		c.check(where, a.Rhs())
		return
	}
	named, ok := tn.Type().(*types.Named)
	if !ok {
		return
	}
	for i := range named.TypeParams().Len() {
		c.check(where, named.TypeParams().At(i).Constraint())
	}
	for i := range named.NumMethods() {
		if m := named.Method(i); m.Exported() {
			c.check(where+"."+m.Name(), m.Type())
		}
	}
	switch u := named.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if f := u.Field(i); f.Exported() {
				c.check(where+"."+f.Name(), f.Type())
			}
		}
	case *types.Interface:
		for i := range u.NumMethods() {
			c.check(where+"."+u.Method(i).Name(), u.Method(i).Type())
		}
		for i := range u.NumEmbeddeds() {
			c.check(where, u.EmbeddedType(i))
		}
	default:
		c.check(where, u)
	}
}

// check reports the internal types t is made of; named types of public packages are
// checked where they are declared.
func (c *checker) check(where string, t types.Type) {
	if c.seen[t] {
		return
	}
	c.seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		if c.flag(where, t.Obj()) {
			return
		}
		for i := range t.TypeArgs().Len() {
			c.check(where, t.TypeArgs().At(i))
		}
	case *types.Alias:
		if c.flag(where, t.Obj()) {
			return
		}
		c.check(where, types.Unalias(t))
	case *types.Pointer:
		c.check(where, t.Elem())
	case *types.Slice:
		c.check(where, t.Elem())
	case *types.Array:
		c.check(where, t.Elem())
	case *types.Map:
		c.check(where, t.Key())
		c.check(where, t.Elem())
	case *types.Chan:
		c.check(where, t.Elem())
	case *types.Signature:
		for i := range t.TypeParams().Len() {
			c.check(where, t.TypeParams().At(i).Constraint())
		}
		c.check(where, t.Params())
		c.check(where, t.Results())
	case *types.Tuple:
		for i := range t.Len() {
			c.check(where, t.At(i).Type())
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if t.Field(i).Exported() || t.Field(i).Embedded() {
				c.check(where+"."+t.Field(i).Name(), t.Field(i).Type())
			}
		}
	case *types.Interface:
		for i := range t.NumMethods() {
			c.check(where, t.Method(i).Type())
		}
		for i := range t.NumEmbeddeds() {
			c.check(where, t.EmbeddedType(i))
		}
	case *types.Union:
		for i := range t.Len() {
			c.check(where, t.Term(i).Type())
		}
	case *types.TypeParam:
		c.check(where, t.Constraint())
	}
}

// TestGoDocListsTheCoresMethods runs `go doc -all` on the core as a user would: every
// exported method of each of its types must be in the output under that type (a type
// alias to another package shows none of them). One `go doc -all` rather than one `go
// doc ./ei/record T` per type: each run of the go command loads the package anew.
func TestGoDocListsTheCoresMethods(t *testing.T) {
	root := moduleRoot(t)
	_, imp := loadModule(t, root)
	core, err := imp.Import(module + "/ei/record")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "doc", "-all", "./ei/record")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go doc -all ./ei/record: %v\n%s", err, out)
	}
	for _, name := range []string{"Layout", "Field", "Format", "Reader", "Writer", "Error", "Decoder", "Encoder", "Standard", "LineScanner", "FixedScanner"} {
		obj, ok := core.Scope().Lookup(name).(*types.TypeName)
		if !ok {
			t.Errorf("ei/record has no type %s", name)
			continue
		}
		named, ok := obj.Type().(*types.Named)
		if !ok {
			t.Errorf("record.%s is %T, not a type declared in ei/record", name, obj.Type())
			continue
		}
		var methods []string
		for i := range named.NumMethods() {
			if m := named.Method(i); m.Exported() {
				methods = append(methods, m.Name())
			}
		}
		if name == "Layout" && len(methods) < 13 {
			t.Errorf("record.Layout has %d exported methods, expected at least the 13 of the core: %v", len(methods), methods)
		}
		for _, m := range methods {
			if !regexpMethod(string(out), name, m) {
				t.Errorf("go doc -all ./ei/record does not list method %s of %s", m, name)
			}
		}
	}
}

// regexpMethod reports whether doc lists the method m of type typ, as
// "func (x *T) M(" or "func (x T) M(".
func regexpMethod(doc, typ, m string) bool {
	for line := range strings.SplitSeq(doc, "\n") {
		if strings.HasPrefix(line, "func (") && (strings.Contains(line, " *"+typ+") "+m+"(") || strings.Contains(line, " "+typ+") "+m+"(") || strings.Contains(line, " *"+typ+") "+m+"[") || strings.Contains(line, " "+typ+") "+m+"[")) {
			return true
		}
	}
	return false
}
