package berimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

// ErrFormat is wrapped by errors about an export the importer cannot read.
var ErrFormat = errors.New("unreadable BER export")

// Options steer an import. The zero value takes everything from the files.
type Options struct {
	// Identification is the identification sheet (GIS022) of the same BER, or nil.
	Identification io.Reader
	// Code overrides the standard code (e.g. "GZ321" for a BER without Standaardcode).
	Code string
	// Status of the result; "" means official.
	Status record.Status
	// Source names the Vektis document; "" derives it from the identification sheet.
	Source string
	// Answers names, for a return standard, the declaration standard it answers.
	Answers string
	// ReturnCodes is COD954 (specfile.ReadCOD954); when given, the retourcode column of
	// every field is derived from it (specfile.DeriveRetourcodes), else it stays empty.
	ReturnCodes []specfile.ReturnCode
}

// Import reads a BER layout sheet. name is the file name, used in errors and as the
// last resort for the standard code and the source.
func Import(r io.Reader, name string, opts Options) (*specfile.Spec, error) {
	rows, err := readTable(r, name)
	if err != nil {
		return nil, err
	}
	hi := findHeader(rows)
	if hi < 0 {
		return nil, fmt.Errorf("%s: %w: no header row with the columns Recordcode, Volgnummer, Naam gegevenselement, Type, Lengte and Verplichting", name, ErrFormat)
	}
	cols, err := mapColumns(rows[hi], name)
	if err != nil {
		return nil, err
	}
	std := &specfile.Spec{Info: record.Info{Status: record.StatusOfficial}}
	if opts.Status != "" {
		std.Status = opts.Status
	}
	meta := keyValues(rows[:hi])
	if err := addFields(std, rows[hi+1:], cols, name, hi+2); err != nil {
		return nil, err
	}
	var ident map[string]string
	if opts.Identification != nil {
		idRows, err := readTable(opts.Identification, name+" (identification sheet)")
		if err != nil {
			return nil, err
		}
		ident = keyValues(idRows)
	}
	if err := fillMeta(std, meta, ident, rows[hi+1:], cols, name, opts); err != nil {
		return nil, err
	}
	if err := specfile.Check(std, name); err != nil {
		return nil, err
	}
	specfile.Derive(std)
	if opts.ReturnCodes != nil {
		specfile.DeriveRetourcodes(std, opts.ReturnCodes)
	}
	return std, nil
}

// readTable decodes the bytes (UTF-8 or Latin-1) and reads them as CSV with the
// delimiter that the header row uses.
func readTable(r io.Reader, name string) ([][]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = latin1ToUTF8(data)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delimiter(data)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
	}
	return rows, nil
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// delimiter picks the separator that occurs most in the line naming Volgnummer (or, for
// an identification sheet, in the whole text).
func delimiter(data []byte) rune {
	sample := data
	if i := bytes.Index(bytes.ToLower(data), []byte("volgnummer")); i >= 0 {
		start := bytes.LastIndexByte(data[:i], '\n') + 1
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		sample = data[start : i+end]
	}
	best, n := ',', bytes.Count(sample, []byte(","))
	for _, c := range []rune{'\t', ';'} {
		if k := bytes.Count(sample, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func findHeader(rows [][]string) int {
	for i, row := range rows {
		has := map[string]bool{}
		for _, c := range row {
			has[norm(c)] = true
		}
		if has["volgnummer"] && has["recordcode"] && has["type"] && has["lengte"] {
			return i
		}
	}
	return -1
}

type columnMap struct {
	standard, recName, recCode, number, name, typ, length, pattern, start, end, obligation,
	key, element, org, valueList, example, constraints, regex int
}

func mapColumns(header []string, name string) (columnMap, error) {
	c := columnMap{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
	targets := map[string]*int{
		"standaardcode": &c.standard, "recordnaam": &c.recName, "recordcode": &c.recCode,
		"volgnummer": &c.number, "naam gegevenselement": &c.name, "type": &c.typ, "lengte": &c.length,
		"patroon": &c.pattern, "beginpositie": &c.start, "startpositie": &c.start, "eindpositie": &c.end,
		"verplichting": &c.obligation, "sleutel": &c.key, "code gegeven": &c.element,
		"organisatiecode": &c.org, "code codelijst": &c.valueList, "voorbeeld vulling": &c.example,
		"constraints/condities": &c.constraints, "reguliere expressie": &c.regex,
	}
	for i, h := range header {
		if p, ok := targets[norm(h)]; ok && *p < 0 {
			*p = i
		}
	}
	for label, p := range map[string]int{"Recordcode": c.recCode, "Volgnummer": c.number,
		"Naam gegevenselement": c.name, "Type": c.typ, "Lengte": c.length, "Verplichting": c.obligation} {
		if p < 0 {
			return c, fmt.Errorf("%s: %w: header row has no column %q", name, ErrFormat, label)
		}
	}
	return c, nil
}

func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

func addFields(std *specfile.Spec, rows [][]string, c columnMap, name string, firstLine int) error {
	codes := map[string]bool{}
	for i, row := range rows {
		number := cell(row, c.number)
		if number == "" {
			continue
		}
		where := fmt.Sprintf("%s: row %d", name, firstLine+i)
		code := cell(row, c.recCode)
		if len(code) == 1 {
			code = "0" + code
		}
		if sc := cell(row, c.standard); sc != "" {
			if std.Code == "" {
				std.Code = sc
			} else if sc != std.Code {
				return fmt.Errorf("%s: %w: Standaardcode %q, earlier rows say %q", where, ErrFormat, sc, std.Code)
			}
		}
		var l *specfile.Layout
		if n := len(std.Records); n > 0 && std.Records[n-1].Code == code {
			l = &std.Records[n-1]
		} else {
			if codes[code] {
				return fmt.Errorf("%s: %w: rows of record %s are not together", where, ErrFormat, code)
			}
			codes[code] = true
			std.Records = append(std.Records, specfile.Layout{Code: code, Name: strings.Join(strings.Fields(cell(row, c.recName)), " ")})
			l = &std.Records[len(std.Records)-1]
		}
		f := record.Field{
			Number:    specfile.NormaliseNumber(number),
			Name:      strings.Join(strings.Fields(cell(row, c.name)), " "),
			Key:       cell(row, c.key),
			Pattern:   cell(row, c.pattern),
			ValueList: cell(row, c.valueList),
			Regex:     cell(row, c.regex),
			Sign:      -1,
		}
		f.Element = cell(row, c.element)
		if org := cell(row, c.org); org != "" && f.Element != "" {
			f.Element += "-" + org
		}
		var err error
		if f.Type, err = record.ParseDataType(cell(row, c.typ)); err != nil {
			return fmt.Errorf("%s: field %s: %w: %w", where, f.Number, ErrFormat, err)
		}
		if f.Obligation, err = record.ParseObligation(cell(row, c.obligation)); err != nil {
			return fmt.Errorf("%s: field %s: %w: %w", where, f.Number, ErrFormat, err)
		}
		if f.Length, err = strconv.Atoi(cell(row, c.length)); err != nil || f.Length <= 0 {
			return fmt.Errorf("%s: field %s: %w: Lengte %q is not a positive number", where, f.Number, ErrFormat, cell(row, c.length))
		}
		switch {
		case cell(row, c.start) != "":
			if f.Start, err = strconv.Atoi(cell(row, c.start)); err != nil {
				return fmt.Errorf("%s: field %s: %w: Beginpositie %q is not a number", where, f.Number, ErrFormat, cell(row, c.start))
			}
			f.End = f.Start + f.Length - 1
		case cell(row, c.end) != "":
			if f.End, err = strconv.Atoi(cell(row, c.end)); err != nil {
				return fmt.Errorf("%s: field %s: %w: Eindpositie %q is not a number", where, f.Number, ErrFormat, cell(row, c.end))
			}
			f.Start = f.End - f.Length + 1
		default: // no positions in the export: the fields follow each other
			f.Start = 1
			if n := len(l.Fields); n > 0 {
				f.Start = l.Fields[n-1].End + 1
			}
			f.End = f.Start + f.Length - 1
		}
		l.Fields = append(l.Fields, f)
	}
	if len(std.Records) == 0 {
		return fmt.Errorf("%s: %w: no field rows under the header", name, ErrFormat)
	}
	return nil
}

// keyValues reads "key, value" rows (the identification sheet, or the rows above the
// header of the layout sheet): the first cell is the key, the first non-empty cell after
// it the value. The first non-empty value of a key wins.
func keyValues(rows [][]string) map[string]string {
	m := map[string]string{}
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		k := norm(row[0])
		if k == "" {
			continue
		}
		for _, v := range row[1:] {
			if v = strings.TrimSpace(v); v != "" {
				if _, seen := m[k]; !seen {
					m[k] = v
				}
				break
			}
		}
	}
	return m
}

var (
	recordLengthRE = regexp.MustCompile(`(?i)recordlengte\s*=?\s*(\d+)`)
	versionRE      = regexp.MustCompile(`^(\d+)\.(\d+)$`)
	valueRE        = regexp.MustCompile(`(?i)waarde\s+'?(\d+)'?\s*(=|vullen)\s*(.*)`)
	fileCodeRE     = regexp.MustCompile(`([A-Z]{2}\d{3})[vV]\d`)
	berDocRE       = regexp.MustCompile(`\b([A-Z]{2}\d{3}[-A-Z0-9]*v\d+\.\d+_BERu\d+)`)
)

func fillMeta(std *specfile.Spec, meta, ident map[string]string, rows [][]string, c columnMap, name string, opts Options) error {
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := ident[k]; v != "" {
				return v
			}
			if v := meta[k]; v != "" {
				return v
			}
		}
		return ""
	}
	// The constraints of fields 0102-0104 say which values to fill ("Waarde 195 = ...").
	fieldValue := func(number string) (string, string) {
		for _, row := range rows {
			if specfile.NormaliseNumber(cell(row, c.number)) != number {
				continue
			}
			var val, rest string
			for _, text := range []string{cell(row, c.constraints), cell(row, c.example)} {
				for _, m := range valueRE.FindAllStringSubmatch(text, -1) {
					val, rest = m[1], m[3]
				}
				if val != "" {
					return val, rest
				}
			}
		}
		return "", ""
	}

	switch {
	case opts.Code != "":
		std.Code = opts.Code
	case first("standaardcode") != "":
		std.Code = first("standaardcode")
	}
	std.Name = strings.ToUpper(first("standaardnaam/-bericht"))

	if codes := first("code ei-bericht"); codes != "" {
		for _, s := range strings.FieldsFunc(codes, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("%s: %w: Code EI-bericht %q is not a list of numbers", name, ErrFormat, codes)
			}
			std.EICodes = append(std.EICodes, n)
		}
	} else if v, rest := fieldValue("0102"); v != "" {
		n, _ := strconv.Atoi(v)
		std.EICodes = []int{n}
		if std.Name == "" {
			std.Name = strings.ToUpper(strings.TrimSpace(rest))
		}
	} else {
		return fmt.Errorf("%s: %w: no EI message code: give the identification sheet (GIS022)", name, ErrFormat)
	}

	if m := versionRE.FindStringSubmatch(first("versie")); m != nil {
		std.Version, _ = strconv.Atoi(m[1])
		std.Subversion, _ = strconv.Atoi(m[2])
	} else {
		v, _ := fieldValue("0103")
		sv, _ := fieldValue("0104")
		if v == "" {
			return fmt.Errorf("%s: %w: no version: give the identification sheet (GIS022)", name, ErrFormat)
		}
		std.Version, _ = strconv.Atoi(v)
		std.Subversion, _ = strconv.Atoi(sv)
	}

	if m := recordLengthRE.FindStringSubmatch(first("kenmerken")); m != nil {
		std.RecordLength, _ = strconv.Atoi(m[1])
	} else {
		for _, l := range std.Records {
			std.RecordLength = max(std.RecordLength, l.Length())
		}
	}

	if std.Code == "" {
		std.Code = fmt.Sprintf("EI%03d", std.EICodes[0])
		// A file name such as EI195v01_GZ321v1.0__BER.tsv names the standard.
		for _, m := range fileCodeRE.FindAllStringSubmatch(filepath.Base(name), -1) {
			if !strings.HasPrefix(m[1], "EI") {
				std.Code = m[1]
				break
			}
		}
	}

	std.Answers = opts.Answers
	std.Source = opts.Source
	if std.Source == "" {
		doc := ""
		if m := berDocRE.FindStringSubmatch(first("documenten")); m != nil {
			doc = m[1]
		}
		if doc == "" {
			doc = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
			doc, _, _ = strings.Cut(doc, "__")
		}
		std.Source = "Vektis, berichtspecificatie (BER) " + doc
	}
	return nil
}
