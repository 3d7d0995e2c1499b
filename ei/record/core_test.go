package record_test

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/zorgbericht/zorgbericht/internal/assert"
	"github.com/zorgbericht/zorgbericht/internal/require"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/fwtest"
	"github.com/zorgbericht/zorgbericht/internal/fwtest/tf001v10"
)

// mod97 is the test format's check number: Σ position·value over the record without its
// check field (digits as such, letters A=10 … Z=35, anything else 36), modulo 97, where
// 0 becomes 97. It is the format's own rule, supplied to the reader and writer.
func mod97(rec []byte, check record.Field) int64 {
	var sum int64
	for i, c := range rec {
		if i >= check.Start-1 && i < check.End {
			continue
		}
		var v int64
		switch {
		case c >= '0' && c <= '9':
			v = int64(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int64(c-'A') + 10
		default:
			v = 36
		}
		sum += int64(i+1) * v
	}
	if r := sum % 97; r != 0 {
		return r
	}
	return 97
}

func format() *record.Format {
	f := tf001v10.Format()
	f.Check = mod97
	return f
}

// expected records, computed by hand from the spec: 100001 AFZENDER  20251201 + check.
func sample(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := record.NewWriter(&buf, format(), "")
	require.NoError(t, w.Write(&tf001v10.Zending{Afzender: "ZORGKAS", DatumAanmaak: civil.NewDate(2025, time.December, 1)}))
	require.NoError(t, w.Write(&tf001v10.Regel{Bedrag: money.Cents(-12345), Omschrijving: "KAMER"}))
	require.NoError(t, w.Write(&tf001v10.Regel{Bedrag: money.Cents(500), Omschrijving: "MAALTIJD"}))
	require.NoError(t, w.Flush())
	return buf.Bytes()
}

func TestFixedLengthFormatRoundTrip(t *testing.T) {
	data := sample(t)
	assert.NotContains(t, string(data), "\n", "no line breaks")
	assert.Len(t, data, 26+30+30)
	// Fields by hand: code, order numbers numbered by the writer, signed amounts in cents.
	assert.Equal(t, "100001ZORGKAS   20251201", string(data[:24]))
	assert.Equal(t, "2000010001-000012345KAMER   ", string(data[26:54]))
	assert.Equal(t, "2000010002+000000500MAALTIJD", string(data[56:84]))
	f := format()
	for i, off := range []int{0, 26, 56} {
		l := f.Layout(f.Code(string(data[off:])))
		rec := data[off : off+l.Length()]
		chk, err := record.FieldIntAt(rec, l, l.RoleIndex(record.RoleCheck))
		require.NoError(t, err)
		assert.Equal(t, mod97(rec, l.FieldIndex(l.NumFields()-1)), chk, "record %d check number", i)
	}

	r := record.NewReader(bytes.NewReader(data), f, record.ReaderOptions{})
	var got []record.Record
	for {
		raw, rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		assert.Equal(t, rec.Layout().Length(), len(raw.Text))
		got = append(got, rec)
	}
	require.Len(t, got, 3)
	assert.Equal(t, "ZORGKAS", got[0].(*tf001v10.Zending).Afzender)
	assert.Equal(t, civil.NewDate(2025, time.December, 1), got[0].(*tf001v10.Zending).DatumAanmaak)
	regel := got[1].(*tf001v10.Regel)
	assert.Equal(t, money.Cents(-12345), regel.Bedrag)
	assert.Equal(t, "-123.45", regel.Bedrag.String())
	assert.Equal(t, int64(1), regel.Volgnummer)
	assert.Equal(t, int64(2), got[2].(*tf001v10.Regel).Volgnummer)
}

func TestFixedLengthFormatRejectsWrongCheckNumber(t *testing.T) {
	data := sample(t)
	data[33] = '9' // an amount digit of the second record
	r := record.NewReader(bytes.NewReader(data), format(), record.ReaderOptions{})
	_, _, err := r.Next()
	require.NoError(t, err)
	_, _, err = r.Next()
	require.ErrorIs(t, err, record.ErrCheck)
	var fe *record.Error
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, 2, fe.Line, "record number")
	assert.Equal(t, int64(26), fe.Offset, "byte offset")
	assert.Equal(t, "99", fe.Field)
	assert.Equal(t, 29, fe.Position)
	assert.NotContains(t, err.Error(), "KAMER", "no field values in errors")
	_, _, again := r.Next()
	assert.Equal(t, err, again, "errors are sticky")
}

func TestFixedLengthFormatErrorsSayWhere(t *testing.T) {
	data := sample(t)
	for name, tt := range map[string]struct {
		in   []byte
		want error
		says string
	}{
		"unknown record code":         {append(append([]byte{}, data[:26]...), []byte("300001xxxx")...), record.ErrRecordCode, "record 2 (byte offset 26)"},
		"stream ends inside a record": {data[:40], record.ErrPartialRecord, "record 2 (byte offset 26)"},
		"bad sign":                    {bytes.Replace(data, []byte("0001-"), []byte("0001*"), 1), record.ErrSign, "line 2"},
	} {
		t.Run(name, func(t *testing.T) {
			r := record.NewReader(bytes.NewReader(tt.in), format(), record.ReaderOptions{})
			var err error
			for err == nil {
				_, _, err = r.Next()
			}
			assert.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), tt.says)
		})
	}
}

func TestFixedScannerReadsOneByteAtATime(t *testing.T) {
	data := sample(t)
	r := record.NewReader(iotest.OneByteReader(bytes.NewReader(data)), format(), record.ReaderOptions{})
	n := 0
	for {
		_, _, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 3, n)
}

// zeroReader returns no data and no error, for ever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestScannersStopOnNoProgress(t *testing.T) {
	_, err := record.NewLineScanner(zeroReader{}, 0).Next()
	assert.ErrorIs(t, err, io.ErrNoProgress)
	_, err = record.NewFixedScanner(zeroReader{}, 6, format().Length).Next()
	assert.ErrorIs(t, err, io.ErrNoProgress)
}

func TestLineScannerLimit(t *testing.T) {
	s := record.NewLineScanner(strings.NewReader(strings.Repeat("x", 5000)+"\n"), 1000)
	_, err := s.Next()
	assert.ErrorIs(t, err, record.ErrLineTooLong)
}

func TestLayoutCannotBeChanged(t *testing.T) {
	l := format().Layout("200001")
	fs := l.Fields()
	fs[2].Length = 1
	f := l.Field("6a")
	f.Start = 99
	assert.Equal(t, 10, l.FieldIndex(2).Length, "Fields returns a copy")
	assert.Equal(t, 11, l.Field("6a").Start, "Field returns a copy")
	f1, f2 := format(), format()
	f1.Layouts[0] = nil
	assert.NotNil(t, f2.Layouts[0], "every Format value has its own slice")
}

func TestWriterRefusesRecordAndStaysUsable(t *testing.T) {
	var buf bytes.Buffer
	w := record.NewWriter(&buf, format(), "")
	err := w.Write(&tf001v10.Regel{Omschrijving: "TE LANGE TEKST"})
	assert.ErrorIs(t, err, record.ErrTooLong)
	require.NoError(t, w.Write(&tf001v10.Regel{Omschrijving: "GOED"}))
	require.NoError(t, w.Flush())
	assert.Equal(t, 30, buf.Len())
	assert.Equal(t, "0001", buf.String()[6:10], "the refused record took no order number")
}

func TestReuseRecordAllocatesNothing(t *testing.T) {
	data := bytes.Repeat(sample(t)[26:], 1000)
	allocs := testing.AllocsPerRun(5, func() {
		r := record.NewReader(bytes.NewReader(data), format(), record.ReaderOptions{ReuseRecord: true})
		for {
			if _, _, err := r.Next(); err != nil {
				break
			}
		}
	})
	// A reader, its scanner buffer and a converted block per 256 KiB: nothing per record.
	assert.Less(t, allocs, 20.0, "allocations per 2000 records")
}

func TestRandomRecordsRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	f := format()
	for _, l := range f.Layouts {
		for range 500 {
			line := fwtest.RandomRecord(l, rnd)
			rec := f.New(l.Code())
			require.NoError(t, rec.Parse(string(line)))
			out, err := rec.AppendTo(nil)
			require.NoError(t, err)
			require.Equal(t, string(line), string(out))
		}
	}
}

func TestErrorMessages(t *testing.T) {
	for _, tt := range []struct {
		err  *record.Error
		want string
	}{
		{&record.Error{Line: 5, Err: record.ErrRecordLength, Detail: "want 310 positions, have 0"}, "line 5: wrong record length: want 310 positions, have 0"},
		{&record.Error{Line: 2, Record: "\x1b[", Position: 1, Err: record.ErrRecordCode}, `line 2: record \x1b[ position 1: wrong or unknown record type`},
		{&record.Error{Record: "04", Field: "0403", FieldName: "BSN", Position: 17, Err: record.ErrNotDigit}, "record 04 field 0403 (BSN) position 17: expected a digit"},
	} {
		assert.Equal(t, tt.want, tt.err.Error())
	}
}

// The Appender gives the Writer's bytes: the same records numbered and sealed (the
// hand-checked fields of TestFixedLengthFormatRoundTrip), after what dst held; a record
// it refuses is not appended and takes no order number; with a line break, one between
// records and none at the end.
func TestAppenderAsTheWriter(t *testing.T) {
	want := sample(t)
	a := record.NewAppender([]byte("kept"), format(), "")
	require.NoError(t, a.Append(&tf001v10.Zending{Afzender: "ZORGKAS", DatumAanmaak: civil.NewDate(2025, time.December, 1)}))
	err := a.Append(&tf001v10.Regel{Omschrijving: "TE LANGE TEKST"})
	assert.ErrorIs(t, err, record.ErrTooLong)
	require.NoError(t, a.Append(&tf001v10.Regel{Bedrag: money.Cents(-12345), Omschrijving: "KAMER"}))
	require.NoError(t, a.Append(&tf001v10.Regel{Bedrag: money.Cents(500), Omschrijving: "MAALTIJD"}))
	assert.Equal(t, "kept"+string(want), string(a.Bytes()))
	assert.Equal(t, 3, a.Records())

	f := format()
	f.Breaks = true
	b := record.NewAppender(nil, f, "\r\n")
	b.AppendRaw(want[:26], false)
	b.AppendRaw(want[26:56], true)
	assert.Equal(t, string(want[:26])+"\r\n"+string(want[26:56]), string(b.Bytes()))
}
