package linecut_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/linecut"
)

// line is a line as a test spells it: the text, the break and the start.
type line struct {
	Text  string
	Brk   int
	Start int
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		rest     string
		text     string
		brk, adv int
	}{
		{"", "", 0, 0},
		{"abc", "abc", 0, 3},             // the last line of a stream, without a break
		{"abc\n", "abc", 1, 4},           // LF
		{"abc\r\n", "abc", 2, 5},         // CRLF
		{"abc\rdef\n", "abc\rdef", 1, 8}, // a lone CR is text
		{"\n\n", "", 1, 1},
		{"\r\n", "", 2, 2},
		{"\r", "\r", 0, 1},
		{"a\nb\n", "a", 1, 2},
	} {
		text, brk, adv := linecut.Cut(tc.rest)
		if text != tc.text || brk != tc.brk || adv != tc.adv {
			t.Errorf("Cut(%q) = %q, %d, %d; want %q, %d, %d", tc.rest, text, brk, adv, tc.text, tc.brk, tc.adv)
		}
		// The break is what lies between the text and the next line.
		if b := linecut.Break(brk); b != tc.rest[len(tc.text):tc.adv] {
			t.Errorf("Break(%d) = %q after Cut(%q), want %q", brk, b, tc.rest, tc.rest[len(tc.text):tc.adv])
		}
	}
}

func TestAppendLine(t *testing.T) {
	for _, tc := range []struct {
		block   string
		max     int
		want    []line
		tooLong bool
	}{
		{"", 10, nil, false},
		{"ab\ncd\r\nef", 10, []line{{"ab", 1, 0}, {"cd", 2, 3}, {"ef", 0, 7}}, false},
		{"\n\r\n\n", 10, []line{{"", 1, 0}, {"", 2, 1}, {"", 1, 3}}, false},
		// A line longer than max ends the cuts after the lines before it.
		{"ab\nabcdef\ncd\n", 5, []line{{"ab", 1, 0}}, true},
		{"abcde\n", 5, []line{{"abcde", 1, 0}}, false},
		{"abcdef", 5, nil, true},
	} {
		cuts, tooLong := linecut.Append(linecut.Cuts{}, tc.block, tc.max)
		var got []line
		for i := range cuts {
			text, brk, start := cuts.Line(tc.block, i)
			got = append(got, line{text, brk, start})
		}
		if !reflect.DeepEqual(got, tc.want) || tooLong != tc.tooLong {
			t.Errorf("Append(%q, %d): tooLong %v, lines %+v; want %v, %+v", tc.block, tc.max, tooLong, got, tc.tooLong, tc.want)
		}
	}
}

// TestAppendKeeps: Append appends to the cuts it is given and leaves them as they are.
func TestAppendKeeps(t *testing.T) {
	first, _ := linecut.Append(nil, "a\n", 10)
	cuts, _ := linecut.Append(first, "bc\r\nd\n", 10)
	if len(cuts) != 3 || cuts[0] != first[0] {
		t.Fatalf("cuts %v after %v: want the first kept and two more", cuts, first)
	}
	if text, brk, start := linecut.Cuts(cuts[1:]).Line("bc\r\nd\n", 0); text != "bc" || brk != 2 || start != 0 {
		t.Errorf("first line of the second block: %q %d at %d, want \"bc\" 2 at 0", text, brk, start)
	}
}

// FuzzAppend: the lines Append cuts are the lines record.SplitLines returns: the same
// text, break and offset, and the same end at a line too long.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"", "a\nb", "a\r\nb\r\n", "\r\r\n\n", strings.Repeat("x", 40) + "\ny"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, block string, max int) {
		if max <= 0 || max > 1<<16 {
			max = 8
		}
		want, err := record.SplitLines(block, 1, 100, max, nil)
		cuts, tooLong := linecut.Append(nil, block, max)
		if tooLong != (err != nil) {
			t.Fatalf("tooLong %v, SplitLines error %v", tooLong, err)
		}
		if len(cuts) != len(want) {
			t.Fatalf("%d lines, SplitLines %d", len(cuts), len(want))
		}
		for i, w := range want {
			text, brk, start := cuts.Line(block, i)
			got := record.Raw{Number: i + 1, Offset: 100 + int64(start), Text: text, Break: "\r\n"[2-brk:]}
			if got != w {
				t.Fatalf("line %d: %+v, SplitLines %+v", i+1, got, w)
			}
		}
	})
}
