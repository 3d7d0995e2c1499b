// Package readmecheck holds the test that the Go examples of the repository's README.md
// compile and, where the README says so, run and print what it shows. It has no code of
// its own: see readme_test.go and the README section "The README's Go examples are tested" for the convention.
//
// The convention, for whoever writes the README:
//
//   - A ```go block that starts with a package clause is a complete file: it must
//     compile (package main is built as a program).
//
//   - Any other ```go block is a fragment: it is placed in the body of
//
//     func example(ctx context.Context, f *os.File, in io.Reader, out io.Writer) error
//
//     so it may use ctx, f (an open file), in, out and return an error. The imports are
//     inferred from the package names it uses (fmt., validate., mz301v13. …): standard
//     library packages and every package of this module (for a name two packages
//     share, ei/standards and q/standards, the first path in sort order: the EI one; a
//     block that needs the other is a complete file with its imports).
//
//   - <!-- readme-test: skip REASON --> on the line before a block skips it.
//
//   - <!-- readme-test: run FILE --> on the line before a block also runs it, with f (and
//     in) open on FILE (relative to the repository root); when a ```text block follows
//     it (only blank lines between), the output must be that text exactly.
//
// Compile errors are reported at the README's line numbers (a //line directive).
package readmecheck
