package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// runDump prints the records of an EI file field by field: as tables, or with -json as
// JSON lines. It shows the values as they are in the file (personal data included: it is
// a tool to look at a file), and stops at the first line it cannot split into fields.
func runDump(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("dump", "[-json] FILE", stderr)
	asJSON := fs.Bool("json", false, "print JSON lines: one object per record, with its line number and fields by number")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE (- for standard input), have %d arguments", errUsage, len(pos))
	}
	name := pos[0]
	var in io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return exitFailure, err
		}
		defer f.Close()
		in = f
	} else {
		name = "standard input"
	}
	out := bufio.NewWriter(stdout)
	err = dump(in, out, *asJSON)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	return exitOK, nil
}

// dumpRecord is the JSON form of one record. The names are stable.
type dumpRecord struct {
	Line   int               `json:"line"`
	Record string            `json:"record"`
	Fields map[string]string `json:"fields"`
}

func dump(in io.Reader, w *bufio.Writer, asJSON bool) error {
	lines := ei.NewLineScanner(in)
	var std *record.Standard
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for {
		line, err := lines.Next()
		if err == io.EOF {
			if std == nil {
				return errors.New("the file is empty")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if std == nil {
			if std, err = standards.Registry().Detect([]byte(line.Text)); err != nil {
				return err
			}
			if !asJSON {
				fmt.Fprintf(w, "%s %s (%s), record length %d, %s\n", std.Code(), std.VersionString(), std.Name(), std.RecordLength(), std.Status())
			}
		}
		l, err := split(std, line)
		if err != nil {
			return err
		}
		if asJSON {
			rec := dumpRecord{Line: line.Number, Record: l.Code(), Fields: make(map[string]string, len(l.Fields()))}
			for i := range l.Fields() {
				rec.Fields[l.Fields()[i].Number] = value(line.Text, &l.Fields()[i])
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(w, "\nline %d: record %s %s\n", line.Number, l.Code(), l.Name())
		tw := table(w)
		for i := range l.Fields() {
			f := &l.Fields()[i]
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.Number, f.Name, value(line.Text, f))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
}

// split finds the layout of a line, which must have the record length and a record code
// of the standard.
func split(std *record.Standard, line ei.Line) (*record.Layout, error) {
	code := line.Text[:min(2, len(line.Text))]
	if len(line.Text) != std.RecordLength() {
		return nil, &record.Error{Line: line.Number, Record: code, Err: record.ErrRecordLength,
			Detail: "want " + strconv.Itoa(std.RecordLength()) + " positions, have " + strconv.Itoa(len(line.Text))}
	}
	l := std.Layout(code)
	if l == nil {
		return nil, &record.Error{Line: line.Number, Record: code, Position: 1, Err: record.ErrRecordCode,
			Detail: fmt.Sprintf("%s has no record type %q", std.ID(), code)}
	}
	return l, nil
}

// value returns the raw text of field f: AN without trailing spaces, N as it is (digits),
// both converted from Latin-1.
func value(line string, f *record.Field) string {
	raw := record.FieldText(line, f)
	if f.Type == record.Alphanumeric {
		return record.DecodeText(raw)
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] >= utf8.RuneSelf {
			b := make([]byte, 0, len(raw)+4)
			for j := 0; j < len(raw); j++ {
				b = utf8.AppendRune(b, rune(raw[j]))
			}
			return string(b)
		}
	}
	return raw
}
