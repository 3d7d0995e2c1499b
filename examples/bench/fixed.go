package main

import (
	"fmt"
	"reflect"

	"github.com/ianlopshire/go-fixedwidth"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// fixedDecoder decodes EI lines with github.com/ianlopshire/go-fixedwidth, the way a user
// of that library would: one struct type per record type with a `fixed:"start,end"` tag
// per field of the layout (numeric fields that fit as int64, the rest as strings), the
// struct chosen by the record code, a new value per line.
type fixedDecoder struct {
	types map[string]reflect.Type // record code → struct type
}

func newFixedDecoder(std *record.Standard) *fixedDecoder {
	d := &fixedDecoder{types: map[string]reflect.Type{}}
	for _, l := range std.Records() {
		var fields []reflect.StructField
		for i, f := range l.Fields() {
			t := reflect.TypeFor[string]()
			if f.Type == record.Numeric && f.Length <= 18 && f.Kind != record.KindBSN {
				t = reflect.TypeFor[int64]()
			}
			fields = append(fields, reflect.StructField{
				Name: fmt.Sprintf("F%d", i),
				Type: t,
				Tag:  reflect.StructTag(fmt.Sprintf(`fixed:"%d,%d"`, f.Start, f.End)),
			})
		}
		d.types[l.Code()] = reflect.StructOf(fields)
	}
	return d
}

// decode returns a new struct holding line.
func (d *fixedDecoder) decode(line []byte) (any, error) {
	if len(line) < 2 {
		return nil, fmt.Errorf("short line")
	}
	t, ok := d.types[string(line[:2])]
	if !ok {
		return nil, fmt.Errorf("unknown record %q", line[:2])
	}
	v := reflect.New(t).Interface()
	if err := fixedwidth.Unmarshal(line, v); err != nil {
		return nil, err
	}
	return v, nil
}
