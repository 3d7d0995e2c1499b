package report

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// A RecordLine is one line of a file as dump and report show it: split into the fields
// of its layout, or, when that cannot be done, with the reason.
type RecordLine struct {
	Number  int
	Text    string         // the line without its line break, as in the file (Latin-1)
	Layout  *record.Layout // nil when the line cannot be split
	Problem string         // why the line cannot be split; "" when it can
	// Trusted: the line is a well-formed record (WellFormed) of the type its code claims,
	// in the standard its file's 01 record names. Only such a line is masked field by
	// field; any other may hold personal data anywhere and is masked as a whole.
	Trusted bool
}

// RecordScanner reads a file line by line tolerantly: every line it can split is split,
// every other line comes with the reason, and it goes on. It decides the standard from
// the first line: the one given (-standard), the one the 01 record names, or, when the
// 01 record names a version the tool does not know, the closest known one (the same EI
// code and record length), saying so in Note.
type RecordScanner struct {
	lines   *record.LineScanner
	reg     *ei.Registry
	std     *record.Standard
	forced  bool
	trusted bool   // the standard read with is the one the file's 01 record names
	Note    string // how the standard was chosen, when not from the 01 record as it is
	Bad     int    // lines that could not be split
	Lines   int
	unsure  string // why there is no standard, when there is none
}

func NewRecordScanner(in io.Reader, reg *ei.Registry, std *record.Standard) *RecordScanner {
	return &RecordScanner{lines: ei.NewLineScanner(in), reg: reg, std: std, forced: std != nil}
}

// Standard returns the standard the lines are read with (nil when none could be chosen).
// It is known after the first call of Next.
func (s *RecordScanner) Standard() *record.Standard { return s.std }

// ErrEmpty is returned by RecordScanner.Next when the file has no lines at all.
var ErrEmpty = errors.New("the file is empty")

// Next returns the next line, io.EOF after the last, ErrEmpty for an empty file, or an
// error when reading fails.
func (s *RecordScanner) Next() (RecordLine, error) {
	line, err := s.lines.Next()
	if err == io.EOF && s.Lines == 0 {
		return RecordLine{}, ErrEmpty
	}
	if err != nil {
		if errors.Is(err, record.ErrLineTooLong) {
			return RecordLine{}, fmt.Errorf("line %d: longer than %d bytes: this is not an EI file, or it has no line breaks", s.Lines+1, ei.MaxLineLength)
		}
		return RecordLine{}, err
	}
	s.Lines++
	text := line.Text
	if line.Number == 1 {
		first := strings.TrimPrefix(text, "\ufeff")
		if !s.forced {
			s.chooseStandard(first)
			s.trusted = s.std != nil && s.Note == ""
		} else if named, err := s.reg.Detect([]byte(first)); err == nil && named.ID() == s.std.ID() {
			s.trusted = true
		}
	}
	rl := RecordLine{Number: line.Number, Text: text}
	rl.Layout, rl.Problem = s.split(line)
	rl.Trusted = s.trusted && rl.Layout != nil && WellFormed(rl.Layout, text)
	if rl.Problem != "" {
		s.Bad++
	}
	return rl, nil
}

func (s *RecordScanner) chooseStandard(first string) {
	std, err := s.reg.Detect([]byte(first))
	if err == nil {
		s.std = std
		return
	}
	// The 01 record names a standard or version the registry does not know: take the
	// newest standard with its EI code and the length of the line.
	if len(first) >= 9 && first[:2] == record.CodeVoorloop {
		code, cerr := strconv.Atoi(first[2:5])
		if cerr == nil {
			var guess *record.Standard
			for _, c := range s.reg.All() {
				for _, ec := range c.EICodes() {
					if ec == code && c.RecordLength() == len(first) {
						if guess == nil || c.Version() > guess.Version() || c.Version() == guess.Version() && c.Subversion() > guess.Subversion() {
							guess = c
						}
					}
				}
			}
			if guess != nil {
				s.std = guess
				s.Note = fmt.Sprintf("the 01 record names EI code %s version %s subversion %s, which zorgcheck does not know: shown with the layout of %s, the newest with that EI code and record length (-standard chooses another)",
					EscapeLatin1(first[2:5]), EscapeLatin1(first[5:7]), EscapeLatin1(first[7:9]), guess.ID())
				return
			}
		}
	}
	s.unsure = EscapeText(strings.TrimPrefix(err.Error(), "line 1: ")) + " (-standard chooses the layout to read it with)"
}

// split finds the layout of a line, which must have the record length and a record code
// of the standard; otherwise it says why not.
func (s *RecordScanner) split(line record.Raw) (*record.Layout, string) {
	text := line.Text
	if s.std == nil {
		return nil, "no layout to read it with: " + s.unsure
	}
	hint := ByteHint(line.Number, text, s.std.RecordLength())
	if text == "" {
		return nil, "line break without a record (empty line)"
	}
	if len(text) != s.std.RecordLength() {
		msg := fmt.Sprintf("the record has %d positions; records of %s have %d", len(text), s.std.ID(), s.std.RecordLength())
		if hint != "" {
			msg += ": " + hint
		}
		return nil, msg
	}
	code := text[:2]
	l := s.std.Layout(code)
	if l == nil {
		msg := fmt.Sprintf("record type \"%s\" does not exist in %s", EscapeLatin1(code), s.std.ID())
		if hint != "" {
			msg += ": " + hint
		}
		return nil, msg
	}
	return l, ""
}

// RawLine returns the text of a line that could not be split, escaped, with personal
// data masked unless unmask. A line that is not a well-formed record of its claimed type
// may hold personal data anywhere (a 02 joined to a 04, a record of the wrong length), so
// every letter and digit after its record code is masked, whatever layout the code
// names (MaskAnywhere); the line keeps its length, its spaces and its punctuation, so
// that its shape still shows.
func (s *RecordScanner) RawLine(text string, unmask bool) string {
	if unmask {
		return EscapeLatin1(text)
	}
	return EscapeLatin1(MaskAnywhere(text))
}
