package retour

import (
	"fmt"
	"io"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ReadEnvelope reads only the 01 voorlooprecord and the 99 sluitrecord of a declaration,
// for a file whose detail records cannot be read (a letter in an N field, a record of the
// wrong length): such a file can only be rejected as a whole, and a file-level return
// needs no more than these two records. The returned File has no detail records; give it
// to Build with Outcomes that reject the file. reg recognises the standard.
func ReadEnvelope(r io.Reader, reg *ei.Registry) (*ei.File, error) {
	if reg == nil {
		return nil, fmt.Errorf("retour: ReadEnvelope needs a registry: %w", ei.ErrNoRegistry)
	}
	sc := ei.NewLineScanner(r)
	first, err := sc.Next()
	if err == io.EOF {
		return nil, fmt.Errorf("retour: %w: the file is empty", io.ErrUnexpectedEOF)
	}
	if err != nil {
		return nil, err
	}
	std, err := reg.Detect([]byte(first.Text))
	if err != nil {
		return nil, err
	}
	if std.IsReturn() {
		return nil, fmt.Errorf("retour: line 1: %s is a return standard, not a declaration", std.ID())
	}
	f := &ei.File{Standard: std}
	if f.Voorloop, err = entry(std, first); err != nil {
		return nil, err
	}
	var last record.Raw
	for {
		ln, err := sc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(ln.Text, record.CodeSluit) {
			last = ln
			last.Text = strings.Clone(ln.Text)
		}
	}
	if last.Number == 0 {
		return nil, fmt.Errorf("retour: %w: the file has no 99 sluitrecord", io.ErrUnexpectedEOF)
	}
	if f.Sluit, err = entry(std, last); err != nil {
		return nil, err
	}
	return f, nil
}

func entry(std *record.Standard, ln record.Raw) (ei.Entry, error) {
	code := ln.Text[:min(2, len(ln.Text))]
	rec := std.NewRecord(code)
	if rec == nil {
		return ei.Entry{}, fmt.Errorf("retour: line %d: %s has no record %q", ln.Number, std.ID(), code)
	}
	if err := rec.Parse(ln.Text); err != nil {
		return ei.Entry{}, fmt.Errorf("retour: line %d: %w", ln.Number, err)
	}
	return ei.Entry{Line: ln.Number, Record: rec}, nil
}
