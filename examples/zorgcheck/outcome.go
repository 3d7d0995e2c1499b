package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

const outcomeArgs = "[-json] RETOUR DECL"

// runOutcome reads a return message against its declaration (the vendor's side): it first
// checks that the return is a valid answer to the declaration (exit 1 with the reasons when
// it is not), then prints the outcome of the file and of every prestatie: accepted, partly
// or rejected, with the declared, berekend and toegekend amounts and the codes with their
// COD954 descriptions. -json prints one object. Exit 2 for unreadable input or wrong usage.
func runOutcome(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("outcome", outcomeArgs, stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 2 {
		return exitFailure, fmt.Errorf("%w: want RETOUR and DECL", errUsage)
	}
	read := func(name string) (*ei.File, error) {
		data, err := readArg(name)
		if err != nil {
			return nil, err
		}
		f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return f, nil
	}
	ret, err := read(pos[0])
	if err != nil {
		return exitFailure, err
	}
	decl, err := read(pos[1])
	if err != nil {
		// A declaration whose detail records cannot be read may still have been answered
		// as a whole (01 and 99): read its 01 and 99 only.
		data, rerr := readArg(pos[1])
		if rerr != nil {
			return exitFailure, err
		}
		var eerr error
		if decl, eerr = retour.ReadEnvelope(bytes.NewReader(data), standards.Registry()); eerr != nil || len(ret.Verzekerden)+len(ret.Prestaties) > 0 {
			return exitFailure, err
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if probs := retour.Check(ret, decl); len(probs) > 0 {
		fmt.Fprintf(w, "%s is not a valid answer to %s:\n", pos[0], pos[1])
		for i := range probs {
			fmt.Fprintf(w, "  %s\n", probs[i].Error())
		}
		return exitFindings, w.Flush()
	}
	res, err := retour.Read(ret, decl)
	if err != nil {
		return exitFailure, err
	}
	if *asJSON {
		b, err := res.JSON()
		if err != nil {
			return exitFailure, err
		}
		w.Write(b)
		w.WriteString("\n")
		return exitOK, w.Flush()
	}
	fmt.Fprintf(w, "invoice %s: %s; ingediend %s, toegekend %s\n", res.Invoice, res.Status, res.Ingediend, res.Toegekend)
	for _, c := range res.Codes {
		fmt.Fprintf(w, "  %s %s\n", c.Code, c.Description)
	}
	if res.Note != "" {
		fmt.Fprintf(w, "  (%s)\n", res.Note)
	}
	for _, p := range res.Prestaties {
		fmt.Fprintf(w, "prestatie %d (line %d): %s; declared %s, berekend %s, toegekend %s\n",
			p.DetailID, p.Line, p.Status, p.Declared, p.Berekend, p.Toegekend)
		for _, c := range p.Codes {
			fmt.Fprintf(w, "  %s %s\n", c.Code, c.Description)
		}
	}
	return exitOK, w.Flush()
}
