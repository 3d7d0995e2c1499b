package record_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// TestNextLinesAsNext: NextLines (and NextText) give the lines Next gives, with the same numbers,
// offsets, texts and breaks, and ends with the same error, whatever the breaks, the size
// of the blocks and how the source returns its bytes.
func TestNextLinesAsNext(t *testing.T) {
	errRead := errors.New("disk on fire")
	inputs := withBreaks(map[string]string{
		"long line":       "0100\n0200\n" + strings.Repeat("x", 70) + "\n0400\n",
		"long last line":  "0100\n" + strings.Repeat("y", 90),
		"many lines":      strings.Repeat("0400 some text\n", 500),
		"long after many": strings.Repeat("0400\r\n", 300) + strings.Repeat("z", 65) + "\n0400\n",
	})
	type result struct {
		lines []record.Raw
		err   error
	}
	byNext := func(s *record.LineScanner) (r result) {
		for {
			raw, err := s.Next()
			if err != nil {
				r.err = err
				return r
			}
			r.lines = append(r.lines, raw)
		}
	}
	byLines := func(s *record.LineScanner) (r result) {
		for {
			block, lines, err := s.NextLines(r.lines)
			if err == nil && block == "" {
				t.Fatal("NextLines returned an empty block without an error")
			}
			r.lines = lines
			if err != nil {
				r.err = err
				return r
			}
		}
	}
	// NextText gives the text, break and number of each line Next gives.
	byText := func(s *record.LineScanner) (r result) {
		off := int64(0)
		for {
			text, brk, n, err := s.NextText()
			if err != nil {
				r.err = err
				return r
			}
			r.lines = append(r.lines, record.Raw{Number: n, Offset: off, Text: text, Break: "\r\n"[2-brk:]})
			off += int64(len(text) + brk)
		}
	}
	for name, in := range inputs {
		for _, fail := range []bool{false, true} {
			for _, size := range []int{0, 128, 1000} {
				for _, oneByte := range []bool{false, true} {
					src := func() io.Reader {
						var r io.Reader = strings.NewReader(in)
						if fail {
							r = io.MultiReader(r, iotest.ErrReader(errRead))
						}
						if oneByte {
							r = iotest.OneByteReader(r)
						}
						return r
					}
					want := byNext(record.NewLineScannerSize(src(), 64, size))
					for _, way := range []func(*record.LineScanner) result{byLines, byText} {
						got := way(record.NewLineScannerSize(src(), 64, size))
						if len(got.lines) != len(want.lines) {
							t.Fatalf("%s (read error %v, size %d, one byte %v): %d lines, Next gives %d", name, fail, size, oneByte, len(got.lines), len(want.lines))
						}
						for i := range want.lines {
							if got.lines[i] != want.lines[i] {
								t.Fatalf("%s (read error %v, size %d, one byte %v): line %d is %+v, Next gives %+v", name, fail, size, oneByte, i, got.lines[i], want.lines[i])
							}
						}
						if got.err == nil || got.err.Error() != want.err.Error() {
							t.Fatalf("%s (read error %v, size %d, one byte %v): ends with %v, Next with %v", name, fail, size, oneByte, got.err, want.err)
						}
					}
				}
			}
		}
	}
	// Some of the inputs end otherwise than with io.EOF: the test sees every ending.
	s := record.NewLineScannerSize(strings.NewReader(inputs["long line"]), 64, 0)
	var err error
	for err == nil {
		_, _, err = s.NextLines(nil)
	}
	if !errors.Is(err, record.ErrLineTooLong) {
		t.Errorf("a line too long ends NextLines with %v", err)
	}
}

// withBreaks adds to inputs the streams that try the line breaks: LF, CR LF, both with
// empty lines, no break at the end, nothing, a lone break.
func withBreaks(inputs map[string]string) map[string]string {
	for name, in := range map[string]string{
		"lf":            "0100\n0200\n0400\n9900\n",
		"crlf":          "0100\r\n0200\r\n0400\r\n9900\r\n",
		"mixed":         "0100\r\n0200\n\n0400\r\n\r\n9900",
		"no last break": "0100\n0200",
		"empty":         "",
		"one break":     "\n",
	} {
		inputs[name] = in
	}
	return inputs
}
