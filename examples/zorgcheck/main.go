// Command zorgcheck is the command-line tool of zorgbericht: it describes the layouts of
// EI standards, dumps the records of EI files and validates them.
//
//	zorgcheck describe [-json] [-list | STANDARD[@VERSION]]
//	zorgcheck dump [-json] FILE
//	zorgcheck validate [-json] [-today YYYY-MM-DD] [-standard STANDARD@VERSION] FILE...
//	zorgcheck retour -role portal|insurer [-date D] [-connected UZOVI,...] [-invoices FILE] [-ref R] -o OUT DECL
//	zorgcheck outcome [-json] RETOUR DECL
//	zorgcheck rules [-json] [-status STATUS] STANDARD[@VERSION]
//
// Errors are one line on standard error and a non-zero exit status.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1 // validate: errors were found
	exitFailure  = 2 // the usage is wrong or a file cannot be read
)

// errUsage marks errors about how the tool was called.
var errUsage = errors.New("wrong usage")

type command struct {
	name, args, summary string
	run                 func(args []string, stdout, stderr io.Writer) (int, error)
}

func commands() []command {
	return []command{
		{"describe", "[-json] [-list | STANDARD[@VERSION]]", "print the layout of a standard, or list the known standards", runDescribe},
		{"dump", "[-json] FILE", "print the records of an EI file field by field", runDump},
		{"validate", "[-json] [-today YYYY-MM-DD] [-standard STANDARD@VERSION] FILE...", "check EI files on the RBC levels N1-N5", runValidate},
		{"retour", retourArgs, "answer a declaration with a return message, as the portal or the insurer", runRetour},
		{"outcome", outcomeArgs, "check a return against its declaration and print what was paid per prestatie", runOutcome},
		{"vsb", vsbArgs, "VSB/eFact: dump a facturatiebestand or reply, validate it (931000/920999), answer it as the zorgkas (920099, or 920098 + 920900), read a reply", runVSB},
		{"rules", rulesArgs, "print the conditions of a standard's BER and the rules that check them", runRules},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitFailure
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		code, err := c.run(args[1:], stdout, stderr)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "zorgcheck %s: %v (usage: zorgcheck %s %s)\n", c.name, err, c.name, c.args)
			return exitFailure
		case err != nil:
			fmt.Fprintf(stderr, "zorgcheck %s: %v\n", c.name, err)
			if code == exitOK {
				code = exitFailure
			}
		}
		return code
	}
	fmt.Fprintf(stderr, "zorgcheck: unknown command %q (try zorgcheck -h)\n", args[0])
	return exitFailure
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "zorgcheck describes EI standards, dumps EI files and validates them.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  zorgcheck %s %s\n      %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nRun zorgcheck COMMAND -h for the flags of a command.")
}

// newFlags returns a flag set for a command. It prints nothing itself: parseFlags shows
// the usage for -h, and run reports a wrong flag on one line.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: zorgcheck %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

var errNotYet = errors.New("not available yet")
