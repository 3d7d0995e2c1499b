package specfile_test

import (
	"bytes"
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

func specPaths(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, dir := range []string{"specs", filepath.Join("specs", "q")} {
		p, err := filepath.Glob(filepath.Join(sharedtest.RepoRoot(), dir, "*.csv"))
		require.NoError(t, err)
		paths = append(paths, p...)
	}
	require.NotEmpty(t, paths)
	return paths
}

func readSpec(t *testing.T, path string) *specfile.Spec {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	std, err := specfile.Parse(bytes.NewReader(data), path)
	require.NoError(t, err)
	return std
}

// Every field to which COD954 gives a code of its own carries it in its spec file's
// retourcode column, and no field carries another: the column is what the derivation
// makes of the COD954 in ../shared (go run ./gen retourcodes when this fails).
func TestRetourcodesCurrent(t *testing.T) {
	f, err := os.Open(sharedtest.Path(t, "vektis", "codes", "COD954_retourcodes.csv"))
	require.NoError(t, err)
	defer f.Close()
	codes, err := specfile.ReadCOD954(f)
	require.NoError(t, err)
	for _, p := range specPaths(t) {
		std := readSpec(t, p)
		want := readSpec(t, p)
		specfile.DeriveRetourcodes(want, codes)
		carried := 0
		for ri, l := range std.Records {
			for fi, fl := range l.Fields {
				w := want.Records[ri].Fields[fi].Retourcode
				if fl.Retourcode != w {
					t.Errorf("%s: record %s field %s %s: retourcode %q, COD954 gives %q", filepath.Base(p), l.Code, fl.Number, fl.Name, fl.Retourcode, w)
				}
				if fl.Retourcode != "" {
					carried++
				}
			}
		}
		if carried == 0 {
			t.Errorf("%s: no field carries a retourcode", filepath.Base(p))
		}
	}
}

// The codes of some fields as COD954 words them (read from its text, not from the
// derivation): each is the field's own "... ontbreekt of is onjuist".
func TestRetourcodesFromCOD954Text(t *testing.T) {
	root := sharedtest.RepoRoot()
	for _, tc := range []struct{ spec, field, want, cod954 string }{
		{"MZ301v1.3", "0101", "0002", "Kenmerk record ontbreekt of is onjuist."},
		{"MZ301v1.3", "0108", "0018", "UZOVI-nummer ontbreekt of is onjuist (voorlooprecord)."},
		{"MZ301v1.3", "0204", "0423", "UZOVI-nummer ontbreekt of is onjuist (detailrecord)."},
		{"MZ301v1.3", "0203", "0435", "Burgerservicenummer (BSN) verzekerde ontbreekt of is onjuist."},
		{"MZ301v1.3", "0116", "0030", "Factuurnummer declarant ontbreekt, is onjuist of is niet uniek (...)."},
		{"MZ301v1.3", "0215", "0310", "Voorletters ontbreken of zijn onjuist (verzekerde)."},
		{"MZ301v1.3", "0222", "0630", "Debiteurnummer ontbreekt of is onjuist."},
		{"MZ301v1.3", "0406", "0550", "Machtigingsnummer / meldingsnummer zorgverzekeraar ontbreekt of is onjuist."},
		{"MZ301v1.3", "0427", "0631", "Indicatie debet/credit ontbreekt of is onjuist."},
		{"MZ301v1.3", "9902", "0151", "Aantal verzekerdenrecords ontbreekt of is onjuist."},
		{"MZ301v1.3", "9907", "0150", "Totaal declaratiebedrag ontbreekt of is onjuist."},
		{"MZ302v1.3", "0203", "0435", "Burgerservicenummer (BSN) verzekerde ontbreekt of is onjuist."},
		{"GZ321v1.0", "0101", "0002", "Kenmerk record ontbreekt of is onjuist."},
		{"q/QVE301v1.0", "0101", "0002", "Kenmerk record ontbreekt of is onjuist."},
	} {
		std := readSpec(t, filepath.Join(root, "specs", tc.spec+".csv"))
		l := std.Layout(tc.field[:2])
		require.NotNil(t, l, tc.spec)
		f := l.Field(tc.field)
		require.NotNil(t, f, tc.spec+" "+tc.field)
		assert.Equal(t, tc.want, f.Retourcode, "%s %s %s: COD954 %s %q", tc.spec, tc.field, f.Name, tc.want, tc.cod954)
	}
}

// The derivation, on a few COD954 descriptions.
func TestDeriveRetourcodes(t *testing.T) {
	cod954 := "code,omschrijving_anderman_2019,omschrijving_openemr_2008,scope\n" +
		"0435,Burgerservicenummer (BSN) verzekerde ontbreekt of is onjuist.,,D\n" +
		"0018,UZOVI-nummer ontbreekt of is onjuist (voorlooprecord).,,T\n" +
		"0423,UZOVI-nummer ontbreekt of is onjuist (detailrecord).,,D\n" +
		"0310,Voorletters ontbreken of zijn onjuist (verzekerde).,,D\n" +
		"8621,(Begin-/eind)datum zorgactiviteit ontbreekt of is onjuist.,,\n" +
		"8170,Praktijkcode en zorgverlenerscode moeten gevuld zijn indien instellingscode leeg is.,,\n" +
		"0312,,Naam verzekerde ontbreekt of is onjuist.,D\n"
	codes, err := specfile.ReadCOD954(strings.NewReader(cod954))
	require.NoError(t, err)
	std := &specfile.Spec{Records: []specfile.Layout{
		{Code: "01", Fields: fields("UZOVI-NUMMER", "PRAKTIJKCODE")},
		{Code: "02", Fields: fields("BURGERSERVICENUMMER (BSN) VERZEKERDE", "UZOVI-NUMMER", "VOORLETTERS VERZEKERDE", "NAAM VERZEKERDE (01)")},
		{Code: "16", Fields: fields("BEGINDATUM ZORGACTIVITEIT", "EINDDATUM ZORGACTIVITEIT")},
	}}
	specfile.DeriveRetourcodes(std, codes)
	var got []string
	for _, l := range std.Records {
		for _, f := range l.Fields {
			got = append(got, f.Retourcode)
		}
	}
	// PRAKTIJKCODE: 8170 is a rule over several fields, not the field's own.
	assert.Equal(t, []string{"0018", "", "0435", "0423", "0310", "0312", "8621", "8621"}, got)
}

func fields(names ...string) []record.Field {
	out := make([]record.Field, len(names))
	for i, n := range names {
		out[i] = record.Field{Name: n}
	}
	return out
}
