// Package efact holds the generated record types of the eFact facturatiebestand as
// Vlaamse Sociale Bescherming uses it: ef920000v20 (records 10 to 96 of a 920000) and
// ef920900v20 (records 91 and 92 of the afrekenbestand), generated from the spec files
// in ../specs/records by the project's generator on the shared fixed-width core.
//
// Package vsb builds on them; use vsb.Format() for the format with its check-number
// function set.
package efact

//go:generate go run ../../gen generate -specs ../specs/records -out . -pkg github.com/zorgbericht/zorgbericht/vsb/efact
