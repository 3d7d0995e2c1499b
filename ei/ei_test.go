package ei_test

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/internal/assert"
	"github.com/zorgbericht/zorgbericht/internal/require"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz302v13"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The project's own synthetic files are built through the typed API and kept as golden
// files; they must stay byte-identical and round-trip like the official samples.
func TestSyntheticFiles(t *testing.T) {
	for _, tc := range []struct {
		file  string
		write func(io.Writer, eitest.Options) error
	}{
		{"gz321-synthetic.txt", eitest.WriteGZ321},
		{"mz301-synthetic.txt", eitest.WriteMZ301},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tc.write(&b, eitest.Options{Verzekerden: 3}))
			path := filepath.Join("testdata", tc.file)
			if *update {
				require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			if !bytes.Equal(b.Bytes(), want) {
				t.Fatalf("%s differs from what the typed API writes (run go test -update):\n%s", path, firstDiff(want, b.Bytes()))
			}
			roundTrip(t, want)
		})
	}
}

func readGolden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func TestReaderLineBreaks(t *testing.T) {
	crlf := readGolden(t, "mz301-synthetic.txt")
	lf := bytes.ReplaceAll(crlf, []byte("\r\n"), []byte("\n"))
	noFinal := bytes.TrimSuffix(crlf, []byte("\r\n"))
	for name, data := range map[string][]byte{"CRLF": crlf, "LF": lf, "no final break": noFinal} {
		t.Run(name, func(t *testing.T) {
			r := ei.NewReader(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
			n := 0
			for e, err := range r.All() {
				require.NoError(t, err)
				n++
				assert.Equal(t, n, e.Line)
			}
			assert.Equal(t, bytes.Count(crlf, []byte("\n")), n)
		})
	}
}

func TestReaderTypedValues(t *testing.T) {
	f, err := ei.ReadFile(bytes.NewReader(readGolden(t, "gz321-synthetic.txt")), ei.ReaderOptions{Registry: standards.Registry()})
	require.NoError(t, err)
	assert.Equal(t, "GZ321@1.0", f.Standard.ID())
	v := f.Voorloop.Record.(*gz321v10.Voorlooprecord)
	assert.Equal(t, civil.NewDate(2025, 2, 3), v.DagtekeningFactuur)
	assert.Equal(t, "ZB2025-00001", v.FactuurnummerDeclarant)
	require.Len(t, f.Verzekerden, 3)
	p := f.Verzekerden[1].Prestaties[0]
	require.Len(t, p.Details, 4)
	tar := p.Details[0].Record.(*gz321v10.Tariefrecord)
	assert.True(t, (eur("125.40") == tar.Declaratiebedrag), "amount in euros: %s", tar.Declaratiebedrag)
	require.Len(t, p.Details[0].Commentaar, 1, "the comment hangs under the tarief record it follows")
	c := p.Details[0].Commentaar[0].Record.(*gz321v10.Commentaarrecord)
	assert.Equal(t, tar.IdentificatieDetailrecord, c.IdentificatieDetailrecord, "a comment carries its parent's number")
	s := f.Sluit.Record.(*gz321v10.Sluitrecord)
	assert.EqualValues(t, 3, s.AantalVerzekerdenrecords)
	assert.EqualValues(t, 6, s.AantalTariefrecords)
	assert.EqualValues(t, 3*7, s.TotaalAantalDetailrecords)
	assert.True(t, (eur("481.20") == s.TotaalDeclaratiebedrag), "total %s", s.TotaalDeclaratiebedrag)
}

// Every error about input names the line, record, field and position.
func TestReaderErrors(t *testing.T) {
	good := string(readGolden(t, "mz301-synthetic.txt"))
	lines := strings.SplitAfter(good, "\r\n")
	with := func(i int, f func(string) string) string {
		c := append([]string(nil), lines...)
		c[i] = f(c[i])
		return strings.Join(c, "")
	}
	put := func(pos int, s string) func(string) string {
		return func(l string) string { return l[:pos-1] + s + l[pos-1+len(s):] }
	}
	tests := []struct {
		name, input string
		sentinel    error
		want        []string // fragments of the message
	}{
		{"non-digit in N field", with(1, put(17, "x")), record.ErrNotDigit,
			[]string{"line 2", "record 02", "field 0203", "BURGERSERVICENUMMER", "position 17", "expected a digit"}},
		{"non-digit in date", with(2, put(61, "2O")), record.ErrNotDigit, []string{"line 3", "record 04", "field 0408", "position 62"}},
		{"non-digit in amount", with(2, put(130, "-")), record.ErrNotDigit, []string{"line 3", "field 0424", "position 130"}},
		{"short record", with(3, func(l string) string { return l[:200] + "\r\n" }), record.ErrRecordLength,
			[]string{"line 4", "want 310 positions, have 200"}},
		{"unknown record type", with(3, put(1, "05")), record.ErrRecordCode, []string{"line 4", "record 05", "MZ301@1.3 has no record type"}},
		{"unknown standard", with(0, put(3, "999")), ei.ErrUnknownStandard, []string{"line 1", "EI code 999"}},
		{"header not 01", with(0, put(1, "02")), record.ErrRecordCode, []string{"line 1", "01 voorlooprecord"}},
		{"empty line", with(3, func(string) string { return "\r\n" }), record.ErrRecordLength, []string{"line 4", "have 0"}},
		{"empty file", "", io.ErrUnexpectedEOF, []string{"empty"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ei.NewReader(strings.NewReader(tc.input), ei.ReaderOptions{Registry: standards.Registry()})
			var err error
			for _, err = range r.All() {
				if err != nil {
					break
				}
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.True(t, ei.IsInputError(err))
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "100000009", "no personal data in errors")
			_, again := r.Next()
			assert.Equal(t, err, again, "errors are sticky")
		})
	}
}

func TestReaderRejectsLongLines(t *testing.T) {
	r := ei.NewReader(strings.NewReader(strings.Repeat("0", ei.MaxLineLength+10)), ei.ReaderOptions{Registry: standards.Registry()})
	_, err := r.Next()
	assert.ErrorIs(t, err, record.ErrLineTooLong)
}

func TestWriterNumbersAndTotals(t *testing.T) {
	var b bytes.Buffer
	w := ei.NewWriter(&b, mz301v13.Standard(), ei.WriterOptions{LF: true})
	v := &mz301v13.Voorlooprecord{CodeExterneIntegratiebericht: 176, VersienummerBerichtstandaard: 1,
		SubversienummerBerichtstandaard: 3, SoortBericht: "T", Valutacode: "EUR"}
	verz := &mz301v13.Verzekerdenrecord{IdentificatieDetailrecord: 77, NaamVerzekerde01: "Jansen"}
	p1 := &mz301v13.Prestatierecord{Declaratiebedrag: eur("10.50"), IndicatieDebetCredit02: "D"}
	p2 := &mz301v13.Prestatierecord{Declaratiebedrag: eur("12.75"), IndicatieDebetCredit02: "C"}
	c := &mz301v13.Commentaarrecord{RegelnummerVrijeTekst: 1, VrijeTekst: "creditering"}
	s := &mz301v13.Sluitrecord{AantalPrestatierecords: 99}
	for _, r := range []record.Record{v, verz, p1, p2, c, s} {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.Close())
	assert.EqualValues(t, 1, verz.IdentificatieDetailrecord)
	assert.EqualValues(t, 3, p2.IdentificatieDetailrecord)
	assert.EqualValues(t, 3, c.IdentificatieDetailrecord, "comment gets its parent's number")
	assert.EqualValues(t, 2, s.AantalPrestatierecords, "the given count is replaced")
	assert.EqualValues(t, 4, s.TotaalAantalDetailrecords)
	assert.True(t, (eur("2.25") == s.TotaalDeclaratiebedrag))
	assert.Equal(t, "C", s.IndicatieDebetCredit, "the net total is a credit")
	assert.Equal(t, 6, strings.Count(b.String(), "\n"))
	assert.NotContains(t, b.String(), "\r")
}

func TestWriterCheckTrailer(t *testing.T) {
	data := readGolden(t, "mz301-synthetic.txt")
	f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, f.Write(&b, ei.WriterOptions{CheckTrailer: true}))
	assert.Equal(t, data, b.Bytes())

	f.Sluit.Record.(*mz301v13.Sluitrecord).AantalPrestatierecords = 5
	f.Sluit.Record.(*mz301v13.Sluitrecord).IndicatieDebetCredit = "C"
	err = f.Write(io.Discard, ei.WriterOptions{CheckTrailer: true})
	assert.ErrorIs(t, err, ei.ErrTrailerMismatch)
	assert.Contains(t, err.Error(), "field 9904 (AANTAL PRESTATIERECORDS) holds 5, the file has 6")
	assert.Contains(t, err.Error(), "field 9908")
}

func TestWriterRefusals(t *testing.T) {
	std := mz301v13.Standard()
	header := func() *mz301v13.Voorlooprecord {
		return &mz301v13.Voorlooprecord{CodeExterneIntegratiebericht: 176, VersienummerBerichtstandaard: 1, SubversienummerBerichtstandaard: 3}
	}
	t.Run("value too long", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		err := w.Write(&mz301v13.Verzekerdenrecord{NaamVerzekerde01: strings.Repeat("x", 26)})
		assert.ErrorIs(t, err, record.ErrTooLong)
		assert.Contains(t, err.Error(), "line 2: record 02 field 0210 (NAAM VERZEKERDE (01))")
		// The refused record is not written; the writer stays usable.
		require.NoError(t, w.Write(&mz301v13.Verzekerdenrecord{NaamVerzekerde01: "Jansen"}))
		var out strings.Builder
		w = ei.NewWriter(&out, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		assert.Error(t, w.Write(&mz301v13.Verzekerdenrecord{NaamVerzekerde01: strings.Repeat("x", 26)}))
		require.NoError(t, w.Close())
		assert.Equal(t, 2, strings.Count(out.String(), "\r\n"), "only 01 and 99 are written")
	})
	t.Run("number too long", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		assert.ErrorIs(t, w.Write(&mz301v13.Verzekerdenrecord{BurgerservicenummerVerzekerde: "1234567890"}), record.ErrTooLong)
	})
	t.Run("negative amount", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		assert.ErrorIs(t, w.Write(&mz301v13.Prestatierecord{Declaratiebedrag: eur("-1")}), record.ErrNegative)
	})
	t.Run("BSN with a non-digit", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		assert.ErrorIs(t, w.Write(&mz301v13.Verzekerdenrecord{BurgerservicenummerVerzekerde: "12345678x"}), record.ErrBSN)
	})
	t.Run("character outside Latin-1", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		assert.ErrorIs(t, w.Write(&mz301v13.Verzekerdenrecord{NaamVerzekerde01: "Łukasz"}), record.ErrCharset)
	})
	t.Run("line break in a value", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		assert.ErrorIs(t, w.Write(&mz301v13.Commentaarrecord{VrijeTekst: "a\nb"}), record.ErrCharset)
	})
	t.Run("detail before header", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		assert.ErrorIs(t, w.Write(&mz301v13.Verzekerdenrecord{}), ei.ErrOrder)
	})
	t.Run("record after trailer", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		require.NoError(t, w.Write(header()))
		require.NoError(t, w.Write(&mz301v13.Sluitrecord{}))
		assert.ErrorIs(t, w.Write(&mz301v13.Verzekerdenrecord{}), ei.ErrOrder)
	})
	t.Run("record of another standard", func(t *testing.T) {
		w := ei.NewWriter(io.Discard, std, ei.WriterOptions{})
		assert.ErrorIs(t, w.Write(&gz321v10.Voorlooprecord{}), ei.ErrWrongStandard)
	})
	t.Run("nothing written", func(t *testing.T) {
		assert.ErrorIs(t, ei.NewWriter(io.Discard, std, ei.WriterOptions{}).Close(), ei.ErrOrder)
	})
}

// A reconstructed layout may not pass for the official one: no production files from it
// unless the caller opts in.
func TestWriterReconstructed(t *testing.T) {
	std := ve303v42.Standard()
	assert.Equal(t, record.StatusReconstructed, std.Status())
	hdr := func(soort string) *ve303v42.Voorlooprecord {
		return &ve303v42.Voorlooprecord{CodeExterneIntegratiebericht: 117, VersienummerBerichtstandaard: 4,
			SubversienummerBerichtstandaard: 2, SoortBericht: soort, Valutacode: "EUR"}
	}
	err := ei.NewWriter(io.Discard, std, ei.WriterOptions{}).Write(hdr("P"))
	assert.ErrorIs(t, err, ei.ErrReconstructed)
	assert.NoError(t, ei.NewWriter(io.Discard, std, ei.WriterOptions{}).Write(hdr("T")))
	assert.NoError(t, ei.NewWriter(io.Discard, std, ei.WriterOptions{AllowReconstructed: true}).Write(hdr("P")))
}

func TestRegistry(t *testing.T) {
	reg := standards.Registry()
	s, err := reg.Detect([]byte("011760103P"))
	require.NoError(t, err)
	assert.Equal(t, "MZ301@1.3", s.ID())
	_, err = reg.Detect([]byte("011760109P"))
	assert.ErrorIs(t, err, ei.ErrUnknownStandard)

	got, ok := reg.Lookup("gz321", "")
	require.True(t, ok)
	assert.Equal(t, "GZ321@1.0", got.ID())
	_, err = reg.Parse("GZ321@9.9")
	assert.ErrorIs(t, err, ei.ErrUnknownStandard)

	ret, ok := reg.ReturnOf(mz301v13.Standard())
	require.True(t, ok)
	assert.Equal(t, "MZ302@1.3", ret.ID())
	decl, ok := reg.DeclarationOf(ret)
	require.True(t, ok)
	assert.Same(t, mz301v13.Standard(), decl)
	ve, ok := reg.ReturnOf(ve303v42.Standard())
	require.True(t, ok)
	assert.Equal(t, "VE304@4.2", ve.ID())

	_, err = ei.NewRegistry(mz301v13.Standard(), mz301v13.Standard())
	assert.Error(t, err)
}

// A return record gives access to the declaration record it repeats, both ways.
func TestReturnRecordDeclaration(t *testing.T) {
	decl := mz301v13.Prestatierecord{IdentificatieDetailrecord: 4, BurgerservicenummerVerzekerde: eitest.BSN(1),
		Prestatiecode: "C11", Declaratiebedrag: eur("23.67"), IndicatieDebetCredit02: "D"}
	var ret mz302v13.Prestatierecord
	ret.SetDeclaration(decl)
	ret.ToegekendBedrag = eur("20.00")
	ret.Retourcode01 = "0200"
	back := ret.Declaration()
	assert.Equal(t, decl.Prestatiecode, back.Prestatiecode)
	assert.True(t, (decl.Declaratiebedrag == back.Declaratiebedrag))

	d, err := decl.AppendTo(nil)
	require.NoError(t, err)
	r, err := ret.AppendTo(nil)
	require.NoError(t, err)
	assert.Equal(t, string(d), string(r[:310]), "the return repeats the declaration in positions 1-310")
	assert.Len(t, r, 370)
}

func TestLatin1Text(t *testing.T) {
	var b bytes.Buffer
	w := ei.NewWriter(&b, mz301v13.Standard(), ei.WriterOptions{})
	require.NoError(t, w.Write(&mz301v13.Voorlooprecord{CodeExterneIntegratiebericht: 176, VersienummerBerichtstandaard: 1, SubversienummerBerichtstandaard: 3}))
	require.NoError(t, w.Write(&mz301v13.Verzekerdenrecord{NaamVerzekerde01: "Müller-Çelik", VoorlettersVerzekerde: "É"}))
	require.NoError(t, w.Close())
	line := strings.Split(b.String(), "\r\n")[1]
	assert.Len(t, line, 310, "one byte per character: Latin-1")
	assert.Equal(t, "M\xfcller-\xc7elik", strings.TrimRight(line[63:88], " "))
	f, err := ei.ReadFile(&b, ei.ReaderOptions{Registry: standards.Registry()})
	require.NoError(t, err)
	assert.Equal(t, "Müller-Çelik", f.Verzekerden[0].Record.(*mz301v13.Verzekerdenrecord).NaamVerzekerde01)
}

func TestReadFileStructureErrors(t *testing.T) {
	good := string(readGolden(t, "mz301-synthetic.txt"))
	lines := strings.SplitAfter(good, "\r\n")
	_, err := ei.ReadFile(strings.NewReader(strings.Join(lines[:len(lines)-2], "")), ei.ReaderOptions{Registry: standards.Registry()})
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "no 99 record")
	_, err = ei.ReadFile(strings.NewReader(good+lines[1]), ei.ReaderOptions{Registry: standards.Registry()})
	assert.ErrorIs(t, err, ei.ErrOrder, "record after 99")
	var re *record.Error
	_, err = ei.ReadFile(strings.NewReader(good[:100]), ei.ReaderOptions{Registry: standards.Registry()})
	assert.True(t, errors.As(err, &re) && re.Line == 1)
}

// eur returns an amount written in euros ("12.34"), for test data.
func eur(s string) record.Money {
	m, err := money.Parse(s)
	if err != nil {
		panic(err)
	}
	return m
}
