package transcribe

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

// Paths says where Load finds what Transcribe works from.
type Paths struct {
	Layouts string // flat layout file of olmeca/vektor (olmeca_layouts_flat.csv)
	Types   string // olmeca JSON layout to compare with (sb311-types.json); "" for none
	Codes   string // directory of Vektis code lists: COD002*.csv, and vektis-2019-json/
	Specs   string // directory of spec files; its official specs are the references
}

// Load reads the transcriptions, code lists and official specs named by p.
func Load(p Paths) (Input, error) {
	in := Input{SourceName: "olmeca/vektor, " + filepath.Base(p.Layouts)}
	var err error
	if in.Rows, err = readRows(p.Layouts, ReadFlat); err != nil {
		return in, err
	}
	if p.Types != "" {
		if in.Second, err = readRows(p.Types, ReadTypesJSON); err != nil {
			return in, err
		}
		in.SecondName = "olmeca/vektor, " + filepath.Base(p.Types)
	}
	if in.MessageCodes, err = readMessageCodes(p.Codes); err != nil {
		return in, err
	}
	if in.CodeLists, err = codeLists(p.Codes); err != nil {
		return in, err
	}
	if in.ReturnCodes, err = readReturnCodes(filepath.Join(p.Codes, "COD954_retourcodes.csv")); err != nil {
		return in, err
	}
	if in.References, err = officialSpecs(p.Specs); err != nil {
		return in, err
	}
	return in, nil
}

func readRows(path string, read func(io.Reader, string) ([]Row, error)) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, filepath.Base(path))
}

// readMessageCodes reads COD002 (EI message codes and their descriptions).
func readMessageCodes(dir string) (map[int]string, error) {
	paths, _ := filepath.Glob(filepath.Join(dir, "COD002*.csv"))
	if len(paths) != 1 {
		return nil, fmt.Errorf("want one COD002*.csv in %s, found %d", dir, len(paths))
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", paths[0], ErrFormat, err)
	}
	m := map[int]string{}
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(row[0])); err == nil {
			m[n] = strings.TrimSpace(row[1])
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%s: %w: no codes", paths[0], ErrFormat)
	}
	return m, nil
}

var codeListName = regexp.MustCompile(`^(?:COD)?(\d{3})(?:[-_.].*)?$`)

// codeLists reports whether Vektis publishes a code list with a number, from the names of
// the files in the code list directory and its vektis-2019-json subdirectory.
func codeLists(dir string) (func(string) bool, error) {
	known := map[string]bool{}
	for _, d := range []string{dir, filepath.Join(dir, "vektis-2019-json")} {
		entries, err := os.ReadDir(d)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if m := codeListName.FindStringSubmatch(e.Name()); m != nil && !e.IsDir() {
				known[m[1]] = true
			}
		}
	}
	return func(n string) bool { return known[n] }, nil
}

// officialSpecs reads the official spec files of dir, by ID.
func officialSpecs(dir string) (map[string]*specfile.Spec, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return nil, err
	}
	m := map[string]*specfile.Spec{}
	var errs []error
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		std, err := specfile.Parse(f, path)
		f.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if std.Status == record.StatusOfficial {
			m[std.ID()] = std
		}
	}
	return m, errors.Join(errs...)
}

// Files returns the spec file and the notes file of a transcribed standard: their names
// (CODEvX.Y.csv, CODEvX.Y.notes.md) and contents.
func (r *Result) Files() (specName string, spec []byte, notesName string, notes []byte, err error) {
	var b bytes.Buffer
	if err := specfile.Write(&b, r.Standard); err != nil {
		return "", nil, "", nil, err
	}
	base := r.Standard.Code + "v" + r.Standard.VersionString()
	return base + ".csv", b.Bytes(), base + ".notes.md", r.Notes(), nil
}

// readReturnCodes reads COD954 for the retourcode column.
func readReturnCodes(path string) ([]specfile.ReturnCode, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	codes, err := specfile.ReadCOD954(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return codes, nil
}
