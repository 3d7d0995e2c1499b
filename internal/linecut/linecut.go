package linecut

import "strings"

// Cut returns the first line of rest, the length of its line break (0, 1 or 2) and how
// many bytes it takes with it. It is the one place that says what a line is: what comes
// before "\n" or "\r\n"; the last line of a stream may have no break.
func Cut(rest string) (text string, brk, adv int) {
	i := strings.IndexByte(rest, '\n')
	if i < 0 {
		return rest, 0, len(rest)
	}
	if i > 0 && rest[i-1] == '\r' {
		return rest[:i-1], 2, i + 1
	}
	return rest[:i], 1, i + 1
}

// Break returns the line break of a line whose break is brk bytes long, as Cut gives
// it: "", "\n" or "\r\n".
func Break(brk int) string { return "\r\n"[2-brk:] }

// Cuts holds the lines of a block, one word each: where the line's text ends in the
// block, shifted left two bits, and the length of its line break (0, 1 or 2) in the low
// two bits. A line starts where the one before it ends with its break.
type Cuts []uint32

// MaxBlock is the longest block Cuts can hold (the end of a text in 30 bits).
const MaxBlock = 1<<30 - 1

// Append appends the lines of block to cuts, cut as Cut cuts them, and returns them. A
// line longer than maxLine ends the cutting, after the lines before it, with tooLong set
// (as record.SplitLines ends with ErrLineTooLong). block must not be longer than
// MaxBlock.
func Append(cuts Cuts, block string, maxLine int) (out Cuts, tooLong bool) {
	if len(block) > MaxBlock {
		panic("linecut: block longer than MaxBlock")
	}
	for pos := 0; pos < len(block); {
		text, brk, adv := Cut(block[pos:])
		if len(text) > maxLine {
			return cuts, true
		}
		cuts = append(cuts, uint32(pos+len(text))<<2|uint32(brk))
		pos += adv
	}
	return cuts, false
}

// Line returns line i of block, whose lines c holds: its text, the length of its line
// break and the offset of its start in block.
func (c Cuts) Line(block string, i int) (text string, brk, start int) {
	if i > 0 {
		start = int(c[i-1]>>2 + c[i-1]&3)
	}
	return block[start : c[i]>>2], int(c[i] & 3), start
}
