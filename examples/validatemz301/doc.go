// Command validatemz301 validates MZ301 1.3 declaration files (medisch specialistische
// zorg) and nothing else. It is the smallest program that validates: it gives the
// validator a registry of the one standard it handles, so it links one generated package
// (ei/standards/mz301v13), not the catalogue of every standard:
//
//	go run ./examples/validatemz301 FILE...
//
// A file of another standard is reported as one whose standard the validator does not
// know (N1-STANDARD). The exit status is 1 when a file has errors, 2 when one cannot be
// read.
package main
