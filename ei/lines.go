package ei

import (
	"io"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// MaxLineLength is the longest line the reader and validator accept. EI records are at
// most a few hundred positions (630 is the longest known); a longer line means the input
// is not an EI file or has no line breaks, and it is never read into memory beyond this.
const MaxLineLength = 4 << 10

// NewLineScanner returns a scanner of the lines of r (record.Raw each), at most
// MaxLineLength each; a longer line is record.ErrLineTooLong. The scanner reads with
// constant memory: the Text of many lines shares one allocation, so copy a line you keep
// for long. It returns io.ErrNoProgress on a source that keeps returning no data and no error.
func NewLineScanner(r io.Reader) *record.LineScanner { return record.NewLineScanner(r, MaxLineLength) }
