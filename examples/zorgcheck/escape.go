package main

import "github.com/zorgbericht/zorgbericht/examples/internal/report"

// The text helpers are those of the shared rendering (examples/internal/report), so that
// every command and the web page word and escape alike.

// escapeText returns s (UTF-8 text, such as a message) with every character that is not
// printable written as an escape (report.EscapeText).
func escapeText(s string) string { return report.EscapeText(s) }

// escapeLatin1 returns a raw record (Latin-1) as UTF-8 with what is not printable
// escaped (report.EscapeLatin1).
func escapeLatin1(raw string) string { return report.EscapeLatin1(raw) }

// byteHint names what is wrong with the bytes of a record, where that explains a fault
// better than a count of positions (report.ByteHint); "" when nothing stands out.
func byteHint(line int, raw string, recordLength int) string {
	return report.ByteHint(line, raw, recordLength)
}
