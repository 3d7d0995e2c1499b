// Package codegen turns a checked spec (a record.Standard read by internal/specfile) into
// the Go source of a package with one typed struct per record type, with parse and format
// methods that use no reflection, and the layout as data for run-time use.
package codegen
