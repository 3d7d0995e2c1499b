// Package report renders what zorgcheck found in a file as one self-contained HTML page
// (no network, no external assets): the verdict, the findings N1–N5 (or a VSB file's
// technical validation) and the records with their field boundaries, each finding at its
// record and field. It is the one rendering of `zorgcheck report` and of the web page
// (examples/web, GOOS=js GOARCH=wasm): nothing here needs an operating system.
//
// Memory stays bounded whatever the file: the file is read twice (validation, then the
// records), and the page keeps the first Options.MaxRecords records, every record that has
// a listed finding, and the first Options.MaxListed findings; everything is counted, and
// the page says what it leaves out.
package report
