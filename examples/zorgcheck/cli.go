package main

// The conventions every command follows, as small helpers. A new command uses them and
// gets the same behaviour as the others:
//
//   - fs := newFlags(name, args, stderr); pos, err := parseFlags(fs, args, stderr):
//     -h prints the command's usage on standard output and exits 0 (run does that);
//     a wrong flag is a usage error (exit 2, one line).
//   - return exitFailure, fmt.Errorf("%w: ...", errUsage) for wrong usage: run prints
//     "zorgcheck CMD: ... (usage: zorgcheck CMD ARGS)" on one line of standard error.
//   - in, name, err := openInput(arg): "-" is standard input; an error names the file;
//     checkInputs(args...) refuses "-" twice; readWhole(arg, limit) for a command that
//     must hold the whole file (-max-input, defaultMaxInput).
//   - output: forceFlag(fs); createOutput(name, inputs, force, stdout) + Commit, or
//     writeOutput: "-" is standard output, a file 0600, atomic, never over an existing
//     file without -force nor over an input (output.go).
//   - registry() is the one registry of every standard (EI and Q); ruleSets() the rule
//     sets beyond the built-in ones (Q).
//   - masking: maskLine(line, unmask) for a line of the record scanner; a line that is not
//     a well-formed record of its claimed type is masked as a whole (mask.go).
//   - return exitFailure, err for input that cannot be read (exit 2, one line); return
//     exitFindings, nil when the input was read and something is wrong with it (exit 1).
//   - writeJSONLine(w, v): JSON output is one object per line, HTML not escaped;
//     jsonError(name, err) is the object for an argument that could not be read.
//   - escapeText(s) before printing anything that came from a file.
//   - maskFlag(fs) for -unmask; maskValue(f, value) masks personal data.
//   - newProgress(stderr, ...) for progress on long runs (terminal only).

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// helpError is returned by parseFlags for -h: run prints the usage on standard output
// and exits 0. It wraps flag.ErrHelp.
type helpError struct{ usage string }

func (e *helpError) Error() string { return "help requested" }
func (e *helpError) Unwrap() error { return flag.ErrHelp }

// newFlags returns a flag set for a command. It prints nothing itself: parseFlags returns
// the usage for -h, and run reports a wrong flag on one line.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n", strings.TrimSpace("zorgcheck "+name+" "+args))
		if summary := commandSummary(name); summary != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", summary)
		}
		var n int
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
		fmt.Fprintf(fs.Output(), "\nFILE - reads standard input.\n%s", exitTable)
	}
	return fs
}

// parseFlags parses flags wherever they are among the arguments ("describe ZH308 -json"
// as well as "describe -json ZH308") and returns the other arguments. A usage error wraps
// errUsage; -h returns a *helpError (wrapping flag.ErrHelp) that run prints on standard
// output. A lone "-" is an argument (standard input), "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				var b bytes.Buffer
				fs.SetOutput(&b)
				fs.Usage()
				fs.SetOutput(io.Discard)
				return nil, &helpError{usage: b.String()}
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// openInput opens the file name, or standard input for "-". It returns the name messages
// use for it ("standard input" for "-"). An error names the file and says what is wrong
// in words (a directory, a file that does not exist).
func openInput(name string) (io.ReadCloser, string, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), "standard input", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, name, inputError(name, err)
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, name, fmt.Errorf("%s: is a directory, not a file", name)
	}
	return f, name, nil
}

// shownName is the name messages use for argument name: "standard input" for "-".
func shownName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// inputError words an error opening a file without Go's "open NAME:" prefix.
func inputError(name string, err error) error {
	var pe *os.PathError
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such file", name)
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("%s: permission denied", name)
	case errors.As(err, &pe):
		return fmt.Errorf("%s: %w", name, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// writeJSONLine writes v as one line of JSON, without HTML escaping.
func writeJSONLine(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// fileError is the JSON object for an argument that could not be read: every command
// with -json writes one object per argument, this one for those it could not read.
type fileError struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func jsonError(name string, err error) fileError {
	return fileError{File: name, Error: escapeText(strings.TrimPrefix(err.Error(), name+": "))}
}

// defaultMaxInput is the largest file (in bytes) that a command holding the whole file in
// memory reads (retour, outcome): such a file takes about eight times its size in
// memory, so 24 MiB (some 80,000 records of 310 positions) stays under 256 MiB. A larger
// file is refused before it is read, with a message naming -max-input, which raises it.
const defaultMaxInput = 24 << 20

// maxInputFlag defines -max-input on fs.
func maxInputFlag(fs *flag.FlagSet) *int64 {
	return fs.Int64("max-input", defaultMaxInput, "the largest input file in bytes that is read (the whole file is held in memory, about eight times its size)")
}

// errTooLarge is wrapped by readWhole's error for a file over the limit.
var errTooLarge = errors.New("too large to hold in memory")

// readWhole reads the file name ("-" is standard input) whole, refusing one of more than
// limit bytes: a file by its size before reading, standard input as soon as it passes the
// limit. An error names the file.
func readWhole(name string, limit int64) ([]byte, error) {
	in, shown, err := openInput(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	tooLarge := fmt.Errorf("%s: %w: more than %d bytes (-max-input raises the limit)", shown, errTooLarge, limit)
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit {
			return nil, tooLarge
		}
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge
	}
	return data, nil
}
