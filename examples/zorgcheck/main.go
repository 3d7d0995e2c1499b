package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Exit statuses, the same for every command.
const (
	exitOK       = 0
	exitFindings = 1 // the input was read and has faults (findings, bad lines)
	exitFailure  = 2 // the usage is wrong or an input cannot be read
)

// exitTable is the table of exit statuses shown by -h (and in the README).
const exitTable = `Exit status (every command):
  0  all is well: the files were read and have no errors
  1  findings: the input was read and has faults (errors found, lines that are not records)
  2  wrong usage, or a file that cannot be read (missing, a directory, unreadable)
`

// errUsage marks errors about how the tool was called.
var errUsage = errors.New("wrong usage")

type command struct {
	name, args, summary string
	run                 func(args []string, stdout, stderr io.Writer) (int, error)
}

// commands is the command table: one line per command, in the order -h lists them.
// A new command adds its line here and its code in a file of its own.
func commands() []command {
	return []command{
		// ---- command table (one line each) ----
		{"describe", "[-json] [-list | STANDARD[@VERSION]]", "print the layout of a standard, or list the known standards", runDescribe},
		{"dump", dumpArgs, "print the records of an EI file field by field, every line it can", runDump},
		{"validate", validateArgs, "check EI files on the RBC levels N1-N5", runValidate},
		{"report", reportArgs, "write an HTML page showing the file's records with every finding in place", runReport},
		{"q", qArgs, "plan, apply and query Q deliveries (QVE301) on a warehouse ledger (zorgcheck q -h)", runQ},
		{"retour", retourArgs, "answer a declaration with a return message, as the portal or the insurer", runRetour},
		{"outcome", outcomeArgs, "check a return against its declaration and print what was paid per prestatie", runOutcome},
		{"vsb", vsbArgs, "VSB/eFact: dump a facturatiebestand or reply, validate it (931000/920999), answer it as the zorgkas (920099, or 920098 + 920900), read a reply", runVSB},
		{"codes", codesArgs, "list the code lists, or the codes of one list (COD046) with their descriptions and source", runCodes},
		{"rules", rulesArgs, "print the conditions of a standard's BER and the rules that check them", runRules},
		{"serve", serveArgs, "serve zorgcheck in the browser (examples/web) locally: files are checked in the browser, nothing is uploaded", runServe},
		{"version", "", "print the version of zorgcheck and how it was built", runVersion},
		// ---- end of command table ----
	}
}

// memoryLimit is the soft memory limit zorgcheck sets for the commands that stream a file
// (validate, dump, q apply, retour) when GOMEMLIMIT is not set: it keeps validating files of any size (the
// reference-number set grows with the file) under 64 MB of memory at the same speed; the
// garbage collector works harder only when the live heap itself comes near it. The
// commands that hold a whole file (outcome, report) do not get it: for them it
// only costs time, and their input is bounded instead (-max-input). GOMEMLIMIT=off (or
// any value) overrides it. q apply collects only at the limit (collectAtLimit).
const memoryLimit = 48 << 20

// qApply reports whether args are those of q apply, which streams its files too.
func qApply(args []string) bool { return len(args) > 1 && args[0] == "q" && args[1] == "apply" }

func main() {
	if os.Getenv("GOMEMLIMIT") == "" && len(os.Args) > 1 && (os.Args[1] == "validate" || os.Args[1] == "dump" || os.Args[1] == "retour" || qApply(os.Args[1:])) {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "zorgcheck: no command (zorgcheck -h lists them)")
		return exitFailure
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		args = []string{"version"}
	case "help":
		if len(args) == 1 {
			usage(stdout)
			return exitOK
		}
		if len(args) > 2 {
			fmt.Fprintf(stderr, "zorgcheck help: want one COMMAND, have %d\n", len(args)-1)
			return exitFailure
		}
		args = []string{args[1], "-h"}
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		code, err := c.run(args[1:], stdout, stderr)
		var help *helpError
		switch {
		case errors.As(err, &help):
			io.WriteString(stdout, help.usage)
			return exitOK
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "zorgcheck %s: %s (usage: %s)\n", c.name, oneLine(strings.TrimPrefix(err.Error(), errUsage.Error()+": ")), strings.TrimSpace("zorgcheck "+c.name+" "+c.args))
			return exitFailure
		case err != nil:
			name := c.name
			var sub *subcommandError
			if errors.As(err, &sub) {
				name += " " + sub.sub
			}
			fmt.Fprintf(stderr, "zorgcheck %s: %s\n", name, oneLine(err.Error()))
			if code == exitOK {
				code = exitFailure
			}
		}
		return code
	}
	fmt.Fprintf(stderr, "zorgcheck: unknown command %q (zorgcheck -h lists them)\n", escapeText(args[0]))
	return exitFailure
}

// oneLine makes an error message one line of printable text.
func oneLine(s string) string {
	return escapeText(strings.TrimSpace(s))
}

func commandSummary(name string) string {
	for _, c := range commands() {
		if c.name == name {
			return c.summary
		}
	}
	return ""
}

func usage(w io.Writer) {
	fmt.Fprint(w, usageText())
}

// usageText is what zorgcheck -h prints; the README shows the same text (TestREADMEShowsUsage).
func usageText() string {
	var b strings.Builder
	b.WriteString("zorgcheck describes EI standards, dumps, validates and reports on EI files.\n\nUsage:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %s\n      %s\n", strings.TrimSpace("zorgcheck "+c.name+" "+c.args), c.summary)
	}
	b.WriteString("\nFILE - reads standard input. zorgcheck help COMMAND (or zorgcheck COMMAND -h) shows\n" +
		"the flags of a command. Errors are one line on standard error.\n\n")
	b.WriteString(exitTable)
	return b.String()
}
