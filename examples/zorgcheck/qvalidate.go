package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/qve301"
)

// qValidateArgs is the usage of "zorgcheck q validate".
const qValidateArgs = "[-json] [-db DB] [-today YYYY-MM-DD] [-strict-uzovi] [-gelaagd-vanaf YYYY-MM-DD] FILE..."

// qRuleFlags are the flags of the Q rule set that q validate, q plan and q apply share.
type qRuleFlags struct {
	today, gelaagd *string
	strictUZOVI    *bool
}

func addQRuleFlags(fs *flag.FlagSet) qRuleFlags {
	return qRuleFlags{
		today:       fs.String("today", "", "the date that counts as today (default: the current date)"),
		gelaagd:     fs.String("gelaagd-vanaf", "", "the verwerkingsdatum from which gelaagd aanleveren was agreed: files over earlier periods hold only the indiener's schade"),
		strictUZOVI: fs.Bool("strict-uzovi", false, "a UZOVI-nummer (indiener, risicodrager, volmacht) not in the UZOVI register is an error, not a warning"),
	}
}

func (f qRuleFlags) options() (qve301.CheckOptions, error) {
	var o qve301.CheckOptions
	if *f.gelaagd != "" {
		if err := o.Rules.GelaagdVanaf.UnmarshalText([]byte(*f.gelaagd)); err != nil {
			return o, fmt.Errorf("%w: -gelaagd-vanaf: %v", errUsage, err)
		}
	}
	if *f.today != "" {
		if err := o.Validate.Today.UnmarshalText([]byte(*f.today)); err != nil {
			return o, fmt.Errorf("%w: -today: %v", errUsage, err)
		}
	}
	o.Validate.StrictUZOVI = *f.strictUZOVI
	return o, nil
}

// runQValidate is "zorgcheck q validate": it checks Q files (QVE301) with the one Q rule
// set that q plan and q apply use too (qve301.Check: the RBC levels N1-N5 of the layout,
// the rules of the invulinstructie and, with -db, the rules against the ledger's earlier
// deliveries), and prints what it finds exactly as "zorgcheck validate" does: one line
// per finding and a summary line per file (also for a valid file), or with -json one
// object per file with the fields of validate's. The exit status is 0 when no file has
// errors, 1 when one has, 2 when a file or the ledger cannot be read or the usage is
// wrong.
//
// The Q layouts are reconstructions (see package q): a finding may be an error of the
// reconstruction rather than of the file.
func runQValidate(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("q validate", qValidateArgs, stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	rf := addQRuleFlags(fs)
	db := fs.String("db", "", "the warehouse ledger (a SQLite file or a postgres:// URL), read only: also check credits and identificaties against earlier deliveries")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) == 0 {
		return exitFailure, fmt.Errorf("%w: want at least one FILE (- for standard input)", errUsage)
	}
	opts, err := rf.options()
	if err != nil {
		return exitFailure, err
	}
	var l *ledger.Ledger
	if *db != "" {
		if l, err = openQLedger(ctx, *db, ledger.OpenOptions{ReadOnly: true}); err != nil {
			return exitFailure, err
		}
		defer l.Close()
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	code := exitOK
	var tot total
	for _, name := range pos {
		_, res := checkQFile(ctx, l, name, opts)
		tot.add(res)
		switch {
		case res.err != nil:
			code = exitFailure
			if *asJSON {
				err = writeJSONLine(out, jsonError(res.name, res.err))
			} else {
				out.Flush()
				fmt.Fprintf(stderr, "zorgcheck q validate: %s\n", oneLine(res.err.Error()))
			}
		case *asJSON:
			err = writeCheckedJSON(out, res)
		default:
			err = writeChecked(out, res)
		}
		if err != nil {
			return exitFailure, err
		}
		if res.err == nil && !res.rep.Valid() && code == exitOK {
			code = exitFindings
		}
	}
	if !*asJSON && len(pos) > 1 {
		fmt.Fprintln(out, tot.String())
	}
	return code, out.Flush()
}

// checkQFile reads the QVE301 file arg and checks it with qve301.Check, against the
// ledger when l is not nil. It returns the delivery (nil when the file cannot be read as
// one: the report then says why) and the outcome as zorgcheck validate shows it.
func checkQFile(ctx context.Context, l *ledger.Ledger, arg string, opts qve301.CheckOptions) (*ledger.Delivery, checked) {
	res := checked{name: arg}
	in, name, err := openInput(arg)
	if err != nil {
		res.err = err
		return nil, res
	}
	defer in.Close()
	// Standard input is read once into memory; a file is read twice (delivery, rules).
	var again func() (io.Reader, error)
	var first io.Reader = in
	if f, ok := in.(*os.File); ok && arg != "-" {
		again = func() (io.Reader, error) {
			_, err := f.Seek(0, io.SeekStart)
			return bufio.NewReaderSize(f, 1<<16), err
		}
		first = bufio.NewReaderSize(f, 1<<16)
	} else {
		data, err := io.ReadAll(in)
		if err != nil {
			res.err = fmt.Errorf("%s: %w", name, err)
			return nil, res
		}
		first = bytes.NewReader(data)
		again = func() (io.Reader, error) { return bytes.NewReader(data), nil }
	}
	d, rerr := qve301.Read(first, name)
	if rerr != nil {
		d = nil // the rules say what is wrong with it
	}
	data, err := again()
	if err != nil {
		res.err = fmt.Errorf("%s: %w", name, err)
		return nil, res
	}
	rep, err := qve301.Check(ctx, l, d, data, opts)
	if err != nil {
		res.err = fmt.Errorf("%s: %w", name, err)
		return nil, res
	}
	res.rep = rep
	if d == nil && rep.Valid() {
		// The validator found nothing, the ledger's reader did: say it as an error.
		res.rep.Findings = append(res.rep.Findings, validate.Finding{Rule: "Q-READ", Level: validate.N2,
			Message: fmt.Sprintf("the file cannot be read as a delivery: %v", rerr)})
	}
	return d, res
}
