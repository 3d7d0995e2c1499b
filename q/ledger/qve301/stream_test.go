package qve301_test

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/qtest"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
)

// Stream gives the header at once and, through Source, the records Read gives; a
// structure error comes out of Source.
func TestStream(t *testing.T) {
	want := delivery()
	b := qtest.MustQVE301(want)
	opens := 0
	open := func(b []byte) func() (io.ReadCloser, error) {
		return func() (io.ReadCloser, error) { opens++; return io.NopCloser(bytes.NewReader(b)), nil }
	}
	got, err := qve301.Stream(open(b), "t.asc", int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Header != want.Header || got.Name != "t.asc" || got.Count != len(want.Records) || got.Records != nil {
		t.Errorf("stream %+v, want header %+v and Count %d", got, want.Header, len(want.Records))
	}
	var recs []ledger.Record
	if err := got.Each(func(r *ledger.Record) error { recs = append(recs, *r); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs, want.Records) || opens != 2 {
		t.Errorf("records %+v (opened %d times), want %+v (opened twice)", recs, opens, want.Records)
	}
	lines := strings.SplitAfter(string(b), "\n")
	short := []byte(lines[0] + lines[1] + lines[3]) // 9902 says 2, the file has 1
	bad, err := qve301.Stream(open(short), "t.asc", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Each(func(*ledger.Record) error { return nil }); !errors.Is(err, qve301.ErrStructure) {
		t.Errorf("count mismatch through Source: %v, want a structure error", err)
	}
}

// Source reads ahead on a goroutine of its own (several batches in flight): over many
// batches it gives Read's records in file order; the first error of fn ends it, fn is not
// called again and that error is returned; an error of the file comes after every record
// before it.
func TestStreamReadAhead(t *testing.T) {
	const n = 5000 // batches of 1,024: five, the last one short
	d := delivery()
	base := d.Records[0]
	d.Records = make([]ledger.Record, n)
	for i := range d.Records {
		r := base
		r.Detail = int64(i + 1)
		r.Identificatie = strconv.Itoa(100000 + i)
		d.Records[i] = r
	}
	b := qtest.MustQVE301(d)
	open := func(b []byte) func() (io.ReadCloser, error) {
		return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	want, err := qve301.Read(bytes.NewReader(b), "t.asc")
	if err != nil {
		t.Fatal(err)
	}
	s, err := qve301.Stream(open(b), "t.asc", int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var got []ledger.Record
	if err := s.Each(func(r *ledger.Record) error { got = append(got, *r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != n || !reflect.DeepEqual(got, want.Records) {
		t.Fatalf("Source gave %d records, want Read's %d in the same order", len(got), len(want.Records))
	}

	stop := errors.New("stop here")
	calls := 0
	err = s.Each(func(r *ledger.Record) error {
		calls++
		if r.Detail == 3000 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 3000 {
		t.Errorf("fn failing at record 3000: %v after %d calls, want its error after 3000", err, calls)
	}

	// The line of record 4,501 (line 4,502) cut short: records 1-4,500, then the structure
	// error (the last batch, short, comes before it).
	lines := strings.SplitAfter(string(b), "\n")
	lines[4501] = lines[4501][:100] + "\n"
	cut, err := qve301.Stream(open([]byte(strings.Join(lines, ""))), "t.asc", 0)
	if err != nil {
		t.Fatal(err)
	}
	calls = 0
	err = cut.Each(func(r *ledger.Record) error {
		calls++
		if r.Detail != int64(calls) {
			t.Fatalf("record %d has detail %d", calls, r.Detail)
		}
		return nil
	})
	var re *record.Error
	if !errors.As(err, &re) || re.Line != 4502 || !errors.Is(err, qve301.ErrStructure) || calls != 4500 {
		t.Errorf("a short line 4502: %v after %d records, want a structure error at line 4502 after 4500", err, calls)
	}
}
