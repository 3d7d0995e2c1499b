package codegen

import (
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

// The Parse and AppendTo methods of a record type.
//
// Parse reads every field at its constant place with the core's fast-path functions
// (record.Num8, TrimAt and the others: no error value, no check per field; text
// fields of an ASCII line only) and checks
// once per record that every field was well formed. When one was not (or the length or
// record code is wrong), it reads the record again with the core's Decoder (method
// decodeFields, the field-by-field reading the generator wrote before), which finds the
// first wrong field and makes the error: the errors are the Decoder's.
//
// AppendTo likewise writes every field at its constant place with the core's Put
// functions and, when one of them cannot write a value as the Encoder would (Latin-1
// text, a value that does not fit), formats the record again with the Encoder (method
// encodeFields), which writes it or makes the error.
//
// A record type whose layout the fast path does not cover (a field too long for an
// int64, a date field that is not eight positions, a layout that is not contiguous) and
// a positional record (framing: positional, no record code) have only the Decoder and
// Encoder paths.

// parse writes Parse and decodeFields.
func (g *gen) parse(ri int, l *specfile.Layout) {
	p := func(format string, args ...any) { fmt.Fprintf(g.b, format, args...) }
	rt := g.rt
	body, ok := fastParse(rt, l)
	ok = ok && !g.std.Positional // no record code to check: the Decoder reads field 0 too
	p("// Parse fills r from line: one record of %d positions, without line break.\n", l.Length())
	p("// On error r is partly filled and the error says which field and position.\n")
	p("func (r *%s) Parse(line string) error {\n", l.GoName)
	if !ok {
		p("\treturn r.decodeFields(line)\n}\n\n")
	} else {
		code := l.Fields[0]
		p("\tif len(line) != %d || line[%d:%d] != %q", l.Length(), code.Start-1, code.End, l.Code)
		if hasText(l) {
			p(" || !%s.ASCII(line)", rt)
		}
		p(" {\n\t\treturn r.decodeFields(line)\n\t}\n")
		p("%s", body)
		p("\tif bad != 0 {\n\t\treturn r.decodeFields(line)\n\t}\n\treturn nil\n}\n\n")
	}
	p("// decodeFields is Parse field by field with the Decoder, which finds the first wrong\n// field: the path Parse takes for a record that is not well formed.\n")
	p("func (r *%s) decodeFields(line string) error {\n", l.GoName)
	p("\td := %s.NewDecoder(line, layouts[%d])\n", rt, ri)
	for fi, f := range l.Fields {
		if fi < g.first() {
			continue
		}
		p("\tr.%s = d.%s(%d)\n", f.GoName, decodeMethod(f.Kind), fi)
	}
	p("\treturn d.Err()\n}\n\n")
}

// numCall returns the call that reads the n digits of a field ending at end (1-based
// inclusive, so the 0-based end of the slice) and starting at start (0-based), or "" when
// n is not 1 to MaxIntDigits.
func numCall(rt string, length, start, end, n int) string {
	switch {
	case n < 1 || n > record.MaxIntDigits:
		return ""
	case length < 8:
		return fmt.Sprintf("%s.NumText(line[%d:%d])", rt, start, end)
	case n <= 4 && end >= 8:
		return fmt.Sprintf("%s.DigitsWord4(%s.Word(line, %d), %d)", rt, rt, end, n)
	case n <= 8 && end >= 8:
		return fmt.Sprintf("%s.DigitsWord(%s.Word(line, %d), %d)", rt, rt, end, n)
	case n <= 8:
		return fmt.Sprintf("%s.Num8(line, %d, %d)", rt, end, n)
	case n <= 16:
		return fmt.Sprintf("%s.Num16(line, %d, %d)", rt, end, n)
	}
	return fmt.Sprintf("%s.Num18(line, %d, %d)", rt, end, n)
}

// fastParse returns the statements of Parse's fast path after the length and code check,
// or false when a field is not covered.
func fastParse(rt string, l *specfile.Layout) (string, bool) {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	useV, useB := false, false
	for _, f := range l.Fields[1:] {
		a, end := f.Start-1, f.End
		if a < 0 || end < a {
			return "", false
		}
		signed := f.Type == record.Signed
		switch f.Kind {
		case record.KindText, record.KindReserve:
			switch {
			case l.Length() >= 8 && end >= 8 && end-a <= 8:
				p("\tr.%s = %s.TrimWord(line, %d, %d)\n", f.GoName, rt, a, end)
			case l.Length() >= 8 && f.Kind == record.KindReserve:
				p("\tr.%s = %s.TrimReserve(line, %d, %d)\n", f.GoName, rt, a, end)
			case l.Length() >= 8:
				p("\tr.%s = %s.TrimAt(line, %d, %d)\n", f.GoName, rt, a, end)
			default:
				p("\tr.%s = %s.TrimText(line[%d:%d])\n", f.GoName, rt, a, end)
			}
			continue
		case record.KindInteger, record.KindAmount:
			from, n := a, end-a
			if signed {
				from, n = a+1, n-1
			}
			call := numCall(rt, l.Length(), from, end, n)
			if call == "" {
				return "", false
			}
			switch {
			case f.Kind == record.KindInteger && !signed:
				p("\tr.%s, b = %s\n", f.GoName, call)
			case f.Kind == record.KindInteger:
				p("\tv, b = %s\n\tr.%s, b = %s.ApplySign(line[%d], v, b)\n", call, f.GoName, rt, a)
			case signed:
				p("\tv, b = %s\n\tv, b = %s.ApplySign(line[%d], v, b)\n", call, rt, a)
			default:
				p("\tv, b = %s\n", call)
			}
			useV = useV || signed || f.Kind == record.KindAmount
			if f.Kind == record.KindAmount {
				scale := 1
				for d := f.Decimals; d < 2; d++ {
					scale *= 10
				}
				if scale == 1 {
					p("\tr.%s = %s.Money(v)\n", f.GoName, rt)
				} else {
					p("\tr.%s = %s.Money(v * %d)\n", f.GoName, rt, scale)
				}
			}
		case record.KindDate:
			if end-a != 8 {
				return "", false
			}
			p("\tr.%s, b = %s.DateWord(%s.Word(line, %d))\n", f.GoName, rt, rt, end)
		case record.KindBSN:
			call := numCall(rt, l.Length(), a, end, end-a)
			if call == "" {
				return "", false
			}
			useV = true
			p("\tv, b = %s\n", call)
			p("\tr.%s, b = %s.BSNText(line[%d:%d], v, b)\n", f.GoName, rt, a, end)
		case record.KindDigits:
			if f.Type != record.Numeric {
				return "", false
			}
			p("\tr.%s, b = %s.DigitsText(line[%d:%d])\n", f.GoName, rt, a, end)
		default:
			return "", false
		}
		p("\tbad |= b\n")
		useB = true
	}
	if !useB {
		return b.String() + "\tconst bad = 0\n", true
	}
	decl := "\tvar bad, b uint64\n"
	if useV {
		decl += "\tvar v int64\n"
	}
	return decl + b.String(), true
}

// appendTo writes AppendTo and encodeFields.
func (g *gen) appendTo(ri int, l *specfile.Layout) {
	p := func(format string, args ...any) { fmt.Fprintf(g.b, format, args...) }
	rt := g.rt
	body, ok := fastAppend(rt, l)
	ok = ok && !g.std.Positional // field 0 is data: the Encoder writes it
	p("// AppendTo appends the record, formatted, without line break to dst. A value that does\n// not fit its field is an error.\n")
	p("func (r *%s) AppendTo(dst []byte) ([]byte, error) {\n", l.GoName)
	if !ok {
		p("\treturn r.encodeFields(dst)\n}\n\n")
	} else {
		n := l.Length()
		p("\tn := len(dst)\n\tdst = %s.Grow(dst, %d)\n\trec := (*[%d]byte)(dst[n : n+%d])\n", rt, n, n+8, n+8)
		p("\tcopy(rec[:], %q)\n", l.Code)
		p("%s", body)
		p("\tif bad != 0 {\n\t\treturn r.encodeFields(dst[:n])\n\t}\n\treturn dst[:n+%d], nil\n}\n\n", n)
	}
	p("// encodeFields is AppendTo field by field with the Encoder, which writes what AppendTo\n// leaves to it (Latin-1 text) and makes the errors.\n")
	p("func (r *%s) encodeFields(dst []byte) ([]byte, error) {\n", l.GoName)
	p("\te := %s.NewEncoder(dst, layouts[%d])\n", rt, ri)
	for fi, f := range l.Fields {
		if fi < g.first() {
			continue
		}
		p("\te.%s(%d, r.%s)\n", decodeMethod(f.Kind), fi, f.GoName)
	}
	p("\treturn e.Bytes()\n}\n\n")
}

// fastAppend returns the statements of AppendTo's fast path after the record code, or
// false when the layout is not covered: the Encoder writes the code and then each field
// after the one before, so the fast path, which writes each at its place, needs fields
// that follow each other from position 1.
func fastAppend(rt string, l *specfile.Layout) (string, bool) {
	code := l.Fields[0]
	if code.Start != 1 || code.End != len(l.Code) || code.Length != len(l.Code) {
		return "", false
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	op := "bad :="
	prev := code.End
	for _, f := range l.Fields[1:] {
		a, w := f.Start-1, f.Length
		if f.Start != prev+1 || f.End != f.Start+w-1 || w < 1 {
			return "", false
		}
		prev = f.End
		signed := f.Type == record.Signed
		digits := w
		if signed {
			digits--
		}
		switch f.Kind {
		case record.KindText, record.KindReserve:
			p("\t%s %s.PutASCII(rec[%d:], %d, r.%s)\n", op, rt, a, w, f.GoName)
		case record.KindInteger:
			if digits < 1 || digits > record.MaxIntDigits {
				return "", false
			}
			if signed {
				p("\t%s %s.PutSigned(rec[%d:], %d, r.%s)\n", op, rt, a, w, f.GoName)
			} else {
				p("\t%s %s.PutNum(rec[%d:], %d, r.%s)\n", op, rt, a, w, f.GoName)
			}
		case record.KindAmount:
			if digits < 1 || digits > record.MaxIntDigits {
				return "", false
			}
			p("\t%s %s.PutAmount(rec[%d:], %d, %d, %t, r.%s)\n", op, rt, a, w, f.Decimals, signed, f.GoName)
		case record.KindDate:
			if w != 8 {
				return "", false
			}
			p("\t%s %s.PutDate(rec[%d:], r.%s)\n", op, rt, a, f.GoName)
		case record.KindBSN:
			p("\t%s %s.PutBSN(rec[%d:], %d, r.%s)\n", op, rt, a, w, f.GoName)
		case record.KindDigits:
			if f.Type != record.Numeric {
				return "", false
			}
			p("\t%s %s.PutDigitsText(rec[%d:], %d, string(r.%s))\n", op, rt, a, w, f.GoName)
		default:
			return "", false
		}
		op = "bad |="
	}
	if op == "bad :=" { // a record of its code only
		p("\tbad := uint64(0)\n")
	}
	if prev != l.Length() {
		return "", false
	}
	return b.String(), true
}

// hasText reports whether l has AN fields: Parse's fast path then takes ASCII lines only
// (the Decoder converts Latin-1).
func hasText(l *specfile.Layout) bool {
	for _, f := range l.Fields[1:] {
		if f.Kind == record.KindText || f.Kind == record.KindReserve {
			return true
		}
	}
	return false
}
