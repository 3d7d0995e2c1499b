package roundtrip

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/fwtest"
	q "github.com/zorgbericht/zorgbericht/q/standards"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/segments/seg920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/segments/segreplyv20"
)

type format struct {
	name    string
	layouts []*record.Layout
	new     func(code string) record.Record
}

func formats() []format {
	var out []format
	for _, list := range [][]*record.Standard{standards.All(), q.All()} {
		for _, std := range list {
			out = append(out, format{std.ID(), std.Records(), std.NewRecord})
		}
	}
	for _, f := range []*record.Format{ef920000v20.Format(), ef920900v20.Format()} {
		out = append(out, format{f.Name, f.Layouts, f.New})
	}
	// The positional segments (no record code: their first zone is data).
	out = append(out, format{"SEG920000 2.0", seg920000v20.Layouts(), seg920000v20.New},
		format{"SEGREPLY 2.0", segreplyv20.Layouts(), segreplyv20.New})
	return out
}

// TestRandomRecordsRoundTrip: for every record type of every EI, Q and VSB standard, 300
// random records the layout allows parse and format back to the same bytes.
func TestRandomRecordsRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(20261201, 2))
	n := 0
	for _, f := range formats() {
		for _, l := range f.layouts {
			for range 300 {
				line := fwtest.RandomRecord(l, rnd)
				rec := f.new(l.Code())
				if rec == nil {
					t.Fatalf("%s: no typed record %s", f.name, l.Code())
				}
				if err := rec.Parse(string(line)); err != nil {
					t.Fatalf("%s record %s: a random valid record does not parse: %v", f.name, l.Code(), err)
				}
				out, err := rec.AppendTo(nil)
				if err != nil {
					t.Fatalf("%s record %s: a parsed record does not format: %v", f.name, l.Code(), err)
				}
				if !bytes.Equal(out, line) {
					t.Fatalf("%s record %s: format(parse(x)) != x\n x: %q\nfx: %q", f.name, l.Code(), line, out)
				}
				n++
			}
		}
	}
	if len(formats()) < 34 {
		t.Errorf("only %d formats", len(formats()))
	}
	t.Logf("%d records round-tripped", n)
}
