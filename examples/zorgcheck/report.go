package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

const reportArgs = "-o OUT.html|- [-force] [-today DATE] [-standard STANDARD@VERSION] [-unmask] FILE"

// runReport validates a file and writes one self-contained HTML page (no network, no
// external assets) that shows the records with their field boundaries and every finding
// at its record and field, a summary at the top and a list linking to each finding.
// Personal data is masked as in dump unless -unmask. The records are shown a page at a
// time by a little inline script, so that a file of 100,000 records stays usable.
func runReport(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("report", reportArgs, stderr)
	outName := fs.String("o", "", "write the page to this file (- for standard output); required")
	force := forceFlag(fs)
	vf := addValidateFlags(fs)
	unmask := maskFlag(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE (- for standard input), have %d arguments", errUsage, len(pos))
	}
	if *outName == "" {
		return exitFailure, fmt.Errorf("%w: -o OUT is required (- for standard output)", errUsage)
	}
	opts, err := vf.options()
	if err != nil {
		return exitFailure, err
	}
	out, err := createOutput(*outName, pos, *force, stdout)
	if err != nil {
		return exitFailure, err
	}
	defer out.Abort()
	in, name, err := openInput(pos[0])
	if err != nil {
		return exitFailure, err
	}
	p := newProgress(stderr, name, inputSize(in), true)
	data, err := io.ReadAll(p.reader(in))
	p.done()
	in.Close()
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	page, err := buildReport(name, data, opts, *unmask)
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	bw := bufio.NewWriter(out)
	if err := writeReportHTML(bw, page); err != nil {
		return exitFailure, err
	}
	if err := bw.Flush(); err != nil {
		return exitFailure, err
	}
	if err := out.Commit(); err != nil {
		return exitFailure, err
	}
	if *outName != "-" {
		fmt.Fprintf(stdout, "%s: wrote %s: %s, %s, %s\n", name, *outName, plural(page.Records, "record", "records"),
			plural(page.Errors, "error", "errors"), plural(page.Warnings, "warning", "warnings"))
	}
	if page.Errors > 0 {
		return exitFindings, nil
	}
	return exitOK, nil
}

// reportPage is what the page shows.
type reportPage struct {
	File, Standard    string
	Records, Lines    int
	Errors, Warnings  int
	Truncated, Masked bool
	Verdict           string // "Not valid: 1 error, 0 warnings"
	Levels            []levelCount
	Types             []typeCount
	Findings          []reportFinding
	FileFindings      []reportFinding // about the file as a whole (line 0)
	Data              template.JS     // JSON: layouts, records, findings by line
	PageSize          int
	BadLines          int
	StandardNote      string
}

type levelCount struct {
	Level            string
	Errors, Warnings int
}

type typeCount struct {
	Code, Name      string
	Records, Errors int
	Warnings        int
}

// reportFinding is a finding as the page shows it; ID is its anchor ("f-3").
type reportFinding struct {
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

// reportData is the JSON the script renders the records from.
type reportData struct {
	Layouts  map[string][][]any `json:"layouts"`  // code -> [start, length, number, name]
	Names    map[string]string  `json:"names"`    // code -> record name
	Records  [][]any            `json:"records"`  // [line, code, text, problem]
	Findings []reportFinding    `json:"findings"` // in order of line
}

func buildReport(name string, data []byte, opts validate.Options, unmask bool) (*reportPage, error) {
	rep, err := validate.File(context.Background(), bytes.NewReader(data), opts)
	if err != nil {
		return nil, err
	}
	c := checked{name: name, rep: rep, hints: lengthHints(bytes.NewReader(data), rep)}
	std := opts.Standard
	if std == nil {
		std = rep.Standard
	}
	sc := newRecordScanner(bytes.NewReader(data), registry(), std)
	page := &reportPage{File: escapeText(name), Masked: !unmask, Truncated: rep.Truncated, PageSize: 200}
	d := reportData{Layouts: map[string][][]any{}, Names: map[string]string{}}
	types := map[string]*typeCount{}
	var order []string
	for {
		line, err := sc.Next()
		if err == io.EOF || err == errEmpty {
			break
		}
		if err != nil {
			return nil, err
		}
		page.Lines++
		code, text := "", ""
		if line.Layout != nil {
			code = line.Layout.Code()
			text = visibleLatin1(maskLine(line, unmask))
			page.Records++
		} else {
			text = sc.rawLine(line.Text, unmask)
			page.BadLines++
		}
		key := code
		if key == "" {
			key = "?"
		}
		tc := types[key]
		if tc == nil {
			tc = &typeCount{Code: key, Name: "lines that cannot be read as records"}
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
		d.Records = append(d.Records, []any{line.Number, code, text, line.Problem})
	}
	if s := sc.Standard(); s != nil {
		page.Standard = s.Code() + " " + s.VersionString() + " (" + s.Name() + ")"
	} else {
		page.Standard = "not known"
	}
	page.StandardNote = sc.Note
	levels := map[string]*levelCount{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		rfd := reportFinding{ID: "f-" + strconv.Itoa(i+1), Line: f.Line, Record: f.Record, Field: f.Field, FieldName: f.FieldName,
			Level: f.Level.String(), Rule: f.Rule, Retourcode: f.Retourcode, Severity: f.Severity.String(),
			Message: c.message(f), Where: escapeText(strings.TrimPrefix(f.Where(), f.Level.String()+" "))}
		if s := rep.Standard; s != nil && f.Field != "" {
			if l := s.Layout(f.Record); l != nil {
				if fl := l.Field(f.Field); fl != nil {
					rfd.Start, rfd.Length = fl.Start, fl.Length
				}
			}
		}
		if rfd.Start == 0 && f.Position > 0 {
			rfd.Start, rfd.Length = f.Position, 1
		}
		lc := levels[rfd.Level]
		if lc == nil {
			lc = &levelCount{Level: rfd.Level}
			levels[rfd.Level] = lc
		}
		key := f.Record
		if key == "" || types[key] == nil {
			key = "?"
		}
		if f.Severity == validate.Warning {
			page.Warnings++
			lc.Warnings++
			if types[key] != nil {
				types[key].Warnings++
			}
		} else {
			page.Errors++
			lc.Errors++
			if types[key] != nil {
				types[key].Errors++
			}
		}
		if f.Line == 0 {
			page.FileFindings = append(page.FileFindings, rfd)
		}
		page.Findings = append(page.Findings, rfd)
		d.Findings = append(d.Findings, rfd)
	}
	for _, l := range []string{"N1", "N2", "N3", "N4", "N5", "N6"} {
		if lc := levels[l]; lc != nil {
			page.Levels = append(page.Levels, *lc)
		} else if l != "N6" {
			page.Levels = append(page.Levels, levelCount{Level: l})
		}
	}
	slices.Sort(order)
	for _, k := range order {
		page.Types = append(page.Types, *types[k])
	}
	if page.Errors > 0 {
		page.Verdict = "Not valid: " + plural(page.Errors, "error", "errors") + ", " + plural(page.Warnings, "warning", "warnings")
	} else {
		page.Verdict = "Valid"
		if page.Warnings > 0 {
			page.Verdict += ", " + plural(page.Warnings, "warning", "warnings")
		}
	}
	js, err := json.Marshal(d) // escapes <, > and & so the JSON cannot end the script element
	if err != nil {
		return nil, err
	}
	page.Data = template.JS(js)
	return page, nil
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

func writeReportHTML(w io.Writer, page *reportPage) error {
	return reportTemplate.Execute(w, page)
}

var reportTemplate = template.Must(template.New("report").Parse(reportHTML))
