package record_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz302v13"
)

// The positions below are those of the MZ302 1.3 BER (retourinformatie mondzorg): the
// prestatierecord has 370 positions; 0402 identificatie detailrecord N12 at 3-14, 0406
// machtigingsnummer AN15 at 43-57, 0413 prestatiecode AN6 at 76-81, 0430 declaratiebedrag
// N8 at 156-163 with its debet/credit 0431 at 164, 0483 toegekend bedrag N8 at 320-327
// with 0484 at 328, and the retourcodes 0496-0498 AN4 at 329-340.

func TestAppendBlank(t *testing.T) {
	l := mz302v13.Standard().Layout("04")
	line := record.AppendBlank([]byte("keep"), l)
	if string(line[:4]) != "keep" {
		t.Fatalf("the buffer's start was overwritten: %q", line[:4])
	}
	line = line[4:]
	if len(line) != 370 {
		t.Fatalf("length %d, want 370", len(line))
	}
	for _, tc := range []struct {
		start, end int // 1-based, inclusive
		want       string
	}{
		{1, 2, "04"},
		{3, 14, "000000000000"},
		{43, 57, strings.Repeat(" ", 15)},
		{156, 163, "00000000"},
		{164, 164, " "},
		{320, 328, "00000000 "},
		{329, 340, strings.Repeat(" ", 12)},
	} {
		if got := string(line[tc.start-1 : tc.end]); got != tc.want {
			t.Errorf("positions %d-%d: %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

// An empty record is what formatting a new typed record gives, for every record type of a
// declaration and a return standard: the field access and the generated code agree.
func TestAppendBlankIsTheEmptyTypedRecord(t *testing.T) {
	for _, std := range []*record.Standard{gz321v10.Standard(), mz302v13.Standard()} {
		for _, l := range std.Records() {
			want, err := std.NewRecord(l.Code()).AppendTo(nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := record.AppendBlank(nil, l); !bytes.Equal(got, want) {
				t.Errorf("%s record %s:\n got %q\nwant %q", std.ID(), l.Code(), got, want)
			}
		}
	}
}

func TestPutText(t *testing.T) {
	l := mz302v13.Standard().Layout("04")
	for _, tc := range []struct {
		field, value string
		want         string // the field's positions after the write; "" for an error
		err          error
		pos          int // the error's position
	}{
		{"0413", "A123", "A123  ", nil, 0},
		{"0413", "", "      ", nil, 0},
		{"0413", "ABCDEFG", "", record.ErrTooLong, 76},
		{"0413", "A\x01", "", record.ErrCharset, 77},
		{"0402", "7", "000000000007", nil, 0}, // N: digits, right-aligned
		{"0402", "", "000000000000", nil, 0},
		{"0402", "12a", "", record.ErrNotDigit, 3},
		{"0402", "1234567890123", "", record.ErrTooLong, 3},
	} {
		line := record.AppendBlank(nil, l)
		before := slices.Clone(line)
		f := l.Field(tc.field)
		err := record.PutText(line, l, f, tc.value)
		if tc.err != nil {
			var re *record.Error
			if !errors.Is(err, tc.err) || !errors.As(err, &re) || re.Field != tc.field || re.Record != "04" || re.Position != tc.pos {
				t.Errorf("PutText(%s, %q) = %v, want %v at field %s position %d", tc.field, tc.value, err, tc.err, tc.field, tc.pos)
			}
			if !bytes.Equal(line, before) {
				t.Errorf("PutText(%s, %q) failed but changed the record", tc.field, tc.value)
			}
			continue
		}
		if err != nil {
			t.Errorf("PutText(%s, %q): %v", tc.field, tc.value, err)
			continue
		}
		if got := string(record.FieldText(line, f)); got != tc.want {
			t.Errorf("PutText(%s, %q) wrote %q, want %q", tc.field, tc.value, got, tc.want)
		}
	}
}

func TestSignedAmounts(t *testing.T) {
	l := mz302v13.Standard().Layout("04")
	line := record.AppendBlank(nil, l)
	toegekend := l.RoleIndex(record.RoleAllowed)
	if f := l.FieldIndex(toegekend); f.Number != "0483" {
		t.Fatalf("RoleAllowed is field %s, want 0483", f.Number)
	}
	for _, tc := range []struct {
		cents int64
		want  string // 0483 and 0484
	}{{1250, "00001250D"}, {-1250, "00001250C"}, {0, "00000000D"}} {
		if err := record.PutSignedAt(line, l, toegekend, tc.cents); err != nil {
			t.Fatal(err)
		}
		if got := string(line[319:328]); got != tc.want {
			t.Errorf("PutSignedAt(%d) wrote %q, want %q", tc.cents, got, tc.want)
		}
		if v, err := record.SignedAt(line, l, toegekend); err != nil || v != tc.cents {
			t.Errorf("SignedAt = %d, %v; want %d", v, err, tc.cents)
		}
		if v, err := record.SignedSum(line, l, record.RoleAllowed); err != nil || v != tc.cents {
			t.Errorf("SignedSum(RoleAllowed) = %d, %v; want %d", v, err, tc.cents)
		}
	}
	// The declaratiebedrag 0430 is signed by 0431.
	copy(line[155:164], "00000700C")
	if v, err := record.SignedSum(line, l, record.RoleDeclared); err != nil || v != -700 {
		t.Errorf("SignedSum(RoleDeclared) = %d, %v; want -700", v, err)
	}
	// No field of the role: zero. A non-digit: an error at its position.
	if v, err := record.SignedSum(line, l, record.RoleTotalDeclared); err != nil || v != 0 {
		t.Errorf("SignedSum of a role the 04 lacks = %d, %v; want 0", v, err)
	}
	line[157] = 'x'
	var re *record.Error
	if _, err := record.SignedSum(line, l, record.RoleDeclared); !errors.As(err, &re) || re.Field != "0430" || re.Position != 158 {
		t.Errorf("SignedSum over a non-digit: %v, want an error at 0430 position 158", err)
	}
}

func TestRoleIndexes(t *testing.T) {
	l := mz302v13.Standard().Layout("04")
	var got []string
	for _, i := range l.RoleIndexes(record.RoleReturnCode) {
		got = append(got, l.FieldIndex(i).Number)
	}
	if want := []string{"0496", "0497", "0498"}; !slices.Equal(got, want) {
		t.Errorf("RoleIndexes(RoleReturnCode) = %v, want %v", got, want)
	}
	// The return's own amount fields: 0481 berekend bedrag zorgverzekeraar, 0483 toegekend.
	for role, want := range map[record.Role]string{record.RoleCalculated: "0481", record.RoleAllowed: "0483", record.RoleDeclared: "0430"} {
		if got := l.RoleIndexes(role); len(got) != 1 || l.FieldIndex(got[0]).Number != want {
			t.Errorf("RoleIndexes(%s) = %v, want the index of %s", role, got, want)
		}
	}
	if got := l.RoleIndexes(record.RoleTotalAllowed); got != nil {
		t.Errorf("RoleIndexes of a role the 04 lacks = %v, want nil", got)
	}
	if got := l.RoleIndexes(record.RoleReturnCode)[0]; got != l.RoleIndex(record.RoleReturnCode) {
		t.Errorf("the first of RoleIndexes is %d, RoleIndex %d", got, l.RoleIndex(record.RoleReturnCode))
	}
}
