package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
	"github.com/zorgbericht/zorgbericht/vsb/voorziening"
	"github.com/zorgbericht/zorgbericht/vsb/zorgkas"
)

const vsbArgs = "dump|check|answer|read [-json] FILE [-o REPLY|DIR] [-errors CSV] [-received YYYY-MM-DD]"

// vsbHelp is one line per subcommand, and what is and is not checked.
const vsbHelp = `Subcommands:
  dump FILE                 the records and zones of a 920000 or of any reply (INSZ masked)
  check FILE [-o REPLY]     technical validation: 931000, or 920999 (also for an unreadable file: where reading stopped); lists the content findings; exit 1 on any finding
  answer FILE -errors CSV [-o DIR] [-received DATE]   the zorgkas decision with your content errors (CSV order,letter,code): 920099, or 920098 + 920900 and the DF017 payment order
  read REPLY                what a reply (931000, 920999, 920098, 920099, 920900) says and what the facility must do; exit 1 for a refusal

check tests every zone of every record and of segments 200/300 against the layout and the eFact
error dictionary (format, zero zones, signs, dates, mandatory zones, allowed values, KBO/INSZ/IBAN
check digits, order and check numbers, control numbers, totals and counts of 80/90/95/96, unique
invoice numbers, each 50's INSZ equal to its 20's), each with its code and letter. Not checked:
the VSB cookbook's content rules (not public: a plug-in, zorgkas.Rule), what needs the VI's
reference data (insurability, SIS/eID, Carenet), and the limits between sendings.
`

// runVSB is "zorgcheck vsb": both sides of Vlaamse Sociale Bescherming billing (the eFact
// facturatiebestand and its DF replies).
//
//	vsb dump FILE                      records and zones of a 920000 or of any reply
//	vsb check FILE [-o REPLY]          technical validation: 931000, or 920999 (also for an
//	                                   unreadable file); exit 1 on any finding
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
		fmt.Fprintf(stdout, "usage: zorgcheck vsb %s\n\n%s\n%s", vsbArgs, vsbHelp, exitTable) // -h on standard output, as every command
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
	Waiting         string                `json:"waiting_for,omitempty"`         // the employee's step a sending waits for
	Notified        int                   `json:"notified_prestaties,omitempty"` // accepted prestaties notified to the mutualiteiten
}

func pct(hundredths int) string { return fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100) }

func findingsJSON(fs []validate.Finding) []vsbError {
	out := []vsbError{}
	for _, f := range fs {
		out = append(out, vsbError{Order: f.Line, Record: f.Record, Zone: f.Field, Letter: f.Letter, Code: f.Retourcode, Text: f.Message, Detail: f.Detail})
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

func printFindings(w io.Writer, fs []validate.Finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "  %s\n", vsb.Describe(f))
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
		return unreadable(name, b, err, *asJSON, *out, stdout)
	}
	t := zorgkas.Validate(f)
	reply := zorgkas.FileAccepted(f)
	if !t.Accepted {
		reply = zorgkas.FileRefused(f, t)
	}
	content := vsb.Check(f).Content
	res := vsbResult{Message: reply.Type, DF: reply.DF(), Accepted: t.Accepted, Records: len(f.Records), ErrorPercentage: pct(0), Errors: findingsJSON(t.Findings)}
	if t.Accepted {
		res.Errors = findingsJSON(content)
	}
	if *out != "" {
		if err := writeReply(*out, reply); err != nil {
			return exitFailure, err
		}
		res.Written = []string{*out}
	}
	err = emit(stdout, *asJSON, res, func(w io.Writer) {
		switch {
		case !t.Accepted:
			fmt.Fprintf(w, "%s: technical validation failed: %s %s (file refused), %s\n", name, reply.Type, reply.DF(), plural(len(t.Findings), "error", "errors"))
			printFindings(w, t.Findings)
		case len(content) > 0:
			fmt.Fprintf(w, "%s: technical validation passed: %s %s (file accepted); the content validation will count %s (vsb answer decides)\n", name, reply.Type, reply.DF(), plural(len(content), "finding", "findings"))
			printFindings(w, content)
		default:
			fmt.Fprintf(w, "%s: technical validation passed: %s %s (file accepted)\n", name, reply.Type, reply.DF())
		}
	})
	if err != nil {
		return exitFailure, err
	}
	if !t.Accepted || len(content) > 0 {
		return exitFindings, nil
	}
	return exitOK, nil
}

// unreadable answers a message that cannot be read as a 920000 with a 920999 (DF012)
// saying where reading stopped, written with -o; exit 1 as for any refused file.
func unreadable(name string, b []byte, decodeErr error, asJSON bool, out string, stdout io.Writer) (int, error) {
	reply := vsb.UnreadableReply(b, decodeErr)
	off, _ := reply.StoppedAt()
	res := vsbResult{Message: reply.Type, DF: reply.DF(), Reason: "file unreadable", ErrorPercentage: pct(0),
		Errors: []vsbError{{Letter: "B", Code: "000000", Detail: reply.Echoes[0].Comment}}}
	if out != "" {
		if err := writeReply(out, reply); err != nil {
			return exitFailure, err
		}
		res.Written = []string{out}
	}
	err := emit(stdout, asJSON, res, func(w io.Writer) {
		fmt.Fprintf(w, "%s: unreadable: %s %s (file refused), reading stopped at byte offset %d\n  %s\n", name, reply.Type, reply.DF(), off, reply.Echoes[0].Comment)
		for _, se := range reply.SegmentErrors {
			code, _ := vsb.SegmentCode(se)
			fmt.Fprintf(w, "  segment %s zone %s: code erreur %02d\n", se.Record, se.Field, code)
		}
		for _, p := range res.Written {
			fmt.Fprintf(w, "wrote %s\n", p)
		}
	})
	if err != nil {
		return exitFailure, err
	}
	return exitFindings, nil
}

// readErrorsCSV reads content errors as lines "order,letter,code"; an empty letter takes
// the dictionary's. A header line "order,letter,code" and # comments are skipped.
func readErrorsCSV(path string) ([]validate.Finding, error) {
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
	var out []validate.Finding
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
			letter = string(fc.Letter)
		}
		if !foutcode.Letter(letter).Valid() {
			return nil, fmt.Errorf("%w: %s line %d: letter %q, want B, F, R, E or S", errUsage, path, i+1, letter)
		}
		f := validate.Finding{Level: validate.N6, Line: order, Letter: letter, Retourcode: code, Message: fc.NL}
		if known {
			f.Record, f.Field = fc.RecordType(), fc.Zone()
		}
		out = append(out, f)
	}
	return out, nil
}

// vsbAnswer: the zorgkas decision on content errors.
func vsbAnswer(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("vsb answer", "[-json] -errors CSV [-o DIR] [-received YYYY-MM-DD] [-history DB] [-confirm NAME] [-sign NAME] FILE", stderr)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	errs := fs.String("errors", "", "content errors, CSV lines order,letter,code (one per rejected record or invoice)")
	dir := fs.String("o", "", "write the replies (920099, or 920098 and 920900) into this directory")
	recv := fs.String("received", "", "the day the sending was received (default today)")
	history := fs.String("history", "", "SQLite file of the sendings received: checks 100721, 100723, 100724 across sendings")
	confirm := fs.String("confirm", "", "the zorgkas employee confirming a refusal that waits for confirmation")
	sign := fs.String("sign", "", "the zorgkas employee signing an accepted sending (sends 920098, 920900, DF017)")
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
		out := ""
		if *dir != "" {
			out = filepath.Join(*dir, "920999-unreadable.txt")
		}
		return unreadable(name, b, err, *asJSON, out, stdout)
	}
	given, err := readErrorsCSV(*errs)
	if err != nil {
		return exitFailure, err
	}
	var res vsbResult
	replies, err := answerSteps(context.Background(), f, received, given, deskFlags{history: *history, confirm: *confirm, sign: *sign}, &res)
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
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
		if res.Waiting != "" {
			fmt.Fprintf(w, "waits for %s: nothing sent yet\n", res.Waiting)
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
	var recs []vsbDumpRecord
	if bytes.HasPrefix(b, []byte(vsb.MsgFacturatiebestand)) {
		f, err := vsb.Decode(b)
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", name, err)
		}
		recs = []vsbDumpRecord{{vsb.LayoutOf("200"), f.Segment200}, {vsb.LayoutOf("300"), f.Segment300}}
		for _, r := range f.Records {
			recs = append(recs, vsbDumpRecord{vsb.LayoutOf(r.Text[:2]), r})
		}
	} else {
		recs, err = replyRecords(b)
		if err != nil {
			return exitFailure, fmt.Errorf("%s: %w", name, err)
		}
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	if !*asJSON {
		fmt.Fprintf(w, "zones: id, type, positions, name as in the French eFact layout, what it holds, value\n")
	}
	for _, r := range recs {
		zones := map[string]string{}
		code, layoutName := record.Escape(r.raw.Text[:min(2, len(r.raw.Text))]), ""
		var fields []record.Field
		if r.l != nil {
			code, layoutName, fields = r.l.Code(), r.l.Name(), r.l.Fields()
		}
		order := vsb.Order(r.raw)
		if !*asJSON {
			fmt.Fprintf(w, "record %s", code)
			if order > 0 {
				fmt.Fprintf(w, " order %06d", order)
			}
			fmt.Fprintf(w, " (%s)\n", layoutName)
		}
		for _, fl := range fields {
			v := record.FieldText(r.raw.Text, &fl)
			v = fl.Personal.Mask(v) // personal data (the INSZ, the contact's name) masked
			if *asJSON {
				zones[fl.Number] = v
				continue
			}
			fmt.Fprintf(w, "  %-18s %-4s %3d-%-3d %-45.45s %-16s %q\n", fl.Number, fl.Type, fl.Start, fl.End, fl.Name, zoneKind(fl), v)
		}
		if *asJSON {
			if err := enc.Encode(map[string]any{"record": code, "order": order, "zones": zones}); err != nil {
				return exitFailure, err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return exitFailure, err
	}
	return exitOK, nil
}

// vsbDumpRecord is a segment or record of a message with its layout (nil for an echoed
// record of an unknown type).
type vsbDumpRecord struct {
	l   *record.Layout
	raw record.Raw
}

// replyRecords splits a reply into its segments, echoed records, details and 91/92.
func replyRecords(b []byte) ([]vsbDumpRecord, error) {
	r, err := vsb.DecodeReply(b)
	if err != nil {
		return nil, err
	}
	m, err := vsb.Spec(r.Type)
	if err != nil {
		return nil, err
	}
	s := string(bytes.TrimRight(b, "\r\n"))
	out := []vsbDumpRecord{{m.Layouts["200"], record.Raw{Text: s[:67]}}, {m.Layouts["300"], record.Raw{Offset: 67, Text: s[67:677]}}}
	off := 677
	for _, e := range r.Echoes {
		l := vsb.LayoutOf(e.Record.Text[:2])
		if l != nil && l.Length() != len(e.Record.Text) {
			l = nil // a segment's code: an echo of an unknown type
		}
		out = append(out, vsbDumpRecord{l, e.Record}, vsbDumpRecord{m.Layouts["FD"], record.Raw{Offset: int64(off + 350), Text: s[off+350 : off+800]}})
		off += 800
	}
	for _, a := range r.Settlement {
		l := m.Layouts[a.Record]
		out = append(out, vsbDumpRecord{l, record.Raw{Offset: int64(off), Text: s[off : off+l.Length()]}})
		off += l.Length()
	}
	return out, nil
}

// zoneKind says in English what a zone holds, where the layout knows it (the zone names
// are the French ones of the eFact layout): "-" for the other zones.
func zoneKind(fl record.Field) string {
	switch {
	case fl.Personal != record.NotPersonal:
		return "personal data"
	case fl.Role == record.RoleRecordCode:
		return "record type"
	case fl.Role == record.RoleOrder:
		return "record number"
	case fl.Role == record.RoleCheck:
		return "check number"
	case fl.Role == record.RoleReturnCode:
		return "error code"
	case fl.Decimals == 2:
		return "amount (cents)"
	case fl.Pattern == "EEJJMMDD":
		return "date"
	}
	if strings.HasPrefix(strings.ToLower(fl.Name), "reserve") {
		return "reserved"
	}
	return "-"
}
