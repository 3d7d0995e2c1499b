//go:build integration

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// The secrets of a file: the values of its personal fields that must never appear in
// default output — BSNs (9 digits passing the elfproef), dates of birth, names — taken
// from every line that is a record of the layout its code names.
type secrets struct {
	bsns, births, names []string
}

func (s secrets) all() []string { return slices.Concat(s.bsns, s.births, s.names) }

func fileSecrets(t *testing.T, data []byte) secrets {
	t.Helper()
	var s secrets
	seen := map[string]bool{}
	add := func(list *[]string, v string) {
		if !seen[v] {
			seen[v] = true
			*list = append(*list, v)
		}
	}
	lines := splitLines(data)
	if len(lines) == 0 {
		return s
	}
	std, err := registry().Detect([]byte(lines[0]))
	if err != nil {
		return s
	}
	for _, line := range lines {
		if len(line) != std.RecordLength() {
			continue
		}
		l := std.Layout(line[:2])
		if l == nil {
			continue
		}
		for _, f := range l.Fields() {
			v := strings.TrimSpace(line[f.Start-1 : f.End])
			switch personalKind(&f) {
			case record.PersonalBSN:
				if len(v) == 9 && bsn.Valid(v) && v != "999999999" && strings.Trim(v, "0") != "" {
					add(&s.bsns, v)
				}
			case record.PersonalBirthDate:
				if len(v) == 8 && strings.Trim(v, "0") != "" {
					add(&s.births, v)
					add(&s.births, v[:4]+"-"+v[4:6]+"-"+v[6:])
				}
			case record.PersonalName:
				if len(v) >= 4 {
					add(&s.names, record.DecodeText(v))
				}
			}
		}
	}
	return s
}

// splitLines splits a file at its line breaks (CR LF, LF or CR), as the line scanner does.
func splitLines(data []byte) []string {
	var out []string
	sc := ei.NewLineScanner(bytes.NewReader(data))
	for {
		l, err := sc.Next()
		if err != nil {
			return out
		}
		out = append(out, l.Text)
	}
}

// showAll runs every command that shows a file with its default (masked) output and
// returns all it printed.
func showAll(t *testing.T, path string, extra ...string) string {
	t.Helper()
	var all strings.Builder
	for _, args := range [][]string{
		{"dump"}, {"dump", "-json"},
		{"validate", "-workers", "1", "-today", "2026-01-01"}, {"validate", "-workers", "1", "-json", "-today", "2026-01-01"},
		{"report", "-workers", "1", "-today", "2026-01-01", "-o", "-"},
	} {
		var stdout, stderr bytes.Buffer
		run(slices.Concat(args, extra, []string{path}), &stdout, &stderr)
		all.WriteString(stdout.String())
		all.WriteString(stderr.String())
	}
	return all.String()
}

// maskingFiles returns the files the masking property test mutates: the samples, the
// Vektis GZ321 suite (the base file always; of the suite's test files every 10th in the
// full run, every 105th in the default one, internal/testlevel) and the repository's test
// files (in the default run every third of the return tests' declarations).
func maskingFiles(t *testing.T) []string {
	root := sharedtest.RepoRoot()
	files, _ := filepath.Glob(filepath.Join(root, "ei", "testdata", "*.txt"))
	// The return tests' declarations: MZ301 and VE303, each a base file and variants of
	// one field; the default run takes every third (both standards, base and variants).
	more, _ := filepath.Glob(filepath.Join(root, "ei", "retour", "testdata", "decl", "*.txt"))
	files = append(files, testlevel.Sample(more, 3)...)
	files = append(files, filepath.Join(root, "examples", "zorgcheck", "testdata", "pm304-synthetic.txt"))
	if dir := sharedtest.Dir(t); dir != "" {
		s, _ := filepath.Glob(filepath.Join(dir, "vektis", "samples", "*"))
		files = append(files, s...)
		files = append(files, filepath.Join(dir, "vektis", "rbc-gz321", "GZ321-basisbestand-correct.ASC"))
		suite, _ := filepath.Glob(filepath.Join(dir, "vektis", "rbc-gz321", "visible", "*.asc"))
		step := testlevel.Pick(10, 105) // 42 (full) or 4 of the 420; every fourth (eighth) line of each is mutated
		for i, f := range suite {
			if i%step == 0 {
				files = append(files, f)
			}
		}
	}
	return files
}

// A mutation of a file: one line changed as a hostile or careless writer would change it.
type mutation struct {
	name  string
	data  []byte
	extra []string // flags (-standard)
}

// mutations returns, for every line of the file (or, unless every, every fourth line in
// the full run and every eighth in the default one, internal/testlevel, and the first line
// of each record code, so that every kind of record of the file is still mutated), the line with every other record code of the standard and an unknown one (in
// the default run every third of them, a different third on consecutive lines), one
// position shorter and longer, cut in half, and joined with the next line; and the whole
// file read with -standard of another standard of the same record length and of one of
// another length.
func mutations(std *record.Standard, lines []string, every bool) []mutation {
	join := func(ls []string) []byte { return []byte(strings.Join(ls, "\r\n") + "\r\n") }
	with := func(i int, repl ...string) []byte {
		return join(slices.Concat(lines[:i], repl, lines[i+1:]))
	}
	var out []mutation
	codes := []string{"97"}
	for _, l := range std.Records() {
		codes = append(codes, l.Code())
	}
	seen := map[string]bool{}
	stride := testlevel.Pick(4, 8)
	for i, line := range lines {
		if len(line) < 4 {
			continue
		}
		first := !seen[line[:2]]
		seen[line[:2]] = true
		if !every && !first && i%stride != 1 {
			continue
		}
		for j, c := range codes {
			// The default run (internal/testlevel) gives a line every third code, the
			// third by the line's number, so that the file still tries every code.
			if c != line[:2] && (testlevel.Full() || (i+j)%3 == 0) {
				out = append(out, mutation{name: fmt.Sprintf("line %d code %s", i+1, c), data: with(i, c+line[2:])})
			}
		}
		out = append(out,
			mutation{name: fmt.Sprintf("line %d shorter", i+1), data: with(i, line[:len(line)-1])},
			mutation{name: fmt.Sprintf("line %d longer", i+1), data: with(i, line+"0")},
			mutation{name: fmt.Sprintf("line %d halved", i+1), data: with(i, line[:len(line)/2])})
		if i+1 < len(lines) {
			joined := slices.Concat(lines[:i], []string{line + lines[i+1]}, lines[i+2:])
			out = append(out, mutation{name: fmt.Sprintf("lines %d and %d joined", i+1, i+2), data: join(joined)})
		}
	}
	var sameLength, otherLength *record.Standard
	for _, o := range registry().All() {
		switch {
		case o.ID() == std.ID():
		case o.RecordLength() == std.RecordLength() && sameLength == nil:
			sameLength = o
		case o.RecordLength() != std.RecordLength() && otherLength == nil:
			otherLength = o
		}
	}
	for _, o := range []*record.Standard{sameLength, otherLength} {
		if o != nil {
			out = append(out, mutation{name: "-standard " + o.ID(), data: join(lines), extra: []string{"-standard", o.ID()}})
		}
	}
	return out
}

// TestMaskingCannotBeFooled (issue 22 point 1) mutates every record of the samples, the
// Vektis GZ321 suite and the repository's test files — record code, length, joined lines,
// a standard forced with -standard — and checks that no BSN (9 digits passing the
// elfproef), date of birth or name of the input appears in the default output of dump,
// dump -json, validate, validate -json or report. A value that the unmutated file's
// default output shows anyway (a name that is also a street, a birth date that is also
// a date of treatment) is not looked for.
func TestMaskingCannotBeFooled(t *testing.T) {
	t.Parallel() // with the other long tests, after the ones that change directory
	files := maskingFiles(t)
	vocabulary := validatorWords(t)
	dir := t.TempDir()
	var mu sync.Mutex
	tried, looked := 0, 0
	// One subtest a file, in parallel: the files are independent and each runs the
	// commands in this process, with a directory of its own.
	t.Run("files", func(t *testing.T) {
		for i, path := range files {
			t.Run(filepath.Base(path), func(t *testing.T) {
				t.Parallel()
				n := maskingFile(t, path, filepath.Join(dir, strconv.Itoa(i)), vocabulary)
				mu.Lock()
				defer mu.Unlock()
				if n > 0 {
					looked++
					tried += n
				}
			})
		}
	})
	if looked < 10 || tried < 100 {
		t.Errorf("only %d files with personal data, %d mutations tried", looked, tried)
	}
	t.Logf("%d files, %d mutations", looked, tried)
}

// maskingFile mutates one file of TestMaskingCannotBeFooled and returns how many
// mutations it tried: none when the file has no personal data to look for.
func maskingFile(t *testing.T, path, dir string, vocabulary words) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := splitLines(data)
	if len(lines) == 0 {
		return 0
	}
	std, err := registry().Detect([]byte(lines[0]))
	if err != nil {
		return 0
	}
	sec := fileSecrets(t, data)
	base := showAll(t, path)
	var want []string
	for _, s := range sec.all() {
		if !leaks(base, sec, s) && !(slices.Contains(sec.names, s) && vocabulary.has(s)) {
			want = append(want, s)
		}
	}
	if len(want) == 0 {
		return 0
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// Every line of the samples and the synthetic file; every line of the repository's
	// other files in the full run (internal/testlevel); otherwise every fourth line (the
	// default run: every eighth) and the first of each record code.
	suite := strings.Contains(path, string(filepath.Separator)+"visible"+string(filepath.Separator))
	key := strings.Contains(path, "samples") || strings.HasSuffix(path, "pm304-synthetic.txt")
	every := key || !suite && testlevel.Full()
	tried := 0
	for _, m := range mutations(std, lines, every) {
		tried++
		name := filepath.Join(dir, "mutated.asc")
		if err := os.WriteFile(name, m.data, 0o600); err != nil {
			t.Fatal(err)
		}
		shown := showAll(t, name, m.extra...)
		for _, s := range want {
			if leaks(shown, sec, s) {
				t.Errorf("%s, %s: the default output shows personal data (%s)", filepath.Base(path), m.name, kindOf(sec, s))
			}
		}
	}
	return tried
}

// words is a set of lower-case words.
type words map[string]bool

func (w words) has(s string) bool { return w[strings.ToLower(s)] }

// validatorWords returns the words of the validator's own texts (its Go sources and code
// lists): a "name" of a test file that is such a word ("basis", in the suite's
// GZ321 files) shows up in a message ("063 (basis GGZ)") without being a leak.
func validatorWords(t *testing.T) words {
	w := words{}
	root := sharedtest.RepoRoot()
	for _, pattern := range []string{"ei/validate/*.go", "ei/validate/*/*.go", "ei/validate/*/*.csv", "q/*.go"} {
		files, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range regexp.MustCompile(`\pL+`).FindAllString(string(b), -1) {
				w[strings.ToLower(x)] = true
			}
		}
	}
	if len(w) < 1000 {
		t.Fatalf("only %d words in the validator's sources", len(w))
	}
	return w
}

// leaks reports whether output shows secret v: a number or date anywhere, a name as a
// word of its own (not "gespecialiseerd" inside a message's "gespecialiseerde GGZ").
func leaks(output string, s secrets, v string) bool {
	if !slices.Contains(s.names, v) {
		return strings.Contains(output, v)
	}
	// As the pattern (^|[^\pL\pN])v($|[^\pL\pN]), without compiling a regexp for every
	// look (they were a quarter of this test's CPU).
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
	for i := 0; i <= len(output); {
		j := strings.Index(output[i:], v)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(v)
		before, _ := utf8.DecodeLastRuneInString(output[:start])
		after, _ := utf8.DecodeRuneInString(output[end:])
		if (start == 0 || !word(before)) && (end == len(output) || !word(after)) {
			return true
		}
		if start == len(output) {
			return false
		}
		_, size := utf8.DecodeRuneInString(output[start:])
		i = start + size
	}
	return false
}

// TestLeaksAsThePattern: leaks finds a name as the regexp (^|[^\pL\pN])name($|[^\pL\pN])
// does.
func TestLeaksAsThePattern(t *testing.T) {
	s := secrets{names: []string{"Jansen", "Ré", "an", ""}}
	for _, output := range []string{
		"", "Jansen", "Jansens", "de Jansen,", "Jansen1 Jansen", "xJansen Jansen", "éJansen", "Jansenè",
		"Ré", "Rée Ré", "Ré9", "an an", "bananas", "an", "ban an.", "Ja\u00a0Jansen", "\xffJansen\xff", "Jansen\u0663",
	} {
		for _, v := range s.names {
			want := regexp.MustCompile(`(^|[^\pL\pN])` + regexp.QuoteMeta(v) + `($|[^\pL\pN])`).MatchString(output)
			if got := leaks(output, s, v); got != want {
				t.Errorf("leaks(%q, %q) = %v, the pattern %v", output, v, got, want)
			}
		}
	}
}

func kindOf(s secrets, v string) string {
	switch {
	case slices.Contains(s.bsns, v):
		return "a BSN"
	case slices.Contains(s.births, v):
		return "a date of birth"
	}
	return fmt.Sprintf("a name of %d letters", len(v))
}

// The cases of issue 22 point 1, each as it was found.
func TestMaskingIssueCases(t *testing.T) {
	data, err := os.ReadFile("testdata/pm304-synthetic.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := splitLines(data)
	i02 := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "02") })
	i04 := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "04") })
	sec := fileSecrets(t, data)
	if len(sec.bsns) == 0 || len(sec.births) == 0 || len(sec.names) == 0 {
		t.Fatalf("the synthetic file has no BSN, birth date or name: %+v", sec)
	}
	join := func(ls ...string) []byte { return []byte(strings.Join(ls, "\r\n") + "\r\n") }
	rest := func(skip ...int) []string {
		var out []string
		for i, l := range lines {
			if !slices.Contains(skip, i) {
				out = append(out, l)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		extra []string
	}{
		{"02 made 98", join(slices.Concat(lines[:i02], []string{"98" + lines[i02][2:]}, lines[i02+1:])...), nil},
		{"02 and 04 joined", join(slices.Concat(rest(i02, i04), []string{lines[i02] + lines[i04]})...), nil},
		{"-standard of another standard", data, []string{"-standard", "MZ301@1.3"}},
	} {
		name := filepath.Join(t.TempDir(), "f.asc")
		os.WriteFile(name, tc.data, 0o600)
		shown := showAll(t, name, tc.extra...)
		for _, s := range sec.all() {
			if leaks(shown, sec, s) {
				t.Errorf("%s: the output shows %s", tc.name, kindOf(sec, s))
			}
		}
		if !regexp.MustCompile(`\*{9}`).MatchString(shown) {
			t.Errorf("%s: nothing masked as a whole", tc.name)
		}
	}
}

// The official Vektis test file N2_0019_04: a 04 whose kenmerk is 99. Its BSN, read as
// the 04 it is, is not shown (issue 22 point 1).
func TestMaskingVektisN2_0019_04(t *testing.T) {
	path := sharedtest.Path(t, "vektis", "rbc-gz321", "visible", "GZ321v1.0_RBCu4_TB_N2_0019_04_v1.asc")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := splitLines(data)
	restored := slices.Clone(lines)
	n := 0
	for i, l := range lines {
		if i > 0 && i < len(lines)-1 && strings.HasPrefix(l, "99") {
			restored[i] = "04" + l[2:]
			n++
		}
	}
	if n == 0 {
		t.Fatal("no 99 record before the end of the file")
	}
	sec := fileSecrets(t, []byte(strings.Join(restored, "\r\n")))
	if len(sec.bsns) == 0 {
		t.Fatal("no BSN in the file")
	}
	shown := showAll(t, path)
	for _, s := range sec.bsns {
		if strings.Contains(shown, s) {
			t.Errorf("the output shows a BSN of the file")
		}
	}
}
