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

// TestReaderTextAndBreak: Text and LastBreak give each record's line and the break that
// ended it: "\r\n", "\n", or "" for a last line without one.
func TestReaderTextAndBreak(t *testing.T) {
	var buf bytes.Buffer
	if err := eitest.WriteGZ321(&buf, eitest.Options{Verzekerden: 2}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	breaks := make([]string, len(lines))
	var in strings.Builder
	for i, l := range lines {
		breaks[i] = []string{"\r\n", "\n"}[i%2]
		if i == len(lines)-1 {
			breaks[i] = ""
		}
		in.WriteString(l + breaks[i])
	}
	r := ei.NewReader(strings.NewReader(in.String()), ei.ReaderOptions{Registry: standards.Registry()})
	n := 0
	for e, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		if r.Text() != lines[n] || r.LastBreak() != breaks[n] || e.Line != n+1 {
			t.Fatalf("record %d: line %d, Text %q, LastBreak %q; want line %d, %q, %q", n, e.Line, r.Text(), r.LastBreak(), n+1, lines[n], breaks[n])
		}
		n++
	}
	if n != len(lines) {
		t.Fatalf("%d records, want %d", n, len(lines))
	}
}
