package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
)

// qValidateArgs is the usage of "zorgcheck q validate".
const qValidateArgs = "[-json] [-db DB] [-today YYYY-MM-DD] [-gelaagd-vanaf YYYY-MM-DD] FILE..."

// runQValidate is "zorgcheck q validate": it checks Q files (QVE301) on the RBC levels
// N1-N5 with the Q registry and the Q rules of the invulinstructie (package q), and
// prints what it finds exactly as "zorgcheck validate" does: one line per finding, or with
// -json one object per file. The exit status is 0 when no file has errors, 1 when one
// has, 2 when a file cannot be read or the usage is wrong.
//
// It has the signature of the q subcommands (qCommands in q.go): the line to add there is
//
//	{"validate", qValidateArgs, "check QVE301 files with the Q rules (output as zorgcheck validate)", runQValidate},
//
// The Q layouts are reconstructions (see package q): a finding may be an error of the
// reconstruction rather than of the file.
func runQValidate(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q validate", qValidateArgs, stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	today := fs.String("today", "", "the date that counts as today (default: the current date)")
	gelaagd := fs.String("gelaagd-vanaf", "", "the verwerkingsdatum from which gelaagd aanleveren was agreed: files over earlier periods hold only the indiener's schade")
	db := fs.String("db", "", "the warehouse ledger (a SQLite file or a postgres:// URL): also check credits and identificaties against earlier deliveries")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) == 0 {
		return exitFailure, fmt.Errorf("%w: want at least one FILE (- for standard input)", errUsage)
	}
	var ropts q.RuleOptions
	if *gelaagd != "" {
		if err := ropts.GelaagdVanaf.UnmarshalText([]byte(*gelaagd)); err != nil {
			return exitFailure, fmt.Errorf("%w: -gelaagd-vanaf: %v", errUsage, err)
		}
	}
	opts := validate.Options{Registry: q.Registry(), RuleSets: []*validate.RuleSet{q.RuleSet(ropts)}}
	if *today != "" {
		if err := opts.Today.UnmarshalText([]byte(*today)); err != nil {
			return exitFailure, fmt.Errorf("%w: -today: %v", errUsage, err)
		}
	}
	var l *ledger.Ledger
	if *db != "" {
		if l, err = ledger.Open(ctx, *db); err != nil {
			return exitFailure, fmt.Errorf("-db: %w", err)
		}
		defer l.Close()
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	code := exitOK
	for _, name := range pos {
		fileOpts := opts
		if l != nil && name != "-" {
			// The rules look at what the ledger knows of the file's identificaties and
			// the debits its credits name. A file that cannot be read as a delivery is
			// checked without: the validation says what is wrong with it.
			if h, ok := qHistory(ctx, l, name); ok {
				ro := ropts
				ro.History = h
				fileOpts.RuleSets = []*validate.RuleSet{q.RuleSet(ro)}
			}
		}
		rep, err := qValidateFile(ctx, name, fileOpts)
		if err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "zorgcheck q validate: %v\n", err)
			code = exitFailure
			continue
		}
		if *asJSON {
			err = writeReportJSON(out, name, rep)
		} else {
			err = writeReport(out, name, rep)
		}
		if err != nil {
			return exitFailure, err
		}
		if !rep.Valid() && code == exitOK {
			code = exitFindings
		}
	}
	return code, out.Flush()
}

func qValidateFile(ctx context.Context, name string, opts validate.Options) (*validate.Report, error) {
	var in io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	rep, err := validate.File(ctx, in, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rep, nil
}

// qHistory reads the delivery in file name and asks the ledger what it knows of it.
func qHistory(ctx context.Context, l *ledger.Ledger, name string) (q.History, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	d, err := qve301.Read(f, name)
	if err != nil {
		return nil, false
	}
	h, err := qve301.History(ctx, l, d)
	return h, err == nil
}
