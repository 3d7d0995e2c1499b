package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
	"github.com/zorgbericht/zorgbericht/vsb/voorziening"
	"github.com/zorgbericht/zorgbericht/vsb/zorgkas"
)

const vsbArgs = "dump|check|answer|read [-json] FILE [-o REPLY|DIR] [-errors CSV] [-received YYYY-MM-DD]"

// runVSB is "zorgcheck vsb": both sides of Vlaamse Sociale Bescherming billing (the eFact
// facturatiebestand and its DF replies).
//
//	vsb dump FILE                      records and zones of a 920000 or of any reply
//	vsb check FILE [-o REPLY]          technical validation: exit 0 + 931000, or exit 1 + 920999
//	vsb answer FILE -errors CSV [-o DIR] [-received DATE]
//	                                   the zorgkas decision: 920099, or 920098 + 920900
//	vsb read REPLY                     what a reply says and what the facility must do
//	                                   (exit 1 for a refusal: 920999 or 920099)
func runVSB(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 {
		return exitFailure, fmt.Errorf("%w: want a subcommand dump, check, answer or read", errUsage)
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "dump":
		return vsbDump(rest, stdout, stderr)
	case "check":
		return vsbCheck(rest, stdout, stderr)
	case "answer":
		return vsbAnswer(rest, stdout, stderr)
	case "read":
		return vsbRead(rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, "usage: zorgcheck vsb %s\n\n%s", vsbArgs, exitTable) // -h on standard output, as every command
		return exitOK, nil
	}
	return exitFailure, fmt.Errorf("%w: unknown subcommand %q (dump, check, answer, read)", errUsage, sub)
}

// vsbError is the JSON form of one error: record order number, zone, letter, code, text.
type vsbError struct {
	Order  int    `json:"order"`
	Record string `json:"record"`
	Zone   string `json:"zone"`
	Letter string `json:"letter"`
	Code   string `json:"code"`
	Text   string `json:"text"`
	Detail string `json:"detail,omitempty"`
}

// vsbResult is the JSON form of what check, answer and read report.
type vsbResult struct {
	Message         string                `json:"message"`
	DF              string                `json:"df"`
	Accepted        bool                  `json:"accepted"`
	Reason          string                `json:"reason,omitempty"`
	Records         int                   `json:"records,omitempty"`
	Rejected        int                   `json:"rejected,omitempty"`
	ErrorPercentage string                `json:"error_percentage"`
	Confirmation    bool                  `json:"needs_confirmation,omitempty"`
	Settlement      string                `json:"settlement,omitempty"` // 920900
	Payment         *zorgkas.PaymentOrder `json:"payment_order,omitempty"`
	Errors          []vsbError            `json:"errors"`
	Says            string                `json:"says,omitempty"`
	Do              []string              `json:"do,omitempty"`
	Totals          []vsb.Afrekening      `json:"totals,omitempty"`
	Written         []string              `json:"written,omitempty"`
}

func pct(hundredths int) string { return fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100) }

func findingsJSON(fs []vsb.Finding) []vsbError {
	out := []vsbError{}
	for _, f := range fs {
		out = append(out, vsbError{Order: f.Order, Record: f.Record, Zone: f.Zone, Letter: f.Letter, Code: f.Code, Text: f.Text, Detail: f.Detail})
	}
	return out
}

func readInput(name string) ([]byte, error) {
	return readWhole(name, defaultMaxInput)
}

func oneFile(fs []string) (string, error) {
	if len(fs) != 1 {
		return "", fmt.Errorf("%w: want one FILE (- for standard input), have %d arguments", errUsage, len(fs))
	}
	return fs[0], nil
}

func emit(stdout io.Writer, asJSON bool, res vsbResult, text func(w io.Writer)) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	w := bufio.NewWriter(stdout)
	text(w)
	return w.Flush()
}

func printFindings(w io.Writer, fs []vsb.Finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "  %s\n", f)
	}
}

func writeReply(path string, r *vsb.Reply) error {
	var b bytes.Buffer
	if err := vsb.EncodeReply(&b, r); err != nil {
		return err
	}
	return writeOutput(path, b.Bytes(), nil, false, os.Stdout)
}

// vsbCheck: technical validation.
func vsbCheck(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("vsb check", "[-json] [-o REPLY] FILE", stderr)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	out := fs.String("o", "", "write the reply (931000 or 920999) to this file")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	name, err := oneFile(pos)
	if err != nil {
		return exitFailure, err
	}
	b, err := readInput(name)
	if err != nil {
		return exitFailure, err
	}
	f, err := vsb.Decode(b)
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	t := zorgkas.Validate(f)
	reply := zorgkas.FileAccepted(f)
	if !t.Accepted {
		reply = zorgkas.FileRefused(f, t)
	}
	res := vsbResult{Message: reply.Type, DF: reply.DF(), Accepted: t.Accepted, Records: len(f.Records), ErrorPercentage: pct(0), Errors: findingsJSON(t.Findings)}
	if *out != "" {
		if err := writeReply(*out, reply); err != nil {
			return exitFailure, err
		}
		res.Written = []string{*out}
	}
	err = emit(stdout, *asJSON, res, func(w io.Writer) {
		if t.Accepted {
			fmt.Fprintf(w, "%s: technical validation passed: %s %s (file accepted)\n", name, reply.Type, reply.DF())
		} else {
			fmt.Fprintf(w, "%s: technical validation failed: %s %s (file refused), %d errors\n", name, reply.Type, reply.DF(), len(t.Findings))
			printFindings(w, t.Findings)
		}
	})
	if err != nil {
		return exitFailure, err
	}
	if !t.Accepted {
		return exitFindings, nil
	}
	return exitOK, nil
}

// readErrorsCSV reads content errors as lines "order,letter,code"; an empty letter takes
// the dictionary's. A header line "order,letter,code" and # comments are skipped.
func readErrorsCSV(path string) ([]vsb.Finding, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	r.FieldsPerRecord = 3
	r.TrimLeadingSpace = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v (want lines order,letter,code)", errUsage, path, err)
	}
	var out []vsb.Finding
	for i, row := range rows {
		if i == 0 && strings.EqualFold(row[0], "order") {
			continue
		}
		order, err := strconv.Atoi(strings.TrimSpace(row[0]))
		if err != nil || order < 1 {
			return nil, fmt.Errorf("%w: %s line %d: order %q is not a record order number", errUsage, path, i+1, row[0])
		}
		letter, code := strings.ToUpper(strings.TrimSpace(row[1])), strings.TrimSpace(row[2])
		fc, known := foutcode.Lookup(code)
		if letter == "" {
			if !known {
				return nil, fmt.Errorf("%w: %s line %d: code %q is not in the eFact dictionary and no letter is given", errUsage, path, i+1, code)
			}
			letter = fc.Letter
		}
		if !foutcode.Letter(letter[0]).Valid() || len(letter) != 1 {
			return nil, fmt.Errorf("%w: %s line %d: letter %q, want B, F, R, E or S", errUsage, path, i+1, letter)
		}
		f := vsb.Finding{Order: order, Letter: letter, Code: code, Text: fc.NL}
		if known {
			f.Record, f.Zone = fc.RecordType(), fc.Zone()
		}
		out = append(out, f)
	}
	return out, nil
}

// vsbAnswer: the zorgkas decision on content errors.
func vsbAnswer(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("vsb answer", "[-json] -errors CSV [-o DIR] [-received YYYY-MM-DD] FILE", stderr)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	errs := fs.String("errors", "", "content errors, CSV lines order,letter,code (one per rejected record or invoice)")
	dir := fs.String("o", "", "write the replies (920099, or 920098 and 920900) into this directory")
	recv := fs.String("received", "", "the day the sending was received (default today)")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	name, err := oneFile(pos)
	if err != nil {
		return exitFailure, err
	}
	if *errs == "" {
		return exitFailure, fmt.Errorf("%w: -errors CSV is required (an empty file for none)", errUsage)
	}
	received := vsb.DateOf(time.Now())
	if *recv != "" {
		t, err := time.Parse("2006-01-02", *recv)
		if err != nil {
			return exitFailure, fmt.Errorf("%w: -received %q, want YYYY-MM-DD", errUsage, *recv)
		}
		received = vsb.DateOf(t)
	}
	b, err := readInput(name)
	if err != nil {
		return exitFailure, err
	}
	f, err := vsb.Decode(b)
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	given, err := readErrorsCSV(*errs)
	if err != nil {
		return exitFailure, err
	}
	var replies []*vsb.Reply
	var res vsbResult
	t := zorgkas.Validate(f)
	if !t.Accepted {
		r := zorgkas.FileRefused(f, t)
		replies = append(replies, r)
		res = vsbResult{Message: r.Type, DF: r.DF(), Reason: "technical validation failed", ErrorPercentage: pct(0), Errors: findingsJSON(t.Findings), Records: len(f.Records)}
	} else {
		findings := append(zorgkas.Content(f), given...)
		d, err := zorgkas.Decide(f, findings, received)
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", *errs, err)
		}
		r := zorgkas.SendingReply(f, d)
		replies = append(replies, r)
		res = vsbResult{Message: r.Type, DF: r.DF(), Accepted: d.Accepted, Reason: string(d.Reason), Records: d.Records, Rejected: d.Rejected,
			ErrorPercentage: pct(d.Percentage), Confirmation: d.NeedsConfirmation, Errors: findingsJSON(d.Findings)}
		if d.Accepted {
			s, err := zorgkas.Settle(f, d)
			if err != nil {
				return exitFailure, err
			}
			sr, err := zorgkas.SettlementReply(f, d, s)
			if err != nil {
				return exitFailure, err
			}
			replies = append(replies, sr)
			res.Settlement = sr.Type
			res.Totals = s.Totals
			res.Payment = &s.Order
		}
	}
	if *dir != "" {
		for _, r := range replies {
			p := filepath.Join(*dir, fmt.Sprintf("%s-%03d.txt", r.Type, r.Sending))
			if err := writeReply(p, r); err != nil {
				return exitFailure, err
			}
			res.Written = append(res.Written, p)
		}
	}
	err = emit(stdout, *asJSON, res, func(w io.Writer) {
		fmt.Fprintf(w, "%s: %s %s", name, res.Message, res.DF)
		if res.Reason != "" {
			fmt.Fprintf(w, " (%s)", res.Reason)
		}
		fmt.Fprintf(w, "; %d of %d records rejected = %s %%\n", res.Rejected, res.Records, res.ErrorPercentage)
		if res.Confirmation {
			fmt.Fprintln(w, "a zorgkas employee must confirm this refusal before it leaves")
		}
		for _, e := range res.Errors {
			fmt.Fprintf(w, "  record %06d (type %s) zone %s: %s %s %s\n", e.Order, e.Record, e.Zone, e.Letter, e.Code, e.Text)
		}
		if res.Payment != nil {
			fmt.Fprintf(w, "then %s DF015 (afrekenbestand) and DF017 payment order: %s, due %s (6 weeks after %s)\n", res.Settlement, res.Payment.Amount, res.Payment.Due, res.Payment.Received)
		}
		for _, p := range res.Written {
			fmt.Fprintf(w, "wrote %s\n", p)
		}
	})
	if err != nil {
		return exitFailure, err
	}
	if !res.Accepted {
		return exitFindings, nil
	}
	return exitOK, nil
}

// vsbRead: what a reply says and what the facility must do.
func vsbRead(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("vsb read", "[-json] REPLY", stderr)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	name, err := oneFile(pos)
	if err != nil {
		return exitFailure, err
	}
	b, err := readInput(name)
	if err != nil {
		return exitFailure, err
	}
	r, err := vsb.DecodeReply(b)
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	a := voorziening.Read(r)
	res := vsbResult{Message: r.Type, DF: r.DF(), ErrorPercentage: pct(r.ErrorPercentage), Says: a.Says, Do: a.Do, Totals: a.Totals, Errors: []vsbError{},
		Accepted: r.Type == vsb.MsgFileAccepted || r.Type == vsb.MsgSendingAccepted || r.Type == vsb.MsgSettlement}
	for _, e := range a.Errors {
		res.Errors = append(res.Errors, vsbError{Order: e.Order, Record: e.Record, Zone: e.Zone, Letter: e.Letter, Code: e.Code, Text: e.Text})
	}
	err = emit(stdout, *asJSON, res, func(w io.Writer) { fmt.Fprint(w, a.String()) })
	if err != nil {
		return exitFailure, err
	}
	if r.Type == vsb.MsgFileRefused || r.Type == vsb.MsgSendingRefused {
		return exitFindings, nil // the facility must fix and resend
	}
	return exitOK, nil
}

// vsbDump prints every segment and record with its zones. Personal data (the INSZ, the
// contact's name and telephone) is masked.
func vsbDump(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("vsb dump", "[-json] FILE", stderr)
	asJSON := fs.Bool("json", false, "print JSON lines: one object per record with its zones by id")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	name, err := oneFile(pos)
	if err != nil {
		return exitFailure, err
	}
	b, err := readInput(name)
	if err != nil {
		return exitFailure, err
	}
	var recs []*vsb.Record
	if bytes.HasPrefix(b, []byte(vsb.MsgFacturatiebestand)) {
		f, err := vsb.Decode(b)
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", name, err)
		}
		recs = append([]*vsb.Record{f.Segment200, f.Segment300}, f.Records...)
	} else {
		recs, err = replyRecords(b)
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", name, err)
		}
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	for _, r := range recs {
		zones := map[string]string{}
		if !*asJSON {
			fmt.Fprintf(w, "record %s", r.Code())
			if o := r.Order(); o > 0 {
				fmt.Fprintf(w, " order %06d", o)
			}
			fmt.Fprintln(w)
		}
		for _, fl := range r.Layout.Fields {
			v := r.Raw(fl.ID)
			v = fl.Personal.Mask(v) // personal data (the INSZ, the contact's name) masked
			if *asJSON {
				zones[fl.ID] = v
				continue
			}
			fmt.Fprintf(w, "  %-18s %-4s %3d-%-3d %-45.45s %q\n", fl.ID, fl.Type, fl.Start, fl.End(), fl.Name, v)
		}
		if *asJSON {
			if err := enc.Encode(map[string]any{"record": r.Code(), "order": r.Order(), "zones": zones}); err != nil {
				return exitFailure, err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return exitFailure, err
	}
	return exitOK, nil
}

// replyRecords splits a reply into its segments, echoed records, details and 91/92.
func replyRecords(b []byte) ([]*vsb.Record, error) {
	r, err := vsb.DecodeReply(b)
	if err != nil {
		return nil, err
	}
	m, err := vsb.Spec(r.Type)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimRight(b, "\r\n")
	s2, _ := vsb.ParseRecord(m.Layouts["200"], b[:67])
	s3, _ := vsb.ParseRecord(m.Layouts["300"], b[67:677])
	out := []*vsb.Record{s2, s3}
	off := 677
	for _, e := range r.Echoes {
		d, err := vsb.ParseRecord(m.Layouts["FD"], b[off+350:off+800])
		if err != nil {
			return nil, err
		}
		out = append(out, e.Record, d)
		off += 800
	}
	for _, a := range r.Settlement {
		l := m.Layouts[a.Record]
		x, err := vsb.ParseRecord(l, b[off:off+l.Length])
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		off += l.Length
	}
	return out, nil
}
