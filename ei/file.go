package ei

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// File is a whole EI file, its records grouped by the nesting of the standard:
// the voorlooprecord, per verzekerde its debiteur, prestaties and comments (with, under
// each prestatie, its further detail records such as tarief or zorgactiviteit), and the
// sluitrecord. Comment records (98) hang under the record they comment on.
//
// For large files prefer Reader and Writer, which use constant memory.
type File struct {
	Standard    *record.Standard
	Voorloop    Entry
	Commentaar  []Entry       // comment records before the first detail record (not valid, kept)
	Verzekerden []*Verzekerde // in file order
	// Prestaties holds prestatie records that have no verzekerde above them: the nesting
	// of standards without 02 records.
	Prestaties []*Prestatie
	Sluit      Entry
}

// Verzekerde is a verzekerdenrecord (02) with what belongs to it.
type Verzekerde struct {
	Entry
	Commentaar []Entry
	Debiteuren []*Detail    // 03 records
	Prestaties []*Prestatie // 04 records
}

// Prestatie is a prestatierecord (04) with what belongs to it.
type Prestatie struct {
	Entry
	Commentaar []Entry
	Details    []*Detail // further detail records under the prestatie (06, 16, 17, …)
}

// Detail is a detail record with its comments.
type Detail struct {
	Entry
	Commentaar []Entry
}

// ReadFile reads a whole EI file into memory, grouped by a Nester.
func ReadFile(r io.Reader, opts ReaderOptions) (*File, error) {
	rd := NewReader(r, opts)
	std, err := rd.Standard()
	if err != nil {
		return nil, err
	}
	f := &File{Standard: std}
	var (
		nest     Nester
		verz     *Verzekerde
		prest    *Prestatie
		comments *[]Entry // where a 98 record goes: under the last record read
	)
	for e, err := range rd.All() {
		if err != nil {
			return nil, err
		}
		code := e.Code()
		st := nest.Place(code)
		if st.Err != nil {
			return nil, fmt.Errorf("line %d: %w", e.Line, st.Err)
		}
		switch {
		case code == record.CodeVoorloop:
			f.Voorloop = e
			comments = &f.Commentaar
		case code == record.CodeSluit:
			f.Sluit = e
		case st.Comment:
			*comments = append(*comments, e)
		case st.Events&OpenVerzekerde != 0:
			verz = &Verzekerde{Entry: e}
			prest = nil
			f.Verzekerden = append(f.Verzekerden, verz)
			comments = &verz.Commentaar
		case st.Events&OpenPrestatie != 0:
			prest = &Prestatie{Entry: e}
			if st.Parent == ParentVerzekerde {
				verz.Prestaties = append(verz.Prestaties, prest)
			} else {
				f.Prestaties = append(f.Prestaties, prest)
			}
			comments = &prest.Commentaar
		case st.Parent == ParentVerzekerde: // a 03 debiteurrecord
			d := &Detail{Entry: e}
			verz.Debiteuren = append(verz.Debiteuren, d)
			comments = &d.Commentaar
		default: // a record under the 04
			d := &Detail{Entry: e}
			prest.Details = append(prest.Details, d)
			comments = &d.Commentaar
		}
	}
	if _, err := nest.End(); err != nil {
		return nil, err
	}
	return f, nil
}

// Records returns the records of the file in file order: for a file read by ReadFile,
// the order of its lines (whatever the grouping); for entries made by the caller (Line 0),
// the order of the groups: voorloop, per verzekerde its comments, debiteuren, prestaties
// with their comments and details, then the sluitrecord.
func (f *File) Records() []record.Record {
	entries := f.Entries()
	out := make([]record.Record, len(entries))
	for i, e := range entries {
		out[i] = e.Record
	}
	return out
}

// Entries returns the entries of the file in the order of Records.
func (f *File) Entries() []Entry {
	entries := f.entries()
	if !slices.ContainsFunc(entries, func(e Entry) bool { return e.Line == 0 }) {
		slices.SortStableFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Line, b.Line) })
	}
	return entries
}

func (f *File) entries() []Entry {
	var out []Entry
	add := func(e Entry, comments []Entry) {
		out = append(out, e)
		out = append(out, comments...)
	}
	addPrestatie := func(p *Prestatie) {
		add(p.Entry, p.Commentaar)
		for _, d := range p.Details {
			add(d.Entry, d.Commentaar)
		}
	}
	add(f.Voorloop, f.Commentaar)
	for _, v := range f.Verzekerden {
		add(v.Entry, v.Commentaar)
		for _, d := range v.Debiteuren {
			add(d.Entry, d.Commentaar)
		}
		for _, p := range v.Prestaties {
			addPrestatie(p)
		}
	}
	for _, p := range f.Prestaties {
		addPrestatie(p)
	}
	if f.Sluit.Record != nil {
		out = append(out, f.Sluit)
	}
	return out
}

// Write writes the file with a Writer: detail records are numbered and the sluitrecord
// filled (or checked) as opts say.
func (f *File) Write(w io.Writer, opts WriterOptions) error {
	wr := NewWriter(w, f.Standard, opts)
	for _, rec := range f.Records() {
		if err := wr.Write(rec); err != nil {
			return err
		}
	}
	return wr.Close()
}
