package conditions

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Status says how far the validator checks a condition.
type Status string

const (
	// Implemented: a rule of the validator checks the condition as the BER states it.
	Implemented Status = "implemented"
	// CoveredByLayout: the checks every field gets from its layout (type, obligation,
	// code list, date) are what the text asks for.
	CoveredByLayout Status = "covered-by-layout"
	// NotCheckable: the condition depends on facts the file does not hold (Note says
	// which), or the text is descriptive; the rules listed check what can be checked.
	NotCheckable Status = "not-checkable"
	// Missing: the condition can be checked from the file, but no rule does yet.
	Missing Status = "missing"
	// Stricter: a rule checks more than the BER states and can reject a correct file.
	Stricter Status = "stricter"
)

// Statuses are the statuses in the order the summaries list them.
var Statuses = []Status{Implemented, CoveredByLayout, NotCheckable, Missing, Stricter}

func (s Status) valid() bool { return slices.Contains(Statuses, s) }

// Row is the condition of one field.
type Row struct {
	Field string // field number, "0417"
	Name  string // field name from the BER
	// Level is the highest RBC level among Rules ("N5"); a row without rules is "-", or, in
	// a return, the level the declaration's condition it echoes is checked at (LEVELS.md).
	Level string
	// Rules are the ids of the validator's rules that check the field.
	Rules  []string
	Status Status
	// Note says, in the project's words, what is checked or why it cannot be.
	Note string
	// Narrowing is how the row narrows the validator's own checks of the field (the
	// columns after the note); the zero value narrows nothing.
	Narrowing
	// Line is the line of the row in its table file.
	Line int
}

// Narrowing is what a row's BER text adds to the checks every field gets from its layout,
// as the optional columns allowed, why, required, zero_ok and not_future state it
// (README.md in this directory). Package ei/validate makes the RuleSet.Fields of each
// standard's built-in rule set of it.
type Narrowing struct {
	// Allowed are the values the BER allows in the field, separated by spaces ("050
	// 063"); "-" stands for an empty AN field. The validator's N4-ALLOWED.
	Allowed string
	// Why says where the narrowing comes from, in the words the findings of N4-ALLOWED and
	// N3-REQUIRED give; set when Allowed or Required is.
	Why string
	// Required: the BER makes this conditional field required (N3-REQUIRED).
	Required bool
	// ZeroOK: zero is a value of this mandatory N field, not "not filled" (N3-MANDATORY).
	ZeroOK bool
	// NotFuture: the date may not lie after today (N4-FUTURE).
	NotFuture bool
}

// IsZero reports whether n narrows nothing.
func (n Narrowing) IsZero() bool { return n == Narrowing{} }

// Table is the conditions table of one standard version.
type Table struct {
	Standard string // "MZ301"
	Version  string // "1.3"
	Source   string // the Vektis document summarised
	BER      string // the file name of the BER export the table was made from
	File     string // the table's file name
	Rows     []Row
}

// ID is "MZ301@1.3".
func (t *Table) ID() string { return t.Standard + "@" + t.Version }

// Row returns the row of field number, or nil.
func (t *Table) Row(field string) *Row {
	for i := range t.Rows {
		if t.Rows[i].Field == field {
			return &t.Rows[i]
		}
	}
	return nil
}

// Count returns the number of rows with status s.
func (t *Table) Count(s Status) int {
	n := 0
	for _, r := range t.Rows {
		if r.Status == s {
			n++
		}
	}
	return n
}

// ErrFormat is wrapped by errors about a table that cannot be read.
var ErrFormat = errors.New("malformed conditions table")

//go:embed *.csv
var files embed.FS

// Tables returns the tables of every standard version, ordered by standard and version.
// Each call returns new values.
func Tables() ([]*Table, error) {
	entries, err := files.ReadDir(".")
	if err != nil {
		return nil, err
	}
	var out []*Table
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		t, err := Parse(bytes.NewReader(data), e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *Table) int {
		if c := strings.Compare(a.Standard, b.Standard); c != 0 {
			return c
		}
		return compareVersions(a.Version, b.Version)
	})
	return out, nil
}

// Lookup returns the table of standard code in version ("1.3"); "" is the latest version
// that has one.
func Lookup(code, version string) (*Table, bool) {
	all, err := Tables()
	if err != nil {
		return nil, false
	}
	var found *Table
	for _, t := range all {
		if t.Standard == code && (version == "" || t.Version == version) {
			found = t
		}
	}
	return found, found != nil
}

func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x - y
		}
	}
	return len(pa) - len(pb)
}

var (
	columns          = []string{"field", "name", "level", "rules", "status", "note"}
	narrowingColumns = []string{"allowed", "why", "required", "zero_ok", "not_future"}
)

// Parse reads a table: "# key: value" lines (standard, version, source, ber), then a CSV
// header row and one row per field. The header names the columns field, name, level,
// rules, status and note, optionally followed by allowed, why, required, zero_ok and
// not_future (Narrowing). name is used in errors.
func Parse(r io.Reader, name string) (*Table, error) {
	t := &Table{File: name}
	br := bufio.NewReader(r)
	line := 0
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			break
		}
		s, err := br.ReadString('\n')
		line++
		key, value, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(s, "#")), ":")
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "standard":
			t.Standard = value
		case "version":
			t.Version = value
		case "source":
			t.Source = value
		case "ber":
			t.BER = value
		}
		if err != nil {
			break
		}
	}
	if t.Standard == "" || t.Version == "" {
		return nil, fmt.Errorf("%s: %w: the header lines must name the standard and the version", name, ErrFormat)
	}
	if !strings.HasPrefix(t.Source, "Vektis") {
		return nil, fmt.Errorf("%s: %w: the source line must name Vektis", name, ErrFormat)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // the header says how many; csv checks the rows against it below
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: line %d: %w: %w", name, line+1, ErrFormat, err)
	}
	if all := slices.Concat(columns, narrowingColumns); !slices.Equal(header, columns) && !slices.Equal(header, all) {
		return nil, fmt.Errorf("%s: line %d: %w: header is %q, want %q or %q", name, line+1, ErrFormat, header, columns, all)
	}
	cr.FieldsPerRecord = len(header)
	seen := map[string]bool{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		ln, _ := cr.FieldPos(0)
		ln += line
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w: %w", name, ln, ErrFormat, err)
		}
		row := Row{Field: rec[0], Name: rec[1], Level: rec[2], Rules: strings.Fields(rec[3]), Status: Status(rec[4]), Note: rec[5], Line: ln}
		if len(rec) > len(columns) {
			if row.Narrowing, err = parseNarrowing(rec[len(columns):], row.Rules); err != nil {
				return nil, fmt.Errorf("%s: line %d: field %s: %w: %w", name, ln, row.Field, ErrFormat, err)
			}
		}
		switch {
		case len(row.Field) != 4 || strings.Trim(row.Field, "0123456789") != "":
			return nil, fmt.Errorf("%s: line %d: %w: field %q is not a field number of four digits", name, ln, ErrFormat, row.Field)
		case seen[row.Field]:
			return nil, fmt.Errorf("%s: line %d: %w: a second row for field %s", name, ln, ErrFormat, row.Field)
		case !row.Status.valid():
			return nil, fmt.Errorf("%s: line %d: field %s: %w: status %q is not one of %q", name, ln, row.Field, ErrFormat, row.Status, Statuses)
		case (row.Status == Implemented || row.Status == CoveredByLayout || row.Status == Stricter) && len(row.Rules) == 0:
			return nil, fmt.Errorf("%s: line %d: field %s: %w: status %s needs the rules that check it", name, ln, row.Field, ErrFormat, row.Status)
		case row.Note == "":
			return nil, fmt.Errorf("%s: line %d: field %s: %w: the note is empty", name, ln, row.Field, ErrFormat)
		}
		seen[row.Field] = true
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// parseNarrowing reads the columns allowed, why, required, zero_ok and not_future of a
// row whose rules are rules.
func parseNarrowing(rec []string, rules []string) (Narrowing, error) {
	n := Narrowing{Allowed: strings.Join(strings.Fields(rec[0]), " "), Why: strings.TrimSpace(rec[1])}
	for i, b := range []*bool{&n.Required, &n.ZeroOK, &n.NotFuture} {
		switch rec[2+i] {
		case "":
		case "yes":
			*b = true
		default:
			return n, fmt.Errorf("column %s is %q: want yes or nothing", narrowingColumns[2+i], rec[2+i])
		}
	}
	for _, need := range []struct {
		set  bool
		rule string
		what string
	}{{n.Allowed != "", "N4-ALLOWED", "allowed values"}, {n.Required, "N3-REQUIRED", "required"}, {n.NotFuture, "N4-FUTURE", "not_future"}} {
		if need.set && !slices.Contains(rules, need.rule) {
			return n, fmt.Errorf("the row gives %s, but its rules do not name %s", need.what, need.rule)
		}
	}
	switch {
	case (n.Allowed != "" || n.Required) && n.Why == "":
		return n, errors.New("the row gives allowed values or required without why")
	case n.Why != "" && n.Allowed == "" && !n.Required:
		return n, errors.New("the row gives why, but no allowed values and not required")
	}
	return n, nil
}
