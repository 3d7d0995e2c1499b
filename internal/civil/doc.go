// Package civil holds the one calendar-date type of the module: the date of an EI field
// (EEJJMMDD), of a COV query and of a VSB zone. The zero Date is the empty date.
//
// Packages re-export it under their own names (record.Date, cov.Date): they are one type.
package civil
