package record_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// scanAll reads s to its end, with Next, NextLines, NextText or NextBlock (how), and
// returns the lines and the error that ended it.
func scanAll(t *testing.T, s *record.LineScanner, how string, maxLine int) ([]record.Raw, error) {
	t.Helper()
	var lines []record.Raw
	for guard := 0; ; guard++ {
		if guard > 1<<16 {
			t.Fatalf("%s: no end", how)
		}
		switch how {
		case "Next":
			raw, err := s.Next()
			if err != nil {
				return lines, err
			}
			lines = append(lines, raw)
		case "NextText":
			text, brk, n, err := s.NextText()
			if err != nil {
				return lines, err
			}
			off := int64(0)
			if k := len(lines); k > 0 {
				off = lines[k-1].Offset + int64(len(lines[k-1].Text)+len(lines[k-1].Break))
			}
			lines = append(lines, record.Raw{Number: n, Offset: off, Text: text, Break: "\r\n"[2-brk:]})
		case "NextLines":
			var err error
			_, lines, err = s.NextLines(lines)
			if err != nil {
				return lines, err
			}
		case "NextBlock":
			block, first, off, err := s.NextBlock()
			if err != nil {
				return lines, err
			}
			lines, err = record.SplitLines(block, first, off, maxLine, lines)
			if err != nil {
				return lines, err
			}
		}
	}
}

// TestStringScannerAsLineScanner: a scanner in place (NewStringScanner) gives the lines
// a scanner of the same string through a strings.Reader gives, with the same numbers,
// offsets, texts and breaks, and ends with the same error, whatever the block size and
// however it is read; and its lines are parts of the string.
func TestStringScannerAsLineScanner(t *testing.T) {
	const maxLine = 16
	inputs := lineInputs(maxLine)
	for name, in := range inputs {
		for _, size := range []int{0, 1, 2 * maxLine, 2*maxLine + 5, 100} {
			for _, how := range []string{"Next", "NextText", "NextLines", "NextBlock"} {
				label := fmt.Sprintf("%s, blocks of %d, %s", name, size, how)
				want, wantErr := scanAll(t, record.NewLineScannerSize(strings.NewReader(in), maxLine, size), how, maxLine)
				got, err := scanAll(t, record.NewStringScanner(in, maxLine, size), how, maxLine)
				sameLines(t, label, got, err, want, wantErr)
				for i, l := range got {
					if l.Text != "" && !inside(l.Text, in) {
						t.Fatalf("%s: line %d is a copy, not a part of the string", label, i)
					}
				}
			}
		}
	}
}

// FuzzStringScanner: on any string, block size and line limit, the scanner in place gives
// the lines and the ending of a scanner of the string through a strings.Reader.
func FuzzStringScanner(f *testing.F) {
	f.Add("0100\r\n0200\n\n0400\r\n\r\n9900", uint8(3), uint8(8))
	f.Add("0100\n"+strings.Repeat("x", 40)+"\n0400\n", uint8(70), uint8(10))
	f.Add(strings.Repeat("0400\r\n", 20), uint8(1), uint8(4))
	f.Fuzz(func(t *testing.T, in string, size, maxLine uint8) {
		max := int(maxLine%64) + 1
		want, wantErr := scanAll(t, record.NewLineScannerSize(strings.NewReader(in), max, int(size)), "NextLines", max)
		got, err := scanAll(t, record.NewStringScanner(in, max, int(size)), "NextLines", max)
		sameLines(t, fmt.Sprintf("blocks of %d, lines up to %d", size, max), got, err, want, wantErr)
	})
}

// TestLongestLineCRLFAtBlockEdge: a line of exactly maxLine bytes ended by "\r\n" is read
// whole when a block of the scanner ends between its "\r" and its "\n" (the buffered
// scanner took the "\r" for a byte too many before it read on).
func TestLongestLineCRLFAtBlockEdge(t *testing.T) {
	const maxLine, size = 16, 32
	first := "0100 abcdefghi\n"                                    // 15 bytes: the first block ends after it
	in := first + strings.Repeat("x", maxLine) + "\r\n" + "9900\n" // the "\r" is byte 32
	if in[size-1] != '\r' {
		t.Fatalf("byte %d is %q, want the \\r", size, in[size-1])
	}
	for name, s := range map[string]*record.LineScanner{
		"buffered": record.NewLineScannerSize(strings.NewReader(in), maxLine, size),
		"in place": record.NewStringScanner(in, maxLine, size),
	} {
		lines, err := scanAll(t, s, "Next", maxLine)
		if err != io.EOF || len(lines) != 3 || lines[1].Text != strings.Repeat("x", maxLine) || lines[1].Break != "\r\n" {
			t.Errorf("%s: %d lines (%+v), ending %v; want 3, the second %d x's and \\r\\n", name, len(lines), lines, err, maxLine)
		}
	}
}
