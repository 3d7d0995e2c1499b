package vsb

import (
	"bytes"
	"testing"
)

// bigZending is the sample sending with its invoices repeated to about n invoices, each
// with its own invoice number.
func bigZending(n int) *Zending {
	z := sampleZending()
	base := z.Facturen
	z.Facturen = nil
	for i := 0; len(z.Facturen) < n; i++ {
		for _, f := range base {
			f.Number = int64(1000 + len(z.Facturen))
			z.Facturen = append(z.Facturen, f)
		}
	}
	return z
}

// BenchmarkDecode measures reading a facturatiebestand of about 10 MB (records checked:
// check numbers, order numbers, control numbers, totals).
func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	if err := Encode(&buf, bigZending(8000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode measures writing the same sending.
func BenchmarkEncode(b *testing.B) {
	z := bigZending(8000)
	var buf bytes.Buffer
	if err := Encode(&buf, z); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Encode(&buf, z); err != nil {
			b.Fatal(err)
		}
	}
}
