// Package fixedwidth is the format-neutral fixed-width layer that EI, Q and VSB share:
// layouts (Layout, Field: ids, names, positions, types, obligations, roles), the codec the
// generated record types parse and format with (Decoder, Encoder), scanners that frame a
// stream into records by line break or by fixed length without breaks (LineScanner,
// FixedScanner), record-level check numbers (Format.Check) and Error, which says where in
// a stream, record and field something is wrong.
//
// It knows nothing of EI: record roles such as voorloop/sluit, EI message codes and
// debet/credit signs belong to package ei. Users reach this package's types through
// their format's package (record.Layout, record.Field, record.Money, …): those are
// aliases of the types here.
//
// Field types: N (digits, right-aligned, zero-padded), AN (left-aligned, space-padded,
// Latin-1) and SN (a sign '+' or '-' followed by digits). Field ids are free-form ("0403",
// "5", "6a", "99"); record codes sit at a position and width the format chooses.
package fixedwidth
