package benchcompare

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Decoder decodes records into structs through reflection, the way general-purpose
// fixed-width libraries do: a struct tag per field gives its positions.
type Decoder struct {
	types map[string]reflect.Type // record code → struct type
}

// NewDecoder builds one struct type per record type of std, with a tag per field.
func NewDecoder(std *record.Standard) *Decoder {
	d := &Decoder{types: map[string]reflect.Type{}}
	for _, l := range std.Records() {
		var fields []reflect.StructField
		for _, f := range l.Fields() {
			t := reflect.TypeFor[string]()
			if f.Type == record.Numeric && f.Kind != record.KindBSN {
				t = reflect.TypeFor[int64]()
			}
			fields = append(fields, reflect.StructField{Name: "F" + f.GoName, Type: t,
				Tag: reflect.StructTag(fmt.Sprintf(`fixed:"%d,%d"`, f.Start, f.End))})
		}
		d.types[l.Code()] = reflect.StructOf(fields)
	}
	return d
}

// Decode returns a new struct (as any) holding line.
func (d *Decoder) Decode(line string) (any, error) {
	if len(line) < 2 {
		return nil, fmt.Errorf("short line")
	}
	t, ok := d.types[line[:2]]
	if !ok {
		return nil, fmt.Errorf("unknown record %q", line[:2])
	}
	v := reflect.New(t).Elem()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		a, b, _ := strings.Cut(sf.Tag.Get("fixed"), ",")
		start, _ := strconv.Atoi(a)
		end, _ := strconv.Atoi(b)
		if end > len(line) {
			return nil, fmt.Errorf("line too short for %s", sf.Name)
		}
		raw := line[start-1 : end]
		switch sf.Type.Kind() {
		case reflect.Int64:
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", sf.Name, err)
			}
			v.Field(i).SetInt(n)
		default:
			v.Field(i).SetString(strings.TrimRight(raw, " "))
		}
	}
	return v.Addr().Interface(), nil
}
