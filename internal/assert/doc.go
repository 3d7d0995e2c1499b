// Package assert holds the few assertions of github.com/stretchr/testify/assert that the
// module's tests use, with the same names and arguments, so that a test reads as before
// without the dependency: testify brings net/http, crypto/tls and a YAML parser into
// every test binary that uses it, which a fresh `go test ./...` compiles and links for
// nothing (issue 21 item 7). Each function reports a failure with t.Errorf and returns
// whether the assertion held; package require stops the test instead.
//
// msgAndArgs is as in testify: a single value is printed as is, a format string is
// followed by its arguments.
package assert
