package record

import "fmt"

// SignedAt returns amount field i of the formatted record rec, negative when the field's
// debet/credit field (Field.Sign, COD043) holds C. It is the one place where an EI amount
// is signed by its D/C field: readers, the Writer's totals (ei.Totals), returns and
// validation all sign amounts through it. An amount without a debet/credit field is
// returned as it stands.
func SignedAt[T ~string | ~[]byte](rec T, l *Layout, i int) (int64, error) {
	v, err := FieldIntAt(rec, l, i)
	if err != nil {
		return 0, err
	}
	if s := l.fields[i].Sign; s >= 0 && IsCredit(FieldTextAt(rec, l, s)) {
		v = -v
	}
	return v, nil
}

// SignedSum returns the sum of the amount fields of role r in the formatted record rec,
// each signed by its debet/credit field (SignedAt): the declared amount of a detail record
// (RoleDeclared), the total of a trailer (RoleTotalDeclared, RoleTotalAllowed). It is 0
// when the layout has no field of the role. The first field that does not hold digits is
// the error.
func SignedSum[T ~string | ~[]byte](rec T, l *Layout, r Role) (int64, error) {
	var sum int64
	for i := range l.fields {
		if l.fields[i].Role != r {
			continue
		}
		v, err := SignedAt(rec, l, i)
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil
}

// IsCredit reports whether a debet/credit field (COD043) holds C.
func IsCredit[T ~string | ~[]byte](dc T) bool { return len(dc) == 1 && dc[0] == 'C' }

// PutSignedAt writes the signed amount cents into amount field i of the formatted record
// rec: its absolute value into the field and D or C into its debet/credit field. A
// negative amount in a field without a debet/credit field is an error.
func PutSignedAt(rec []byte, l *Layout, i int, cents int64) error {
	f := &l.fields[i]
	abs := cents
	if abs < 0 {
		abs = -abs
	}
	if err := PutIntAt(rec, l, i, abs); err != nil {
		return err
	}
	if f.Sign < 0 {
		if cents < 0 {
			return fmt.Errorf("field %s: negative amount without a debet/credit field", f.Number)
		}
		return nil
	}
	dc := "D"
	if cents < 0 {
		dc = "C"
	}
	return PutTextAt(rec, l, f.Sign, dc)
}
