package ei

import (
	"io"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// MaxLineLength is the longest line the reader and validator accept. EI records are at
// most a few hundred positions (630 is the longest known); a longer line means the input
// is not an EI file or has no line breaks, and it is never read into memory beyond this.
const MaxLineLength = 4 << 10

// ErrLineTooLong is returned for a line longer than MaxLineLength.
var ErrLineTooLong = record.ErrLineTooLong

// Line is one line of a file: its number, text without line break, the break that ended
// it ("\r\n", "\n", or "" for a last line without one) and its byte offset.
type Line = record.Raw

// LineScanner reads the lines of a file with constant memory (see record.LineScanner):
// the Text of many lines shares one allocation, so copy a line you keep for long. It
// returns io.ErrNoProgress on a source that keeps returning no data and no error.
type LineScanner = record.LineScanner

// NewLineScanner returns a scanner of the lines of r, at most MaxLineLength each.
func NewLineScanner(r io.Reader) *LineScanner { return record.NewLineScanner(r, MaxLineLength) }
