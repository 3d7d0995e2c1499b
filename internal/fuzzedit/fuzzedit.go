package fuzzedit

// MaxText bounds the text of an edit; longer text is cut to it.
const MaxText = 64

// The edits, chosen by op modulo Ops.
const (
	Overwrite = iota // write text over the line at pos
	Insert           // insert text at pos
	Delete           // remove len(text) bytes (at least one) at pos
	Drop             // remove the line
	Duplicate        // repeat the line
	Swap             // swap the line with the next
	Join             // remove the line's break, joining it to the next
	Cut              // end the file at pos in the line
	Recode           // replace the record code (the first two bytes) with text
	CRLF             // end the line with CR LF instead of LF
	Ops              // the number of edits
)

// Apply returns the lines (each with its line break) joined, with one edit applied to
// line (modulo the number of lines) at byte pos (modulo the line's length + 1). With no
// lines, text is the file.
func Apply(lines []string, op, line uint8, pos uint16, text string) string {
	if len(text) > MaxText {
		text = text[:MaxText]
	}
	if len(lines) == 0 {
		return text
	}
	out := append([]string(nil), lines...)
	i := int(line) % len(out)
	l := out[i]
	p := int(pos) % (len(l) + 1)
	switch int(op) % Ops {
	case Overwrite:
		end := min(p+len(text), len(l))
		out[i] = l[:p] + text + l[end:]
	case Insert:
		out[i] = l[:p] + text + l[p:]
	case Delete:
		out[i] = l[:p] + l[min(p+max(len(text), 1), len(l)):]
	case Drop:
		out = append(out[:i], out[i+1:]...)
	case Duplicate:
		out = append(out[:i+1], out[i:]...)
	case Swap:
		if i+1 < len(out) {
			out[i], out[i+1] = out[i+1], out[i]
		}
	case Join:
		if n := len(l); n > 0 && l[n-1] == '\n' {
			out[i] = l[:n-1]
		}
	case Cut:
		out = append(out[:i], l[:p])
	case Recode:
		code := (text + "  ")[:2]
		if len(l) >= 2 {
			out[i] = code + l[2:]
		} else {
			out[i] = code
		}
	case CRLF:
		if n := len(l); n > 0 && l[n-1] == '\n' {
			out[i] = l[:n-1] + "\r\n"
		}
	}
	n := 0
	for _, s := range out {
		n += len(s)
	}
	b := make([]byte, 0, n)
	for _, s := range out {
		b = append(b, s...)
	}
	return string(b)
}
