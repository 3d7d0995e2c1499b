// Package record is the fixed-width core of the module, shared by EI, Q and VSB: the
// layout of a record (Layout, Field: ids, names, positions, types, obligations, value
// lists, roles and personal-data kinds), the codec the generated record types parse and
// format with (Decoder, Encoder), scanners that frame a stream into records by line break
// or by fixed length without breaks (LineScanner, FixedScanner), a Format with its Reader
// and Writer, record-level check numbers (Seal, Verify), and Error, the one positioned
// error: it says where in a stream, record and field something is wrong. On top of that it
// holds what every EI standard shares at run time: Standard (the layouts of one standard
// version), the Record interface the generated record types implement, and the EI record
// codes.
//
// The generated packages under ei/standards, q/standards and vsb/efact build on it; tools
// use the metadata to show, check or convert fields without knowing the Go types:
//
//	std := gz321v10.Standard()
//	for _, f := range std.Layout("04").Fields() {
//		fmt.Println(f.Number, f.Name, f.Start, f.End, f.Type, f.Obligation, f.ValueList)
//	}
//
// Field access on a formatted record, for code that works from the layout rather than the
// generated types (the return writer and checker, builders, validators), by field
// (FieldText, FieldInt, PutInt, PutText) or by field index (FieldTextAt, FieldIntAt,
// FieldDigits, PutIntAt, PutTextAt, PutDigits); amounts signed by their debet/credit field
// (SignedAt, PutSignedAt, SignedSum over the fields of a role); an empty record to fill
// (AppendBlank). Fields are found by id (Layout.Field, Layout.Index) or by role
// (Layout.Role, Layout.RoleIndex, Layout.RoleIndexes):
//
//	l := std.Layout("04")
//	n, err := record.FieldInt(line, l, l.Field("0402"))
//	declared, err := record.SignedSum(line, l, record.RoleDeclared)
//
// Field types: N (digits, right-aligned, zero-padded), AN (left-aligned, space-padded,
// Latin-1 in the file, UTF-8 in Go) and SN (a sign '+' or '-' followed by digits). Field
// ids are free-form ("0403", "5", "6a", "99"); record codes sit at a position and width the
// format chooses.
//
// Values: AN fields are strings (trailing spaces removed); N fields are int64; dates
// (EEJJMMDD) are Date, whose zero value is the empty date 00000000; amounts are Money, an
// exact number of euro cents in an int64, unsigned in EI, with their debet/credit indicator
// kept in its own field as in the record; the BSN is a BSN, which masks itself in every fmt
// verb, in JSON and in slog (Digits gives it in full). Money, Date and BSN are the types of
// the packages ei/money, ei/civil and ei/bsn, named here so that generated code needs one
// import. Typed records print and encode with their personal data masked (Masked); AppendTo
// writes them in full. A Layout and a Standard cannot be changed: their accessors return
// copies.
package record
