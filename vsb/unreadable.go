package vsb

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// UnreadableReply is the DF012 refusal (920999) of a message that cannot be read as a
// 920000 at all (Decode failed: truncated, binary garbage, line breaks between records,
// another message type). It says what can be said:
//
//   - segments 200 and 300 repeat what of the sending's could be read (reference,
//     period, zending number, creation date, …), zeros where nothing could;
//   - the "code erreur" zones of segment 200 and 300 carry 01 (niet numeriek) for an N
//     zone that holds something else, and zone 2001 carries 03 (niet toegelaten) when
//     the message type is not 920000;
//   - one echo marks where reading stopped: the 350 characters from that byte offset
//     (control characters shown as '?', padded with spaces), letter B, and in the error
//     comment the byte offset and the reason.
//
// decodeErr is the error of Decode; its offset (a *record.Error's Offset) is where reading
// stopped. Personal data never enters the comment (the reason names positions, not
// values).
func UnreadableReply(b []byte, decodeErr error) *Reply {
	b = trimEnd(b)
	r := &Reply{Type: MsgFileRefused}
	digitsAt := func(start, n int) (int64, bool) {
		if start+n > len(b) {
			return 0, false
		}
		v, err := strconv.ParseInt(string(b[start:start+n]), 10, 64)
		return v, err == nil && v >= 0 && !strings.ContainsAny(string(b[start:start+n]), "+- ")
	}
	stop := 0
	var ce *record.Error
	if errors.As(decodeErr, &ce) && ce.Offset >= 0 {
		stop = int(ce.Offset)
	}
	// Segment 200 and 300, zone by zone, from the layouts of the 920000.
	if L, err := msgLayouts(MsgFacturatiebestand); err == nil {
		seg := []struct {
			l   *record.Layout
			off int
		}{{L["200"], 0}, {L["300"], 67}}
		for _, s := range seg {
			sc := s.l.Code()
			for _, fl := range s.l.Fields() {
				if fl.Type != record.Numeric || fl.Role == record.RoleReturnCode || (sc == "300" && fl.Number == "310") {
					continue
				}
				start := s.off + fl.Start - 1
				if start >= len(b) {
					continue // not in the input: nothing to say about it
				}
				v, ok := digitsAt(start, fl.Length)
				if coded := codeErreurIndex(s.l, fl.Number) >= 0; !ok && !coded {
					continue // a reserve: no code erreur zone to say it in
				}
				if !ok {
					code := 1
					if sc == "200" && fl.Number == "200" {
						code = 3
					}
					r.SegmentErrors = append(r.SegmentErrors, NewSegmentError(s.l.Code(), fl.Number, code))
					continue
				}
				switch sc + "/" + fl.Number {
				case "200/200":
					if v != 920000 {
						r.SegmentErrors = append(r.SegmentErrors, NewSegmentError("200", "200", 3))
					}
				case "200/202":
					r.Test = v == 92
				case "200/204":
					r.MessageRef = v
				case "300/300":
					r.Year, r.Month = int(v/100), int(v%100)
				case "300/301":
					r.Sending = int(v)
				case "300/302":
					r.Created, _ = ParseDate(string(b[start : start+8]))
				case "300/304":
					r.Version = int(v)
				case "300/308":
					r.InvoiceType = int(v)
				case "300/309":
					r.Mode = int(v)
				}
			}
		}
	}
	if len(b) >= 67+36 {
		r.FileRef = printable(string(b[67+23 : 67+36]))
	}
	if stop > len(b) {
		stop = len(b)
	}
	rec := []byte(printable(string(b[stop:min(stop+RecordLength, len(b))])))
	rec = append(rec, strings.Repeat(" ", RecordLength-len(rec))...)
	reason := "unreadable"
	if decodeErr != nil {
		reason = strings.Replace(decodeErr.Error(), fmt.Sprintf("byte offset %d: ", stop), "", 1) // the offset is said once
	}
	comment := printable(fmt.Sprintf("reading stopped at byte offset %d: %s", stop, reason))
	r.Echoes = []Echo{{
		Record:     record.Raw{Text: string(rec)},
		Sending:    r.Sending,
		Created:    "00000000",
		Period:     fmt.Sprintf("%04d%02d", r.Year%10000, r.Month%100),
		Rejections: []Rejection{{Letter: "B", Code: "000000"}},
		Comment:    truncateText(comment, 200),
		Index:      1,
	}}
	if !r.Created.IsZero() {
		r.Echoes[0].Created = dateDigits(r.Created)
	}
	return r
}

// StoppedAt is the byte offset where reading of the answered message stopped, as an
// UnreadableReply records it in its first echo's comment; ok is false for any other reply.
func (r *Reply) StoppedAt() (offset int, ok bool) {
	if r.Type != MsgFileRefused || len(r.Echoes) == 0 {
		return 0, false
	}
	rest, found := strings.CutPrefix(r.Echoes[0].Comment, "reading stopped at byte offset ")
	if !found {
		return 0, false
	}
	n, _, _ := strings.Cut(rest, ":")
	v, err := strconv.Atoi(n)
	return v, err == nil
}

// printable replaces every byte outside printable ASCII by '?'.
func printable(s string) string {
	return strings.Map(func(c rune) rune {
		if c < ' ' || c > '~' {
			return '?'
		}
		return c
	}, s)
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
