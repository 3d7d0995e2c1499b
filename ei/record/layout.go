package record

import (
	"slices"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
)

// Field is the layout of one field of a record type: the facts of one row of a layout
// sheet, plus what the generator derived from them (Go name, kind). It is plain data;
// a Layout hands out copies.
type Field struct {
	Number     string     // field id as the layout names it: "0403", "5", "6a", "99"
	Name       string     // e.g. "BURGERSERVICENUMMER (BSN) VERZEKERDE"
	GoName     string     // name of the struct field in generated code
	Type       DataType   // N, AN or SN
	Length     int        // number of positions (an SN field's sign included)
	Start      int        // first position in the record, 1-based
	End        int        // last position in the record, 1-based, inclusive
	Decimals   int        // for amounts: decimals held (2: cents)
	Obligation Obligation // M, C, O or S
	Key        string     // Sleutel: "T", "L" or ""
	Pattern    string     // Patroon, e.g. "EEJJMMDD"
	Element    string     // data element with organisation, e.g. "NUM313-GBA"
	ValueList  string     // code list, e.g. "COD043-VEKT"; "" when the field has none
	Regex      string     // regular expression of the layout sheet, when it has one
	Kind       Kind       // Go representation
	Role       Role       // meaning to the file machinery
	Counts     string     // for RoleCount: the record code counted; for RoleTotal: the field number added up; for RoleBegin and RoleCareBegin: the field number of the end date
	Sign       int        // for amounts: index in the record's fields of its D/C field, or -1
	Personal   Personal   // personal data of this kind, masked when shown; NotPersonal for most
	// Retourcode is the COD954 return code that is this field's own ("<field> ontbreekt of
	// is onjuist"), the code a return message gives a record whose field is wrong; "" when
	// COD954 has none. It is the spec file's retourcode column, derived once at import.
	Retourcode string
}

// String describes the field for messages: "0403 BURGERSERVICENUMMER (BSN) VERZEKERDE".
func (f *Field) String() string { return f.Number + " " + f.Name }

// Layout is the layout of one record type. It cannot be changed once made: its accessors
// return copies, so layouts can be shared by every reader, writer and validator.
type Layout struct {
	code, name, goName string
	fields             []Field
	length             int
	index              map[string]int
	roles              [roleCount]int16 // index of the first field of each role, -1 if none
	// spans holds what the Decoder needs of each field, 8 bytes a field (a Field is a few
	// hundred): parsing a record then reads one or two cache lines of layout, not one
	// per field.
	spans []span
	// positional: the record is known by its place in a message, not by a code in its
	// text (NewPositionalLayout); field 0 is data like any other.
	positional bool
}

// span is where field i is in a record (text[start:end]) and how its digits are read.
type span struct {
	start, end uint16
	signed     bool
	scale      int8 // times ten to the power scale gives cents (amounts of whole euros: 2)
}

// NewLayout returns the layout of record type code with the given fields, in order of
// position; fields[0] is the record code. The fields are copied.
func NewLayout(code, name, goName string, fields []Field) *Layout {
	l := &Layout{code: code, name: name, goName: goName, fields: slices.Clone(fields),
		index: make(map[string]int, len(fields))}
	for r := range l.roles {
		l.roles[r] = -1
	}
	l.spans = make([]span, len(l.fields))
	for i, f := range l.fields {
		if f.Start >= 1 && f.End >= f.Start-1 && f.End <= 0xFFFF {
			l.spans[i] = span{start: uint16(f.Start - 1), end: uint16(f.End), signed: f.Type == Signed, scale: int8(max(0, 2-f.Decimals))}
		}
	}
	for i := len(l.fields) - 1; i >= 0; i-- {
		l.index[l.fields[i].Number] = i
		l.length = max(l.length, l.fields[i].End)
		if r := l.fields[i].Role; int(r) < roleCount {
			l.roles[r] = int16(i)
		}
	}
	return l
}

// NewPositionalLayout returns the layout of a record that a message holds at a known
// place and that carries no record code (eFact segments 200 and 300, the error detail of
// a reply): code only names it. Every field, field 0 too, is data: a Decoder does not
// look for the code in the text and an Encoder writes field 0 like the others.
func NewPositionalLayout(code, name, goName string, fields []Field) *Layout {
	l := NewLayout(code, name, goName, fields)
	l.positional = true
	return l
}

// Positional reports whether the record is known by its place in a message rather than
// by a code in its text (NewPositionalLayout).
func (l *Layout) Positional() bool { return l.positional }

// Code returns the record code, e.g. "04"; of a positional layout, its name in the spec
// ("200", "FD"), which the text does not hold.
func (l *Layout) Code() string { return l.code }

// Name returns the record name, e.g. "PRESTATIERECORD".
func (l *Layout) Name() string { return l.name }

// GoName returns the name of the generated struct, e.g. "Prestatierecord".
func (l *Layout) GoName() string { return l.goName }

// Length returns the record length the layout covers.
func (l *Layout) Length() int { return l.length }

// NumFields returns the number of fields.
func (l *Layout) NumFields() int { return len(l.fields) }

// Fields returns a copy of the fields, in order of position.
func (l *Layout) Fields() []Field { return slices.Clone(l.fields) }

// FieldIndex returns a copy of field i (0-based index in Fields); it panics when i is out
// of range, as an index does.
func (l *Layout) FieldIndex(i int) Field { return l.fields[i] }

// Index returns the index of the field with the given id, or -1. A three-digit EI number
// ("403") is read as its four-digit form.
func (l *Layout) Index(id string) int {
	if i, ok := l.index[id]; ok {
		return i
	}
	if len(id) == 3 {
		if i, ok := l.index["0"+id]; ok {
			return i
		}
	}
	return -1
}

// Field returns a copy of the field with the given id, or nil.
func (l *Layout) Field(id string) *Field {
	if i := l.Index(id); i >= 0 {
		f := l.fields[i]
		return &f
	}
	return nil
}

// FieldAt returns a copy of the field covering the 1-based position pos, or nil.
func (l *Layout) FieldAt(pos int) *Field {
	for i := range l.fields {
		if l.fields[i].Start <= pos && pos <= l.fields[i].End {
			f := l.fields[i]
			return &f
		}
	}
	return nil
}

// Role returns a copy of the first field with the given role, or nil.
func (l *Layout) Role(r Role) *Field {
	if i := l.RoleIndex(r); i >= 0 {
		f := l.fields[i]
		return &f
	}
	return nil
}

// RoleIndex returns the index of the first field with the given role, or -1.
func (l *Layout) RoleIndex(r Role) int {
	if int(r) < roleCount {
		return int(l.roles[r])
	}
	return -1
}

// RoleIndexes returns the indexes of every field with the given role, in order of
// position (a return record has three retourcode fields), or nil when there is none.
func (l *Layout) RoleIndexes(r Role) []int {
	var out []int
	for i := range l.fields {
		if l.fields[i].Role == r {
			out = append(out, i)
		}
	}
	return out
}

// IsDetail reports whether records of this type are detail records: numbered through the
// file (they have a field with RoleDetailID).
func (l *Layout) IsDetail() bool { return l.RoleIndex(RoleDetailID) >= 0 }

// The value types of fields, so that generated code and users of formats other than EI
// can name them through this package (they are the module's one money, BSN and date
// types).
type (
	Money = money.Money
	BSN   = bsn.BSN
	Date  = civil.Date
)
