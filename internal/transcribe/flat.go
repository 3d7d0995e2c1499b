package transcribe

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrFormat is wrapped by errors about a layout file the reader cannot read.
var ErrFormat = errors.New("unreadable layout file")

// Row is one field of one record type of one standard version, as a third-party
// transcription gives it. Nothing is corrected on reading: defects are kept so that the
// checks can report them.
type Row struct {
	Source       string // file and line (or element index) the row comes from
	Standard     string // standard code, e.g. "PM304"
	Version      string // "3.2"
	EICode       int    // EI message code the transcription gives (COD002)
	Record       string // record code, e.g. "04"
	RecordName   string // record name as transcribed, e.g. "PrestatieRecord"
	RecordLength int    // record length the transcription gives
	Number       string // field number, e.g. "0401"
	Element      string // element code without organisation, e.g. "COD001"
	Type         string // "N" or "AN"
	Start        int
	Length       int
	End          int
	Name         string
}

// ID returns "CODE@VERSION", as record.Standard.ID does.
func (r *Row) ID() string { return r.Standard + "@" + r.Version }

// flatColumns are the columns of the flat layout file, by header name.
var flatColumns = []string{"standard", "version", "eicode", "record_id", "record_name", "record_length",
	"element_id", "code", "type", "start", "length", "end", "name"}

// ReadFlat reads the flat layout CSV of olmeca/vektor (one row per field, columns
// standard, version, eicode, record_id, record_name, record_length, element_id, code,
// type, start, length, end, name; found by header name). name is used in errors and in
// Row.Source.
func ReadFlat(r io.Reader, name string) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: no header: %w", name, ErrFormat, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range flatColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: %w: header has no column %q", name, ErrFormat, c)
		}
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
		}
		where := fmt.Sprintf("%s:%d", name, line)
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := Row{Source: where, Standard: get("standard"), Version: get("version"), Record: get("record_id"),
			RecordName: get("record_name"), Number: get("element_id"), Element: get("code"), Type: get("type"), Name: get("name")}
		for _, n := range []struct {
			col string
			p   *int
		}{{"eicode", &row.EICode}, {"record_length", &row.RecordLength}, {"start", &row.Start}, {"length", &row.Length}, {"end", &row.End}} {
			v, err := strconv.Atoi(get(n.col))
			if err != nil {
				return nil, fmt.Errorf("%s: %w: %s %q is not a number", where, ErrFormat, n.col, get(n.col))
			}
			*n.p = v
		}
		if row.Standard == "" || row.Version == "" || row.Record == "" || row.Number == "" {
			return nil, fmt.Errorf("%s: %w: standard, version, record_id and element_id must be filled", where, ErrFormat)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// typesDoc is the JSON layout format of olmeca/vektor (e.g. sb311-types.json).
type typesDoc struct {
	Name             string `json:"name"`
	VektisEICode     int    `json:"vektisEICode"`
	FormatVersion    int    `json:"formatVersion"`
	FormatSubVersion int    `json:"formatSubVersion"`
	LineTypes        []struct {
		LineID   string `json:"lineId"`
		Name     string `json:"name"`
		Length   int    `json:"length"`
		Elements []struct {
			ID     string `json:"lineElementId"`
			Code   string `json:"code"`
			Name   string `json:"description"`
			Type   string `json:"fieldType"`
			Start  int    `json:"startPosition"`
			Length int    `json:"length"`
		} `json:"lineElementTypes"`
	} `json:"lineTypes"`
}

// ReadTypesJSON reads a layout in the JSON format of olmeca/vektor (an array of
// standards with lineTypes and lineElementTypes) into rows. The end position, which the
// format does not give, is start + length - 1.
func ReadTypesJSON(r io.Reader, name string) ([]Row, error) {
	var docs []typesDoc
	dec := json.NewDecoder(r)
	if err := dec.Decode(&docs); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
	}
	var rows []Row
	for di, d := range docs {
		if d.Name == "" {
			return nil, fmt.Errorf("%s: standard %d: %w: no name", name, di+1, ErrFormat)
		}
		version := strconv.Itoa(d.FormatVersion) + "." + strconv.Itoa(d.FormatSubVersion)
		for _, lt := range d.LineTypes {
			for ei, e := range lt.Elements {
				rows = append(rows, Row{
					Source:   fmt.Sprintf("%s: %s %s record %s element %d", name, d.Name, version, lt.LineID, ei+1),
					Standard: d.Name, Version: version, EICode: d.VektisEICode, Record: lt.LineID, RecordName: lt.Name,
					RecordLength: lt.Length, Number: e.ID, Element: e.Code, Type: e.Type, Start: e.Start,
					Length: e.Length, End: e.Start + e.Length - 1, Name: e.Name,
				})
			}
		}
	}
	return rows, nil
}
