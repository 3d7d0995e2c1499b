// Package ledger keeps the books of Vektis's schadelastinformatie warehouse for Q
// deliveries (QVE301 and the other Q standards): which prestatierecords are active, which
// file made each one active and which file or closing closed it, and the delivery rules
// across files of seed 003 §2.3.5 (Vektis, Invulinstructie QVE301/QVE302 v1.0).
//
// The model is independent of the record layout: a Delivery is a Header (UZOVI-nummer
// indiener 0106, bron-id 0111, referentienummer 0110, dagtekening aanmaak 0107,
// verwerkingsperiode 0108–0109) and its Records (identificatie prestatierecord 0450,
// gerelateerd debet 0451, risicodrager 0404, verwerkingsdatum, amounts in cents).
// NewHeader and NewRecord convert the plain field values a reader gives.
//
// # What a delivery does
//
// Deliveries are applied in the order of their referentienummer. Applying a file closes
// every active record of the same indiener and bron-id whose verwerkingsdatum lies in the
// file's verwerkingsperiode, whatever file delivered it, and makes the file's own records
// active (tables 2-4 and 2-8). ClosePeriod closes a period on request without new records
// (§2.3.5.2 item 5, table 2-9). Plan tells beforehand what a file would close and add and
// which delivery rules it breaks; Apply refuses a file that breaks one (a *RefusedError)
// and leaves the ledger unchanged. Each rule has a Code (QL001…): a period of 1 to 31
// days, a referentienummer that is new and increasing, no second file with the same
// period on one day, no re-delivery on the day of the original, and the same risicodrager
// selection in every (re-)delivery from the same indiener (table 2-3).
//
// # Storage
//
// Open takes a file path, for an embedded SQLite database (pure Go, no cgo, created and
// migrated on first use), or a postgres:// URL, for a warehouse shared by many processes.
// Applying a delivery is one transaction: an error, a cancelled context or a killed process
// leaves the ledger as it was. Records are inserted in batches (multi-row INSERT on SQLite,
// COPY on PostgreSQL) and closed with one UPDATE; partial indexes on
// the active records keep closing and querying fast.
//
// Quick start:
//
//	l, err := ledger.Open(ctx, "warehouse.db") // or "postgres://user:pw@host/db"
//	if err != nil { ... }
//	defer l.Close()
//	plan, err := l.Plan(ctx, delivery, ledger.Options{}) // what would it close and add?
//	for _, f := range plan.Findings { fmt.Println(f) }
//	if _, err := l.Apply(ctx, delivery, ledger.Options{}); errors.Is(err, ledger.ErrRefused) { ... }
//	err = l.Records(ctx, ledger.Query{Indiener: "9964"}, func(r ledger.RecordState) error { ... })
package ledger
