package ei_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os/exec"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/assert"
	"github.com/zorgbericht/zorgbericht/internal/require"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz302v13"
)

// TestEIDoesNotLinkTheCatalogue: package ei builds on no generated standard package.
func TestEIDoesNotLinkTheCatalogue(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/zorgbericht/zorgbericht/ei").Output()
	require.NoError(t, err)
	for _, p := range strings.Fields(string(out)) {
		assert.NotContains(t, p, "/ei/standards", "ei depends on %s", p)
	}
}

func mz301Header() *mz301v13.Voorlooprecord {
	return &mz301v13.Voorlooprecord{SoortBericht: "T", UZOVINummer: 3311, Zorgverlenerscode: 12345678,
		IdentificatiecodeBetalingAan: 3, BegindatumDeclaratieperiode: civil.NewDate(2025, 3, 1),
		EinddatumDeclaratieperiode: civil.NewDate(2025, 3, 31), FactuurnummerDeclarant: "F2025-001",
		DagtekeningFactuur: civil.NewDate(2025, 4, 1), Valutacode: "EUR"}
}

// TestWriterFillsEmptyIdentification: a 01 record without EI code, version and
// subversion gets those of the writer's standard, and the file reads back as MZ301 with a
// registry of just the standards the program uses.
func TestWriterFillsEmptyIdentification(t *testing.T) {
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, mz301v13.Standard(), ei.WriterOptions{})
	h := mz301Header()
	require.NoError(t, w.Write(h))
	require.NoError(t, w.Close())
	assert.Equal(t, int64(176), h.CodeExterneIntegratiebericht, "the caller's record shows what was written")
	assert.True(t, strings.HasPrefix(buf.String(), "011760103T"), buf.String()[:10])

	reg, err := ei.NewRegistry(mz301v13.Standard(), mz302v13.Standard())
	require.NoError(t, err)
	r := ei.NewReader(&buf, ei.ReaderOptions{Registry: reg})
	std, err := r.Standard()
	require.NoError(t, err)
	assert.Equal(t, "MZ301@1.3", std.ID())
}

// TestWriterRejectsAnotherStandardsIdentification: a 01 record naming MZ302 (EI code 177)
// is refused by an MZ301 writer, which stays usable.
func TestWriterRejectsAnotherStandardsIdentification(t *testing.T) {
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, mz301v13.Standard(), ei.WriterOptions{})
	h := mz301Header()
	h.CodeExterneIntegratiebericht, h.VersienummerBerichtstandaard, h.SubversienummerBerichtstandaard = 177, 1, 3
	err := w.Write(h)
	require.ErrorIs(t, err, ei.ErrWrongStandard)
	assert.Contains(t, err.Error(), "line 1: record 01 field 0102")
	h.CodeExterneIntegratiebericht, h.VersienummerBerichtstandaard, h.SubversienummerBerichtstandaard = 176, 1, 3
	require.NoError(t, w.Write(h), "the writer stays usable")
	require.NoError(t, w.Close())
}

// TestPartialReturnKeepsDeclaredNumbers: an insurer returns only the prestatie numbered 3
// of a declaration; the return keeps that number and its own identification.
func TestPartialReturnKeepsDeclaredNumbers(t *testing.T) {
	decl := mz301Header()
	decl.CodeExterneIntegratiebericht, decl.VersienummerBerichtstandaard, decl.SubversienummerBerichtstandaard = 176, 1, 3
	var ret01 mz302v13.Voorlooprecord
	ret01.SetDeclaration(*decl)
	assert.Equal(t, int64(177), ret01.CodeExterneIntegratiebericht, "a return has its own EI code")
	assert.Equal(t, int64(176), ret01.Declaration().CodeExterneIntegratiebericht, "Declaration gives the declaration's back")

	var buf bytes.Buffer
	w := ei.NewWriter(&buf, mz302v13.Standard(), ei.WriterOptions{})
	require.NoError(t, w.Write(&ret01))
	v := &mz302v13.Verzekerdenrecord{}
	v.SetDeclaration(mz301v13.Verzekerdenrecord{IdentificatieDetailrecord: 1, BurgerservicenummerVerzekerde: "123456782", UZOVINummer: 3311})
	require.NoError(t, w.Write(v))
	p := &mz302v13.Prestatierecord{}
	p.SetDeclaration(mz301v13.Prestatierecord{IdentificatieDetailrecord: 3, BurgerservicenummerVerzekerde: "123456782", UZOVINummer: 3311})
	require.NoError(t, w.Write(p))
	c := &mz302v13.Commentaarrecord{}
	require.NoError(t, w.Write(c))
	require.NoError(t, w.Close())
	assert.Equal(t, int64(3), p.IdentificatieDetailrecord, "the declared number is kept")
	assert.Equal(t, int64(3), c.IdentificatieDetailrecord, "a comment without number gets its parent's")
	lines := strings.Split(buf.String(), "\r\n")
	assert.Equal(t, "04000000000003", lines[2][:14])
	assert.Equal(t, "011770103", lines[0][:9])
}

// TestFileRecordsInFileOrder: a debiteur written after the prestatie of its verzekerde
// comes back where it was.
func TestFileRecordsInFileOrder(t *testing.T) {
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, mz301v13.Standard(), ei.WriterOptions{})
	require.NoError(t, w.Write(mz301Header()))
	require.NoError(t, w.Write(&mz301v13.Verzekerdenrecord{BurgerservicenummerVerzekerde: "123456782"}))
	require.NoError(t, w.Write(&mz301v13.Prestatierecord{BurgerservicenummerVerzekerde: "123456782"}))
	require.NoError(t, w.Write(&mz301v13.Debiteurrecord{Debiteurnummer: "D1"}))
	require.NoError(t, w.Close())
	f, err := ei.ReadFile(bytes.NewReader(buf.Bytes()), ei.ReaderOptions{Standard: mz301v13.Standard()})
	require.NoError(t, err)
	var codes []string
	for _, r := range f.Records() {
		codes = append(codes, r.Layout().Code())
	}
	assert.Equal(t, []string{"01", "02", "04", "03", "99"}, codes)
}

// TestTypedRecordsMaskPersonalData: %v, %+v, %#v, %s, JSON and slog of a typed record
// show no BSN, name, address or birth date in full; AppendTo writes them in full.
func TestTypedRecordsMaskPersonalData(t *testing.T) {
	v := mz301v13.Verzekerdenrecord{IdentificatieDetailrecord: 1, BurgerservicenummerVerzekerde: "123456782",
		DatumGeboorteVerzekerde: civil.NewDate(1980, 5, 17), NaamVerzekerde01: "Jansen", VoorlettersVerzekerde: "PJ",
		PostcodeVerzekerde: "1234AB", HuisnummerVerzekerde: 8765}
	var logs bytes.Buffer
	// Without the time: its digits could hold "8765" by chance.
	noTime := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}
	slog.New(slog.NewJSONHandler(&logs, noTime)).Info("record", "v", v, "p", &v)
	j, err := json.Marshal(v)
	require.NoError(t, err)
	shown := fmt.Sprintf("%v %+v %#v %s %v", v, v, v, v, &v) + string(j) + logs.String()
	for _, secret := range []string{"123456782", "Jansen", "1234AB", "1980-05-17", "19800517", "8765"} {
		assert.NotContains(t, shown, secret)
	}
	assert.Contains(t, shown, "******782")
	assert.Contains(t, shown, "J*****")
	assert.Contains(t, shown, "1980-**-**")
	full, err := v.AppendTo(nil)
	require.NoError(t, err)
	assert.Contains(t, string(full), "123456782")
	assert.Contains(t, string(full), "Jansen")
}

// TestReturnTotalsWrittenAsGiven: the 99 of a return repeats the declaration's totaal
// ingediend, which is not the sum of the records it returns: the writer keeps it, and
// fills the counts of the records written.
func TestReturnTotalsWrittenAsGiven(t *testing.T) {
	var buf bytes.Buffer
	w := ei.NewWriter(&buf, mz302v13.Standard(), ei.WriterOptions{})
	var h mz302v13.Voorlooprecord
	h.SetDeclaration(*mz301Header())
	require.NoError(t, w.Write(&h))
	sluit := &mz302v13.Sluitrecord{TotaalIngediendDeclaratiebedrag: money.Cents(66000), IndicatieDebetCredit01: "D"}
	require.NoError(t, w.Write(sluit))
	require.NoError(t, w.Close())
	assert.Equal(t, money.Cents(66000), sluit.TotaalIngediendDeclaratiebedrag, "the declaration's total is kept")
	assert.Equal(t, "D", sluit.IndicatieDebetCredit02, "a zero total left blank gets D")
}
