package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
)

const validateArgs = "[-json] [-q | -v] [-today DATE] [-standard STANDARD@VERSION] [-levels N1-N5] [-max N] [-max-references N] [-workers N] [-disable RULE,...] [-warn RULE,...] [-scenario 1A-3C] FILE..."

// validateFlags are the flags validate and report share.
type validateFlags struct {
	today, standard, levels, disable, warn *string
	max, maxRefs, workers                  *int
	strictUZOVI                            *bool
	scenario                               *string
}

func addValidateFlags(fs interface {
	String(name, value, usage string) *string
	Int(name string, value int, usage string) *int
	Bool(name string, value bool, usage string) *bool
}) *validateFlags {
	return &validateFlags{
		today:       fs.String("today", "", "the date that counts as today, as EEJJMMDD (20260131) or YYYY-MM-DD (2026-01-31); default: the current date"),
		standard:    fs.String("standard", "", "check the files against this standard (e.g. GZ321@1.0) instead of the one their 01 record names"),
		levels:      fs.String("levels", "", "the levels to check: a range N1-N3 or a list N1,N2,N5 (default: all)"),
		max:         fs.Int("max", validate.DefaultMaxFindings, fmt.Sprintf("stop a file after this many findings; 0 for the most zorgcheck holds in memory (%d)", maxFindings)),
		maxRefs:     fs.Int("max-references", 0, "check reference numbers for uniqueness up to this many per file; 0 for the whole file, exactly, in bounded memory (beyond some 130 MB of file, sorted runs spill to a temporary file in $TMPDIR); N keeps up to N in memory, 10 to 15 bytes each"),
		workers:     fs.Int("workers", -1, "goroutines checking one file: -1 every core, 1 serially (the findings are the same)"),
		disable:     fs.String("disable", "", "rules not to report, by id, comma-separated (e.g. N4-FUTURE,GZ321-N5-0107)"),
		warn:        fs.String("warn", "", "rules to report as warnings instead of errors, by id, comma-separated"),
		strictUZOVI: fs.Bool("strict-uzovi", false, "report a UZOVI-nummer that is not in the UZOVI register as an error (default: a warning)"),
		scenario:    fs.String("scenario", "", scenarioUsage),
	}
}

// maxFindings is the most findings of one file zorgcheck holds (-max 0): they are held in
// memory to be sorted and counted, some 300 bytes each, so that 200,000 stay well under
// 256 MiB. A file with more stops there, saying so (as -max does).
const maxFindings = 200_000

const scenarioUsage = "VE303 files: the scenario of seed 002 table 2-2 (1A-3C) whose filling rules to check as well"

// withScenario adds the filling rules of VE303 scenario s (seed 002 table 2-2, "1A" to
// "3C") to opts: they apply to VE303 files only. "" adds nothing.
func withScenario(opts *validate.Options, s string) error {
	if s == "" {
		return nil
	}
	sc, err := ve303.ParseScenario(s)
	if err != nil {
		return fmt.Errorf("%w: -scenario: %v", errUsage, err)
	}
	vo, err := ve303.ValidateOptions(sc)
	if err != nil {
		return fmt.Errorf("%w: -scenario: %v", errUsage, err)
	}
	opts.RuleSets = append(opts.RuleSets, vo.RuleSets...)
	for _, id := range vo.Warn {
		if !slices.Contains(opts.Warn, id) && !slices.Contains(opts.Disable, id) {
			opts.Warn = append(opts.Warn, id)
		}
	}
	return nil
}

// options turns the flags into validation options.
func (v *validateFlags) options() (validate.Options, error) {
	opts := validate.Options{Registry: registry(), RuleSets: ruleSets()}
	var err error
	if *v.today != "" {
		if opts.Today, err = parseToday(*v.today); err != nil {
			return opts, fmt.Errorf("%w: -today: %v", errUsage, err)
		}
	}
	if *v.standard != "" {
		if opts.Standard, err = registry().Parse(*v.standard); err != nil {
			return opts, fmt.Errorf("%w: -standard: %v (zorgcheck describe -list shows the known ones)", errUsage, err)
		}
	}
	if *v.levels != "" {
		if opts.Levels, err = parseLevels(*v.levels); err != nil {
			return opts, fmt.Errorf("%w: -levels: %v", errUsage, err)
		}
	}
	switch {
	case *v.max < 0 || *v.max > maxFindings:
		return opts, fmt.Errorf("%w: -max %d: want 1 to %d, or 0 for %d (the findings of a file are held in memory)", errUsage, *v.max, maxFindings, maxFindings)
	case *v.max == 0:
		opts.MaxFindings = maxFindings
	default:
		opts.MaxFindings = *v.max
	}
	if *v.maxRefs < 0 {
		return opts, fmt.Errorf("%w: -max-references %d: want 0 (the whole file) or more", errUsage, *v.maxRefs)
	}
	opts.MaxReferences = *v.maxRefs
	if *v.workers == 0 || *v.workers < -1 {
		return opts, fmt.Errorf("%w: -workers %d: want -1 (every core), 1 (serially) or more", errUsage, *v.workers)
	}
	opts.Workers = *v.workers
	opts.StrictUZOVI = *v.strictUZOVI
	if opts.Disable, opts.Warn, err = ruleLists(*v.disable, *v.warn); err != nil {
		return opts, fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := withScenario(&opts, *v.scenario); err != nil {
		return opts, err
	}
	return opts, nil
}

// parseToday reads a date as EEJJMMDD (the form of EI files) or YYYY-MM-DD, and says
// which form it read when the date is wrong.
func parseToday(s string) (record.Date, error) {
	switch {
	case len(s) == 8 && strings.Trim(s, "0123456789") == "":
		d, err := civil.ParseEEJJMMDD(s)
		if err != nil || !d.Valid() || d.IsZero() {
			return record.Date{}, fmt.Errorf("%q read as EEJJMMDD: %s", s, dateProblem(s[:4], s[4:6], s[6:8]))
		}
		return d, nil
	case len(s) == 10 && s[4] == '-' && s[7] == '-' && strings.Trim(s[:4]+s[5:7]+s[8:], "0123456789") == "":
		d, err := civil.ParseEEJJMMDD(s[:4] + s[5:7] + s[8:])
		if err != nil || !d.Valid() || d.IsZero() {
			return record.Date{}, fmt.Errorf("%q read as YYYY-MM-DD: %s", s, dateProblem(s[:4], s[5:7], s[8:]))
		}
		return d, nil
	}
	return record.Date{}, fmt.Errorf("%q is not a date: want EEJJMMDD (20260131) or YYYY-MM-DD (2026-01-31)", s)
}

func dateProblem(y, m, d string) string {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	switch {
	case mm < 1 || mm > 12:
		return "month " + m + " does not exist"
	case dd < 1 || dd > time.Date(yy, time.Month(mm)+1, 0, 0, 0, 0, 0, time.UTC).Day():
		return fmt.Sprintf("day %s does not exist in %s-%s", d, y, m)
	case yy < 1:
		return "year " + y + " does not exist"
	}
	return "not a date"
}

// parseLevels reads "N1-N3", "1-3", "N1,N2,N5" or "N4".
func parseLevels(s string) (validate.LevelSet, error) {
	level := func(t string) (validate.Level, error) {
		var l validate.Level
		if err := l.UnmarshalText([]byte(strings.TrimSpace(t))); err != nil || l > validate.N5 {
			return 0, fmt.Errorf("%q is not a level: want N1 … N5", strings.TrimSpace(t))
		}
		return l, nil
	}
	var ls []validate.Level
	for _, part := range strings.Split(s, ",") {
		if from, to, ok := strings.Cut(part, "-"); ok {
			a, err := level(from)
			if err != nil {
				return 0, err
			}
			b, err := level(to)
			if err != nil {
				return 0, err
			}
			if b < a {
				return 0, fmt.Errorf("%q: the range runs backwards", part)
			}
			for l := a; l <= b; l++ {
				ls = append(ls, l)
			}
			continue
		}
		l, err := level(part)
		if err != nil {
			return 0, err
		}
		ls = append(ls, l)
	}
	return validate.Levels(ls...), nil
}

// ruleLists reads the ids of -disable and -warn (comma-separated, any case) and checks
// that the validator has rules with those ids.
func ruleLists(disable, warn string) (dis, wrn []string, err error) {
	known := map[string]bool{}
	for _, set := range append(validate.RuleSets(), ruleSets()...) {
		for _, r := range set.Rules {
			known[r.ID] = true
		}
	}
	for _, x := range []struct {
		flag, list string
		ids        *[]string
	}{{"-disable", disable, &dis}, {"-warn", warn, &wrn}} {
		for _, id := range strings.Split(x.list, ",") {
			id = strings.ToUpper(strings.TrimSpace(id))
			switch {
			case id == "":
				continue
			case !known[id]:
				return nil, nil, fmt.Errorf("%s: no rule has the id %q (rule ids look like N4-FUTURE or GZ321-N5-0107, as in the findings)", x.flag, id)
			}
			*x.ids = append(*x.ids, id)
		}
	}
	return dis, wrn, nil
}

// runValidate checks EI files on the RBC levels N1-N5 and prints what it finds: one line
// per finding (file:line: level field name: message [rule, retourcode]), a summary line
// per file and a total; or with -json one object per argument (an unreadable one
// included). The exit status is 0 when no file has errors, 1 when one has, 2 when a file
// cannot be read or the usage is wrong.
func runValidate(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("validate", validateArgs, stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per FILE (one line each), also for a file that cannot be read (with an error member)")
	quiet := fs.Bool("q", false, "print nothing but errors about the files and the usage: the exit status says whether the files are valid")
	verbose := fs.Bool("v", false, "also print, after a file's findings, what each rule that found something checks")
	vf := addValidateFlags(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) == 0 {
		return exitFailure, fmt.Errorf("%w: want at least one FILE (- for standard input)", errUsage)
	}
	opts, err := vf.options()
	if err != nil {
		return exitFailure, err
	}
	if *quiet && (*verbose || *asJSON) {
		return exitFailure, fmt.Errorf("%w: -q prints nothing: not with -v or -json", errUsage)
	}
	if err := checkInputs(pos...); err != nil {
		return exitFailure, err
	}
	var out *bufio.Writer
	if *quiet {
		out = bufio.NewWriter(io.Discard)
	} else {
		out = bufio.NewWriter(stdout)
	}
	defer out.Flush()
	code := exitOK
	var tot total
	// Several files are checked concurrently (as many at once as there are cores, without
	// progress lines) and reported in the order given.
	results := make([]chan checked, len(pos))
	for i := range results {
		results[i] = make(chan checked, 1)
	}
	go func() {
		sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
		for i, arg := range pos {
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				results[i] <- checkFile(arg, opts, stderr, !*asJSON && len(pos) == 1)
			}()
		}
	}()
	for i := range pos {
		res := <-results[i]
		tot.add(res)
		switch {
		case res.err != nil:
			code = exitFailure
			if *asJSON {
				err = writeJSONLine(out, jsonError(res.name, res.err))
			} else {
				out.Flush()
				fmt.Fprintf(stderr, "zorgcheck validate: %s\n", oneLine(res.err.Error()))
			}
		case *asJSON:
			err = writeCheckedJSON(out, res)
		default:
			if err = writeChecked(out, res); err == nil && *verbose {
				err = writeRuleDocs(out, res.rep, opts)
			}
		}
		if err != nil {
			return exitFailure, err
		}
		if res.err == nil && !res.rep.Valid() && code == exitOK {
			code = exitFindings
		}
	}
	if !*asJSON && len(pos) > 1 {
		fmt.Fprintln(out, tot.String())
	}
	return code, out.Flush()
}

// checked is the outcome of validating one argument.
type checked struct {
	name string // as given ("-" for standard input)
	rep  *validate.Report
	err  error // the file could not be read
	// hints holds, per line, what the bytes of a line of the wrong length show (a
	// multi-byte UTF-8 character, a byte-order mark).
	hints map[int]string
}

func checkFile(name string, opts validate.Options, stderr io.Writer, progressAllowed bool) checked {
	res := checked{name: name}
	in, shown, err := openInput(name)
	if err != nil {
		res.err = err
		return res
	}
	defer in.Close()
	p := newProgress(stderr, shown, inputSize(in), progressAllowed)
	res.rep, err = validate.File(context.Background(), p.reader(in), opts)
	p.done()
	if err != nil {
		res.err = fmt.Errorf("%s: %w", shown, err)
		return res
	}
	stopAtN1(res.rep)
	if f, ok := in.(io.ReadSeeker); ok {
		res.hints = lengthHints(f, res.rep)
	}
	return res
}

// stopAtN1 keeps only the N1 findings of a file whose 01 record does not name the
// standard given with -standard (N1-IDENTIFICATION): VECOZO stops at a fault of N1, and
// the findings of the records of a file of another standard only follow from the
// mismatch. (The validator itself goes on, for tools that want them all.)
func stopAtN1(rep *validate.Report) {
	if !slices.ContainsFunc(rep.Findings, func(f validate.Finding) bool {
		return f.Rule == "N1-IDENTIFICATION" && f.Severity == validate.Error
	}) {
		return
	}
	rep.Findings = slices.DeleteFunc(rep.Findings, func(f validate.Finding) bool { return f.Level != validate.N1 })
	rep.Truncated = false
}

// lengthHints reads the lines of the wrong length (or with odd bytes) again (a file, not standard input)
// and names what their bytes show, which the count of positions does not: a byte-order
// mark, a multi-byte UTF-8 character, a control character.
func lengthHints(f io.ReadSeeker, rep *validate.Report) map[int]string {
	want := map[int]bool{}
	for i := range rep.Findings {
		if report.ByteRule(rep.Findings[i].Rule) || rep.Findings[i].Level == validate.N1 && rep.Findings[i].Line == 1 {
			want[rep.Findings[i].Line] = true
		}
	}
	if len(want) == 0 {
		return nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	length := 0
	if rep.Standard != nil {
		length = rep.Standard.RecordLength()
	}
	hints := map[int]string{}
	sc := ei.NewLineScanner(f)
	for len(want) > 0 {
		line, err := sc.Next()
		if err != nil {
			break
		}
		if want[line.Number] {
			delete(want, line.Number)
			if h := byteHint(line.Number, line.Text, length); h != "" {
				hints[line.Number] = h
			}
		}
	}
	return hints
}

// writeChecked prints one line per finding: "file:3: N3 0403 BURGERSERVICENUMMER (BSN)
// VERZEKERDE: message [rule, retourcode 0435]", then the summary of the file.
func writeChecked(w io.Writer, c checked) error {
	rep := c.rep
	for i := range rep.Findings {
		f := &rep.Findings[i]
		sev := ""
		if f.Severity == validate.Warning {
			sev = "warning: "
		}
		retour := ""
		if f.Retourcode != "" {
			retour = ", retourcode " + f.Retourcode
		}
		if _, err := fmt.Fprintf(w, "%s:%d: %s%s: %s [%s%s]\n", escapeText(c.name), f.Line, sev, escapeText(f.Where()), report.FindingMessage(f, c.hints[f.Line], true), f.Rule, retour); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, summaryLine(c))
	return err
}

// writeRuleDocs prints, for -v, what each rule that found something in the file checks.
func writeRuleDocs(w io.Writer, rep *validate.Report, opts validate.Options) error {
	if rep.Standard == nil || len(rep.Findings) == 0 {
		return nil
	}
	rules, err := validate.Rules(rep.Standard, opts)
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for i := range rep.Findings {
		found[rep.Findings[i].Rule] = true
	}
	for _, r := range rules {
		if found[r.ID] {
			if _, err := fmt.Fprintf(w, "  %s: %s\n", r.ID, strings.Join(strings.Fields(r.Doc), " ")); err != nil {
				return err
			}
		}
	}
	return nil
}

// summaryLine is "file: GZ321 1.0, 29 lines: 2 errors (N2 1, N5 1), 1 warning", or "…: valid".
func summaryLine(c checked) string {
	rep := c.rep
	std := "standard not known"
	if rep.Standard != nil {
		std = rep.Standard.Code() + " " + rep.Standard.VersionString()
	}
	errs, warns, perLevel := countFindings(rep)
	s := fmt.Sprintf("%s: %s, %s: ", escapeText(c.name), std, plural(rep.Lines, "line", "lines"))
	if errs == 0 && warns == 0 {
		return s + "valid"
	}
	var parts []string
	if errs > 0 {
		parts = append(parts, plural(errs, "error", "errors")+" ("+perLevel+")")
	} else {
		parts = append(parts, "valid")
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning", "warnings"))
	}
	s += strings.Join(parts, ", ")
	if rep.Truncated {
		s += fmt.Sprintf("; stopped after %d findings, there may be more (-max)", len(rep.Findings))
	}
	return s
}

func countFindings(rep *validate.Report) (errs, warns int, perLevel string) {
	levels := map[validate.Level]int{}
	for i := range rep.Findings {
		if rep.Findings[i].Severity == validate.Warning {
			warns++
			continue
		}
		errs++
		levels[rep.Findings[i].Level]++
	}
	keys := make([]validate.Level, 0, len(levels))
	for l := range levels {
		keys = append(keys, l)
	}
	slices.Sort(keys)
	var parts []string
	for _, l := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", l, levels[l]))
	}
	return errs, warns, strings.Join(parts, ", ")
}

func plural(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + more
}

// total counts over the files of a run, for the last line in text mode.
type total struct {
	files, valid, invalid, unreadable, errors, warnings int
}

func (t *total) add(c checked) {
	t.files++
	if c.err != nil {
		t.unreadable++
		return
	}
	e, w, _ := countFindings(c.rep)
	t.errors += e
	t.warnings += w
	if e == 0 {
		t.valid++
	} else {
		t.invalid++
	}
}

func (t total) String() string {
	s := fmt.Sprintf("total: %s: %d valid, %d with errors", plural(t.files, "file", "files"), t.valid, t.invalid)
	if t.unreadable > 0 {
		s += fmt.Sprintf(", %d not readable", t.unreadable)
	}
	return s + fmt.Sprintf("; %s, %s", plural(t.errors, "error", "errors"), plural(t.warnings, "warning", "warnings"))
}

// reportJSON is the JSON form of a report. The names are read by other tools: add, never
// rename.
type reportJSON struct {
	File      string        `json:"file"`
	Standard  string        `json:"standard"`
	Version   string        `json:"version"`
	Valid     bool          `json:"valid"`
	Lines     int           `json:"lines"`
	Errors    int           `json:"errors"`
	Warnings  int           `json:"warnings"`
	Truncated bool          `json:"truncated,omitempty"`
	Findings  []findingJSON `json:"findings"`
}

// findingJSON is the JSON form of a finding: the validator's names plus field_name.
type findingJSON struct {
	Level      validate.Level    `json:"level"`
	Rule       string            `json:"rule"`
	Line       int               `json:"line"`
	Record     string            `json:"record"`
	Field      string            `json:"field"`
	FieldName  string            `json:"field_name"`
	Position   int               `json:"position"`
	Retourcode string            `json:"retourcode"`
	Severity   validate.Severity `json:"severity"`
	Message    string            `json:"message"`
}

func writeCheckedJSON(w io.Writer, c checked) error {
	rep := c.rep
	errs, warns, _ := countFindings(rep)
	j := reportJSON{File: c.name, Valid: rep.Valid(), Lines: rep.Lines, Errors: errs, Warnings: warns, Truncated: rep.Truncated,
		Findings: make([]findingJSON, 0, len(rep.Findings))}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		j.Findings = append(j.Findings, findingJSON{f.Level, f.Rule, f.Line, f.Record, f.Field, f.FieldName, f.Position, f.Retourcode, f.Severity, report.FindingMessage(f, c.hints[f.Line], true)})
	}
	if s := rep.Standard; s != nil {
		j.Standard, j.Version = s.Code(), s.VersionString()
	}
	return writeJSONLine(w, j)
}
