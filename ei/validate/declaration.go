package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Declaration is what the validator keeps of a declaration file to check a return
// message against it (Options.Declaration): the record type of every detail record, by
// its number. It takes one byte per detail record.
type Declaration struct {
	// Standard is the standard of the declaration.
	Standard *record.Standard
	types    []byte // by identificatie detailrecord - 1: record code as a number 0-99, noType when none
}

const noType = 0xff

// maxDeclarationRecords caps the detail numbers a declaration may have.
const maxDeclarationRecords = 1 << 28

// ErrDeclaration is wrapped by the errors of ReadDeclaration about its input.
var ErrDeclaration = errors.New("validate: cannot read the declaration")

// ReadDeclaration reads the declaration file in r for Options.Declaration: its standard
// (from its 01 record, by reg, which is required: ErrNoRegistry) and the number and type of every
// detail record. It does not validate the declaration; its error says where it could not
// be read (errors.Is(err, ErrDeclaration)).
func ReadDeclaration(ctx context.Context, r io.Reader, reg *ei.Registry) (*Declaration, error) {
	if reg == nil {
		return nil, ErrNoRegistry
	}
	sc := ei.NewLineScanner(r)
	d := &Declaration{}
	var byCode [100]*record.Field
	lines := 0
	for {
		ln, err := sc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrDeclaration, lines+1, err)
		}
		lines = ln.Number
		if ln.Number&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		text := ln.Text
		if d.Standard == nil {
			if len(text) < 9 || text[:2] != record.CodeVoorloop || !isDigits(text[2:9]) {
				return nil, fmt.Errorf("%w: line %d: the first record is not a 01 voorlooprecord naming a standard", ErrDeclaration, ln.Number)
			}
			a, _ := strconv.Atoi(text[2:5])
			b, _ := strconv.Atoi(text[5:7])
			c, _ := strconv.Atoi(text[7:9])
			std, ok := reg.ByEICode(a, b, c)
			if !ok {
				return nil, fmt.Errorf("%w: line 1: EI code %s version %s subversion %s: %w", ErrDeclaration, text[2:5], text[5:7], text[7:9], ei.ErrUnknownStandard)
			}
			if std.IsReturn() {
				return nil, fmt.Errorf("%w: line 1: %s is a return standard, not a declaration", ErrDeclaration, std.ID())
			}
			d.Standard = std
			for _, l := range std.Records() {
				if l.IsDetail() && len(l.Code()) == 2 && isDigits(l.Code()) {
					byCode[int(l.Code()[0]-'0')*10+int(l.Code()[1]-'0')] = l.Role(record.RoleDetailID)
				}
			}
			continue
		}
		if len(text) < 2 || !isDigits(text[:2]) {
			return nil, fmt.Errorf("%w: line %d: record type %q is not two digits", ErrDeclaration, ln.Number, printable(text[:min(2, len(text))]))
		}
		code := int(text[0]-'0')*10 + int(text[1]-'0')
		f := byCode[code]
		if f == nil {
			continue // 01, 99, 98 and types the standard does not have
		}
		if len(text) < f.End || !isDigits(text[f.Start-1:f.End]) {
			return nil, fmt.Errorf("%w: line %d: field %s (position %d) does not hold a number", ErrDeclaration, ln.Number, f, f.Start)
		}
		n, _ := strconv.ParseInt(text[f.Start-1:f.End], 10, 64)
		if n < 1 || n > maxDeclarationRecords {
			return nil, fmt.Errorf("%w: line %d: field %s: detail number %d out of range 1 to %d", ErrDeclaration, ln.Number, f, n, maxDeclarationRecords)
		}
		for int64(len(d.types)) < n {
			d.types = append(d.types, noType)
		}
		d.types[n-1] = byte(code)
	}
	if d.Standard == nil {
		return nil, fmt.Errorf("%w: the file is empty", ErrDeclaration)
	}
	return d, nil
}

// Type returns the record type of detail record number n of the declaration, or "" when
// it has none of that number.
func (d *Declaration) Type(n int64) string {
	if n < 1 || n > int64(len(d.types)) || d.types[n-1] == noType {
		return ""
	}
	c := d.types[n-1]
	return string([]byte{'0' + c/10, '0' + c%10})
}

// Len returns the highest detail number of the declaration.
func (d *Declaration) Len() int64 { return int64(len(d.types)) }

// has reports whether detail record n of the declaration is of record type code.
func (d *Declaration) has(n int64, code string) bool {
	if n < 1 || n > int64(len(d.types)) || len(code) != 2 || !isDigits(code) {
		return false
	}
	return d.types[n-1] == (code[0]-'0')*10+code[1]-'0'
}
