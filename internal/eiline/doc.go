// Package eiline reads and writes the fields of formatted EI records (one line of a file,
// without its line break) by field number or role, whatever the Go type generated for the
// standard. The return writer, the return checker and the VE303 builder work on lines
// through this package, so that they are generic over every standard and depend on the
// layout alone (not on the generated structs).
package eiline
