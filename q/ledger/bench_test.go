//go:build integration

package ledger

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// million is a delivery of 1,000,000 records: January 2016 for the four CZ risicodragers.
func million(ref int64, aanmaak string) *Delivery {
	dl := bigRedelivery(1_000_000)
	dl.Header.Referentienummer = ref
	dl.Header.DagtekeningAanmaak = d(aanmaak)
	for i := range dl.Records {
		dl.Records[i].Identificatie = fmt.Sprintf("%d-%08d", ref, i)
	}
	return dl
}

// BenchmarkApply1M applies a delivery of 1,000,000 records to an empty ledger ("new") and
// a re-delivery of 1,000,000 records that closes the 1,000,000 of the first ("redelivery"),
// on every configured database. Run it with -benchtime=1x; it reports records/s.
func BenchmarkApply1M(b *testing.B) {
	ctx := context.Background()
	first, second := million(1, "20160206"), million(2, "20160219")
	for _, db := range databases() {
		for _, redeliver := range []bool{false, true} {
			name := db.name + "/new"
			if redeliver {
				name = db.name + "/redelivery"
			}
			b.Run(name, func(b *testing.B) {
				var total time.Duration
				for b.Loop() {
					b.StopTimer()
					l := openLedger(b, db.dsn(b))
					dl := first
					if redeliver {
						if _, err := l.Apply(ctx, first, Options{}); err != nil {
							b.Fatal(err)
						}
						dl = second
					}
					b.StartTimer()
					start := time.Now()
					p, err := l.Apply(ctx, dl, Options{})
					total += time.Since(start)
					if err != nil {
						b.Fatal(err)
					}
					if redeliver && p.Closed() != 1_000_000 {
						b.Fatalf("closed %d", p.Closed())
					}
					b.StopTimer()
					l.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(b.N)*1_000_000/total.Seconds(), "records/s")
			})
		}
	}
}
