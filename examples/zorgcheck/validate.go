package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// runValidate checks EI files on the RBC levels N1-N5 and prints what it finds: one line
// per finding (file:line: level field name: message), or with -json one object per file.
// The exit status is 0 when no file has errors, 1 when one has, 2 when a file cannot be
// read or the usage is wrong.
func runValidate(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("validate", "[-json] [-today YYYY-MM-DD] [-standard STANDARD@VERSION] FILE...", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	today := fs.String("today", "", "the date that counts as today (default: the current date)")
	standard := fs.String("standard", "", "check the files against this standard instead of the one their 01 record names")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) == 0 {
		return exitFailure, fmt.Errorf("%w: want at least one FILE (- for standard input)", errUsage)
	}
	var opts validate.Options
	if *today != "" {
		if err := opts.Today.UnmarshalText([]byte(*today)); err != nil {
			return exitFailure, fmt.Errorf("%w: -today: %v", errUsage, err)
		}
	}
	if *standard != "" {
		if opts.Standard, err = standards.Registry().Parse(*standard); err != nil {
			return exitFailure, fmt.Errorf("%w: -standard: %v", errUsage, err)
		}
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	code := exitOK
	for _, name := range pos {
		rep, err := validateFile(name, opts)
		if err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "zorgcheck validate: %v\n", err)
			code = exitFailure
			continue
		}
		if *asJSON {
			err = writeReportJSON(out, name, rep)
		} else {
			err = writeReport(out, name, rep)
		}
		if err != nil {
			return exitFailure, err
		}
		if !rep.Valid() && code == exitOK {
			code = exitFindings
		}
	}
	return code, out.Flush()
}

func validateFile(name string, opts validate.Options) (*validate.Report, error) {
	var in io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	rep, err := validate.File(context.Background(), in, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rep, nil
}

// writeReport prints one line per finding: "file:3: N3 0403 BURGERSERVICENUMMER (BSN)
// VERZEKERDE: message [rule, retourcode 0435]".
func writeReport(w io.Writer, name string, rep *validate.Report) error {
	for i := range rep.Findings {
		f := &rep.Findings[i]
		sev := ""
		if f.Severity == validate.Warning {
			sev = "warning: "
		}
		if _, err := fmt.Fprintf(w, "%s:%d: %s%s: %s [%s, retourcode %s]\n", name, f.Line, sev, f.Where(), f.Message, f.Rule, f.Retourcode); err != nil {
			return err
		}
	}
	if rep.Truncated {
		_, err := fmt.Fprintf(w, "%s: stopped after %d findings; there may be more\n", name, len(rep.Findings))
		return err
	}
	return nil
}

// reportJSON is the JSON form of a report. The names are read by other tools: add, never
// rename.
type reportJSON struct {
	File      string             `json:"file"`
	Standard  string             `json:"standard"`
	Version   string             `json:"version"`
	Valid     bool               `json:"valid"`
	Truncated bool               `json:"truncated,omitempty"`
	Findings  []validate.Finding `json:"findings"`
}

func writeReportJSON(w io.Writer, name string, rep *validate.Report) error {
	j := reportJSON{File: name, Valid: rep.Valid(), Truncated: rep.Truncated, Findings: rep.Findings}
	if j.Findings == nil {
		j.Findings = []validate.Finding{}
	}
	if s := rep.Standard; s != nil {
		j.Standard, j.Version = s.Code(), s.VersionString()
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
