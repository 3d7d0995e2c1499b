package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/retour"
)

const outcomeArgs = "[-json] [-max-input BYTES] RETOUR DECL"

// runOutcome reads a return message against its declaration (the vendor's side): it first
// checks that the return is a valid answer to the declaration (exit 1 with the reasons when
// it is not), then prints the outcome of the file and of every prestatie: accepted, partly
// or rejected, with the declared, berekend and toegekend amounts and the codes with their
// COD954 descriptions. -json prints one object. Exit 0 when the file is accepted as
// declared, 1 when the return rejects (part of) it, as retour's exit status says of the
// same return; 2 for unreadable input or wrong usage (the arguments swapped, - twice).
func runOutcome(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("outcome", outcomeArgs, stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	maxInput := maxInputFlag(fs)
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 2 {
		return exitFailure, fmt.Errorf("%w: want RETOUR and DECL", errUsage)
	}
	if err := checkInputs(pos...); err != nil {
		return exitFailure, err
	}
	reg := registry()
	retData, err := readWhole(pos[0], *maxInput)
	if err != nil {
		return exitFailure, err
	}
	declData, err := readWhole(pos[1], *maxInput)
	if err != nil {
		return exitFailure, err
	}
	if err := checkOrder(reg, shownName(pos[0]), retData, shownName(pos[1]), declData); err != nil {
		return exitFailure, err
	}
	ret, err := ei.ReadFile(bytes.NewReader(retData), ei.ReaderOptions{Registry: reg})
	if err != nil {
		return exitFailure, fmt.Errorf("%s: %w", shownName(pos[0]), err)
	}
	decl, err := ei.ReadFile(bytes.NewReader(declData), ei.ReaderOptions{Registry: reg})
	if err != nil {
		// A declaration whose detail records cannot be read may still have been answered
		// as a whole (01 and 99): read its 01 and 99 only.
		err = fmt.Errorf("%s: %w", shownName(pos[1]), err)
		var eerr error
		if decl, eerr = retour.ReadEnvelope(bytes.NewReader(declData), reg); eerr != nil || len(ret.Verzekerden)+len(ret.Prestaties) > 0 {
			return exitFailure, err
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if probs := retour.Check(ret, decl); len(probs) > 0 {
		fmt.Fprintf(w, "%s is not a valid answer to %s:\n", shownName(pos[0]), shownName(pos[1]))
		for i := range probs {
			fmt.Fprintf(w, "  %s\n", probs[i].Error())
		}
		return exitFindings, w.Flush()
	}
	res, err := retour.Read(ret, decl)
	if err != nil {
		return exitFailure, err
	}
	code := exitOK
	if res.Status != retour.Accepted {
		code = exitFindings
	}
	if *asJSON {
		b, err := res.JSON()
		if err != nil {
			return exitFailure, err
		}
		w.Write(b)
		w.WriteString("\n")
		return code, w.Flush()
	}
	what := "invoice " + res.Invoice
	if res.Invoice == "" {
		what = "the file" // a Q delivery has no invoice number
	}
	fmt.Fprintf(w, "%s: %s; ingediend %s, toegekend %s\n", what, res.Status, res.Ingediend, res.Toegekend)
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
	return code, w.Flush()
}

// checkOrder gives a usage hint when the arguments are swapped: RETOUR is a return
// standard's file (its standard answers another), DECL a declaration's.
func checkOrder(reg *ei.Registry, retName string, retData []byte, declName string, declData []byte) error {
	first, err1 := reg.Detect(firstLine(retData))
	second, err2 := reg.Detect(firstLine(declData))
	if err1 != nil || err2 != nil || first.Answers() != "" {
		return nil
	}
	if second.Answers() != "" {
		return fmt.Errorf("%w: %s is a declaration (%s) and %s a return (%s): RETOUR comes first", errUsage, retName, first.ID(), declName, second.ID())
	}
	return fmt.Errorf("%w: %s is not a return message but a declaration (%s)", errUsage, retName, first.ID())
}

func firstLine(data []byte) []byte {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		return data[:i]
	}
	return data
}
