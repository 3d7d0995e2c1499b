package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/insurer"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
)

const retourArgs = "-role portal|insurer [-date YYYY-MM-DD] [-connected UZOVI,...] [-invoices FILE] [-ref REFERENTIE] [-strict-uzovi] [-max-input BYTES] -o OUT|- [-force] DECL"

// runRetour answers a declaration with a return message, as the portal (VECOZO) or the
// insurer would: it validates the declaration (RBC N1-N5; for the insurer also its own
// checks: the submission deadline of seed 004 against -date), checks the addressing
// (-connected: the UZOVI numbers connected, else 8198) and the invoice number (-invoices: a
// file of invoice numbers used before, one per line, else 0030), and writes the return to
// OUT ("-" for standard output; a file is written as every command writes one: mode 0600,
// complete or not at all, never over an existing file without -force nor over an input).
// A QVE301 (Q delivery) is answered as VECOZO answers it, by package q: -role portal only.
// A clean file at the portal gets no return: it is forwarded, and nothing is written.
// A file whose detail records cannot be read is rejected as a whole (01 and 99), with the
// validator's codes as the reasons.
//
// A declaration file is read from disk four times (read, validated, its findings placed,
// answered: retour.StreamFindings and retour.Stream) in constant memory, whatever its
// size; the return is written to OUT as it is read the last time. Standard input, which can
// be read once, is held in memory (up to -max-input; give a file name for a large
// declaration), as are a Q delivery and a declaration whose detail records are not
// numbered upward (within -max-input too): those are answered from memory (retour.Build).
// With -o -, a return streamed to standard output that fails half way (the file changed
// between the passes) leaves what was written; the exit status (2) says so.
// Exit 0 when the declaration is accepted, 1 when the return rejects (part of) it, 2 when
// a file cannot be read or the usage is wrong.
func runRetour(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("retour", retourArgs, stderr)
	roleFlag := fs.String("role", "", "who answers: portal (VECOZO) or insurer")
	date := fs.String("date", "", "date of the return and of receipt (default: today)")
	connected := fs.String("connected", "", "comma-separated UZOVI numbers that may receive the declaration (default: the portal passes on to every number of the UZOVI register, the insurer takes any)")
	invoices := fs.String("invoices", "", "file of invoice numbers (factuurnummer declarant) used before, one per line")
	ref := fs.String("ref", "", "referentienummer zorgverzekeraar of the return")
	outName := fs.String("o", "", "file to write the return to (- for standard output)")
	force := forceFlag(fs)
	strictUZOVI := fs.Bool("strict-uzovi", false, "report a UZOVI-nummer that is not in the UZOVI register as an error (default: a warning)")
	maxInput := fs.Int64("max-input", defaultMaxInput, "the largest input in bytes held in memory: DECL from standard input, a Q delivery (QVE301), a declaration whose detail records are not numbered upward, the -invoices file; a declaration file is otherwise read from disk in constant memory")
	scenario := fs.String("scenario", "", scenarioUsage)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one DECL", errUsage)
	}
	role, err := retour.ParseRole(*roleFlag)
	if err != nil {
		return exitFailure, fmt.Errorf("%w: -role: %v", errUsage, err)
	}
	if *outName == "" {
		return exitFailure, fmt.Errorf("%w: -o OUT is required (- for standard output)", errUsage)
	}
	if err := checkInputs(pos[0], *invoices); err != nil {
		return exitFailure, err
	}
	if *outName != "-" {
		// Refuse a wrong -o before any work.
		if err := checkOutputName(*outName, []string{pos[0], *invoices}, *force); err != nil {
			return exitFailure, err
		}
	}
	var day record.Date
	if *date != "" {
		if err := day.UnmarshalText([]byte(*date)); err != nil {
			return exitFailure, fmt.Errorf("%w: -date: %v", errUsage, err)
		}
	}
	var uzovis []int64
	for s := range strings.SplitSeq(*connected, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return exitFailure, fmt.Errorf("%w: -connected: %q is not a UZOVI number", errUsage, s)
		}
		uzovis = append(uzovis, n)
	}
	var used []string
	if *invoices != "" {
		data, err := readWhole(*invoices, *maxInput)
		if err != nil {
			return exitFailure, err
		}
		for l := range strings.SplitSeq(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				used = append(used, l)
			}
		}
	}
	in, err := openDeclaration(pos[0], *maxInput)
	if err != nil {
		return exitFailure, err
	}
	reg := registry()
	vopts := validate.Options{Today: day, Registry: reg, RuleSets: ruleSets(), StrictUZOVI: *strictUZOVI}
	if err := withScenario(&vopts, *scenario); err != nil {
		return exitFailure, err
	}
	var (
		out retour.Outcomes
		// whole is the declaration in memory when the return is built from it (Build,
		// q.Return) rather than streamed: its 01 and 99 for a file that is rejected as a
		// whole because its records cannot be read, the whole file for a Q delivery and
		// for a declaration whose detail records are not numbered upward.
		whole *ei.File
	)
	ctx := context.Background()
	decl, err := scanDeclaration(in, reg)
	switch {
	case err != nil:
		// Records that cannot be read cannot be returned: the file is rejected as a whole,
		// with the reasons the validator finds, when its 01 and 99 records can be read.
		var envErr error
		if decl, envErr = readEnvelope(in, reg); envErr != nil {
			return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
		}
		whole = decl
		rep, verr := validateDeclaration(ctx, in, vopts)
		if verr != nil {
			return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), verr)
		}
		err = nil
		out.RejectFile()
		for _, f := range rep.Findings {
			if f.Severity == validate.Error && f.Retourcode != "" && f.Retourcode != retour.CodeTechnisch && !slices.Contains(out.File, f.Retourcode) {
				out.File = append(out.File, f.Retourcode)
			}
		}
	case decl.Standard.Code() == "QVE301":
		if role != retour.Portal {
			return exitFailure, fmt.Errorf("%w: -role %s: a Q delivery (QVE301) is answered by VECOZO, the portal: -role portal", errUsage, *roleFlag)
		}
		var data []byte
		if data, err = in.bytes(); err != nil {
			return exitFailure, err
		}
		if whole, err = ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: reg}); err == nil {
			decl = whole
			out, _, err = q.Outcomes(ctx, decl, bytes.NewReader(data), vopts)
		}
	default:
		// The insurer validates with its own rules besides (insurer.Assess, without
		// maxima, on a file read from disk at each pass).
		o := vopts
		var c *insurer.Checker
		if role == retour.Insurer {
			c = insurer.New(ctx, insurer.Config{Received: day})
			o.RuleSets = append(slices.Clip(o.RuleSets), c.RuleSet())
		}
		var rep *validate.Report
		if rep, err = validateDeclaration(ctx, in, o); err == nil && c != nil {
			err = c.Err()
		}
		if err == nil {
			out, whole, err = outcomesOf(ctx, in, reg, rep.Findings)
		}
	}
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
	}
	// File-level checks of the receiver: addressing and invoice number (seed 002 2a, 2b).
	hdr, err := decl.Voorloop.Record.AppendTo(nil)
	if err != nil {
		return exitFailure, err
	}
	l := decl.Voorloop.Record.Layout()
	var reasons []string
	if nc, err := retour.NotConnected(decl, role, retour.Addressing{Connected: uzovis}); err != nil {
		return exitFailure, err
	} else if nc {
		reasons = append(reasons, retour.CodeNietAangesloten)
	}
	if f := fieldOfElement(l, elementFactuurnummer); f != nil && slices.Contains(used, strings.TrimSpace(string(record.FieldText(hdr, f)))) {
		reasons = append(reasons, "0030")
	}
	if len(reasons) > 0 {
		for _, c := range out.File {
			if !slices.Contains(reasons, c) {
				reasons = append(reasons, c)
			}
		}
		out.RejectFile()
		out.File = reasons
	}
	if len(out.File) > retour.MaxCodes-1 {
		// The 01 record holds 0001 and two reasons: say what does not fit.
		fmt.Fprintf(stderr, "zorgcheck retour: the 01 record holds two reasons; also found: %s\n", strings.Join(out.File[retour.MaxCodes-1:], " "))
		out.File = out.File[:retour.MaxCodes-1]
	}
	opts := retour.Options{Role: role, Registry: reg, Dagtekening: day, Referentie: *ref}
	var (
		writeReturn func(w io.Writer) (forwarded bool, err error)
		retStd      *record.Standard // the return's standard
	)
	switch {
	case decl.Standard.Code() == "QVE301" || whole != nil:
		var m *retour.Message
		if decl.Standard.Code() == "QVE301" {
			m, err = q.Return(decl, out, q.ReturnOptions{Dagtekening: day, Referentie: *ref})
		} else {
			m, err = retour.Build(whole, out, opts)
		}
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
		}
		retStd = m.Standard
		writeReturn = func(w io.Writer) (bool, error) {
			if m.Forwarded {
				return true, nil
			}
			_, err := w.Write(m.Bytes())
			return false, err
		}
	default:
		// The return is written as the declaration is read a last time.
		retStd, _ = reg.ReturnOf(decl.Standard)
		writeReturn = func(w io.Writer) (bool, error) {
			r, err := in.open()
			if err != nil {
				return false, err
			}
			defer r.Close()
			return retour.Stream(ctx, w, r, out, opts)
		}
	}
	// What the command says goes to standard output, unless the return itself does.
	status := stdout
	if *outName == "-" {
		status = stderr
	}
	w := bufio.NewWriter(status)
	defer w.Flush()
	o, err := createOutput(*outName, []string{pos[0], *invoices}, *force, stdout)
	if err != nil {
		return exitFailure, err
	}
	defer o.Abort()
	var ret returnLines
	forwarded, err := writeReturn(io.MultiWriter(outputWriter{o}, &ret))
	if err != nil {
		var we *writeError
		if errors.As(err, &we) {
			return exitFailure, outputError(*outName, we.err)
		}
		return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
	}
	if forwarded {
		fmt.Fprintf(w, "%s: no errors: the portal forwards the declaration without a return; nothing written\n", shownName(pos[0]))
		return exitOK, w.Flush()
	}
	if err := o.Commit(); err != nil {
		return exitFailure, err
	}
	codes := retourCodes(retStd, ret.first)
	where := *outName
	if where == "-" {
		where = "standard output"
	}
	fmt.Fprintf(w, "%s: %s return written to %s: %d records, 01 retourcode %s\n", shownName(pos[0]), retStd.ID(), where, ret.records, strings.Join(codes, " "))
	if slices.Equal(codes, []string{retour.CodeToegewezen}) {
		return exitOK, w.Flush()
	}
	return exitFindings, w.Flush()
}

// elementFactuurnummer is the data element of the factuurnummer declarant.
const elementFactuurnummer = "NUM029"

// fieldOfElement returns the first field of l with the data element elem ("NUM029"), or nil.
func fieldOfElement(l *record.Layout, elem string) *record.Field {
	fs := l.Fields()
	for i := range fs {
		if e, _, _ := strings.Cut(fs[i].Element, "-"); e == elem {
			return &fs[i]
		}
	}
	return nil
}

// retourCodes returns the return codes of line, a record of the return standard std.
func retourCodes(std *record.Standard, line []byte) []string {
	l := std.Layout(string(line[:min(2, len(line))]))
	if l == nil {
		return nil
	}
	var out []string
	fs := l.Fields()
	for j := range fs {
		f := &fs[j]
		if f.Role == record.RoleReturnCode {
			if c := strings.TrimSpace(string(record.FieldText(line, f))); c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// returnLines counts the records of a return as it is written and keeps the first.
type returnLines struct {
	records int
	first   []byte
	firstOK bool // first is complete
}

func (r *returnLines) Write(p []byte) (int, error) {
	r.records += bytes.Count(p, []byte("\n"))
	if !r.firstOK {
		line := p
		if i := bytes.IndexAny(p, "\r\n"); i >= 0 {
			line, r.firstOK = p[:i], true
		}
		r.first = append(r.first, line...)
	}
	return len(p), nil
}

// writeError is an error of writing the output, told apart from one of reading the
// declaration while the return is streamed.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// outputWriter marks the errors of writing w as writeErrors.
type outputWriter struct{ w io.Writer }

func (o outputWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil {
		err = &writeError{err}
	}
	return n, err
}

// declaration is the DECL of retour, read more than once (validated, its findings placed,
// its return written): a file is opened again for each pass and never held in memory;
// standard input, which can be read only once, is held in memory (up to -max-input).
type declaration struct {
	name  string // as given; "-" for standard input
	limit int64  // -max-input
	data  []byte // standard input
}

// openDeclaration checks that name can be read (standard input: reads it).
func openDeclaration(name string, limit int64) (*declaration, error) {
	d := &declaration{name: name, limit: limit}
	if name == "-" {
		var err error
		d.data, err = readWhole(name, limit)
		return d, err
	}
	in, _, err := openInput(name)
	if err != nil {
		return nil, err
	}
	return d, in.Close()
}

// open returns the declaration from its start.
func (d *declaration) open() (io.ReadCloser, error) {
	if d.name == "-" {
		return io.NopCloser(bytes.NewReader(d.data)), nil
	}
	in, _, err := openInput(d.name)
	return in, err
}

// bytes returns the whole declaration, for a Q delivery and a declaration numbered out
// of order: a file larger than -max-input is refused.
func (d *declaration) bytes() ([]byte, error) {
	if d.name == "-" {
		return d.data, nil
	}
	return readWhole(d.name, d.limit)
}

// scanDeclaration reads the declaration as ei.ReadFile does, with its errors, one record at
// a time: it returns a File with the standard and the 01 and 99 records only.
func scanDeclaration(d *declaration, reg *ei.Registry) (*ei.File, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rd := ei.NewReader(r, ei.ReaderOptions{Registry: reg, ReuseRecord: true})
	std, err := rd.Standard()
	if err != nil {
		return nil, err
	}
	f := &ei.File{Standard: std}
	var nest ei.Nester
	for e, err := range rd.All() {
		if err != nil {
			return nil, err
		}
		code := e.Code()
		if st := nest.Place(code); st.Err != nil {
			return nil, fmt.Errorf("line %d: %w", e.Line, st.Err)
		}
		if code != record.CodeVoorloop && code != record.CodeSluit {
			continue
		}
		// The reader reuses its records: keep a copy of these two.
		rec := std.NewRecord(code)
		if err := rec.Parse(rd.Text()); err != nil {
			return nil, fmt.Errorf("line %d: %w", e.Line, err)
		}
		if code == record.CodeVoorloop {
			f.Voorloop = ei.Entry{Line: e.Line, Record: rec}
		} else {
			f.Sluit = ei.Entry{Line: e.Line, Record: rec}
		}
	}
	if _, err := nest.End(); err != nil {
		return nil, err
	}
	return f, nil
}

// readEnvelope is retour.ReadEnvelope on the declaration.
func readEnvelope(d *declaration, reg *ei.Registry) (*ei.File, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return retour.ReadEnvelope(r, reg)
}

// validateDeclaration is validate.File on the declaration.
func validateDeclaration(ctx context.Context, d *declaration, opts validate.Options) (*validate.Report, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return validate.File(ctx, r, opts)
}

// outcomesOf turns the findings of validating the declaration into outcomes
// (retour.StreamFindings). A declaration whose detail records are not numbered upward is
// read whole (within -max-input) and answered from memory, as retour.FromFindings and
// retour.Build answer it: only the whole file shows a record that appears twice. whole is
// that declaration, else nil.
func outcomesOf(ctx context.Context, d *declaration, reg *ei.Registry, findings []validate.Finding) (out retour.Outcomes, whole *ei.File, err error) {
	r, err := d.open()
	if err != nil {
		return out, nil, err
	}
	defer r.Close()
	out, _, err = retour.StreamFindings(ctx, r, reg, findings)
	if !errors.Is(err, retour.ErrNumbering) {
		return out, nil, err
	}
	data, err := d.bytes()
	if err != nil {
		return out, nil, err
	}
	if whole, err = ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: reg}); err != nil {
		return out, nil, err
	}
	out, _, err = retour.FromFindings(whole, findings)
	return out, whole, err
}
