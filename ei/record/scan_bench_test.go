package record

import (
	"bytes"
	"testing"
)

// BenchmarkBlockBuffer compares makeNoZero with make for the scanner's block buffers: a
// new 256 KiB buffer per block, the input read into it and its lines counted (the least
// a scanner does with it). makeNoZero is kept because make is measurably slower here
// (see makeNoZero):
//
//	go test ./ei/record -run '^$' -bench BlockBuffer -count 8 -cpu 1
func BenchmarkBlockBuffer(b *testing.B) {
	src := bytes.Repeat([]byte("0123456789012345678901234567890123456789\n"), 100_000)
	for _, c := range []struct {
		name string
		make func(int) []byte
	}{{"makeNoZero", makeNoZero}, {"make", func(n int) []byte { return make([]byte, 0, n) }}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			lines := 0
			for b.Loop() {
				r := bytes.NewReader(src)
				for {
					buf, err := readSome(r, c.make(blockSize))
					lines += bytes.Count(buf, []byte("\n"))
					if err != nil {
						break
					}
				}
			}
			if lines == 0 {
				b.Fatal("no lines read")
			}
		})
	}
}
