package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// runDescribe prints the layout of a standard version as a table (or JSON), or, without
// a standard or with -list, the standards the tool knows.
func runDescribe(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("describe", "[-json] [-list | STANDARD[@VERSION]]", stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	list := fs.Bool("list", false, "list the known standards (the default without STANDARD)")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	reg := registry()
	switch {
	case len(pos) > 1:
		return exitFailure, fmt.Errorf("%w: want one STANDARD[@VERSION], have %d arguments", errUsage, len(pos))
	case *list && len(pos) == 1:
		return exitFailure, fmt.Errorf("%w: -list takes no STANDARD", errUsage)
	case len(pos) == 0:
		if *asJSON {
			return encodeJSON(stdout, listJSON(reg.All()))
		}
		return exitOK, writeList(stdout, reg.All())
	}
	std, err := reg.Parse(pos[0])
	if err != nil {
		return exitFailure, fmt.Errorf("%w (zorgcheck describe -list shows the known ones)", err)
	}
	if *asJSON {
		return encodeJSON(stdout, standardJSON(std))
	}
	return exitOK, writeLayout(stdout, std)
}

func encodeJSON(w io.Writer, v any) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return exitFailure, err
	}
	return exitOK, nil
}

func eiCodes(codes []int) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = fmt.Sprintf("%03d", c)
	}
	return strings.Join(s, ", ")
}

func writeList(w io.Writer, stds []*record.Standard) error {
	tw := table(w)
	fmt.Fprintln(tw, "STANDARD\tVERSION\tEI CODE\tRECORD LENGTH\tSTATUS\tANSWERS\tNAME")
	for _, s := range stds {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", s.Code(), s.VersionString(), eiCodes(s.EICodes()), s.RecordLength(), s.Status(), s.Answers(), s.Name())
	}
	return tw.Flush()
}

func writeLayout(w io.Writer, s *record.Standard) error {
	fmt.Fprintf(w, "%s version %s: %s\n", s.Code(), s.VersionString(), s.Name())
	fmt.Fprintf(w, "EI code %s, record length %d, status %s\n", eiCodes(s.EICodes()), s.RecordLength(), s.Status())
	if s.Answers() != "" {
		fmt.Fprintf(w, "Return standard: answers %s %s\n", s.Answers(), s.VersionString())
	}
	fmt.Fprintf(w, "Source: %s\n\n", s.Source())
	tw := table(w)
	fmt.Fprintln(tw, "RECORD\tFIELD\tNAME\tPOSITIONS\tTYPE\tOBLIGATION\tVALUE LIST")
	for _, l := range s.Records() {
		fmt.Fprintf(tw, "%s\t\t%s\t\t\t\t\n", l.Code(), l.Name())
		for _, f := range l.Fields() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d-%d\t%s%d\t%s\t%s\n", l.Code(), f.Number, f.Name, f.Start, f.End, f.Type, f.Length, f.Obligation, f.ValueList)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeValueLists(w, s)
}

// maxValuesShown is how many codes of a value list describe shows; zorgcheck codes LIST
// shows them all.
const maxValuesShown = 12

// writeValueLists prints the values of every value list the layout uses.
func writeValueLists(w io.Writer, s *record.Standard) error {
	seen := map[string]bool{}
	first := true
	for _, l := range s.Records() {
		for _, f := range l.Fields() {
			name := listName(f.ValueList)
			if f.ValueList == "" || seen[name] {
				continue
			}
			seen[name] = true
			codes, ok := validate.CodeList(f.ValueList)
			if !ok {
				continue
			}
			if first {
				fmt.Fprintf(w, "\nValue lists (source: %s):\n", validate.CodeListSource)
				first = false
			}
			fmt.Fprintf(w, "  %s (field %s):\n", name, f.Number)
			for _, c := range codes[:min(len(codes), maxValuesShown)] {
				fmt.Fprintf(w, "    %-6s %s\n", c.Code, c.Description)
			}
			if len(codes) > maxValuesShown {
				if _, err := fmt.Fprintf(w, "    … %d codes in all: zorgcheck codes %s\n", len(codes), name); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// The JSON form of a layout. The names are stable: add, never rename.
type (
	standardSummary struct {
		Standard     string `json:"standard"`
		Version      string `json:"version"`
		ID           string `json:"id"`
		Name         string `json:"name"`
		EICodes      []int  `json:"ei_codes"`
		RecordLength int    `json:"record_length"`
		Status       string `json:"status"`
		Answers      string `json:"answers"`
	}
	standardLayout struct {
		standardSummary
		Source  string         `json:"source"`
		Records []recordLayout `json:"records"`
		// ValueLists are the codes of the value lists the fields name (value_list), by
		// list ("COD046"), when the validator knows them.
		ValueLists map[string][]validate.Code `json:"value_lists"`
	}
	recordLayout struct {
		Code   string        `json:"code"`
		Name   string        `json:"name"`
		Fields []fieldLayout `json:"fields"`
	}
	fieldLayout struct {
		Number     string `json:"number"`
		Name       string `json:"name"`
		Start      int    `json:"start"`
		End        int    `json:"end"`
		Length     int    `json:"length"`
		Type       string `json:"type"`
		Obligation string `json:"obligation"`
		Key        string `json:"key"`
		Pattern    string `json:"pattern"`
		Element    string `json:"element"`
		ValueList  string `json:"value_list"`
		Kind       string `json:"kind"`
		Role       string `json:"role"`
		Retourcode string `json:"retourcode"` // the field's own COD954 code (the spec's retourcode column)
	}
)

func summary(s *record.Standard) standardSummary {
	return standardSummary{Standard: s.Code(), Version: s.VersionString(), ID: s.ID(), Name: s.Name(), EICodes: s.EICodes(),
		RecordLength: s.RecordLength(), Status: string(s.Status()), Answers: s.Answers()}
}

func listJSON(stds []*record.Standard) []standardSummary {
	out := make([]standardSummary, len(stds))
	for i, s := range stds {
		out[i] = summary(s)
	}
	return out
}

func standardJSON(s *record.Standard) standardLayout {
	out := standardLayout{standardSummary: summary(s), Source: s.Source(), Records: make([]recordLayout, len(s.Records())),
		ValueLists: map[string][]validate.Code{}}
	for i, l := range s.Records() {
		rl := recordLayout{Code: l.Code(), Name: l.Name(), Fields: make([]fieldLayout, len(l.Fields()))}
		for j, f := range l.Fields() {
			rl.Fields[j] = fieldLayout{Number: f.Number, Name: f.Name, Start: f.Start, End: f.End, Length: f.Length,
				Type: f.Type.String(), Obligation: f.Obligation.String(), Key: f.Key, Pattern: f.Pattern, Element: f.Element,
				ValueList: f.ValueList, Kind: f.Kind.String(), Role: f.Role.String(), Retourcode: f.Retourcode}
			if name := listName(f.ValueList); f.ValueList != "" && out.ValueLists[name] == nil {
				if codes, ok := validate.CodeList(f.ValueList); ok {
					out.ValueLists[name] = codes
				}
			}
		}
		out.Records[i] = rl
	}
	return out
}

// table returns a tabwriter for an aligned table whose lines, when flushed, carry no
// trailing spaces (which tabwriter leaves after the last non-empty cell of a row).
func table(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(&trimWriter{w: w}, 0, 8, 2, ' ', 0)
}

// trimWriter drops the spaces before each line break.
type trimWriter struct {
	w       io.Writer
	pending []byte // line not yet ended
}

func (t *trimWriter) Write(p []byte) (int, error) {
	t.pending = append(t.pending, p...)
	for {
		i := bytes.IndexByte(t.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := bytes.TrimRight(t.pending[:i], " ")
		if _, err := t.w.Write(append(line, '\n')); err != nil {
			return 0, err
		}
		t.pending = t.pending[i+1:]
	}
}
