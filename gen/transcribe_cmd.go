package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/zorgbericht/zorgbericht/internal/transcribe"
)

// runTranscribe converts the third-party transcriptions of Vektis layouts into spec files
// with notes:
//
//	go run ./gen transcribe [-layouts FLAT.csv] [-types TYPES.json] [-codes DIR] [-specs DIR] [-check] [CODE@VERSION...]
//
// It reports the defects its checks find in the transcription and the repairs it applies,
// and writes specs/CODEvX.Y.csv and specs/CODEvX.Y.notes.md for the given standards (all
// it knows when none are given). With -check it writes nothing and fails when a file
// differs from what it would write.
func runTranscribe(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("transcribe", flag.ContinueOnError)
	var p transcribe.Paths
	fs.StringVar(&p.Layouts, "layouts", "../shared/vektis/layouts/olmeca_layouts_flat.csv", "flat layout file of olmeca/vektor")
	fs.StringVar(&p.Types, "types", "../shared/vektis/layouts/sb311-types.json", "olmeca JSON layout to compare with (empty: none)")
	fs.StringVar(&p.Codes, "codes", "../shared/vektis/codes", "directory of Vektis code lists (COD002 and vektis-2019-json)")
	fs.StringVar(&p.Specs, "specs", "specs", "directory of spec files: the official specs are the references, and the output goes here")
	check := fs.Bool("check", false, "write nothing; fail when a spec or notes file is not what would be written")
	if err := fs.Parse(args); err != nil {
		return err
	}
	plans := transcribe.Plans()
	want := map[string]bool{}
	for _, id := range fs.Args() {
		id = strings.ToUpper(id)
		known := false
		for _, pl := range plans {
			known = known || pl.ID == id
		}
		if !known {
			return fmt.Errorf("transcribe: no plan for %s", id)
		}
		want[id] = true
	}
	in, err := transcribe.Load(p)
	if err != nil {
		return err
	}
	results, err := transcribe.All(plans, in)
	if err != nil {
		return err
	}
	var stale []string
	for _, res := range results {
		std := res.Standard
		if len(want) > 0 && !want[std.ID()] {
			continue
		}
		fmt.Fprintf(stdout, "%s: %d defects found, %d repairs, %d findings judged\n", std.ID(), len(res.Defects), len(res.Repairs), len(res.Judged))
		for _, d := range transcribe.Fold(res.Defects) {
			fmt.Fprintf(stdout, "\tdefect: %s\n", d)
		}
		for _, a := range res.Repairs {
			fmt.Fprintf(stdout, "\trepair: record %s field %s: %s\n", a.Record, a.Field, a.Change)
		}
		specName, spec, notesName, notes, err := res.Files()
		if err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			data []byte
		}{{specName, spec}, {notesName, notes}} {
			path := filepath.Join(p.Specs, f.name)
			if *check {
				if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, f.data) {
					stale = append(stale, path)
				}
				continue
			}
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				return err
			}
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("transcribe: not up to date (run go run ./gen transcribe): %s", strings.Join(stale, ", "))
	}
	return nil
}
