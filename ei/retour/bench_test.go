package retour_test

import (
	"bytes"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
)

// BenchmarkBuildReturn measures answering a 10 MB MZ301 declaration as the insurer with
// every tenth prestatie rejected (MB/s of the declaration).
func BenchmarkBuildReturn(b *testing.B) {
	var buf bytes.Buffer
	if err := eitest.WriteMZ301(&buf, eitest.Options{Verzekerden: 8400}); err != nil {
		b.Fatal(err)
	}
	decl, err := ei.ReadFile(bytes.NewReader(buf.Bytes()), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		b.Fatal(err)
	}
	var out retour.Outcomes
	n := 0
	for _, v := range decl.Verzekerden {
		for _, p := range v.Prestaties {
			if n++; n%10 == 0 {
				out.Reject(retour.Key{Record: record.CodePrestatie, ID: p.Record.(record.Detail).DetailID()}, "0586")
			}
		}
	}
	opts := retour.Options{Role: retour.Insurer, Registry: standards.Registry(), Dagtekening: civil.NewDate(2026, 1, 15), Referentie: "ZV-BENCH"}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := retour.Build(decl, out, opts); err != nil {
			b.Fatal(err)
		}
	}
}
