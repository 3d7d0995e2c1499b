package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
)

const rulesArgs = "[-json] [-status STATUS] STANDARD[@VERSION]"

// runRules prints the conditions table of a standard version: per field with a condition
// in the BER, the rules that check it with their level and return code, its status, and
// what is checked or why it cannot be checked from the file alone. A standard without an
// official BER has no table: its rules are listed instead.
func runRules(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("rules", rulesArgs, stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	status := fs.String("status", "", "only the rows with this status: "+statusList())
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one STANDARD[@VERSION], have %d arguments", errUsage, len(pos))
	}
	if *status != "" && !validStatus(*status) {
		return exitFailure, fmt.Errorf("%w: -status %q is not one of %s", errUsage, *status, statusList())
	}
	std, err := registry().Parse(pos[0])
	if err != nil {
		return exitFailure, fmt.Errorf("%w (zorgcheck describe -list shows the known ones)", err)
	}
	tab, ok := conditions.Lookup(std.Code(), std.VersionString())
	if !ok {
		if *status != "" || *asJSON {
			return exitFailure, fmt.Errorf("%s has no conditions table: there is one for each standard with an official Vektis BER (%s)", std.ID(), tableList())
		}
		return exitOK, writeRuleList(stdout, std)
	}
	rows := tab.Rows
	if *status != "" {
		rows = nil
		for _, r := range tab.Rows {
			if string(r.Status) == *status {
				rows = append(rows, r)
			}
		}
	}
	info, err := ruleInfo(std)
	if err != nil {
		return exitFailure, err
	}
	if *asJSON {
		return encodeJSON(stdout, rulesJSON(tab, rows, info))
	}
	return exitOK, writeRules(stdout, tab, rows, info)
}

func writeRules(w io.Writer, tab *conditions.Table, rows []conditions.Row, info map[string]ruleDetail) error {
	for _, l := range wrapText(fmt.Sprintf("%s version %s: %d fields with a condition in the BER (%s)", tab.Standard, tab.Version, len(tab.Rows), tab.Source), 100) {
		fmt.Fprintln(w, l)
	}
	var counts []string
	for _, s := range conditions.Statuses {
		counts = append(counts, fmt.Sprintf("%d %s", tab.Count(s), s))
	}
	fmt.Fprintf(w, "%s\n", strings.Join(counts, ", "))
	// The level of a row is the highest RBC level of its rules (LEVELS.md in
	// ei/validate/conditions says which level a condition has).
	var levels []string
	for _, l := range []string{"N1", "N2", "N3", "N4", "N5", "-"} {
		if n := tab.CountLevel(l); n > 0 {
			name := "at " + l
			if l == "-" {
				name = "without a level (descriptive)"
			}
			levels = append(levels, fmt.Sprintf("%d %s", n, name))
		}
	}
	fmt.Fprintf(w, "levels: %s\n\n", strings.Join(levels, ", "))
	tw := table(w)
	fmt.Fprintln(tw, "FIELD\tNAME\tLEVEL\tSTATUS\tRULES\tRETOURCODE\tWHAT IS CHECKED, OR WHY NOT")
	for _, r := range rows {
		rules, codes := "-", "-"
		if len(r.Rules) > 0 {
			rules = strings.Join(r.Rules, " ")
			codes = retourcodes(r.Rules, info)
		}
		writeWrapped(tw, []string{r.Field, r.Name, r.Level, string(r.Status), rules, codes, r.Note}, []int{0, 24, 0, 0, 24, 10, noteWidth})
	}
	return tw.Flush()
}

// writeRuleList lists the rules that run on files of a standard without a conditions
// table (no official BER at hand).
func writeRuleList(w io.Writer, std *record.Standard) error {
	rules, err := validate.Rules(std, validate.Options{Registry: registry(), RuleSets: ruleSets()})
	if err != nil {
		return err
	}
	for _, l := range wrapText(fmt.Sprintf("%s version %s has no conditions table (there is one for each standard with an official Vektis BER: %s).", std.Code(), std.VersionString(), tableList()), 100) {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "The rules that run on its files:\n\n")
	tw := table(w)
	fmt.Fprintln(tw, "RULE\tLEVEL\tRETOURCODE\tWHAT IT CHECKS")
	for _, r := range rules {
		code := r.Retourcode
		if code == "" {
			code = "-"
		}
		writeWrapped(tw, []string{r.ID, r.Level.String(), code, r.Doc}, []int{0, 0, 0, noteWidth})
	}
	return tw.Flush()
}

// writeWrapped writes one row of a table whose cells are wrapped at the given widths (0:
// not wrapped), over as many lines as its longest cell needs.
func writeWrapped(w io.Writer, cells []string, widths []int) {
	wrapped := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		if widths[i] > 0 {
			wrapped[i] = wrapText(c, widths[i])
		} else {
			wrapped[i] = []string{c}
		}
		n = max(n, len(wrapped[i]))
	}
	for l := 0; l < n; l++ {
		for i := range cells {
			if i > 0 {
				io.WriteString(w, "\t")
			}
			if l < len(wrapped[i]) {
				io.WriteString(w, wrapped[i][l])
			}
		}
		io.WriteString(w, "\n")
	}
}

// noteWidth is the width the text column of rules wraps at, so that a table line stays
// readable in a terminal (the other columns come before it).
const noteWidth = 50

// wrapText breaks s into lines of at most width characters at spaces (a longer word
// stays whole); it returns at least one line.
func wrapText(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// retourcodes lists the return codes of the rules that have one of their own.
func retourcodes(ids []string, info map[string]ruleDetail) string {
	var out []string
	for _, id := range ids {
		if c := info[id].Retourcode; c != "" && !strings.Contains(strings.Join(out, " "), c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, " ")
}

type ruleJSON struct {
	ID         string `json:"id"`
	Level      string `json:"level,omitempty"`
	Retourcode string `json:"retourcode,omitempty"`
	Doc        string `json:"doc,omitempty"`
}

type conditionJSON struct {
	Field  string     `json:"field"`
	Name   string     `json:"name"`
	Level  string     `json:"level"`
	Status string     `json:"status"`
	Rules  []ruleJSON `json:"rules"`
	Note   string     `json:"note"`
}

type tableJSON struct {
	Standard   string          `json:"standard"`
	Version    string          `json:"version"`
	Source     string          `json:"source"`
	Conditions []conditionJSON `json:"conditions"`
}

func rulesJSON(tab *conditions.Table, rows []conditions.Row, info map[string]ruleDetail) tableJSON {
	out := tableJSON{Standard: tab.Standard, Version: tab.Version, Source: tab.Source, Conditions: []conditionJSON{}}
	for _, r := range rows {
		c := conditionJSON{Field: r.Field, Name: r.Name, Level: r.Level, Status: string(r.Status), Note: r.Note, Rules: []ruleJSON{}}
		for _, id := range r.Rules {
			d := info[id]
			c.Rules = append(c.Rules, ruleJSON{ID: id, Level: d.Level, Retourcode: d.Retourcode, Doc: d.Doc})
		}
		out.Conditions = append(out.Conditions, c)
	}
	return out
}

func validStatus(s string) bool {
	for _, st := range conditions.Statuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

func statusList() string {
	var s []string
	for _, st := range conditions.Statuses {
		s = append(s, string(st))
	}
	return strings.Join(s, ", ")
}

func tableList() string {
	tabs, err := conditions.Tables()
	if err != nil {
		return err.Error()
	}
	var s []string
	for _, t := range tabs {
		s = append(s, t.ID())
	}
	return strings.Join(s, ", ")
}

// ruleDetail is what the validator says of one of its rules.
type ruleDetail struct{ Level, Retourcode, Doc string }

// ruleInfo returns the level, return code and description of the rules the validator
// runs on files of std.
func ruleInfo(std *record.Standard) (map[string]ruleDetail, error) {
	rules, err := validate.Rules(std, validate.Options{Registry: registry(), RuleSets: ruleSets()})
	if err != nil {
		return nil, err
	}
	out := make(map[string]ruleDetail, len(rules))
	for _, r := range rules {
		out[r.ID] = ruleDetail{Level: r.Level.String(), Retourcode: r.Retourcode, Doc: r.Doc}
	}
	return out, nil
}
