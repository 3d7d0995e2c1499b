// Package benchcompare measures the library's reader against the general-purpose way of
// reading fixed-width records — a reflection-based decoder driven by struct tags — and
// against a bare line scan (the ceiling), on the same GZ321 file in the same run.
//
// It is a module of its own so that the library gains no dependency:
//
//	cd examples/benchcompare && go test -bench . -benchmem
//
// A published reflection-based decoder (github.com/ianlopshire/go-fixedwidth) is not
// served by the module proxy this project builds with, so decoder.go is a small decoder
// written in the same style: one reflect.StructOf type per record type, built from the
// layout, fields set through reflection from `fixed:"start,end"` tags.
package benchcompare
