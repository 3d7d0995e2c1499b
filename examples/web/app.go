package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/examples/internal/report"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/vsb"
)

// input is a file the person chose: its name, its size and a way to read it (again).
type input struct {
	Name string
	Size int64
	Open report.Opener
}

// result is what the page shows of one file.
type result struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // "EI", "Q", "VSB", "unknown" (not a known format) or "error" (could not be read)
	Standard string `json:"standard"`
	Verdict  string `json:"verdict"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Message  string `json:"message"` // for unknown and error: what is wrong, in words
	HTML     string `json:"html"`    // the page of the report (or of the outcome)
}

// kinds of file.
const (
	kindEI      = "EI"
	kindQ       = "Q"
	kindVSB     = "VSB"
	kindUnknown = "unknown"
	kindError   = "error"
)

// detect tells the format of a file from its first bytes, and why not when it is none.
func detect(head []byte) (string, string) {
	line := head
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	switch {
	case len(head) == 0:
		return kindUnknown, "the file is empty"
	case bytes.HasPrefix(head, []byte(vsb.MsgFacturatiebestand)):
		return kindVSB, ""
	case len(head) >= 6 && bytes.HasPrefix(head, []byte("92")) && isDigits(head[:6]):
		return kindUnknown, fmt.Sprintf("a VSB/eFact reply (message %s), not a facturatiebestand: zorgcheck vsb read shows it", head[:6])
	}
	if _, err := standards.Registry().Detect(line); err == nil {
		return kindEI, ""
	}
	if _, err := q.Registry().Detect(line); err == nil {
		return kindQ, ""
	}
	if bytes.HasPrefix(line, []byte("01")) && len(line) >= 9 && isDigits(line[:9]) {
		// A 01 voorlooprecord naming a standard zorgcheck does not know, or a broken one:
		// the report says what is wrong with it (N1).
		return kindEI, ""
	}
	return kindUnknown, "not a file zorgcheck knows: no EI or Q file (its first line is no 01 voorlooprecord naming a standard) and no VSB facturatiebestand (message 920000)"
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// progressFunc reports reading: file is the index of the file, pass 1 validates, pass 2
// reads the records.
type progressFunc func(file, pass int, read, size int64)

// analyze validates every file and, when one is a return and another its declaration,
// reads the outcome per prestatie (outcome is nil otherwise).
func analyze(ctx context.Context, files []input, unmask bool, progress progressFunc) (results []result, outcome *result) {
	heads := make([][]byte, len(files))
	for i, f := range files {
		heads[i], _ = readHead(f)
		results = append(results, analyzeOne(ctx, i, f, heads[i], unmask, progress))
	}
	if len(files) == 2 {
		ret, decl := -1, -1
		for i := range files {
			if results[i].Kind != kindEI {
				continue
			}
			if report.IsReturn(firstLine(heads[i])) {
				ret = i
			} else {
				decl = i
			}
		}
		if ret >= 0 && decl >= 0 {
			o := buildOutcome(files[ret], files[decl])
			outcome = &o
		}
	}
	return results, outcome
}

func analyzeOne(ctx context.Context, i int, f input, head []byte, unmask bool, progress progressFunc) result {
	res := result{Name: report.EscapeText(f.Name)}
	kind, why := detect(head)
	res.Kind = kind
	var page *report.Page
	var err error
	switch kind {
	case kindUnknown:
		res.Message = why
		return res
	case kindVSB:
		var b []byte
		if b, err = readAll(f, report.MaxVSB); err == nil {
			page, err = report.BuildVSB(f.Name, b, unmask)
		}
	default:
		var p func(int, int64)
		if progress != nil {
			p = func(pass int, read int64) { progress(i, pass, read, f.Size) }
		}
		page, err = report.Build(ctx, f.Name, f.Open, report.Options{Unmask: unmask, Progress: p,
			Validate: validate.Options{Workers: 1}})
	}
	if err != nil {
		res.Kind, res.Message = kindError, report.EscapeText(err.Error())
		return res
	}
	if page.Format == "Q" {
		res.Kind = kindQ
	}
	var b strings.Builder
	if err := page.WriteHTML(&b); err != nil {
		res.Kind, res.Message = kindError, err.Error()
		return res
	}
	res.Standard, res.Verdict, res.Errors, res.Warnings, res.HTML = page.Standard, page.Verdict, page.Errors, page.Warnings, b.String()
	return res
}

func buildOutcome(ret, decl input) result {
	res := result{Name: report.EscapeText(ret.Name), Kind: "outcome"}
	r, err := readAll(ret, report.MaxOutcome)
	if err != nil {
		res.Kind, res.Message = kindError, err.Error()
		return res
	}
	d, err := readAll(decl, report.MaxOutcome)
	if err != nil {
		res.Kind, res.Message = kindError, err.Error()
		return res
	}
	p, err := report.BuildOutcome(ret.Name, r, decl.Name, d)
	if err != nil {
		res.Kind, res.Message = kindError, report.EscapeText(err.Error())
		return res
	}
	if p.Problems != nil {
		res.Verdict = ret.Name + " is not a valid answer to " + decl.Name
	} else {
		res.Verdict = fmt.Sprintf("Invoice %s: %s", p.Result.Invoice, p.Result.Status)
	}
	res.Verdict = report.EscapeText(res.Verdict)
	var b strings.Builder
	if err := p.WriteHTML(&b); err != nil {
		res.Kind, res.Message = kindError, err.Error()
		return res
	}
	res.HTML = b.String()
	return res
}

// readHead returns the first bytes of a file: enough for its first line.
func readHead(f input) ([]byte, error) {
	in, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer in.Close()
	b := make([]byte, ei.MaxLineLength+2)
	n, err := io.ReadFull(in, b)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return b[:n], err
}

func firstLine(head []byte) []byte {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	return bytes.TrimSuffix(head, []byte("\r"))
}

// readAll reads a whole file of at most max bytes.
func readAll(f input, max int64) ([]byte, error) {
	if f.Size > max {
		return nil, fmt.Errorf("%s: %d MB: larger than the %d MiB this is read whole for", report.EscapeText(f.Name), f.Size/1e6, max>>20)
	}
	in, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return io.ReadAll(io.LimitReader(in, max+1))
}
