// Package vsb will hold the Flemish VSB facturatiebestand (the Belgian eFact format) and
// its DF reply messages, for both sides.
//
// Nothing is implemented yet.
package vsb
