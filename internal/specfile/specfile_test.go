package specfile_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/assert"
	"github.com/zorgbericht/zorgbericht/internal/require"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

var update = flag.Bool("update", false, "rewrite the spec files in their canonical form")

// Every committed spec file parses, passes the checks and is in canonical form:
// writing what was read gives the same bytes.
func TestSpecFilesCanonical(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(sharedtest.RepoRoot(), "specs", "*.csv"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			std, err := specfile.Parse(bytes.NewReader(data), p)
			require.NoError(t, err)
			var b bytes.Buffer
			require.NoError(t, specfile.Write(&b, std))
			if *update {
				require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
				return
			}
			assert.Equal(t, string(data), b.String(), "not canonical (go test ./internal/specfile -update)")
		})
	}
}

func mini(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/mini.csv")
	require.NoError(t, err)
	return string(b)
}

func TestParseDerives(t *testing.T) {
	std, err := specfile.Parse(strings.NewReader(mini(t)), "mini.csv")
	require.NoError(t, err)
	assert.Equal(t, "ZZ999@1.0", std.ID())
	assert.Equal(t, []int{999}, std.EICodes)
	v := std.Layout("01")
	assert.Equal(t, record.KindDate, v.Field("0106").Kind)
	assert.Equal(t, "P|T", v.Field("0105").Regex)
	assert.Equal(t, record.KindReserve, v.Field("0180").Kind)
	p := std.Layout("04")
	assert.Equal(t, record.KindAmount, p.Field("0403").Kind)
	assert.Equal(t, record.RoleDeclared, p.Field("0403").Role)
	assert.Equal(t, 3, p.Field("0403").Sign, "the D/C after an amount signs it")
	assert.Equal(t, record.RoleSign, p.Field("0404").Role)
	assert.Equal(t, "CodeClient", p.Field("0405").GoName)
	assert.Equal(t, record.RoleDetailID, p.Field("0402").Role)
	assert.True(t, p.IsDetail())
	assert.False(t, std.Layout("98").IsDetail())
	s := std.Layout("99")
	assert.Equal(t, record.RoleCount, s.Field("9902").Role)
	assert.Equal(t, "02", s.Field("9902").Counts)
	assert.Equal(t, "04", s.Field("9903").Counts)
	assert.Equal(t, record.RoleDetailCount, s.Field("9904").Role)
	assert.Equal(t, record.RoleTotalDeclared, s.Field("9905").Role)
	assert.Equal(t, 5, s.Field("9905").Sign)
}

// The generator's consistency rules: each defect is refused with the file, record and
// field in the message.
func TestCheckRefuses(t *testing.T) {
	base := mini(t)
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"overlap", "0203,BURGERSERVICENUMMER (BSN) VERZEKERDE,N,9,15,23", "0203,BURGERSERVICENUMMER (BSN) VERZEKERDE,N,9,14,22",
			[]string{"bad.csv: record 02 field 0203: overlap: starts at 14"}},
		{"gap", "0204,NAAM VERZEKERDE (01),AN,17,24,40", "0204,NAAM VERZEKERDE (01),AN,16,25,40",
			[]string{"record 02 field 0204: gap: starts at 25, positions 24-24"}},
		{"length does not match positions", "0403,DECLARATIEBEDRAG (INCL. BTW),N,8,15,22", "0403,DECLARATIEBEDRAG (INCL. BTW),N,9,15,22",
			[]string{"record 04 field 0403: positions 15-22 hold 8, but length is 9"}},
		{"record shorter than record length", "9980,RESERVE,AN,7,34,40", "9980,RESERVE,AN,6,34,39",
			[]string{"record 99: fields end at position 39, but the record length is 40"}},
		{"repeated field number", "9803,VRIJE TEKST", "9802,VRIJE TEKST",
			[]string{"record 98 field 9802: field number repeated"}},
		{"number of another record", "0405,CODE", "0505,CODE", []string{"record 04 field 0505: field number does not start with the record code 04"}},
		{"unknown type", "0405,CODE CLIËNT,AN", "0405,CODE CLIËNT,X", []string{"record 04 field 0405", "unknown field type \"X\""}},
		{"unknown obligation", "0405,CODE CLIËNT,AN,17,24,40,O", "0405,CODE CLIËNT,AN,17,24,40,Q", []string{"record 04 field 0405", "unknown obligation"}},
		{"bad status", "# status: official", "# status: maybe", []string{"status \"maybe\""}},
		{"no EI code", "# eicode: 999", "# eicode: ", []string{"no EI message code"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, base, tc.old)
			_, err := specfile.Parse(strings.NewReader(strings.Replace(base, tc.old, tc.new, 1)), "bad.csv")
			require.Error(t, err)
			assert.True(t, errors.Is(err, specfile.ErrInvalid), "wraps ErrInvalid: %v", err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"BURGERSERVICENUMMER (BSN) VERZEKERDE":                   "BurgerservicenummerVerzekerde",
		"NAAM VERZEKERDE (01)":                                   "NaamVerzekerde01",
		"DECLARATIEBEDRAG (INCL. BTW)":                           "Declaratiebedrag",
		"UZOVI-NUMMER":                                           "UZOVINummer",
		"PATIENT(IDENTIFICATIE)NUMMER":                           "PatientNummer",
		"INDICATIE CLIËNT OVERLEDEN":                             "IndicatieClientOverleden",
		"ZORGVERLENERSCODE 1E HOOFDBEHANDELAAR":                  "Zorgverlenerscode1eHoofdbehandelaar",
		"INDICATIE DEBET/CREDIT (02)":                            "IndicatieDebetCredit02",
		"VERZEKERDENNUMMER (INSCHRIJVINGSNUMMER, RELATIENUMMER)": "Verzekerdennummer",
		"1E LIJN": "F1eLijn",
	} {
		assert.Equal(t, want, specfile.GoName(in), in)
	}
}

// Segments known by their place in a message (framing positional) need no record code;
// records of a fixed framing do.
func TestPositionalFraming(t *testing.T) {
	spec := func(framing string) string {
		return "# standard: XX1\n# version: 1\n# subversion: 0\n# status: official\n# source: test\n# format: fixed\n" + framing +
			"record,recordname,field,name,type,length,start,end,obligation,key,pattern,element,valuelist,regex,decimals,role,personal\n" +
			"HDR,KOP,a,REFERENTIE,N,4,1,4,M,,,,,,,,\nHDR,KOP,b,NAAM,AN,6,5,10,O,,,,,,,,name\n"
	}
	std, err := specfile.Parse(strings.NewReader(spec("# framing: positional\n")), "seg.csv")
	if err != nil {
		t.Fatal(err)
	}
	if l := std.Layout("HDR"); l == nil || l.Length() != 10 || l.Fields[1].Personal.String() != "name" {
		t.Fatalf("layout %+v", std.Layout("HDR"))
	}
	if _, err := specfile.Parse(strings.NewReader(spec("# framing: fixed\n# codestart: 1\n# codewidth: 3\n")), "rec.csv"); err == nil {
		t.Error("a fixed framing whose records start with no code of the code width is accepted")
	}
}

// The date and AGB roles of every committed spec file are what the derivation at import
// gives (go run ./gen roles rewrites them), and the derivation gives them as the BERs name
// the fields.
func TestDateAndAGBRolesCurrent(t *testing.T) {
	root := sharedtest.RepoRoot()
	paths, err := filepath.Glob(filepath.Join(root, "specs", "*.csv"))
	require.NoError(t, err)
	q, err := filepath.Glob(filepath.Join(root, "specs", "q", "*.csv"))
	require.NoError(t, err)
	for _, p := range append(paths, q...) {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		std, err := specfile.Parse(bytes.NewReader(data), p)
		require.NoError(t, err)
		specfile.DeriveDateAndAGBRoles(std)
		var b bytes.Buffer
		require.NoError(t, specfile.Write(&b, std))
		assert.Equal(t, string(data), b.String(), "%s: date and AGB roles not derived (go run ./gen roles %s)", p, p)
	}
	mz, err := os.ReadFile(filepath.Join(root, "specs", "MZ301v1.3.csv"))
	require.NoError(t, err)
	std, err := specfile.Parse(bytes.NewReader(mz), "MZ301v1.3.csv")
	require.NoError(t, err)
	for _, tc := range []struct {
		record, field string
		role          record.Role
		counts        string
	}{
		{"01", "0109", record.RoleNone, ""}, // CODE SERVICEBUREAU: checked by its element
		{"01", "0110", record.RoleAGB, ""},  // ZORGVERLENERSCODE
		{"01", "0112", record.RoleAGB, ""},  // INSTELLINGSCODE
		{"01", "0114", record.RoleBegin, "0115"},
		{"01", "0115", record.RoleNone, ""},
		{"01", "0117", record.RoleNone, ""}, // DAGTEKENING FACTUUR
		{"02", "0207", record.RoleNone, ""}, // DATUM GEBOORTE VERZEKERDE
		{"04", "0408", record.RoleCare, ""}, // DATUM PRESTATIE
		{"04", "0420", record.RoleAGB, ""},  // ZORGVERLENERSCODE BEHANDELAAR/UITVOERDER
	} {
		f := std.Layout(tc.record).Field(tc.field)
		require.NotNil(t, f, tc.field)
		assert.Equal(t, tc.role, f.Role, "%s %s", tc.field, f.Name)
		assert.Equal(t, tc.counts, f.Counts, "%s %s", tc.field, f.Name)
	}
}
