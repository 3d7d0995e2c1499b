package main

import (
	"flag"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
)

// personalKind is report.PersonalKind: the one place that decides whether a field holds
// personal data (shared with the report and the page).
func personalKind(f *record.Field) record.Personal { return report.PersonalKind(f) }

// maskFlag defines -unmask on fs. Personal data is masked unless it is set.
func maskFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("unmask", false, "show personal data (BSN, names, addresses, dates of birth) as it is in the file; masked by default")
}

// A line is shown field by field with the masks above only when it is a well-formed
// record of the type its record code claims, read with the standard its file names.
// Anything else — a record code that does not fit the content (a 02 whose code was made
// 98), a wrong length, two records joined on one line, a layout chosen with -standard
// that the file does not name, a numeric field holding letters, a reserve that is not
// blank — may hold personal data at any position: such a line is masked as a whole
// (maskAnywhere), never less.

// maskAnywhere masks every letter and digit of text beyond its record code: the shared
// rule of examples/internal/report (report.MaskAnywhere), which the page uses too.
func maskAnywhere(text string) string { return report.MaskAnywhere(text) }

// maskValue is report.MaskValue: a field's value with its personal data masked.
func maskValue(f *record.Field, value string) string { return report.MaskValue(f, value) }

// maskRaw is report.MaskRaw: a raw record with its personal fields masked in place.
func maskRaw(l *record.Layout, raw string) string { return report.MaskRaw(l, raw) }
