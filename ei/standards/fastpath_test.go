package standards_test

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/fwtest"
	"github.com/zorgbericht/zorgbericht/internal/fwtest/tf001v10"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
	qstandards "github.com/zorgbericht/zorgbericht/q/standards"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
)

// A generated Parse reads a well-formed record on a fast path of its own and leaves the
// rest to the core's Decoder; AppendTo likewise with the Encoder. The tests below hold
// both to what the layout says through the Decoder and the Encoder, driven field by field
// from the layout's kinds (not from the generated code): on random valid records and on
// every position of them mutated, the same values and the same errors (record, field,
// position, sentinel, message).

// recordSet is the record types of one generated package.
type recordSet struct {
	name    string
	layouts []*record.Layout
	newRec  func(code string) record.Record
}

func everyRecordSet() []recordSet {
	var sets []recordSet
	for _, std := range append(standards.All(), qstandards.All()...) {
		sets = append(sets, recordSet{std.ID(), std.Records(), std.NewRecord})
	}
	for _, f := range []*record.Format{ef920000v20.Format(), ef920900v20.Format(), tf001v10.Format()} {
		sets = append(sets, recordSet{f.Name, f.Layouts, f.New})
	}
	return sets
}

// decodeByLayout reads line with the Decoder, one call per field by its kind.
func decodeByLayout(line string, l *record.Layout) ([]any, error) {
	d := record.NewDecoder(line, l)
	var vals []any
	for i := 1; i < l.NumFields(); i++ {
		switch l.FieldIndex(i).Kind {
		case record.KindText, record.KindReserve:
			vals = append(vals, d.Text(i))
		case record.KindInteger:
			vals = append(vals, d.Int(i))
		case record.KindDate:
			vals = append(vals, d.Date(i))
		case record.KindAmount:
			vals = append(vals, d.Amount(i))
		case record.KindBSN:
			vals = append(vals, d.BSN(i))
		case record.KindDigits:
			vals = append(vals, d.Digits(i))
		default:
			panic("kind not covered by the test")
		}
	}
	return vals, d.Err()
}

// encodeByLayout formats vals with the Encoder, one call per field by its kind.
func encodeByLayout(l *record.Layout, vals []reflect.Value) ([]byte, error) {
	e := record.NewEncoder([]byte("prefix"), l)
	for i := 1; i < l.NumFields(); i++ {
		v := vals[i-1].Interface()
		switch l.FieldIndex(i).Kind {
		case record.KindText, record.KindReserve:
			e.Text(i, v.(string))
		case record.KindInteger:
			e.Int(i, v.(int64))
		case record.KindDate:
			e.Date(i, v.(civil.Date))
		case record.KindAmount:
			e.Amount(i, v.(record.Money))
		case record.KindBSN:
			e.BSN(i, v.(record.BSN))
		case record.KindDigits:
			e.Digits(i, v.(record.Digits))
		default:
			panic("kind not covered by the test")
		}
	}
	return e.Bytes()
}

// structFields returns the fields of the record struct in layout order (after the code),
// checking that they are the layout's.
func structFields(t *testing.T, rec record.Record, l *record.Layout) []reflect.Value {
	t.Helper()
	v := reflect.ValueOf(rec).Elem()
	if v.NumField() != l.NumFields()-1 {
		t.Fatalf("record %s: %d struct fields for %d layout fields", l.Code(), v.NumField(), l.NumFields())
	}
	out := make([]reflect.Value, v.NumField())
	for i := range out {
		if name := v.Type().Field(i).Name; name != l.FieldIndex(i+1).GoName {
			t.Fatalf("record %s: struct field %d is %s, layout says %s", l.Code(), i, name, l.FieldIndex(i+1).GoName)
		}
		out[i] = v.Field(i)
	}
	return out
}

func sameError(t *testing.T, what func() string, got, want error) {
	t.Helper()
	if got == nil && want == nil {
		return
	}
	if (got == nil) != (want == nil) {
		t.Fatalf("%s: error %v, the Decoder/Encoder says %v", what(), got, want)
	}
	if got == nil {
		return
	}
	var g, w *record.Error
	if !errors.As(got, &g) || !errors.As(want, &w) {
		t.Fatalf("%s: error %v is not a *record.Error like %v", what(), got, want)
	}
	if *g != *w || got.Error() != want.Error() {
		t.Fatalf("%s: error\n %#v\nthe Decoder/Encoder says\n %#v", what(), *g, *w)
	}
}

// mutations are the bytes each position of a record is replaced with.
var mutations = []byte{'x', ' ', '0', '9', '+', '-', '/', ':', 0xe9, 0}

func checkParse(t *testing.T, set recordSet, l *record.Layout, line string) {
	t.Helper()
	rec := set.newRec(l.Code())
	err := rec.Parse(line)
	wantVals, wantErr := decodeByLayout(line, l)
	sameError(t, func() string { return set.name + " record " + l.Code() + " line " + record.Escape(line) }, err, wantErr)
	if err != nil {
		return
	}
	for i, f := range structFields(t, rec, l) {
		if got := f.Interface(); !reflect.DeepEqual(got, wantVals[i]) {
			t.Fatalf("%s record %s field %s: Parse gives %#v, the Decoder %#v (line %q)",
				set.name, l.Code(), l.FieldIndex(i+1).Number, got, wantVals[i], line)
		}
	}
}

func TestParseAsTheDecoder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(20261206, 2))
	// Every position of two random records per layout, each with three of the mutations
	// at random (one record, one mutation in the default and -short runs; the full run,
	// internal/testlevel, in CI): every mutation meets every kind of field many times
	// over the layouts, at a few seconds of CPU.
	bases, perPos := testlevel.Pick(2, 1), testlevel.Pick(3, 1)
	for _, set := range everyRecordSet() {
		for _, l := range set.layouts {
			for range bases {
				base := fwtest.RandomRecord(l, rnd)
				checkParse(t, set, l, string(base))
				for pos := range base {
					for range perPos {
						line := bytes.Clone(base)
						line[pos] = mutations[rnd.IntN(len(mutations))]
						checkParse(t, set, l, string(line))
					}
				}
				checkParse(t, set, l, string(base[:len(base)-1]))
				checkParse(t, set, l, string(base)+" ")
				checkParse(t, set, l, "")
			}
		}
	}
}

// randomValue returns a value of kind k: often one that fits a field of width w, else
// one at or beyond the edges (negative, too long, Latin-1, control characters).
func randomValue(rnd *rand.Rand, typ reflect.Type, w int) reflect.Value {
	switch typ {
	case reflect.TypeFor[string]():
		n := rnd.IntN(w + 3)
		b := make([]rune, n)
		for i := range b {
			switch rnd.IntN(20) {
			case 0:
				b[i] = 'é'
			case 1:
				b[i] = '\t'
			case 2:
				b[i] = '€'
			default:
				b[i] = rune(0x20 + rnd.IntN(0x5f))
			}
		}
		return reflect.ValueOf(string(b))
	case reflect.TypeFor[civil.Date]():
		d := civil.NewDate(rnd.IntN(10000), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(31))
		switch rnd.IntN(8) {
		case 0:
			d = civil.Date{}
		case 1:
			d.Year = -1
		case 2:
			d.Day = 100
		case 3:
			d.Year = 10000
		}
		return reflect.ValueOf(d)
	case reflect.TypeFor[record.BSN](), reflect.TypeFor[record.Digits]():
		n := rnd.IntN(w + 3)
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rnd.IntN(10))
		}
		if n > 0 && rnd.IntN(10) == 0 {
			b[rnd.IntN(n)] = 'a'
		}
		return reflect.ValueOf(string(b)).Convert(typ)
	}
	// int64 and Money
	var v int64
	switch rnd.IntN(8) {
	case 0:
		v = 0
	case 1:
		v = -rnd.Int64N(1000)
	case 2:
		v = math.MinInt64
	case 3:
		v = math.MaxInt64
	case 4:
		v = rnd.Int64()
	default:
		v = rnd.Int64N(pow10(min(w, 18)))
		if rnd.IntN(3) == 0 {
			v = v / 100 * 100
		}
	}
	return reflect.ValueOf(v).Convert(typ)
}

func pow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

func TestAppendToAsTheEncoder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(20261206, 3))
	// 300 random records per layout in the full run (internal/testlevel, CI), 100 in the
	// default run, 30 with -short.
	rounds := testlevel.Pick(300, 100)
	if testing.Short() {
		rounds = 30
	}
	for _, set := range everyRecordSet() {
		for _, l := range set.layouts {
			for range rounds {
				rec := set.newRec(l.Code())
				fields := structFields(t, rec, l)
				for i, f := range fields {
					f.Set(randomValue(rnd, f.Type(), l.FieldIndex(i+1).Length))
				}
				got, err := rec.AppendTo([]byte("prefix"))
				want, wantErr := encodeByLayout(l, fields)
				sameError(t, func() string { return set.name + " record " + l.Code() }, err, wantErr)
				if !bytes.Equal(got, want) {
					t.Fatalf("%s record %s: AppendTo gives\n%q\nthe Encoder\n%q", set.name, l.Code(), got, want)
				}
			}
		}
	}
}
