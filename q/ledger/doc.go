// Package ledger keeps the books of Vektis's schadelastinformatie warehouse for Q
// deliveries (QVE301 and the other Q standards): which prestatierecords are active, which
// file made each one active and which file or closing closed it, and the delivery rules
// across files of seed 003 §2.3.5 (Vektis, Invulinstructie QVE301/QVE302 v1.0).
//
// The model is independent of the record layout: a Delivery is a Header (UZOVI-nummer
// indiener 0106, bron-id 0111, referentienummer 0110, dagtekening aanmaak 0107,
// verwerkingsperiode 0108–0109) and its Records (identificatie prestatierecord 0450,
// gerelateerd debet 0451, risicodrager 0404, verwerkingsdatum, amounts as money.Money: exact euro cents, stored as integer cents).
// NewHeader and NewRecord convert the plain field values a reader gives.
//
// # What a delivery does
//
// The ledger does what the warehouse does. Deliveries are applied in the order of their
// referentienummer. Applying a file closes every active record of the same indiener and
// bron-id whose verwerkingsdatum lies in the file's verwerkingsperiode, whatever file
// delivered it, and makes the file's own records active (tables 2-4 and 2-8). ClosePeriod
// closes a period on request without new records (§2.3.5.2 item 5, table 2-9). Plan tells
// beforehand what a file would close (and of that, what it does not replace), add and
// leave counted twice beside another indiener's records, and which delivery rules it
// breaks. Each rule has a Code (QL001…).
//
// Apply refuses (a *RefusedError, the ledger unchanged) only what the warehouse cannot
// read: a period that is not 1 to 31 days, a referentienummer used before or lower than
// one applied, a second file with the same period on one day, a re-delivery on the day of
// the original. What seed 003 calls the insurer's error (table 2-3) is applied with a
// warning, with the consequences the seed describes: records of a risicodrager/volmacht
// the file leaves out are closed and not replaced (QL030), a new risicodrager/volmacht is
// noted (QL031), another indiener's records of the same risicodrager/volmacht stay active
// and the schade counts twice (QL032). Options.PreFlight refuses those too, as an insurer
// checking before sending wants. The unit of the selection is risicodrager/volmacht
// (Unit): a risicodrager without claims in a day file is no change, and schade a
// volmacht delivers itself stands beside the risicodrager's own. The rules of one file's
// content (q.RuleSet, with the ledger as its History) are applied by package
// q/ledger/qve301 (Check) before a plan or apply.
//
// # Storage
//
// The package links no database driver: q/ledger/sqlite opens an embedded SQLite file
// (pure Go, no cgo, WAL mode) and q/ledger/postgres a PostgreSQL server, each with
// OpenOptions (ReadOnly refuses what is not a ledger and never creates one; the schema is
// migrated only when it is behind). Applying a delivery is one transaction: an error, a
// cancelled context or a killed process leaves the ledger as it was. On PostgreSQL applies
// of different indieners run at the same time and those of one indiener and bron-id take
// turns (Store.Update's key); readers never wait. Records are inserted in batches
// (multi-row INSERT on SQLite, COPY on PostgreSQL) and counted per day (risicodrager,
// volmacht, verwerkingsdatum) in a small table that also says what closed them: closing a
// period changes those day counts, not every record, and the plan's groups are read from
// them. A Delivery whose Source
// streams its records (qve301.Stream) is applied in one pass that holds none of them.
//
// Quick start:
//
//	l, err := sqlite.Open(ctx, "warehouse.db", ledger.OpenOptions{}) // or postgres.Open(ctx, url, ...)
//	if err != nil { ... }
//	defer l.Close()
//	plan, err := l.Plan(ctx, delivery, ledger.Options{}) // what would it close, replace, add?
//	for _, f := range plan.Findings { fmt.Println(ledger.FindingText(f)) } // validate.Findings, level N6
//	if _, err := l.Apply(ctx, delivery, ledger.Options{}); errors.Is(err, ledger.ErrRefused) { ... }
//	err = l.Records(ctx, ledger.Query{Indiener: "9964"}, func(r ledger.RecordState) error { ... })
package ledger
