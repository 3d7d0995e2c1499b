package ei_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

// TestReaderNewRecordsKept: without ReuseRecord every record Next returns is a value of
// its own (the Reader takes them from batches): records kept while reading on hold what
// ParseRecord makes of their lines, over many batches of every type.
func TestReaderNewRecordsKept(t *testing.T) {
	var buf bytes.Buffer
	if err := eitest.WriteGZ321(&buf, eitest.Options{Verzekerden: 300}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	r := ei.NewReader(bytes.NewReader(buf.Bytes()), ei.ReaderOptions{Registry: standards.Registry()})
	var kept []ei.Entry
	for e, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, e)
	}
	if len(kept) != len(lines) {
		t.Fatalf("%d records, want %d", len(kept), len(lines))
	}
	std, _ := r.Standard()
	for i, e := range kept {
		want, err := ei.ParseRecord(std, strings.TrimSuffix(lines[i], "\r"))
		if err != nil {
			t.Fatal(err)
		}
		if e.Line != i+1 || !reflect.DeepEqual(e.Record, want) {
			t.Fatalf("line %d: kept record %+v, want %+v", i+1, e.Record, want)
		}
	}
}
