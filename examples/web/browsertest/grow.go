package browsertest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// Grow writes a valid file of about size bytes with the official content of an EI base
// file (Vektis's GZ321-basisbestand-correct.ASC): its 01 record, its detail records again
// and again, and its 99. Each copy gets its own identificaties detailrecord (the numbers
// of the base file plus an offset; a comment keeps pointing at its record) and its own
// reference numbers (the base file's with "_" and the copy's number in base 36
// appended), and the 99 counts and totals every copy. Nothing else changes: the same
// verzekerden, prestaties, dates and amounts, as the base file has them.
func Grow(w io.Writer, base []byte, size int64) (copies int, err error) {
	lines := strings.Split(strings.TrimRight(string(base), "\r\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	if len(lines) < 3 {
		return 0, fmt.Errorf("a base file of %d lines: want a 01, detail records and a 99", len(lines))
	}
	std, err := standards.Registry().Detect([]byte(lines[0]))
	if err != nil {
		return 0, err
	}
	head, details, trailer := lines[0], lines[1:len(lines)-1], lines[len(lines)-1]
	maxID := int64(0)
	for _, l := range details {
		if l[:2] == record.CodeCommentaar {
			continue
		}
		if id, err := strconv.ParseInt(l[2:14], 10, 64); err == nil && id > maxID {
			maxID = id
		}
	}
	perCopy := int64(0)
	for _, l := range details {
		perCopy += int64(len(l)) + 1
	}
	copies = max(1, int((size-int64(len(head)+len(trailer)+2))/perCopy))
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(head + "\n")
	buf := make([]byte, 0, 1024)
	for k := range copies {
		suffix := "_" + strconv.FormatInt(int64(k), 36)
		for _, l := range details {
			buf = append(buf[:0], l...)
			id, _ := strconv.ParseInt(l[2:14], 10, 64)
			copy(buf[2:14], fmt.Sprintf("%012d", id+int64(k)*maxID))
			if lay := std.Layout(l[:2]); lay != nil {
				for _, f := range lay.Fields() {
					if f.Role != record.RoleReference && f.Role != record.RoleRelatedRef {
						continue
					}
					v := strings.TrimRight(l[f.Start-1:f.End], " ")
					if v == "" {
						continue
					}
					if len(v)+len(suffix) > f.Length {
						return 0, fmt.Errorf("reference %q of record %s: no room for %q", v, l[:2], suffix)
					}
					copy(buf[f.Start-1:f.End], fmt.Sprintf("%-*s", f.Length, v+suffix))
				}
			}
			buf = append(buf, '\n')
			bw.Write(buf)
		}
	}
	// The 99: every count and total times the copies.
	t := []byte(trailer)
	for _, f := range std.Layout(record.CodeSluit).Fields() {
		switch f.Role {
		case record.RoleCount, record.RoleDetailCount, record.RoleTotalDeclared:
			n, err := strconv.ParseInt(trailer[f.Start-1:f.End], 10, 64)
			if err != nil {
				continue
			}
			v := fmt.Sprintf("%0*d", f.Length, n*int64(copies))
			if len(v) > f.Length {
				return 0, fmt.Errorf("field %s of the 99: %s does not fit in %d positions", f.Number, v, f.Length)
			}
			copy(t[f.Start-1:f.End], v)
		}
	}
	bw.Write(bytes.TrimRight(t, "\r\n"))
	bw.WriteString("\n")
	return copies, bw.Flush()
}
