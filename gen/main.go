package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/berimport"
	"github.com/zorgbericht/zorgbericht/internal/codegen"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: gen import|generate [flags]")
	}
	switch args[0] {
	case "import":
		return runImport(args[1:], stdout)
	case "generate":
		return runGenerate(args[1:])
	case "transcribe":
		return runTranscribe(args[1:], stdout)
	case "retourcodes":
		return runRetourcodes(args[1:])
	case "roles":
		return runRoles(args[1:])
	}
	return fmt.Errorf("unknown command %q: want import, generate, transcribe, retourcodes or roles", args[0])
}

func runImport(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	code := fs.String("code", "", "standard code, when the BER does not name it (e.g. GZ321)")
	ident := fs.String("id", "", "identification sheet (GIS022) of the same BER")
	status := fs.String("status", "", "status of the spec: official (default), transcribed or reconstructed")
	source := fs.String("source", "", "the Vektis document (default: derived from the files)")
	answers := fs.String("answers", "", "for a return standard: the declaration standard it answers (e.g. MZ301)")
	cod954 := fs.String("cod954", "", "COD954 return codes (vektis/codes/COD954_retourcodes.csv): derive the retourcode column from them")
	out := fs.String("o", "", "write the spec file here (default: standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("import: want one BER layout file")
	}
	opts := berimport.Options{Code: *code, Status: record.Status(*status), Source: *source, Answers: *answers}
	if *cod954 != "" {
		var err error
		if opts.ReturnCodes, err = readCOD954(*cod954); err != nil {
			return err
		}
	}
	spec, err := importFile(fs.Arg(0), opts, *ident)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := specfile.Write(&b, spec); err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(*out, b.Bytes(), 0o644)
}

func readCOD954(path string) ([]specfile.ReturnCode, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	codes, err := specfile.ReadCOD954(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return codes, nil
}

// runRetourcodes derives the retourcode column of the spec files named and rewrites them.
func runRetourcodes(args []string) error {
	fs := flag.NewFlagSet("retourcodes", flag.ContinueOnError)
	cod954 := fs.String("cod954", "", "COD954 return codes (vektis/codes/COD954_retourcodes.csv) (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cod954 == "" || fs.NArg() == 0 {
		return errors.New("retourcodes: want -cod954 FILE and spec files")
	}
	codes, err := readCOD954(*cod954)
	if err != nil {
		return err
	}
	for _, path := range fs.Args() {
		std, err := loadSpec(path)
		if err != nil {
			return err
		}
		specfile.DeriveRetourcodes(std, codes)
		var b bytes.Buffer
		if err := specfile.Write(&b, std); err != nil {
			return err
		}
		if err := writeIfChanged(path, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// runRoles derives the date and AGB roles of the spec files named and rewrites them.
func runRoles(args []string) error {
	if len(args) == 0 {
		return errors.New("roles: want spec files")
	}
	for _, path := range args {
		std, err := loadSpec(path)
		if err != nil {
			return err
		}
		specfile.DeriveDateAndAGBRoles(std)
		var b bytes.Buffer
		if err := specfile.Write(&b, std); err != nil {
			return err
		}
		if err := writeIfChanged(path, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func importFile(path string, opts berimport.Options, identPath string) (*specfile.Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if identPath != "" {
		id, err := os.Open(identPath)
		if err != nil {
			return nil, err
		}
		defer id.Close()
		opts.Identification = id
	}
	return berimport.Import(f, path, opts)
}

func runGenerate(args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	specs := fs.String("specs", "", "directory of spec files (required)")
	out := fs.String("out", "", "directory for the generated packages (required)")
	importPath := fs.String("pkg", "", "import path of the -out directory (required)")
	runtime := fs.String("runtime", "", "import path of the package the generated code builds on (default: ei/record, the core)")
	registry := fs.String("registry", "", "write a file listing the generated EI packages here (optional)")
	registryPkg := fs.String("registrypkg", "standards", "package name of the -registry file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *specs == "" || *out == "" || *importPath == "" {
		return errors.New("generate: -specs, -out and -pkg are required")
	}
	opts := codegen.Options{ImportPath: *importPath, Runtime: *runtime}
	paths, err := filepath.Glob(filepath.Join(*specs, "*.csv"))
	if err != nil {
		return err
	}
	sort.Strings(paths)
	var stds []*specfile.Spec
	var errs []error
	byID := map[string]*specfile.Spec{}
	for _, path := range paths {
		std, err := loadSpec(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		byID[std.ID()] = std
		stds = append(stds, std)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	want := map[string]bool{}
	for i, std := range stds {
		var decl *specfile.Spec
		if std.Answers != "" {
			if decl = byID[std.Answers+"@"+std.VersionString()]; decl == nil {
				errs = append(errs, fmt.Errorf("%s: answers %s, but there is no spec of %s version %s",
					paths[i], std.Answers, std.Answers, std.VersionString()))
				continue
			}
		}
		src, err := codegen.Generate(std, decl, modulePath(paths[i]), opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		dir := filepath.Join(*out, codegen.PackageName(std))
		if want[dir] {
			errs = append(errs, fmt.Errorf("%s: a second spec for package %s", paths[i], codegen.PackageName(std)))
			continue
		}
		want[dir] = true
		doc, err := codegen.Doc(std, modulePath(paths[i]))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := writeIfChanged(filepath.Join(dir, codegen.PackageName(std)+".go"), src); err != nil {
			return err
		}
		if err := writeIfChanged(filepath.Join(dir, "doc.go"), doc); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	// Remove generated packages whose spec is gone.
	dirs, _ := filepath.Glob(filepath.Join(*out, "*"))
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() && !want[d] && isGenerated(d) {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
	}
	if *registry == "" {
		return nil
	}
	src, err := codegen.Registry(*registryPkg, stds, opts)
	if err != nil {
		return err
	}
	return writeIfChanged(*registry, src)
}

// modulePath returns path relative to the module root (the directory with go.mod), in
// slash form, for the header of generated files; path itself when there is no module.
func modulePath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	for dir := filepath.Dir(abs); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(path)
}

// loadSpec reads a spec file and checks that its name says what it holds: CODEvX.Y.csv.
func loadSpec(path string) (*specfile.Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	std, err := specfile.Parse(f, path)
	if err != nil {
		return nil, err
	}
	if want := std.Code + "v" + std.VersionString() + ".csv"; filepath.Base(path) != want {
		return nil, fmt.Errorf("%s: holds %s: name it %s", path, std.ID(), want)
	}
	return std, nil
}

func isGenerated(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || !strings.HasPrefix(string(b), "// Code generated by zorgbericht/gen") {
			return false
		}
	}
	return len(files) > 0
}

func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
