// Package ahead runs the producer of a stream of values on a goroutine of its own, a few
// batches ahead of their consumer: on two cores the wall time of the two is then the
// slower one's, not their sum. q apply reads and parses the file ahead of the Q rules
// (qve301.Stream) and takes the next batch of records while the database inserts the
// one before (ledger.InsertRecords).
package ahead
