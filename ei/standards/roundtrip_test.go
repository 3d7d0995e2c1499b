package standards_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/fwtest"
)

// TestRandomRecordsRoundTrip: for every record type of every standard, random records the
// layout allows parse and format back to exactly the same bytes.
func TestRandomRecordsRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(20261201, 1))
	for _, std := range standards.All() {
		for _, l := range std.Records() {
			for range 200 {
				line := fwtest.RandomRecord(l, rnd)
				rec, err := ei.ParseRecord(std, string(line))
				if err != nil {
					t.Fatalf("%s record %s: random valid record does not parse: %v", std.ID(), l.Code(), err)
				}
				out, err := rec.AppendTo(nil)
				if err != nil {
					t.Fatalf("%s record %s: parsed record does not format: %v", std.ID(), l.Code(), err)
				}
				if !bytes.Equal(out, line) {
					t.Fatalf("%s record %s: format(parse(x)) != x\n x: %q\nfx: %q", std.ID(), l.Code(), line, out)
				}
			}
		}
	}
}

// TestRegistryHasEveryStandard: the generated catalogue builds a registry (no two
// standards claim the same EI code and version).
func TestRegistryHasEveryStandard(t *testing.T) {
	if got, want := len(standards.Registry().All()), len(standards.All()); got != want || got < 30 {
		t.Fatalf("registry has %d standards, catalogue %d", got, want)
	}
}
