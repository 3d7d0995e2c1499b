package specfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Columns is the header of the field table.
var columns = []string{"record", "recordname", "field", "name", "type", "length", "start", "end",
	"obligation", "key", "pattern", "element", "valuelist", "regex", "decimals", "role", "personal", "retourcode"}

// A spec file may leave out the last columns (retourcode, personal); older ones also
// decimals and role. legacyColumns is the header of spec files written before the decimals and role columns;
// Parse derives the roles of such a file from its layout (as the importer does).
var legacyColumns = columns[:14]

// Columns returns the header of the field table of a spec file.
func Columns() []string { return slices.Clone(columns) }

// ErrInvalid is wrapped by every error about the content of a spec file.
var ErrInvalid = errors.New("invalid spec")

// Problem is one inconsistency found in a spec, with where it is.
type Problem struct {
	File   string
	Record string
	Field  string
	Msg    string
}

func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File + ": ")
	}
	if p.Record != "" {
		b.WriteString("record " + p.Record)
		if p.Field != "" {
			b.WriteString(" field " + p.Field)
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Unwrap makes every Problem match ErrInvalid.
func (p Problem) Unwrap() error { return ErrInvalid }

// Parse reads a spec file. name is used in error messages. The returned standard has
// been checked and its derived fields (Go names, kinds, roles) filled in; NewRecord is nil.
func Parse(r io.Reader, name string) (*Spec, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	std := &Spec{}
	meta := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	var table bytes.Buffer
	lineNo := 0
	tableStart := 0
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if k, v, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":"); ok && table.Len() == 0 {
				k = strings.ToLower(strings.TrimSpace(k))
				if _, known := metaKeys[k]; known {
					meta[k] = strings.TrimSpace(v)
				}
			}
			continue
		}
		if table.Len() == 0 {
			tableStart = lineNo
		}
		table.WriteString(line)
		table.WriteByte('\n')
	}
	if err := applyMeta(std, meta, name); err != nil {
		return nil, err
	}
	cr := csv.NewReader(&table)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrInvalid, err)
	}
	legacy := len(rows) > 0 && slices.Equal(rows[0], legacyColumns)
	if len(rows) == 0 || !legacy && !slices.Equal(rows[0], columns) && !slices.Equal(rows[0], columns[:17]) && !slices.Equal(rows[0], columns[:16]) {
		return nil, Problem{File: name, Msg: fmt.Sprintf("line %d: want header %s", tableStart, strings.Join(columns, ","))}
	}
	for i, row := range rows[1:] {
		where := fmt.Sprintf("%s:%d", name, tableStart+1+i)
		if len(row) != len(rows[0]) {
			return nil, fmt.Errorf("%s: %w: %d columns, want %d", where, ErrInvalid, len(row), len(rows[0]))
		}
		if err := addRow(std, row, where); err != nil {
			return nil, err
		}
	}
	if err := Check(std, name); err != nil {
		return nil, err
	}
	if legacy {
		Derive(std)
	} else {
		DeriveNames(std)
	}
	return std, nil
}

var metaKeys = map[string]struct{}{"standard": {}, "name": {}, "eicode": {}, "version": {}, "subversion": {},
	"recordlength": {}, "status": {}, "source": {}, "answers": {}, "format": {}, "framing": {}, "codestart": {}, "codewidth": {}}

func applyMeta(std *Spec, meta map[string]string, name string) error {
	bad := func(k, want string) error {
		return Problem{File: name, Msg: fmt.Sprintf("header %q is %q: want %s", k, meta[k], want)}
	}
	std.Code = meta["standard"]
	std.Name = meta["name"]
	std.Source = meta["source"]
	std.Answers = meta["answers"]
	std.Status = record.Status(meta["status"])
	for _, s := range strings.FieldsFunc(meta["eicode"], func(r rune) bool { return r == ' ' || r == ',' }) {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 || n > 999 {
			return bad("eicode", "EI message codes (COD002), three digits each")
		}
		std.EICodes = append(std.EICodes, n)
	}
	var err error
	if std.Version, err = strconv.Atoi(meta["version"]); err != nil || std.Version < 0 || std.Version > 99 {
		return bad("version", "a number 0-99")
	}
	if std.Subversion, err = strconv.Atoi(meta["subversion"]); err != nil || std.Subversion < 0 || std.Subversion > 99 {
		return bad("subversion", "a number 0-99")
	}
	std.Format = meta["format"]
	switch std.Format {
	case "", FormatEI:
		std.Format, std.Breaks, std.CodeStart, std.CodeWidth = FormatEI, true, 1, 2
		if std.RecordLength, err = strconv.Atoi(meta["recordlength"]); err != nil || std.RecordLength <= 2 {
			return bad("recordlength", "the record length in positions")
		}
		return nil
	case FormatFixed:
	default:
		return bad("format", "ei or fixed")
	}
	if v := meta["recordlength"]; v != "" {
		if std.RecordLength, err = strconv.Atoi(v); err != nil || std.RecordLength <= 0 {
			return bad("recordlength", "the record length in positions, or nothing when it differs per record")
		}
	}
	switch meta["framing"] {
	case "lines":
		std.Breaks = true
	case "fixed", "":
	case FramingPositional:
		// Segments known by their place in a message, not by a code in the record.
		std.Positional = true
		return nil
	default:
		return bad("framing", "lines, fixed or positional")
	}
	if std.CodeStart, err = strconv.Atoi(meta["codestart"]); err != nil || std.CodeStart < 1 {
		return bad("codestart", "the 1-based position of the record code")
	}
	if std.CodeWidth, err = strconv.Atoi(meta["codewidth"]); err != nil || std.CodeWidth < 1 {
		return bad("codewidth", "the width of the record code")
	}
	return nil
}

func addRow(std *Spec, row []string, where string) error {
	get := func(i int) string {
		if i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	code, recName := get(0), get(1)
	var l *Layout
	if n := len(std.Records); n > 0 && std.Records[n-1].Code == code {
		l = &std.Records[n-1]
	} else {
		if std.Layout(code) != nil {
			return fmt.Errorf("%s: %w: rows of record %s are not together", where, ErrInvalid, code)
		}
		std.Records = append(std.Records, Layout{Code: code, Name: recName})
		l = &std.Records[len(std.Records)-1]
	}
	number := get(2)
	if std.IsEI() {
		number = NormaliseNumber(number)
	}
	f := record.Field{Number: number, Name: get(3), Key: get(9), Pattern: get(10),
		Element: get(11), ValueList: get(12), Regex: row[13], Sign: -1}
	var err error
	if f.Type, err = record.ParseDataType(get(4)); err != nil {
		return fmt.Errorf("%s: record %s field %s: %w: %w", where, code, f.Number, ErrInvalid, err)
	}
	if f.Obligation, err = record.ParseObligation(get(8)); err != nil {
		return fmt.Errorf("%s: record %s field %s: %w: %w", where, code, f.Number, ErrInvalid, err)
	}
	for i, p := range []*int{&f.Length, &f.Start, &f.End} {
		if *p, err = strconv.Atoi(get(5 + i)); err != nil || *p <= 0 {
			return fmt.Errorf("%s: record %s field %s: %w: %s %q is not a positive number",
				where, code, f.Number, ErrInvalid, columns[5+i], get(5+i))
		}
	}
	if d := get(14); d != "" {
		if f.Decimals, err = strconv.Atoi(d); err != nil || f.Decimals < 0 || f.Decimals > 2 {
			return fmt.Errorf("%s: record %s field %s: %w: decimals %q: want 0, 1 or 2", where, code, f.Number, ErrInvalid, d)
		}
	}
	if f.Role, f.Counts, err = record.ParseRole(get(15)); err != nil {
		return fmt.Errorf("%s: record %s field %s: %w: %w", where, code, f.Number, ErrInvalid, err)
	}
	if f.Personal, err = record.ParsePersonal(get(16)); err != nil {
		return fmt.Errorf("%s: record %s field %s: %w: %w", where, code, f.Number, ErrInvalid, err)
	}
	if f.Retourcode = get(17); f.Retourcode != "" && (len(f.Retourcode) != 4 || !allDigits(f.Retourcode)) {
		return fmt.Errorf("%s: record %s field %s: %w: retourcode %q: want a COD954 code of four digits", where, code, f.Number, ErrInvalid, f.Retourcode)
	}
	l.Fields = append(l.Fields, f)
	return nil
}

func hasRetourcodes(std *Spec) bool {
	for _, l := range std.Records {
		for _, f := range l.Fields {
			if f.Retourcode != "" {
				return true
			}
		}
	}
	return false
}

func allDigits(s string) bool { return strings.Trim(s, "0123456789") == "" }

// NormaliseNumber writes a field number (Volgnummer) with four digits: "101" → "0101".
func NormaliseNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 3 {
		return "0" + s
	}
	return s
}

// Check returns every inconsistency of std's layout, joined, or nil: fields that overlap or
// leave gaps, lengths that do not match positions or the record length, repeated field
// numbers, unknown types, and records that do not start with their record code.
func Check(std *Spec, name string) error {
	var probs []error
	add := func(rec, field, format string, args ...any) {
		probs = append(probs, Problem{File: name, Record: rec, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if std.Code == "" {
		add("", "", "no standard code (header \"standard\")")
	}
	ei := std.IsEI()
	// A message has an EI message code in its 01 record; a spec of a shared record
	// layout without a 01 record (such as the debiteurrecord SB311) has none.
	if ei && len(std.EICodes) == 0 && std.Layout(record.CodeVoorloop) != nil {
		add("", "", "no EI message code (header \"eicode\")")
	}
	switch std.Status {
	case record.StatusOfficial, record.StatusTranscribed, record.StatusReconstructed:
	default:
		add("", "", "status %q: want official, transcribed or reconstructed", std.Status)
	}
	if len(std.Records) == 0 {
		add("", "", "no records")
	}
	codeStart, codeWidth := 1, 2
	if !ei {
		codeStart, codeWidth = std.CodeStart, std.CodeWidth
	}
	seen := map[string]string{}
	codes := map[string]bool{}
	for ri := range std.Records {
		l := &std.Records[ri]
		if codes[l.Code] {
			add(l.Code, "", "record code repeated")
		}
		codes[l.Code] = true
		if !std.Positional && len(l.Code) != codeWidth || ei && strings.Trim(l.Code, "0123456789") != "" {
			add(l.Code, "", "record code %q: want %d characters", l.Code, codeWidth)
		}
		if l.Name == "" {
			add(l.Code, "", "record has no name")
		}
		if !ei {
			seen = map[string]string{} // free-form ids are unique within their record
		}
		next := 1
		codeField := -1
		for fi := range l.Fields {
			f := &l.Fields[fi]
			if prev, dup := seen[f.Number]; dup {
				add(l.Code, f.Number, "field number repeated (also in record %s)", prev)
			}
			seen[f.Number] = l.Code
			switch {
			case f.Number == "":
				add(l.Code, f.Number, "field without id")
			case !ei:
			case len(f.Number) != 4 || strings.Trim(f.Number, "0123456789") != "":
				add(l.Code, f.Number, "field number %q: want four digits", f.Number)
			case f.Number[:2] != l.Code:
				add(l.Code, f.Number, "field number does not start with the record code %s", l.Code)
			}
			if f.Type != record.Numeric && f.Type != record.Alphanumeric && f.Type != record.Signed {
				add(l.Code, f.Number, "unknown type")
			}
			if f.Type == record.Signed && f.Length < 2 {
				add(l.Code, f.Number, "an SN field needs a position for its sign and one for a digit")
			}
			if f.End-f.Start+1 != f.Length {
				add(l.Code, f.Number, "positions %d-%d hold %d, but length is %d", f.Start, f.End, f.End-f.Start+1, f.Length)
			}
			switch {
			case f.Start > next:
				add(l.Code, f.Number, "gap: starts at %d, positions %d-%d belong to no field", f.Start, next, f.Start-1)
			case f.Start < next:
				add(l.Code, f.Number, "overlap: starts at %d, but positions up to %d belong to the field before", f.Start, next-1)
			}
			next = f.End + 1
			if f.Type == record.Signed && f.Length > 19 {
				add(l.Code, f.Number, "%s field of %d positions: at most 18 digits are supported", f.Type, f.Length)
			}
			if f.Start == codeStart && f.Length == codeWidth {
				codeField = fi
			}
			if f.Role == record.RoleCheck && f.Type != record.Numeric {
				add(l.Code, f.Number, "a check number is an N field")
			}
			if f.Role == record.RoleBegin || f.Role == record.RoleCareBegin {
				if end := l.Field(f.Counts); end == nil || end.Number == f.Number || end.Length != f.Length {
					add(l.Code, f.Number, "%s: the end date %q is not another field of the record of the same length", f.Role, f.Counts)
				}
			}
		}
		switch {
		case ei && len(l.Fields) > 0:
			if f := l.Fields[0]; f.Start != 1 || f.Length != 2 || f.Type != record.Numeric {
				add(l.Code, f.Number, "the first field must be the record code, N2 at positions 1-2")
			}
		case !ei && !std.Positional && codeField != 0:
			add(l.Code, "", "the first field must be the record code, %d positions at position %d", codeWidth, codeStart)
		}
		if std.RecordLength > 0 && next-1 != std.RecordLength {
			add(l.Code, "", "fields end at position %d, but the record length is %d", next-1, std.RecordLength)
		}
	}
	return errors.Join(probs...)
}

// Write writes std as a spec file. The comment lines say where the layout comes from.
func Write(w io.Writer, std *Spec) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# zorgbericht spec file: %s version %s\n", std.Code, std.VersionString())
	fmt.Fprintf(bw, "# Source: Vektis. The layout is that of the Vektis document named under \"source\".\n")
	switch std.Status {
	case record.StatusReconstructed:
		fmt.Fprintf(bw, "# RECONSTRUCTION: the official layout is not available; this is not the official standard.\n")
	case record.StatusTranscribed:
		fmt.Fprintf(bw, "# TRANSCRIBED: taken from a third-party transcription, checked and repaired; not an official export.\n")
	}
	codes := make([]string, len(std.EICodes))
	for i, c := range std.EICodes {
		codes[i] = fmt.Sprintf("%03d", c)
	}
	for _, kv := range [][2]string{
		{"standard", std.Code}, {"name", std.Name}, {"eicode", strings.Join(codes, " ")},
		{"version", strconv.Itoa(std.Version)}, {"subversion", strconv.Itoa(std.Subversion)},
		{"recordlength", strconv.Itoa(std.RecordLength)}, {"status", string(std.Status)},
		{"source", std.Source}, {"answers", std.Answers},
	} {
		if kv[0] == "recordlength" && std.RecordLength == 0 {
			continue
		}
		if kv[1] != "" || kv[0] == "answers" {
			fmt.Fprintf(bw, "# %s: %s\n", kv[0], kv[1])
		}
	}
	if hasRetourcodes(std) {
		fmt.Fprintf(bw, "# retourcode: each field's own COD954 return code (\"<field> ontbreekt of is onjuist\"), derived once\n")
		fmt.Fprintf(bw, "#   from COD954 by `go run ./gen retourcodes -cod954 vektis/codes/COD954_retourcodes.csv` (see\n")
		fmt.Fprintf(bw, "#   internal/specfile.DeriveRetourcodes and its reviewed aliases); empty: COD954 has no code of the field.\n")
	}
	if !std.IsEI() {
		switch {
		case std.Positional:
			fmt.Fprintf(bw, "# format: %s\n# framing: %s\n", FormatFixed, FramingPositional)
		case std.Breaks:
			fmt.Fprintf(bw, "# format: %s\n# framing: lines\n# codestart: %d\n# codewidth: %d\n", FormatFixed, std.CodeStart, std.CodeWidth)
		default:
			fmt.Fprintf(bw, "# format: %s\n# framing: fixed\n# codestart: %d\n# codewidth: %d\n", FormatFixed, std.CodeStart, std.CodeWidth)
		}
	}
	cw := csv.NewWriter(bw)
	_ = cw.Write(columns)
	for _, l := range std.Records {
		for _, f := range l.Fields {
			_ = cw.Write([]string{l.Code, l.Name, f.Number, f.Name, f.Type.String(), strconv.Itoa(f.Length),
				strconv.Itoa(f.Start), strconv.Itoa(f.End), f.Obligation.String(), f.Key, f.Pattern,
				f.Element, f.ValueList, f.Regex, decimals(f), roleText(f), f.Personal.String(), f.Retourcode})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func decimals(f record.Field) string {
	if f.Kind != record.KindAmount && f.Decimals == 0 {
		return ""
	}
	return strconv.Itoa(f.Decimals)
}

func roleText(f record.Field) string {
	if f.Role.HasArgument() {
		return f.Role.String() + ":" + f.Counts
	}
	return f.Role.String()
}
