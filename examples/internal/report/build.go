package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
)

// Defaults of Options.
const (
	// DefaultMaxRecords is how many records a page shows (besides those with a listed
	// finding): 20,000 records of up to 1,000 positions keep a page under about 25 MB.
	DefaultMaxRecords = 20000
	// DefaultMaxListed is how many findings a page lists (every finding is counted).
	DefaultMaxListed = 2000
	// PageSize is how many records the page's script shows at a time.
	PageSize = 200
)

// Options steer a report. The zero value validates strictly (validate.Options' zero
// value), masks personal data and keeps the default caps.
type Options struct {
	// Validate are the options of the validation. With neither Registry nor Standard set,
	// a file whose 01 record names a Q standard (QVE301) is validated as one, with the Q
	// rules (q.Registry, q.RuleSet).
	Validate validate.Options
	// Unmask shows personal data as it is in the file. Off (masked) by default.
	Unmask bool
	// MaxRecords caps the records the page shows besides those with a listed finding;
	// 0 means DefaultMaxRecords.
	MaxRecords int
	// MaxListed caps the findings the page lists; 0 means DefaultMaxListed.
	MaxListed int
	// FlagHints words messages with zorgcheck's flags (-max-references raises the limit).
	FlagHints bool
	// Progress, when set, is called as the file is read: pass 1 validates, pass 2 reads
	// the records; read is the bytes read so far in that pass.
	Progress func(pass int, read int64)
}

// Opener opens the file (again): Build reads it twice.
type Opener func() (io.ReadCloser, error)

// Page is what the page shows.
type Page struct {
	File, Standard    string
	Format            string // "EI", "Q" or "VSB"
	Records, Lines    int
	Errors, Warnings  int
	Truncated, Masked bool
	Verdict           string // "Not valid: 1 error, 0 warnings"
	Levels            []LevelCount
	Types             []TypeCount
	Findings          []Finding // the listed findings, in order of line
	FileFindings      []Finding // about the file as a whole (line 0)
	FindingsTotal     int       // every finding, listed or not
	Unlisted          []RuleCount
	RecordsShown      int // records the page holds
	Data              template.JS
	PageSize          int
	BadLines          int
	StandardNote      string
	Unit              string // what a number of the records list counts: "line" (EI) or "record" (VSB)
	LevelHeading      string // "Level" (EI) or "Validation" (VSB)
}

// LevelCount is a row of the table by level.
type LevelCount struct {
	Level            string
	Errors, Warnings int
}

// TypeCount is a row of the table by record type.
type TypeCount struct {
	Code, Name      string
	Records, Errors int
	Warnings        int
}

// RuleCount counts the findings of a rule the page does not list.
type RuleCount struct {
	Rule          string
	Listed, Total int
}

// Finding is a finding as the page shows it; ID is its anchor ("f-3").
type Finding struct {
	ID         string `json:"id"`
	Line       int    `json:"line"`
	Record     string `json:"record"`
	Field      string `json:"field"`
	FieldName  string `json:"name"`
	Start      int    `json:"start"` // first position highlighted, 1-based; 0 for none
	Length     int    `json:"len"`
	Level      string `json:"level"`
	Rule       string `json:"rule"`
	Retourcode string `json:"retour"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Where      string `json:"where"` // what the finding is about, without the level: "0403 BURGERSERVICENUMMER (BSN) VERZEKERDE"
}

// row is one record of the page: [line, code, text, problem] in the JSON.
type row struct {
	Line       int
	Code, Text string
	Problem    string
}

func (r row) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{r.Line, r.Code, r.Text, r.Problem})
}

// data is the JSON the script renders the records from.
type data struct {
	Layouts  map[string][][]any `json:"layouts"`  // code -> [start, length, number, name]
	Names    map[string]string  `json:"names"`    // code -> record name
	Records  []row              `json:"records"`  // [line, code, text, problem]
	Findings []Finding          `json:"findings"` // in order of line
	Unit     string             `json:"unit"`
}

// ErrNotKnown is returned (wrapped) for a file that is not of a format zorgcheck knows.
var ErrNotKnown = errors.New("not a file zorgcheck knows")

// Build validates the file and makes its page. The error is about reading; what is wrong
// with the file is on the page.
func Build(ctx context.Context, name string, open Opener, opts Options) (*Page, error) {
	vopts := opts.Validate
	format := "EI"
	if vopts.Registry == nil && vopts.Standard == nil {
		in, err := open()
		if err != nil {
			return nil, err
		}
		head, _ := ei.NewLineScanner(in).Next()
		in.Close()
		if _, err := standards.Registry().Detect([]byte(head.Text)); err != nil {
			if _, qerr := q.Registry().Detect([]byte(head.Text)); qerr == nil {
				format = "Q"
				vopts.Registry = q.Registry()
				vopts.RuleSets = append(slices.Clip(vopts.RuleSets), q.RuleSet(q.RuleOptions{}))
			}
		}
	}
	if vopts.Registry == nil && vopts.Standard == nil {
		// The page knows every standard of the module: the validator takes the registry
		// it is given (it has no catalogue of its own).
		vopts.Registry = standards.Registry()
	}
	reg := vopts.Registry
	if reg == nil {
		reg = standards.Registry()
	}
	maxRecords, maxListed := opts.MaxRecords, opts.MaxListed
	if maxRecords <= 0 {
		maxRecords = DefaultMaxRecords
	}
	if maxListed <= 0 {
		maxListed = DefaultMaxListed
	}

	// Pass 1: validate, keeping the first maxListed findings and counting all.
	in, err := open()
	if err != nil {
		return nil, err
	}
	v := validate.New(progressReader(in, 1, opts.Progress), vopts)
	var kept []validate.Finding
	perRule := map[string]*RuleCount{}
	var ruleOrder []string
	page := &Page{File: EscapeText(name), Format: format, Masked: !opts.Unmask, PageSize: PageSize, Unit: "line", LevelHeading: "Level"}
	levels := map[string]*LevelCount{}
	byType := map[string][2]int{} // record code -> errors, warnings
	for f := range v.Findings(ctx) {
		page.FindingsTotal++
		rc := perRule[f.Rule]
		if rc == nil {
			rc = &RuleCount{Rule: f.Rule}
			perRule[f.Rule] = rc
			ruleOrder = append(ruleOrder, f.Rule)
		}
		rc.Total++
		if len(kept) < maxListed {
			kept = append(kept, f)
			rc.Listed++
		}
		lc := levels[f.Level.String()]
		if lc == nil {
			lc = &LevelCount{Level: f.Level.String()}
			levels[f.Level.String()] = lc
		}
		c := byType[f.Record]
		if f.Severity == validate.Warning {
			page.Warnings++
			lc.Warnings++
			c[1]++
		} else {
			page.Errors++
			lc.Errors++
			c[0]++
		}
		byType[f.Record] = c
	}
	in.Close()
	if err := v.Err(); err != nil {
		return nil, err
	}
	page.Truncated = v.Truncated()
	std := vopts.Standard
	if std == nil {
		std = v.Standard()
	}
	slices.SortStableFunc(kept, func(a, b validate.Finding) int { return a.Line - b.Line })
	wanted := map[int]bool{}
	for i := range kept {
		wanted[kept[i].Line] = true
	}
	for _, r := range ruleOrder {
		if rc := perRule[r]; rc.Listed < rc.Total {
			page.Unlisted = append(page.Unlisted, *rc)
		}
	}

	// Pass 2: the records, the first maxRecords and those with a listed finding.
	in, err = open()
	if err != nil {
		return nil, err
	}
	defer in.Close()
	sc := NewRecordScanner(progressReader(in, 2, opts.Progress), reg, std)
	d := data{Layouts: map[string][][]any{}, Names: map[string]string{}, Unit: "line"}
	types := map[string]*TypeCount{}
	hints := map[int]string{}
	var order []string
	for {
		if page.Lines%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		line, err := sc.Next()
		if err == io.EOF || err == ErrEmpty {
			break
		}
		if err != nil {
			return nil, err
		}
		page.Lines++
		keep := len(d.Records) < maxRecords || wanted[line.Number]
		if wanted[line.Number] {
			if h := ByteHint(line.Number, line.Text, recordLength(sc)); h != "" {
				hints[line.Number] = h
			}
		}
		code := ""
		if line.Layout != nil {
			code = line.Layout.Code()
			page.Records++
		} else {
			page.BadLines++
		}
		key := code
		if key == "" {
			key = "?"
		}
		tc := types[key]
		if tc == nil {
			tc = &TypeCount{Code: key, Name: "lines that cannot be read as records"}
			if line.Layout != nil {
				tc.Name = line.Layout.Name()
				d.Names[code] = line.Layout.Name()
				lf := line.Layout.Fields()
				fields := make([][]any, 0, len(lf))
				for i := range lf {
					f := &lf[i]
					fields = append(fields, []any{f.Start, f.Length, f.Number, f.Name})
				}
				d.Layouts[code] = fields
			}
			types[key] = tc
			order = append(order, key)
		}
		tc.Records++
		if !keep {
			continue
		}
		var text string
		if line.Layout != nil {
			t := line.Text
			switch {
			case opts.Unmask:
			case line.Trusted:
				t = MaskRaw(line.Layout, t)
			default:
				t = MaskAnywhere(t)
			}
			text = visibleLatin1(t)
		} else {
			text = sc.RawLine(line.Text, opts.Unmask)
		}
		d.Records = append(d.Records, row{Line: line.Number, Code: code, Text: text, Problem: line.Problem})
	}
	page.RecordsShown = len(d.Records)
	if s := sc.Standard(); s != nil {
		page.Standard = s.Code() + " " + s.VersionString() + " (" + s.Name() + ")"
	} else {
		page.Standard = "not known"
	}
	page.StandardNote = sc.Note

	for i := range kept {
		f := &kept[i]
		rf := Finding{ID: "f-" + strconv.Itoa(i+1), Line: f.Line, Record: f.Record, Field: f.Field, FieldName: f.FieldName,
			Level: f.Level.String(), Rule: f.Rule, Retourcode: f.Retourcode, Severity: f.Severity.String(),
			Message: FindingMessage(f, hints[f.Line], opts.FlagHints), Where: EscapeText(strings.TrimPrefix(f.Where(), f.Level.String()+" "))}
		if std != nil && f.Field != "" {
			if l := std.Layout(f.Record); l != nil {
				if fl := l.Field(f.Field); fl != nil {
					rf.Start, rf.Length = fl.Start, fl.Length
				}
			}
		}
		if rf.Start == 0 && f.Position > 0 {
			rf.Start, rf.Length = f.Position, 1
		}
		if f.Line == 0 {
			page.FileFindings = append(page.FileFindings, rf)
		}
		page.Findings = append(page.Findings, rf)
	}
	d.Findings = page.Findings
	for code, c := range byType {
		key := code
		if key == "" || types[key] == nil {
			key = "?"
		}
		if tc := types[key]; tc != nil {
			tc.Errors += c[0]
			tc.Warnings += c[1]
		}
	}
	for _, l := range []string{"N1", "N2", "N3", "N4", "N5", "N6"} {
		if lc := levels[l]; lc != nil {
			page.Levels = append(page.Levels, *lc)
		} else if l != "N6" {
			page.Levels = append(page.Levels, LevelCount{Level: l})
		}
	}
	slices.Sort(order)
	for _, k := range order {
		page.Types = append(page.Types, *types[k])
	}
	page.Verdict = verdict(page.Errors, page.Warnings)
	return page, page.setData(d)
}

func (p *Page) setData(d data) error {
	if d.Findings == nil {
		d.Findings = []Finding{}
	}
	if d.Records == nil {
		d.Records = []row{}
	}
	js, err := json.Marshal(d) // escapes <, > and & so the JSON cannot end the script element
	if err != nil {
		return err
	}
	p.Data = template.JS(js)
	return nil
}

func recordLength(sc *RecordScanner) int {
	if s := sc.Standard(); s != nil {
		return s.RecordLength()
	}
	return 0
}

func verdict(errs, warns int) string {
	if errs > 0 {
		return "Not valid: " + Plural(errs, "error", "errors") + ", " + Plural(warns, "warning", "warnings")
	}
	v := "Valid"
	if warns > 0 {
		v += ", " + Plural(warns, "warning", "warnings")
	}
	return v
}

// Plural writes a count with its noun: "1 error", "2 errors".
func Plural(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + more
}

// progressReader counts what is read from r for progress (nil: no counting).
func progressReader(r io.Reader, pass int, progress func(int, int64)) io.Reader {
	if progress == nil {
		return r
	}
	return &counting{r: r, pass: pass, progress: progress}
}

type counting struct {
	r          io.Reader
	pass       int
	n          int64
	progress   func(int, int64)
	reportedAt int64
}

func (c *counting) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.n-c.reportedAt >= 1<<20 || err == io.EOF {
		c.reportedAt = c.n
		c.progress(c.pass, c.n)
	}
	return n, err
}

// visibleLatin1 converts a record from Latin-1 to text, one character per position, with
// control characters shown as their pictures (␛ for ESC) so that a column stays a column.
func visibleLatin1(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			b.WriteRune(0x2400 + rune(c))
		case c == 0x7f:
			b.WriteRune(0x2421)
		case c >= 0x80 && c < 0xa0:
			b.WriteRune(0xfffd)
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// WriteHTML writes the page.
func (p *Page) WriteHTML(w io.Writer) error {
	return pageTemplate.Execute(w, p)
}

// Summary is the one line the command prints after writing the page: "1202 records, 1
// error, 0 warnings".
func (p *Page) Summary() string {
	return fmt.Sprintf("%s, %s, %s", Plural(p.Records, "record", "records"), Plural(p.Errors, "error", "errors"), Plural(p.Warnings, "warning", "warnings"))
}
