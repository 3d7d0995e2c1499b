package main

import "io"

// runValidate is not written yet.
func runValidate(args []string, stdout, stderr io.Writer) (int, error) {
	return exitFailure, errNotYet
}
