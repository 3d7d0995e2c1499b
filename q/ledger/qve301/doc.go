// Package qve301 reads QVE301 files (schadelastinformatie vervoer, EI code 542) into the
// ledger's model of a delivery. It is the adapter between the record layout
// (q/standards/qve301v10, a reconstruction: see specs/q/QVE301v1.0.notes.md) and package
// ledger: it takes the text of the fields the ledger needs by field number and hands it to
// ledger.NewHeader and ledger.NewRecord.
//
// It checks the structure a delivery needs (one voorlooprecord first, prestatierecords,
// one sluitrecord last whose count matches); the field rules of QVE301 are the Q
// validator's.
//
// Quick start:
//
//	f, err := os.Open("jan-3.asc")
//	if err != nil { ... }
//	defer f.Close()
//	d, err := qve301.Read(f, "jan-3.asc") // a *ledger.Delivery
//	plan, err := l.Plan(ctx, d, ledger.Options{})
package qve301
