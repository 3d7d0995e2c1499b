// Package apicheck holds the tests of the module's public API as a user sees it: no
// exported identifier of a public package names a type of an internal package (a user
// could not name it), and `go doc` of the core's types lists their methods (they are
// declared where users look, not behind aliases). It has no code of its own: see
// api_test.go. Its tests carry the build tag integration (`go test -tags integration
// ./internal/apicheck`, as CI runs them): they compile go/types, which nothing else a
// contributor's `go test ./...` builds needs.
package apicheck
