// Package record holds what every EI standard shares at run time: the layout metadata
// of a standard (Standard, Layout, Field — record codes, field numbers, names, positions,
// types, obligations, value lists), the Date type, the Record interface the generated
// record types implement, the Decoder and Encoder they parse and format with, and Error,
// which says where in a record something is wrong.
//
// The generated packages under ei/standards build on it; tools use the metadata to show,
// check or convert fields without knowing the Go types:
//
//	std := gz321v10.Standard()
//	for _, f := range std.Layout("04").Fields() {
//		fmt.Println(f.Number, f.Name, f.Start, f.End, f.Type, f.Obligation, f.ValueList)
//	}
//
// Values: AN fields are strings (trailing spaces removed, Latin-1 in the file, UTF-8 in Go);
// N fields are int64; dates (EEJJMMDD) are Date, whose zero value is the empty date
// 00000000; amounts are Money, an exact number of euro cents in an int64 (m.Decimal() to
// compute with shopspring/decimal), unsigned, with their debet/credit indicator kept in its
// own field as in the record; the BSN is a BSN, which masks itself in every fmt verb, in
// JSON and in slog (Digits gives it in full). Typed records print and encode with their
// personal data masked (Masked); AppendTo writes them in full.
//
// The layout types are those of the module's format-neutral fixed-width layer (shared
// with Q and VSB), re-exported here: Layout, Field, Money, BSN and Date are aliases. A
// Layout and a Standard cannot be changed: their accessors return copies.
package record
