package main

import (
	"bufio"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
)

const dumpArgs = "[-json] [-standard STANDARD@VERSION] [-unmask] FILE"

// runDump prints the records of an EI file field by field: as tables, or with -json as
// JSON lines. It is tolerant: a line it cannot split into fields (wrong length, unknown
// record type) is shown as raw text with the reason, and it goes on; the exit status is 1
// when there was such a line. Personal data is masked unless -unmask.
func runDump(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("dump", dumpArgs, stderr)
	asJSON := fs.Bool("json", false, "print JSON lines: one object per line of the file, with its line number and fields by number, or the reason it cannot be read and its raw text")
	standard := fs.String("standard", "", "read the file with the layout of this standard (e.g. GZ321@1.0) instead of the one its 01 record names")
	unmask := maskFlag(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE (- for standard input), have %d arguments", errUsage, len(pos))
	}
	reg := registry()
	var std *record.Standard
	if *standard != "" {
		if std, err = reg.Parse(*standard); err != nil {
			return exitFailure, fmt.Errorf("%w: -standard: %v (zorgcheck describe -list shows the known ones)", errUsage, err)
		}
	}
	in, name, err := openInput(pos[0])
	if err != nil {
		return exitFailure, err
	}
	defer in.Close()
	p := newProgress(stderr, name, inputSize(in), !*asJSON)
	out := bufio.NewWriter(stdout)
	sc := report.NewRecordScanner(p.reader(in), reg, std)
	err = dump(sc, out, *asJSON, *unmask)
	p.done()
	if *asJSON && sc.Note != "" {
		fmt.Fprintf(stderr, "zorgcheck dump: %s: note: %s\n", name, sc.Note)
	}
	if ferr := out.Flush(); err == nil && ferr != nil {
		return exitFailure, ferr
	}
	switch {
	case err == report.ErrEmpty:
		return exitFindings, fmt.Errorf("%s: %w", name, err)
	case err != nil:
		return exitFindings, fmt.Errorf("%s: %w", name, err)
	case sc.Bad > 0:
		return exitFindings, fmt.Errorf("%s: %d of %d lines cannot be read as records (shown raw, with the reason)", name, sc.Bad, sc.Lines)
	}
	return exitOK, nil
}

// dumpRecord is the JSON form of one line. The names are stable: add, never rename. A
// line that cannot be split has error and raw instead of fields.
type dumpRecord struct {
	Line   int               `json:"line"`
	Record string            `json:"record,omitempty"`
	Fields map[string]string `json:"fields,omitempty"`
	Error  string            `json:"error,omitempty"`
	Raw    string            `json:"raw,omitempty"`
}

func dump(sc *report.RecordScanner, w *bufio.Writer, asJSON, unmask bool) error {
	for {
		line, err := sc.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if line.Number == 1 {
			writeDumpHeader(w, sc, asJSON, unmask)
		}
		if line.Layout == nil {
			raw := sc.RawLine(line.Text, unmask)
			if asJSON {
				rec := dumpRecord{Line: line.Number, Error: line.Problem, Raw: raw}
				if len(line.Text) >= 2 {
					rec.Record = escapeLatin1(line.Text[:2])
				}
				if err := writeJSONLine(w, rec); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(w, "\nline %d: cannot be read as a record: %s\n  raw: \"%s\"\n", line.Number, line.Problem, raw)
			continue
		}
		l := line.Layout
		if asJSON {
			fields := l.Fields()
			rec := dumpRecord{Line: line.Number, Record: l.Code(), Fields: make(map[string]string, len(fields))}
			for i := range fields {
				rec.Fields[fields[i].Number] = lineFieldValue(line, &fields[i], unmask)
			}
			if err := writeJSONLine(w, rec); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(w, "\nline %d: record %s %s\n", line.Number, l.Code(), l.Name())
		tw := table(w)
		fields := l.Fields()
		for i := range fields {
			f := &fields[i]
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.Number, f.Name, escapeText(lineFieldValue(line, f, unmask)))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
}

func writeDumpHeader(w *bufio.Writer, sc *report.RecordScanner, asJSON, unmask bool) {
	if asJSON {
		return // JSON lines are records only; run prints the note on standard error
	}
	if std := sc.Standard(); std != nil {
		fmt.Fprintf(w, "%s %s (%s), record length %d, %s\n", std.Code(), std.VersionString(), std.Name(), std.RecordLength(), std.Status())
	}
	if sc.Note != "" {
		fmt.Fprintf(w, "note: %s\n", sc.Note)
	}
	if !unmask {
		fmt.Fprintln(w, "personal data masked (-unmask shows it)")
	}
}

// lineFieldValue returns the text of field f of line as dump shows it: masked unless
// unmask, by field (fieldValue) for a trusted line, as a whole (maskAnywhere) for any
// other.
func lineFieldValue(line report.RecordLine, f *record.Field, unmask bool) string {
	if unmask || line.Trusted {
		return fieldValue(line.Text, f, unmask)
	}
	return value(maskAnywhere(line.Text), f)
}

// fieldValue returns the text of field f (masked unless unmask): AN without trailing
// spaces, N as it is (digits), both converted from Latin-1.
func fieldValue(line string, f *record.Field, unmask bool) string {
	v := value(line, f)
	if !unmask {
		v = maskValue(f, v)
	}
	return v
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
