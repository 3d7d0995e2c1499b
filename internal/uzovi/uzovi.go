package uzovi

import (
	_ "embed"
	"encoding/csv"
	"strconv"
	"strings"
	"sync"
)

// Date says which copy of the register this is; messages about unknown numbers name it,
// since the register changes and a number missing here may be valid today.
const Date = "2023"

// Entry is an entry of the register.
type Entry struct {
	Number  int    // e.g. 3311
	Naam    string // e.g. "Zilveren Kruis Zorgverzekeringen N.V."
	Concern string // e.g. "ACHMEA"; empty when the register gives none
}

//go:embed register.csv
var registerCSV string

// Register is the UZOVI register: every entry by number. It is parsed anew on each call
// (the caller may change the map); Lookup reads the one parsed copy.
func Register() (map[int]Entry, error) {
	r := csv.NewReader(strings.NewReader(registerCSV))
	r.Comma = ';'
	r.Comment = '#'
	r.FieldsPerRecord = 3
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	reg := make(map[int]Entry, len(rows))
	for i, row := range rows {
		if i == 0 && row[0] == "uzovi" {
			continue // header
		}
		n, err := strconv.Atoi(row[0])
		if err != nil || n < 1 || n > 9999 {
			return nil, &csv.ParseError{Line: i + 1, Err: strconv.ErrSyntax}
		}
		reg[n] = Entry{Number: n, Naam: row[1], Concern: row[2]}
	}
	return reg, nil
}

// shared is the register parsed once, for Lookup; nothing writes it.
var shared = sync.OnceValues(Register)

// Lookup returns the register's entry of number n, and whether it has one. An error
// means the module's copy of the register does not parse (a test checks that it does).
// A validation asks it once per number; it does not parse the register again.
func Lookup(n int) (Entry, bool, error) {
	reg, err := shared()
	if err != nil {
		return Entry{}, false, err
	}
	e, ok := reg[n]
	return e, ok, nil
}
