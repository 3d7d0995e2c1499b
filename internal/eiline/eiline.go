package eiline

import (
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Format returns the formatted record (without line break).
func Format(rec record.Record) ([]byte, error) {
	return rec.AppendTo(nil)
}

// Blank returns an empty record of layout l: its record code, zeros in N fields and
// spaces in AN fields.
func Blank(l *record.Layout) []byte {
	b := make([]byte, l.Length())
	fs := l.Fields()
	for i := range fs {
		f := &fs[i]
		c := byte(' ')
		if f.Type == record.Numeric {
			c = '0'
		}
		for p := f.Start - 1; p < f.End; p++ {
			b[p] = c
		}
	}
	copy(b, l.Code())
	return b
}

// Raw returns the positions of field number in line, or "" when the layout has no such
// field or the line is too short.
func Raw(line []byte, l *record.Layout, number string) string {
	f := l.Field(number)
	if f == nil || f.End > len(line) {
		return ""
	}
	return string(line[f.Start-1 : f.End])
}

// Text returns field number without trailing spaces, Latin-1 converted to UTF-8.
func Text(line []byte, l *record.Layout, number string) string {
	return record.DecodeText(Raw(line, l, number))
}

// Field returns the field of l with the given number, or an error naming the standard's
// record type.
func Field(l *record.Layout, number string) (*record.Field, error) {
	f := l.Field(number)
	if f == nil {
		return nil, fmt.Errorf("record %s has no field %s", l.Code(), number)
	}
	return f, nil
}

// SetText writes an AN field (or the digits of an N field, right-aligned).
func SetText(line []byte, l *record.Layout, number, v string) error {
	f, err := Field(l, number)
	if err != nil {
		return err
	}
	return PutText(line, l, f, v)
}

// PutText writes v into field f: left-aligned for AN, as digits for N.
func PutText(line []byte, l *record.Layout, f *record.Field, v string) error {
	if f.Type == record.Numeric {
		if len(v) > f.Length {
			return fmt.Errorf("field %s: %d digits do not fit %d positions", f.Number, len(v), f.Length)
		}
		for i := 0; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				return fmt.Errorf("field %s: N field takes digits only", f.Number)
			}
		}
		pad := strings.Repeat("0", f.Length-len(v))
		copy(line[f.Start-1:f.End], pad+v)
		return nil
	}
	return record.PutText(line, l, f, v)
}

// SetInt writes an N field.
func SetInt(line []byte, l *record.Layout, number string, v int64) error {
	f, err := Field(l, number)
	if err != nil {
		return err
	}
	return record.PutInt(line, l, f, v)
}

// Int returns an N field as a number.
func Int(line []byte, l *record.Layout, f *record.Field) (int64, error) {
	return record.FieldInt(line, l, f)
}

// Signed returns amount field f in cents, negative when its debet/credit field holds C
// (record.SignedAt).
func Signed(line []byte, l *record.Layout, f *record.Field) (int64, error) {
	return record.SignedAt(line, l, l.Index(f.Number))
}

// PutSigned writes a signed amount in cents into amount field f and D or C into its
// debet/credit field (record.PutSignedAt).
func PutSigned(line []byte, l *record.Layout, f *record.Field, cents int64) error {
	return record.PutSignedAt(line, l, l.Index(f.Number), cents)
}

// ByRole returns the fields of l with role r, in order.
func ByRole(l *record.Layout, r record.Role) []*record.Field {
	var out []*record.Field
	for i := 0; i < l.NumFields(); i++ {
		if f := l.FieldIndex(i); f.Role == r {
			out = append(out, &f)
		}
	}
	return out
}

// SumRole returns the signed sum in cents of the fields of role r in line.
func SumRole(line []byte, l *record.Layout, r record.Role) (int64, error) {
	var sum int64
	for _, f := range ByRole(l, r) {
		v, err := Signed(line, l, f)
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil
}

// DetailID returns the identificatie detailrecord of line (for a comment record the
// number of the record it belongs to), and false when the record type has none.
func DetailID(line []byte, l *record.Layout) (int64, bool) {
	f := l.Role(record.RoleDetailID)
	if f == nil {
		f = l.Role(record.RoleParentRef)
	}
	if f == nil {
		return 0, false
	}
	v, err := record.FieldInt(line, l, f)
	return v, err == nil
}

// Extension returns the fields of a return layout of the given kind that have no role (or
// the role calculated: berekend bedrag zorgverzekeraar) and lie beyond the declaration's
// record length.
func Extension(l *record.Layout, declLength int, kind record.Kind) []*record.Field {
	var out []*record.Field
	for i := 0; i < l.NumFields(); i++ {
		if f := l.FieldIndex(i); f.Start > declLength && f.Kind == kind && (f.Role == record.RoleNone || f.Role == record.RoleCalculated) {
			out = append(out, &f)
		}
	}
	return out
}
