package berimport_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/assert"
	"github.com/zorgbericht/zorgbericht/internal/require"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/berimport"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

// A small layout in the shape of a BER layout sheet: the fields of a made-up standard.
var rows = [][]string{
	// recordnaam, recordcode, volgnummer, naam, type, lengte, patroon, eindpositie, verplichting, code gegeven, org, codelijst, constraints
	{"VOORLOOPRECORD", "01", "101", "KENMERK RECORD", "N", "2", "", "2", "M", "COD001", "VEK4", "", "Waarde '01' vullen."},
	{"VOORLOOPRECORD", "01", "102", "CODE EXTERNE-INTEGRATIEBERICHT", "N", "3", "NNN", "5", "M", "COD002", "VEKT", "COD002-VEKT", "Waarde 999 = testdeclaratie ggz"},
	{"VOORLOOPRECORD", "01", "103", "VERSIENUMMER BERICHTSTANDAARD", "N", "2", "", "7", "M", "NUM001", "VEK1", "", "Waarde 02 vullen."},
	{"VOORLOOPRECORD", "01", "104", "SUBVERSIENUMMER BERICHTSTANDAARD", "N", "2", "", "9", "C", "NUM309", "VEKT", "", "Anders \"00\" vullen. Waarde '01' vullen."},
	{"VOORLOOPRECORD", "01", "180", "RESERVE", "AN", "11", "", "20", "S", "TEC007", "011", "", ""},
	{"PRESTATIERECORD", "04", "401", "KENMERK RECORD", "N", "2", "", "2", "M", "COD001", "VEK4", "", ""},
	{"PRESTATIERECORD", "04", "402", "NAAM PATIËNT", "AN", "10", "", "12", "O", "NAM193", "NEN", "", ""},
	{"PRESTATIERECORD", "04", "403", "DATUM PRESTATIE", "N", "8", "EEJJMMDD", "20", "M", "DAT272", "NEN", "", ""},
	{"SLUITRECORD", "99", "9901", "KENMERK RECORD", "N", "2", "", "2", "M", "COD001", "VEK4", "", ""},
	{"SLUITRECORD", "99", "9980", "RESERVE", "AN", "18", "", "20", "S", "TEC007", "018", "", ""},
}

var header = []string{"Recordnaam", "Recordcode", "Volgnummer", "Naam gegevenselement", "Type", "Lengte", "Patroon",
	"Eindpositie", "Verplichting", "Code gegeven", "Organisatiecode", "Code codelijst", "Constraints/condities"}

// table writes the layout as a delimited text, with the columns in the given order.
func table(sep string, cols []int, pre []string, quoteAll bool) string {
	var b strings.Builder
	for _, p := range pre {
		b.WriteString(p + "\n")
	}
	line := func(cells []string) {
		out := make([]string, len(cols))
		for i, c := range cols {
			v := cells[c]
			if quoteAll || strings.ContainsAny(v, sep+"\"") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			out[i] = v
		}
		b.WriteString(strings.Join(out, sep) + "\r\n")
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
	return b.String()
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func latin1(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

// The importer reads every variant of export users meet and gets the same layout.
func TestImportVariants(t *testing.T) {
	all := seq(len(header))
	noEnd := []int{0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12}                                          // without Eindpositie
	shuffled := []int{12, 3, 2, 1, 0, 5, 4, 8, 7, 6, 11, 10, 9}                                    // columns in another order
	meta := []string{"Externe-integratiestandaard,,", ",,", "Standaardcode,,ZZ999", "Versie,,2.1"} // rows above the header
	variants := map[string]string{
		"CSV UTF-8":                  table(",", all, nil, false),
		"CSV with metadata rows":     table(",", all, meta, false),
		"CSV, every cell quoted":     table(",", all, nil, true),
		"TSV Latin-1":                latin1(table("\t", all, nil, false)),
		"semicolons":                 table(";", all, nil, false),
		"without Eindpositie":        table(",", noEnd, nil, false),
		"columns in another order":   table(",", shuffled, nil, false),
		"UTF-8 with byte order mark": "\ufeff" + table(",", all, nil, false),
	}
	var want string
	for name, input := range variants {
		t.Run(name, func(t *testing.T) {
			std, err := berimport.Import(strings.NewReader(input), "ZZ999v2.1_BER.csv", berimport.Options{Source: "test"})
			require.NoError(t, err)
			assert.Equal(t, "ZZ999", std.Code)
			assert.Equal(t, []int{999}, std.EICodes, "EI code from the constraints of field 0102")
			assert.Equal(t, 2, std.Version)
			assert.Equal(t, 1, std.Subversion, "subversion from the last 'Waarde' of field 0104")
			assert.Equal(t, 20, std.RecordLength, "record length from the positions")
			assert.Equal(t, record.StatusOfficial, std.Status)
			assert.Equal(t, "NAAM PATIËNT", std.Layout("04").Field("0402").Name)
			assert.Equal(t, "COD002-VEKT", std.Layout("01").Field("0102").Element)
			var b bytes.Buffer
			require.NoError(t, specfile.Write(&b, std))
			if want == "" {
				want = b.String()
			}
			assert.Equal(t, want, b.String())
		})
	}
}

func TestImportIdentificationSheet(t *testing.T) {
	ident := "Standaardcode,QQ123\nCode EI-bericht,\"998, 997\"\nVersie,3.4\nKenmerken,Recordlengte = 20 posities.\n" +
		"Standaardnaam/-bericht,Testbericht\nDocumenten,\"Versie 3.4:\n* QQ123v3.4_BERu2.pdf; uitgave 2\"\n"
	std, err := berimport.Import(strings.NewReader(table(",", seq(len(header)), nil, false)), "x.csv",
		berimport.Options{Identification: strings.NewReader(ident)})
	require.NoError(t, err)
	assert.Equal(t, "QQ123", std.Code)
	assert.Equal(t, []int{998, 997}, std.EICodes)
	assert.Equal(t, "3.4", std.VersionString())
	assert.Equal(t, "TESTBERICHT", std.Name)
	assert.Equal(t, "Vektis, berichtspecificatie (BER) QQ123v3.4_BERu2", std.Source)
}

func TestImportErrors(t *testing.T) {
	good := table(",", seq(len(header)), nil, false)
	for name, tc := range map[string]struct {
		input string
		want  string
	}{
		"no header row":       {"a,b,c\n1,2,3\n", "no header row"},
		"no Verplichting":     {table(",", []int{0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12}, nil, false), `header row has no column "Verplichting"`},
		"length not a number": {strings.Replace(good, "DATUM PRESTATIE,N,8", "DATUM PRESTATIE,N,acht", 1), `field 0403: unreadable BER export: Lengte "acht"`},
		"unknown type":        {strings.Replace(good, "DATUM PRESTATIE,N,", "DATUM PRESTATIE,D,", 1), "field 0403"},
		"inconsistent layout": {strings.Replace(good, "DATUM PRESTATIE,N,8,EEJJMMDD,20", "DATUM PRESTATIE,N,8,EEJJMMDD,21", 1), "record 04 field 0403: gap"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := berimport.Import(strings.NewReader(tc.input), "bad.csv", berimport.Options{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, errors.Is(err, berimport.ErrFormat) || errors.Is(err, specfile.ErrInvalid))
		})
	}
}

// Importing the official BERs of ../shared gives exactly the committed spec files.
func TestImportSharedBERs(t *testing.T) {
	dir := sharedtest.Path(t, "vektis", "ber")
	cod954, err := os.Open(sharedtest.Path(t, "vektis", "codes", "COD954_retourcodes.csv"))
	require.NoError(t, err)
	defer cod954.Close()
	codes, err := specfile.ReadCOD954(cod954)
	require.NoError(t, err)
	for _, tc := range []struct {
		spec, layout, ident string
		opts                berimport.Options
	}{
		{"GZ321v1.0.csv", "EI195v01_GZ321v1.0__BER.tsv", "", berimport.Options{}},
		{"EI181v1.1.csv", "EI181v01__BER.tsv", "", berimport.Options{}},
		{"EI181v2.0.csv", "EI181v02__BER.tsv", "", berimport.Options{}},
		{"MZ301v1.3.csv", "MZ301V0103__GIS027-028.csv", "MZ301V0103__GIS022.csv", berimport.Options{}},
		{"MZ302v1.3.csv", "MZ302V0103__GIS027-028.csv", "MZ302V0103__GIS022.csv", berimport.Options{Answers: "MZ301"}},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tc.layout))
			require.NoError(t, err)
			defer f.Close()
			if tc.ident != "" {
				id, err := os.Open(filepath.Join(dir, tc.ident))
				require.NoError(t, err)
				defer id.Close()
				tc.opts.Identification = id
			}
			tc.opts.ReturnCodes = codes // the retourcode column, derived at import
			std, err := berimport.Import(f, filepath.Join(dir, tc.layout), tc.opts)
			require.NoError(t, err)
			var got bytes.Buffer
			require.NoError(t, specfile.Write(&got, std))
			want, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "specs", tc.spec))
			require.NoError(t, err)
			assert.Equal(t, string(want), got.String())
		})
	}
}
