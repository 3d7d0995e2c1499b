// Package money holds the one money type of the module: an exact amount in euro cents.
//
// Packages re-export it under their own names (record.Money): it is one type.
package money
