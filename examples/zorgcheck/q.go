package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/postgres"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
	"github.com/zorgbericht/zorgbericht/q/ledger/sqlite"
)

// The q command works on a warehouse ledger of Q deliveries (package q/ledger): -db is a
// SQLite file or a postgres:// URL. q apply creates a SQLite ledger that does not exist;
// the commands that only read (plan, active, validate -db) and q close refuse one.

type qCommand struct {
	name, args, summary string
	run                 func(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error)
}

func qCommands() []qCommand {
	return []qCommand{
		{"plan", "-db DB [-json] [-preflight [-allow-selection-change]] [-today DATE] [-strict-uzovi] FILE", "check a QVE301 file with the Q rules and say what applying it would close, replace, add and count twice", runQPlan},
		{"apply", "-db DB [-preflight [-allow-selection-change]] [-force-invalid] [-today DATE] [-strict-uzovi] FILE...", "apply QVE301 files in referentienummer order as Vektis's warehouse does, each in one transaction", runQApply},
		{"active", "-db DB [-indiener UZOVI] [-bron ID] [-risicodrager UZOVI] [-from DATE -to DATE] [-closed] [-json]", "list the active records (one JSON object per record with -json)", runQActive},
		{"close", "-db DB -indiener UZOVI -bron ID -from DATE -to DATE", "close every active record of a verwerkingsperiode on request (seed 003 §2.3.5.2 item 5)", runQClose},
		{"validate", qValidateArgs, "check QVE301 files with the Q rules (output as zorgcheck validate)", runQValidate},
		{"retour", qRetourArgs, "answer a QVE301 as VECOZO's portal does: the QVE302 return, or none when it is approved", runQRetour},
	}
}

const qArgs = "plan|apply|active|close|validate|retour ..."

// runQ dispatches to the q subcommands.
func runQ(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 {
		return exitFailure, fmt.Errorf("%w: want a subcommand: %s", errUsage, qArgs)
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		var b strings.Builder
		fmt.Fprintf(&b, "usage: zorgcheck q %s\n\n%s\n\nSubcommands (DB is a SQLite file path or a postgres:// URL, DATE is YYYY-MM-DD or YYYYMMDD):\n", qArgs, commandSummary("q"))
		for _, c := range qCommands() {
			fmt.Fprintf(&b, "  zorgcheck q %s %s\n      %s\n", c.name, c.args, c.summary)
		}
		fmt.Fprintf(&b, "\nzorgcheck q SUBCOMMAND -h shows its flags. 1 for the q commands: a delivery is refused by the rules.\n\n%s", exitTable)
		return exitOK, &helpError{usage: b.String()}
	}
	for _, c := range qCommands() {
		if c.name == args[0] {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			code, err := c.run(ctx, args[1:], stdout, stderr)
			if errors.Is(err, errUsage) {
				// Not wrapped in errUsage again: run would add the usage of q itself.
				msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
				return code, &subcommandError{sub: c.name, err: fmt.Errorf("%s (usage: zorgcheck q %s %s)", msg, c.name, c.args)}
			}
			if err != nil {
				return code, &subcommandError{sub: c.name, err: err}
			}
			return code, nil
		}
	}
	return exitFailure, fmt.Errorf("%w: unknown subcommand %q (want %s)", errUsage, args[0], qArgs)
}

// openQLedger opens the ledger named by -db: PostgreSQL for a postgres:// URL, else a
// SQLite file.
func openQLedger(ctx context.Context, db string, opts ledger.OpenOptions) (*ledger.Ledger, error) {
	if db == "" {
		return nil, fmt.Errorf("%w: -db is required (a SQLite file path or a postgres:// URL)", errUsage)
	}
	var l *ledger.Ledger
	var err error
	if ledger.IsPostgresURL(db) {
		l, err = postgres.Open(ctx, db, opts)
	} else {
		l, err = sqlite.Open(ctx, db, opts)
	}
	if err != nil {
		err = redactURL(err, db)
		if errors.Is(err, ledger.ErrNoLedger) {
			return nil, fmt.Errorf("-db: %w (q apply creates a ledger; check the name)", err)
		}
		return nil, fmt.Errorf("-db: %w", err)
	}
	return l, nil
}

// qPlanFlags are the flags of the delivery rules that q plan and q apply share.
type qPlanFlags struct {
	preflight, allow *bool
}

func addQPlanFlags(fs *flag.FlagSet) qPlanFlags {
	return qPlanFlags{
		preflight: fs.Bool("preflight", false, "refuse what the warehouse would apply with a warning: records closed and not replaced (QL030), a new risicodrager/volmacht (QL031), schade counted twice beside another indiener's (QL032)"),
		allow:     fs.Bool("allow-selection-change", false, "with -preflight: an agreed change of the risicodragers/volmachten (QL031) stays a warning"),
	}
}

func (f qPlanFlags) options() ledger.Options {
	return ledger.Options{PreFlight: *f.preflight, AllowSelectionChange: *f.allow}
}

// redactURL keeps a password in a postgres URL out of error messages.
func redactURL(err error, db string) error {
	if !ledger.IsPostgresURL(db) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), db, "(the -db URL)"))
}

func readQFile(arg string) (*ledger.Delivery, error) {
	in, name, err := openInput(arg)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	d, err := qve301.Read(bufio.NewReaderSize(in, 1<<16), name)
	if err != nil {
		if strings.HasPrefix(err.Error(), name+": ") {
			return nil, err // qve301.Read names the file already
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// streamQFile opens the QVE301 file name for Apply or Plan without holding its records
// (qve301.Stream); standard input ("-") is read into memory.
func streamQFile(name string) (*ledger.Delivery, error) {
	if name == "-" {
		return readQFile(name)
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	d, err := qve301.Stream(func() (io.ReadCloser, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		return struct {
			io.Reader
			io.Closer
		}{bufio.NewReaderSize(f, 1<<16), f}, nil
	}, name, st.Size())
	if err != nil {
		return nil, qReadError(name, err)
	}
	src := d.Source
	d.Source = func(fn func(*ledger.Record) error) error {
		var inner error // an error of fn, not of the reading
		err := src(func(r *ledger.Record) error {
			inner = fn(r)
			return inner
		})
		if err != nil && err != inner {
			return &fileReadError{err}
		}
		return err
	}
	return d, nil
}

// fileReadError is an error of reading a streamed file while it is applied: it is told
// as reading errors are, before what the rules found.
type fileReadError struct{ err error }

func (e *fileReadError) Error() string { return e.err.Error() }
func (e *fileReadError) Unwrap() error { return e.err }

// qReadError names the file in an error of reading it, unless qve301 did.
func qReadError(name string, err error) error {
	if strings.HasPrefix(err.Error(), name+": ") {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// subcommandError is the error of a subcommand (q apply, …): run prefixes it with
// "zorgcheck q apply:", the command and its subcommand.
type subcommandError struct {
	sub string
	err error
}

func (e *subcommandError) Error() string { return e.err.Error() }
func (e *subcommandError) Unwrap() error { return e.err }

func runQPlan(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q plan", "-db DB [-json] FILE", stderr)
	db := fs.String("db", "", "the ledger: a SQLite file path or a postgres:// URL (read only; it must exist)")
	asJSON := fs.Bool("json", false, "print the plan as JSON, with the Q rules' findings under \"validation\"")
	pf := addQPlanFlags(fs)
	rf := addQRuleFlags(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE, have %d arguments", errUsage, len(pos))
	}
	if *db == "" {
		return exitFailure, fmt.Errorf("%w: -db is required (a SQLite file path or a postgres:// URL)", errUsage)
	}
	copts, err := rf.options()
	if err != nil {
		return exitFailure, err
	}
	l, err := openQLedger(ctx, *db, ledger.OpenOptions{ReadOnly: true})
	if err != nil {
		return exitFailure, err
	}
	defer l.Close()
	d, res := checkQFile(ctx, l, pos[0], copts)
	if res.err != nil {
		return exitFailure, res.err
	}
	if d == nil {
		// Not readable as a delivery: the warehouse refuses it; the rules say why.
		if *asJSON {
			err = writeCheckedJSON(stdout, res)
		} else {
			err = writeChecked(stdout, res)
		}
		if err != nil {
			return exitFailure, err
		}
		return exitFindings, nil
	}
	p, err := l.Plan(ctx, d, pf.options())
	if err != nil {
		return exitFailure, err
	}
	if *asJSON {
		err = writeJSONLine(stdout, planJSON{Plan: p, Validation: validationOf(res.rep)})
	} else {
		bw := bufio.NewWriter(stdout)
		if err = writeChecked(bw, res); err == nil {
			err = writePlan(bw, p, false, res.rep.Valid())
		}
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
	}
	if err != nil {
		return exitFailure, err
	}
	if p.Refused() || !res.rep.Valid() {
		return exitFindings, nil
	}
	return exitOK, nil
}

// planJSON is the JSON of q plan: the plan, and what the Q rules found in the file.
type planJSON struct {
	*ledger.Plan
	Validation validationJSON `json:"validation"`
}

type validationJSON struct {
	Valid    bool               `json:"valid"`
	Errors   int                `json:"errors"`
	Warnings int                `json:"warnings"`
	Findings []validate.Finding `json:"findings"`
}

func validationOf(rep *validate.Report) validationJSON {
	errs, warns, _ := countFindings(rep)
	v := validationJSON{Valid: rep.Valid(), Errors: errs, Warnings: warns, Findings: rep.Findings}
	if v.Findings == nil {
		v.Findings = []validate.Finding{}
	}
	return v
}

// writePlan prints a plan as text: the file, what it closes (replaced or not), adds and
// leaves counted twice, and the findings of the delivery rules. valid says whether the Q
// rules accept the file.
func writePlan(w io.Writer, p *ledger.Plan, applied, valid bool) error {
	h := p.Header
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: referentienummer %d, indiener %s, bron-id %s, verwerkingsperiode %s, dagtekening aanmaak %s\n",
		escapeText(p.Name), h.Referentienummer, escapeText(h.Indiener), escapeText(h.BronID), h.Period(), h.DagtekeningAanmaak)
	verb := map[bool][3]string{false: {"closes", "adds", "leaves"}, true: {"closed", "added", "left"}}[applied]
	notReplaced := map[ledger.Group]bool{}
	for _, g := range p.NotReplaced {
		notReplaced[g] = true
	}
	tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
	for _, g := range p.Closes {
		how := "replaced by this file"
		if notReplaced[g] {
			how = "NOT replaced"
		}
		fmt.Fprintf(tw, "  %s\t%d records\tof referentienummer %d\t%s\tverwerkingsdatum %s t/m %s\t%s\n", verb[0], g.Count, g.Referentienummer, unitText(g), g.From, g.To, how)
	}
	for _, g := range p.Adds {
		fmt.Fprintf(tw, "  %s\t%d records\t\t%s\tverwerkingsdatum %s t/m %s\n", verb[1], g.Count, unitText(g), g.From, g.To)
	}
	for _, g := range p.CountedTwice {
		fmt.Fprintf(tw, "  %s\t%d records\tof indiener %s referentienummer %d\t%s\tverwerkingsdatum %s t/m %s\tactive: COUNTED TWICE\n", verb[2], g.Count, escapeText(g.Indiener), g.Referentienummer, unitText(g), g.From, g.To)
	}
	tw.Flush()
	for _, f := range p.Findings {
		fmt.Fprintf(bw, "  %s\n", escapeText(ledger.FindingText(f)))
	}
	switch {
	case applied:
		fmt.Fprintf(bw, "  applied as event %d: %d records closed (%d not replaced), %d added\n", p.Event, p.Closed(), sumGroups(p.NotReplaced), p.Added())
	case p.Refused():
		fmt.Fprintf(bw, "  refused: the delivery rules forbid it; applying it changes nothing\n")
	case !valid:
		fmt.Fprintf(bw, "  refused: the Q rules find errors in the file (q apply -force-invalid applies it anyway)\n")
	default:
		fmt.Fprintf(bw, "  can be applied: %d records closed (%d not replaced), %d added\n", p.Closed(), sumGroups(p.NotReplaced), p.Added())
	}
	return bw.Flush()
}

func sumGroups(gs []ledger.Group) int64 {
	var n int64
	for _, g := range gs {
		n += g.Count
	}
	return n
}

// unitText names the risicodrager/volmacht of a group.
func unitText(g ledger.Group) string {
	if g.Volmacht == "" {
		return "risicodrager " + escapeText(g.Risicodrager)
	}
	return "risicodrager " + escapeText(g.Risicodrager) + " volmacht " + escapeText(g.Volmacht)
}

func runQApply(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q apply", "-db DB FILE...", stderr)
	db := fs.String("db", "", "the ledger: a SQLite file path (created when missing) or a postgres:// URL")
	pf := addQPlanFlags(fs)
	rf := addQRuleFlags(fs)
	force := fs.Bool("force-invalid", false, "apply a file although the Q rules find errors in it (each such file is named on standard error)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the apply to this file (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write the allocations of the apply to this file at its end (go tool pprof)")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return exitFailure, fmt.Errorf("-cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return exitFailure, fmt.Errorf("-cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		defer func() {
			if f, err := os.Create(*memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if len(pos) == 0 {
		return exitFailure, fmt.Errorf("%w: want one or more FILEs", errUsage)
	}
	if *db == "" {
		return exitFailure, fmt.Errorf("%w: -db is required (a SQLite file path or a postgres:// URL)", errUsage)
	}
	copts, err := rf.options()
	if err != nil {
		return exitFailure, err
	}
	// A file is streamed: its voorlooprecord read now, its records while the ledger
	// applies it (and, beside it, by the Q rules), none held: the memory does not grow
	// with the file. Standard input is read into memory. With several files every one is
	// read through first: nothing is applied when one cannot be read.
	var ds []*ledger.Delivery
	source := map[*ledger.Delivery]func() (io.ReadCloser, error){}
	for _, name := range pos {
		var d *ledger.Delivery
		if name == "-" {
			data, err := io.ReadAll(os.Stdin)
			if err != nil {
				return exitFailure, fmt.Errorf("standard input: %w", err)
			}
			if d, err = qve301.Read(bytes.NewReader(data), "standard input"); err != nil {
				return exitFailure, fmt.Errorf("standard input: %w", err)
			}
			source[d] = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		} else {
			if d, err = streamQFile(name); err != nil {
				return exitFailure, err
			}
			source[d] = func() (io.ReadCloser, error) { return os.Open(name) }
		}
		ds = append(ds, d)
	}
	if len(ds) > 1 {
		for _, d := range ds {
			if err := d.Each(func(*ledger.Record) error { return ctx.Err() }); err != nil {
				return exitFailure, qReadError(d.Name, err)
			}
		}
	}
	defer collectAtLimit()()
	l, err := openQLedger(ctx, *db, ledger.OpenOptions{})
	if err != nil {
		return exitFailure, err
	}
	defer l.Close()
	opts := pf.options()
	applied := 0
	for _, d := range sortByReferentie(ds) {
		// The Q rules, against the ledger as it is after the files before this one, run
		// while the ledger applies the file (two cores: the rules on one, the database
		// on the other); the transaction commits only when they pass (BeforeCommit).
		// Their reads of the ledger see it without this file: it is not committed yet.
		checkDone := make(chan checked, 1)
		go func() {
			res := checked{name: d.Name}
			if in, err := source[d](); err != nil {
				res.err = inputError(d.Name, err)
			} else {
				res.rep, res.err = qve301.Check(ctx, l, d, bufio.NewReaderSize(in, 1<<16), copts)
				in.Close()
			}
			checkDone <- res
		}()
		var res checked
		waited := false
		wait := func() checked {
			if !waited {
				res, waited = <-checkDone, true
			}
			return res
		}
		opts.BeforeCommit = func(*ledger.Plan) error {
			if res := wait(); res.err != nil || (!res.rep.Valid() && !*force) {
				return errQRules
			}
			return nil
		}
		opts.Progress = applyProgress(stderr, d)
		p, err := l.Apply(ctx, d, opts)
		if opts.Progress != nil {
			fmt.Fprint(stderr, "\r\033[K")
		}
		// What the rules found comes first, as when they ran before the apply; only an
		// error of reading the file comes before it.
		res = wait()
		var rerr *fileReadError
		if errors.As(err, &rerr) {
			return exitFailure, qReadError(d.Name, rerr.err)
		}
		if res.err != nil {
			return exitFailure, fmt.Errorf("%w (%d file(s) applied before it)", res.err, applied)
		}
		if !res.rep.Valid() {
			if !*force {
				writeChecked(stdout, res)
				return exitFindings, fmt.Errorf("%s: refused: the Q rules find errors in it; %d file(s) applied before it, the ledger is unchanged by it and the files after it (-force-invalid applies it anyway)", escapeText(d.Name), applied)
			}
			if err == nil {
				errs, _, _ := countFindings(res.rep)
				fmt.Fprintf(stderr, "zorgcheck q apply: WARNING: %s breaks the Q rules (%s); applied anyway because of -force-invalid\n", escapeText(d.Name), plural(errs, "error", "errors"))
			}
		}
		var refused *ledger.RefusedError
		switch {
		case errors.As(err, &refused):
			writePlan(stdout, refused.Plan, false, true)
			return exitFindings, fmt.Errorf("%s: delivery refused by the rules; %d file(s) applied before it, the ledger is unchanged by it and the files after it", escapeText(d.Name), applied)
		case err != nil:
			return exitFailure, fmt.Errorf("%w (the ledger is unchanged by this file)", qReadError(escapeText(d.Name), err))
		}
		applied++
		if err := writePlan(stdout, p, true, true); err != nil {
			return exitFailure, err
		}
	}
	return exitOK, nil
}

// errQRules rolls back an apply whose file the Q rules refuse (or could not check).
var errQRules = errors.New("the Q rules refuse the file")

// sortByReferentie orders the deliveries as the warehouse applies them.
func sortByReferentie(ds []*ledger.Delivery) []*ledger.Delivery {
	out := append([]*ledger.Delivery(nil), ds...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Header.Referentienummer < out[j-1].Header.Referentienummer; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// applyProgress returns a progress function writing to stderr when it is a terminal and
// the delivery is large, or nil.
func applyProgress(stderr io.Writer, d *ledger.Delivery) func(done, total int) {
	if max(len(d.Records), d.Count) < 50000 || !isTerminal(stderr) {
		return nil
	}
	f := stderr
	start, last := time.Now(), time.Time{}
	return func(done, total int) {
		if now := time.Now(); now.Sub(last) >= 200*time.Millisecond || done == total {
			last = now
			rate := float64(done) / now.Sub(start).Seconds()
			fmt.Fprintf(f, "\r\033[K%s: %d/%d records (%.0f/s)", escapeText(d.Name), done, total, rate)
		}
	}
}

// activeJSON is the JSON form of one record of q active. The names are stable.
type activeJSON struct {
	Indiener         string `json:"indiener"`
	BronID           string `json:"bron_id"`
	Identificatie    string `json:"identificatie_prestatierecord"`
	Verwerkingsdatum string `json:"verwerkingsdatum"`
	Risicodrager     string `json:"risicodrager"`
	Referentienummer int64  `json:"referentienummer"` // of the file that made it active
	File             string `json:"file"`             // that file's name when it was applied
	Event            int64  `json:"event"`            // the ledger event of that file
	ClosedBy         int64  `json:"closed_by,omitempty"`
}

func runQActive(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q active", "-db DB [-indiener UZOVI] [-bron ID] [-json]", stderr)
	db := fs.String("db", "", "the ledger: a SQLite file path or a postgres:// URL")
	indiener := fs.String("indiener", "", "only records of this UZOVI-nummer indiener")
	bron := fs.String("bron", "", "only records of this bron-id")
	rd := fs.String("risicodrager", "", "only records of this UZOVI-nummer risicodrager")
	from := fs.String("from", "", "only records with a verwerkingsdatum from DATE (with -to)")
	to := fs.String("to", "", "only records with a verwerkingsdatum up to DATE (with -from)")
	closed := fs.Bool("closed", false, "also the closed records")
	asJSON := fs.Bool("json", false, "print JSON lines: one object per record")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 0 {
		return exitFailure, fmt.Errorf("%w: no arguments expected, have %q", errUsage, pos)
	}
	q := ledger.Query{Indiener: *indiener, BronID: *bron, IncludeClosed: *closed}
	if *rd != "" {
		q.Risicodragers = []string{*rd}
	}
	if *from != "" || *to != "" {
		if q.Period, err = parsePeriod(*from, *to); err != nil {
			return exitFailure, err
		}
	}
	l, err := openQLedger(ctx, *db, ledger.OpenOptions{ReadOnly: true})
	if err != nil {
		return exitFailure, err
	}
	defer l.Close()
	events, err := l.Events(ctx, "", "")
	if err != nil {
		return exitFailure, err
	}
	names := map[int64]string{}
	for _, e := range events {
		names[e.ID] = e.Name
	}
	bw := bufio.NewWriter(stdout)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var tw *tabwriter.Writer
	if !*asJSON {
		tw = tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "INDIENER\tBRON-ID\tIDENTIFICATIE\tVERWERKINGSDATUM\tRISICODRAGER\tREFERENTIENUMMER\tFILE\tCLOSED BY")
	}
	n := 0
	err = l.Records(ctx, q, func(s ledger.RecordState) error {
		n++
		if *asJSON {
			return enc.Encode(activeJSON{s.Indiener, s.BronID, s.Record.Identificatie, s.Record.Verwerkingsdatum.String(),
				s.Record.Risicodrager, s.Referentienummer, names[s.ActivatedBy], s.ActivatedBy, s.ClosedBy})
		}
		closedBy := "-"
		if s.ClosedBy != 0 {
			closedBy = fmt.Sprintf("event %d", s.ClosedBy)
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", escapeText(s.Indiener), escapeText(s.BronID), escapeText(s.Record.Identificatie),
			s.Record.Verwerkingsdatum, escapeText(s.Record.Risicodrager), s.Referentienummer, escapeText(names[s.ActivatedBy]), closedBy)
		return err
	})
	if tw != nil {
		tw.Flush()
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return exitFailure, err
	}
	return exitOK, nil
}

func parsePeriod(from, to string) (ledger.Period, error) {
	if from == "" || to == "" {
		return ledger.Period{}, fmt.Errorf("%w: -from and -to go together", errUsage)
	}
	f, err := ledger.ParseDate(from)
	if err != nil {
		return ledger.Period{}, fmt.Errorf("%w: -from: %v", errUsage, err)
	}
	t, err := ledger.ParseDate(to)
	if err != nil {
		return ledger.Period{}, fmt.Errorf("%w: -to: %v", errUsage, err)
	}
	if t.Before(f) {
		return ledger.Period{}, fmt.Errorf("%w: -to %s is before -from %s", errUsage, t, f)
	}
	return ledger.Period{From: f, To: t}, nil
}

func runQClose(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q close", "-db DB -indiener UZOVI -bron ID -from DATE -to DATE", stderr)
	db := fs.String("db", "", "the ledger: a SQLite file path or a postgres:// URL")
	indiener := fs.String("indiener", "", "UZOVI-nummer indiener (required)")
	bron := fs.String("bron", "", "bron-id declaratieverwerkingssysteem (required)")
	from := fs.String("from", "", "first verwerkingsdatum to close (required)")
	to := fs.String("to", "", "last verwerkingsdatum to close (required)")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 0 {
		return exitFailure, fmt.Errorf("%w: no arguments expected, have %q", errUsage, pos)
	}
	if *indiener == "" || *bron == "" {
		return exitFailure, fmt.Errorf("%w: -indiener and -bron are required", errUsage)
	}
	p, err := parsePeriod(*from, *to)
	if err != nil {
		return exitFailure, err
	}
	l, err := openQLedger(ctx, *db, ledger.OpenOptions{MustExist: true})
	if err != nil {
		return exitFailure, err
	}
	defer l.Close()
	e, err := l.ClosePeriod(ctx, *indiener, *bron, p)
	if err != nil {
		return exitFailure, err
	}
	fmt.Fprintf(stdout, "closed %d records of indiener %s, bron-id %s, verwerkingsperiode %s (event %d)\n", e.Records, escapeText(*indiener), escapeText(*bron), p, e.ID)
	return exitOK, nil
}

// runQRetour is "zorgcheck q retour": VECOZO's portal answer to a QVE301 (q.Answer,
// invulinstructie chapter 3). The QVE302 goes to standard output; a file approved as a
// whole gets no return (voorbeeld 1): nothing on standard output, a line on standard
// error. Exit 0 when the file is forwarded, 1 when it is rejected.
func runQRetour(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q retour", qRetourArgs, stderr)
	rf := addQRuleFlags(fs)
	connected := fs.String("connected", "", "comma-separated UZOVI-nummers connected to VECOZO's portal: a file of another indiener (0106) gets 0001 + 8198 (voorbeeld 2); empty: not checked")
	referentie := fs.String("referentie", "", "referentienummer VECOZO/Vektis of the return")
	allow := fs.Bool("allow-reconstructed", false, "answer a production file ('P'): QVE302 is a reconstruction")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 1 {
		return exitFailure, fmt.Errorf("%w: want one FILE, have %d arguments", errUsage, len(pos))
	}
	copts, err := rf.options()
	if err != nil {
		return exitFailure, err
	}
	in, name, err := openInput(pos[0])
	if err != nil {
		return exitFailure, err
	}
	data, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) == 0 {
		// Worded as q apply words it, without the library's "q: answer:" prefix.
		return exitFailure, fmt.Errorf("%s: file structure: the file is empty", name)
	}
	opts := q.PortalOptions{Validate: copts.Validate, Rules: copts.Rules,
		Return: q.ReturnOptions{Dagtekening: copts.Validate.Today, Referentie: *referentie, AllowReconstructed: *allow}}
	if *connected != "" {
		opts.Connected = strings.Split(*connected, ",")
		for i := range opts.Connected {
			opts.Connected[i] = strings.TrimSpace(opts.Connected[i])
		}
	}
	m, dropped, err := q.Answer(ctx, data, opts)
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", name, err)
	}
	if dropped > 0 {
		fmt.Fprintf(stderr, "zorgcheck q retour: %s: %d return codes did not fit the three retourcode fields of their record\n", escapeText(name), dropped)
	}
	if m.Forwarded {
		fmt.Fprintf(stderr, "zorgcheck q retour: %s: approved as a whole and forwarded to Vektis: VECOZO sends no return\n", escapeText(name))
		return exitOK, nil
	}
	if _, err := stdout.Write(m.Bytes()); err != nil {
		return exitFailure, err
	}
	return exitFindings, nil
}

const qRetourArgs = "[-connected UZOVI,...] [-today DATE] [-referentie REF] [-strict-uzovi] [-allow-reconstructed] FILE"

// collectAtLimit makes q apply collect garbage only when its heap reaches the soft memory
// limit main set (memoryLimit, 48 MB), not each time it doubles (GOGC=100): the live heap
// of an apply is small (7 MB of buffers, and the Q rules' table of the file's
// identificaties, 15 bytes per record: 15 MB at the 999,999 records a 99 can count), so
// with GOGC=100 the collector ran 60-150 times per file, and each run stops the database
// goroutine (about a tenth of the CPU time). At the limit it runs a few times, and the peak
// memory is the limit whatever the file's size: flat. GOGC or GOMEMLIMIT, when set, win.
// It returns the function that restores the collector as it was.
func collectAtLimit() (restore func()) {
	if debug.SetMemoryLimit(-1) != memoryLimit || os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(old) }
}
