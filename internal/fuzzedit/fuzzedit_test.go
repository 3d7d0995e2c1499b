package fuzzedit

import "testing"

func TestApply(t *testing.T) {
	lines := []string{"01aaa\n", "02bbb\n", "99ccc\n"}
	tests := []struct {
		op, line uint8
		pos      uint16
		text     string
		want     string
	}{
		{Overwrite, 1, 2, "XY", "01aaa\n02XYb\n99ccc\n"},
		{Overwrite, 1, 5, "XYZ", "01aaa\n02bbbXYZ99ccc\n"},
		{Insert, 0, 0, "X", "X01aaa\n02bbb\n99ccc\n"},
		{Delete, 2, 2, "", "01aaa\n02bbb\n99cc\n"},
		{Delete, 2, 2, "abcdefgh", "01aaa\n02bbb\n99"},
		{Drop, 4, 0, "", "01aaa\n99ccc\n"}, // line 4 is line 1
		{Duplicate, 0, 0, "", "01aaa\n01aaa\n02bbb\n99ccc\n"},
		{Swap, 0, 0, "", "02bbb\n01aaa\n99ccc\n"},
		{Swap, 2, 0, "", "01aaa\n02bbb\n99ccc\n"},
		{Join, 0, 0, "", "01aaa02bbb\n99ccc\n"},
		{Cut, 1, 3, "", "01aaa\n02b"},
		{Recode, 1, 0, "98", "01aaa\n98bbb\n99ccc\n"},
		{Recode, 1, 0, "9", "01aaa\n9 bbb\n99ccc\n"},
		{CRLF, 2, 0, "", "01aaa\n02bbb\n99ccc\r\n"},
		{Ops + Insert, 3, 7, "Z", "Z01aaa\n02bbb\n99ccc\n"}, // op, line and pos wrap around
	}
	for _, tt := range tests {
		if got := Apply(lines, tt.op, tt.line, tt.pos, tt.text); got != tt.want {
			t.Errorf("Apply(op %d, line %d, pos %d, %q) = %q, want %q", tt.op, tt.line, tt.pos, tt.text, got, tt.want)
		}
	}
	if lines[0] != "01aaa\n" || lines[1] != "02bbb\n" {
		t.Error("Apply changed its input")
	}
	if got := Apply(nil, Insert, 0, 0, "raw"); got != "raw" {
		t.Errorf("no lines: %q", got)
	}
}
