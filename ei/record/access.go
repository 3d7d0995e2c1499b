package record

// Field access on formatted records: read and patch the fields of a record as it stands in
// a file (one record, without its line break) by the layout alone, without its generated
// Go type. Readers, writers, the return writer and validators of every standard use these,
// so that they work from the layout. Each operation comes in two forms: by field (f, a field
// of l as l.Field, l.Role or l.FieldIndex return it) and by field index (i, as l.Index and
// l.RoleIndex return it; the form to use in loops).
//
//	read:  FieldText/FieldTextAt (raw text; DecodeText trims and converts it),
//	       FieldInt/FieldIntAt, FieldDigits, SignedAt (an amount signed by its D/C field),
//	       SignedSum (the signed sum of the fields of a role)
//	write: AppendBlank (an empty record), PutText/PutTextAt, PutInt/PutIntAt, PutDigits,
//	       PutSignedAt (an amount and its D/C field)
//
// The functions check what they write (a value that does not fit its field is an error,
// never truncated) and return *Error saying which field. They do not check the record's
// length: rec must be a record of layout l.

// FieldText returns the raw text of field f in rec (no trimming, no conversion).
func FieldText[T ~string | ~[]byte](rec T, f *Field) T { return rec[f.Start-1 : f.End] }

// FieldInt returns N or SN field f of rec as an integer.
func FieldInt[T ~string | ~[]byte](rec T, l *Layout, f *Field) (int64, error) {
	return FieldIntAt(rec, l, l.Index(f.Number))
}

// PutInt overwrites N or SN field f of the formatted record rec with v.
func PutInt(rec []byte, l *Layout, f *Field, v int64) error {
	return PutIntAt(rec, l, l.Index(f.Number), v)
}

// PutText overwrites field f of the formatted record rec with the text v, as PutTextAt.
func PutText(rec []byte, l *Layout, f *Field, v string) error {
	return PutTextAt(rec, l, l.Index(f.Number), v)
}

// AppendBlank appends an empty record of layout l to dst and returns the extended buffer:
// its record code, zeros in N fields (reserves included), a sign and zeros in SN fields,
// spaces in AN fields. It is the record a writer starts from before it puts the fields it
// has; for the layouts of EI it is what formatting a new typed record gives.
func AppendBlank(dst []byte, l *Layout) []byte {
	start := len(dst)
	dst = pad(dst, spaces, l.length)
	b := dst[start:]
	for i := range l.fields {
		f := &l.fields[i]
		if !f.Type.IsNumeric() {
			continue
		}
		for p := f.Start - 1; p < f.End; p++ {
			b[p] = '0'
		}
		if f.Type == Signed {
			b[f.Start-1] = '+'
		}
	}
	if len(l.fields) > 0 {
		copy(b[l.fields[0].Start-1:l.fields[0].End], l.code)
	}
	return dst
}
