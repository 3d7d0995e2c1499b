package validate

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The code lists and return codes are the validator's own data, converted from the Vektis
// code list pages by internal/codelistgen (run go generate with ../shared present).
//
//go:generate go run ./internal/codelistgen -out codelists
//go:embed codelists/codes.csv codelists/retourcodes.csv
var codelistFiles embed.FS

// codeList is one Vektis code list (COD…).
type codeList struct {
	name   string
	text   map[string]string   // code as written → description
	number map[string]struct{} // numeric codes without leading zeros ("01" → "1")
}

// has reports whether v is a code of the list: for an N field compared as a number
// (v holds digits, leading zeros do not count), for an AN field as text without trailing
// spaces.
func (l *codeList) has(v string, numeric bool) bool {
	if numeric {
		_, ok := l.number[trimZeros(v)]
		return ok
	}
	_, ok := l.text[strings.TrimRight(v, " ")]
	return ok
}

type codeData struct {
	lists  map[string]*codeList
	retour map[string]string // code → description
}

var loadCodeData = sync.OnceValues(func() (*codeData, error) {
	d := &codeData{lists: map[string]*codeList{}, retour: map[string]string{}}
	err := readData("codelists/codes.csv", 3, func(r []string) {
		l := d.lists[r[0]]
		if l == nil {
			l = &codeList{name: r[0], text: map[string]string{}, number: map[string]struct{}{}}
			d.lists[r[0]] = l
		}
		l.text[r[1]] = r[2]
		if isDigits(r[1]) {
			l.number[trimZeros(r[1])] = struct{}{}
		}
	})
	if err == nil {
		// COD954 is also the value list of the retourcode fields of return messages.
		l := &codeList{name: "COD954", text: map[string]string{}, number: map[string]struct{}{}}
		d.lists["COD954"] = l
		err = readData("codelists/retourcodes.csv", 3, func(r []string) {
			d.retour[r[0]] = r[2]
			l.text[r[0]] = r[2]
		})
	}
	return d, err
})

// codes returns the loaded data. The data is embedded and checked by the tests, so a
// failure here is a defect of the build, not of the input.
func codes() *codeData {
	d, err := loadCodeData()
	if err != nil {
		panic("validate: embedded code lists: " + err.Error())
	}
	return d
}

func readData(name string, cols int, fn func([]string)) error {
	data, err := codelistFiles.ReadFile(name)
	if err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = cols
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // header
		return fmt.Errorf("%s: %w", name, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fn(rec)
	}
}

// Retourcode returns the description of a COD954 return code, and whether it exists.
func Retourcode(code string) (string, bool) {
	s, ok := codes().retour[code]
	return s, ok
}

// CodeListValue returns the description of a code in a Vektis code list ("COD046",
// "COD046-NEN", "046"), and whether the validator knows the list and the code.
func CodeListValue(list, code string) (string, bool) {
	l := lookupList(list)
	if l == nil {
		return "", false
	}
	s, ok := l.text[code]
	if !ok && isDigits(code) {
		for c, desc := range l.text {
			if isDigits(c) && trimZeros(c) == trimZeros(code) {
				return desc, true
			}
		}
	}
	return s, ok
}

var listName = regexp.MustCompile(`^(?:COD)?(\d{3})(?:-[A-Z0-9]+)?$`)

// lookupList finds a code list by its name in a layout ("COD046-NEN"), or nil.
func lookupList(name string) *codeList {
	m := listName.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(name)))
	if m == nil {
		return nil
	}
	return codes().lists["COD"+m[1]]
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// trimZeros strips leading zeros from a run of digits ("0007" → "7", "000" → "0").
func trimZeros(s string) string {
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	return s[i:]
}

// CodeListSource says where the code lists come from: the Vektis code list pages, as
// converted by internal/codelistgen.
const CodeListSource = "Vektis, https://www.vektis.nl/standaardisatie/codelijsten (converted by ei/validate/internal/codelistgen)"

// Code is one code of a code list with its description.
type Code struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// CodeList returns the codes of a Vektis code list ("COD046", "COD046-NEN", "046") in
// code order, and whether the validator knows the list (see CodeListSource).
func CodeList(list string) ([]Code, bool) {
	l := lookupList(list)
	if l == nil {
		return nil, false
	}
	out := make([]Code, 0, len(l.text))
	for c, d := range l.text {
		out = append(out, Code{Code: c, Description: d})
	}
	slices.SortFunc(out, func(a, b Code) int { return strings.Compare(a.Code, b.Code) })
	return out, true
}

// CodeLists returns the names of the code lists the validator knows, sorted.
func CodeLists() []string {
	d := codes()
	out := make([]string, 0, len(d.lists))
	for n := range d.lists {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
