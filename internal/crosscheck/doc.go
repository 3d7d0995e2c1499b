// Package crosscheck holds the tests that check the project's layouts against the
// official Vektis BER exports in ../shared/vektis/ber: every field of every standard with
// an official BER agrees with the BER on start, length, type, obligation, element code and
// value list, read by a reader of its own (not the importer the specs were made with); and
// the importer, run again on each BER, gives the committed spec file byte for byte.
//
// It has no code; run its tests with
//
//	go test ./internal/crosscheck
//
// and, after a deliberate change of the importer, rewrite the spec files with
//
//	go test ./internal/crosscheck -run TestImportGolden -update
//	go generate ./...
package crosscheck
