package main

// The one way zorgcheck writes a file (retour -o, report -o, vsb … -o). What it writes may
// hold personal data (a return repeats the declaration's BSNs), so:
//
//   - "-" is standard output, for every command;
//   - a file is created with mode 0600 (readable by its owner only);
//   - it is written to a temporary file in the same directory and renamed into place when
//     complete, so that a reader never sees half a file and a failed run leaves nothing;
//   - an existing file is not overwritten unless -force is given;
//   - a file that is one of the command's inputs is refused, -force or not.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// outputMode is the mode of every file zorgcheck writes: it may hold personal data.
const outputMode = 0o600

// forceFlag defines -force on fs: overwrite an existing output file.
func forceFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("force", false, "overwrite the output file when it exists (never one of the inputs)")
}

// checkInputs refuses standard input ("-") named more than once: it can be read only once.
func checkInputs(inputs ...string) error {
	n := 0
	for _, in := range inputs {
		if in == "-" {
			n++
		}
	}
	if n > 1 {
		return fmt.Errorf("%w: standard input (-) given %d times; it can be read once", errUsage, n)
	}
	return nil
}

// An output is a file being written (or standard output). Write to it, then Commit; Abort
// (or a Commit that is never called) leaves no file behind.
type output struct {
	io.Writer
	name string   // as given
	tmp  *os.File // nil for standard output
	done bool
	keep bool // refuse to overwrite at commit
}

// createOutput prepares writing name: standard output for "-", else a temporary file
// beside name. It refuses, before anything is done, a name that is one of the inputs, and
// an existing file unless force.
func createOutput(name string, inputs []string, force bool, stdout io.Writer) (*output, error) {
	if name == "" {
		return nil, fmt.Errorf("%w: -o: no file name (- for standard output)", errUsage)
	}
	if name == "-" {
		return &output{Writer: stdout, name: name}, nil
	}
	if err := checkOutputName(name, inputs, force); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return nil, outputError(name, err)
	}
	if err := tmp.Chmod(outputMode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, outputError(name, err)
	}
	return &output{Writer: tmp, name: name, tmp: tmp, keep: !force}, nil
}

// checkOutputName refuses an output that is one of the inputs, or that exists (without
// force), or that is a directory.
func checkOutputName(name string, inputs []string, force bool) error {
	st, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return outputError(name, err)
	}
	if st.IsDir() {
		return fmt.Errorf("%w: -o %s: is a directory, not a file", errUsage, name)
	}
	for _, in := range inputs {
		if in == "-" || in == "" {
			continue
		}
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return fmt.Errorf("%w: -o %s: is an input of the command; writing it would destroy the input", errUsage, name)
		}
	}
	if !force {
		return fmt.Errorf("%w: -o %s: the file exists; -force overwrites it", errUsage, name)
	}
	return nil
}

func outputError(name string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: cannot write: %w", name, err)
}

// Commit completes the file: it is renamed into place. For standard output it does
// nothing.
func (o *output) Commit() error {
	if o.tmp == nil || o.done {
		return nil
	}
	o.done = true
	tmp := o.tmp.Name()
	if err := o.tmp.Sync(); err != nil {
		o.tmp.Close()
		os.Remove(tmp)
		return outputError(o.name, err)
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(tmp)
		return outputError(o.name, err)
	}
	if o.keep {
		// Without -force a file that appeared meanwhile is not replaced: a hard link
		// fails when the name exists. Where links are not supported, check and rename.
		err := os.Link(tmp, o.name)
		if err == nil {
			os.Remove(tmp)
			return nil
		}
		if errors.Is(err, os.ErrExist) {
			os.Remove(tmp)
			return fmt.Errorf("%s: the file was created while zorgcheck ran; not overwritten (-force overwrites it)", o.name)
		}
		if _, serr := os.Lstat(o.name); serr == nil {
			os.Remove(tmp)
			return fmt.Errorf("%s: the file exists; not overwritten (-force overwrites it)", o.name)
		}
	}
	if err := os.Rename(tmp, o.name); err != nil {
		os.Remove(tmp)
		return outputError(o.name, err)
	}
	return nil
}

// Abort removes what was written. It is safe after Commit (then it does nothing).
func (o *output) Abort() {
	if o.tmp == nil || o.done {
		return
	}
	o.done = true
	o.tmp.Close()
	os.Remove(o.tmp.Name())
}

// writeOutput writes data to name (standard output for "-") as createOutput and Commit do.
func writeOutput(name string, data []byte, inputs []string, force bool, stdout io.Writer) error {
	o, err := createOutput(name, inputs, force, stdout)
	if err != nil {
		return err
	}
	defer o.Abort()
	if _, err := o.Write(data); err != nil {
		return outputError(name, err)
	}
	return o.Commit()
}
