package main

import (
	"bufio"
	"bytes"
	"context"
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
	maxInput := maxInputFlag(fs)
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
	data, err := readWhole(pos[0], *maxInput)
	if err != nil {
		return exitFailure, err
	}
	reg := registry()
	vopts := validate.Options{Today: day, Registry: reg, RuleSets: ruleSets(), StrictUZOVI: *strictUZOVI}
	if err := withScenario(&vopts, *scenario); err != nil {
		return exitFailure, err
	}
	var out retour.Outcomes
	ctx := context.Background()
	decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: reg})
	switch {
	case err != nil:
		// Records that cannot be read cannot be returned: the file is rejected as a whole,
		// with the reasons the validator finds, when its 01 and 99 records can be read.
		var envErr error
		if decl, envErr = retour.ReadEnvelope(bytes.NewReader(data), reg); envErr != nil {
			return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
		}
		rep, verr := validate.File(ctx, bytes.NewReader(data), vopts)
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
		out, _, err = q.Outcomes(ctx, decl, bytes.NewReader(data), vopts)
	case role == retour.Insurer:
		out, _, err = insurer.Assess(ctx, data, insurer.Config{Received: day}, nil, vopts)
	default:
		var rep *validate.Report
		if rep, err = validate.File(ctx, bytes.NewReader(data), vopts); err == nil {
			out, _, err = retour.FromFindings(decl, rep.Findings)
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
	var m *retour.Message
	if decl.Standard.Code() == "QVE301" {
		m, err = q.Return(decl, out, q.ReturnOptions{Dagtekening: day, Referentie: *ref})
	} else {
		m, err = retour.Build(decl, out, retour.Options{Role: role, Registry: reg, Dagtekening: day, Referentie: *ref})
	}
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
	}
	// What the command says goes to standard output, unless the return itself does.
	status := stdout
	if *outName == "-" {
		status = stderr
	}
	w := bufio.NewWriter(status)
	defer w.Flush()
	if m.Forwarded {
		fmt.Fprintf(w, "%s: no errors: the portal forwards the declaration without a return; nothing written\n", shownName(pos[0]))
		return exitOK, w.Flush()
	}
	if err := writeOutput(*outName, m.Bytes(), []string{pos[0], *invoices}, *force, stdout); err != nil {
		return exitFailure, err
	}
	codes := retourCodesOf(m, 0)
	where := *outName
	if where == "-" {
		where = "standard output"
	}
	fmt.Fprintf(w, "%s: %s return written to %s: %d records, 01 retourcode %s\n", shownName(pos[0]), m.Standard.ID(), where, len(m.Lines), strings.Join(codes, " "))
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

func retourCodesOf(m *retour.Message, i int) []string {
	l := m.Standard.Layout(string(m.Lines[i][:2]))
	var out []string
	fs := l.Fields()
	for j := range fs {
		f := &fs[j]
		if f.Role == record.RoleReturnCode {
			if c := strings.TrimSpace(string(record.FieldText(m.Lines[i], f))); c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}
