// Command readsample reads an EI declaration file and prints its records. Without an
// argument it reads the bundled sample, a synthetic MZ301 1.3 declaration of made-up
// patients:
//
//	go run ./examples/readsample [FILE]
package main
