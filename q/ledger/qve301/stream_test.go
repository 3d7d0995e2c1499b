package qve301_test

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

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
