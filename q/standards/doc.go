// Package standards holds the generated packages of the Q standards (one per standard
// version, from the spec files in specs/q) and their registry.
//
// RECONSTRUCTION: the layouts of QVE301 and QVE302 are reconstructed from the Vektis
// invulinstructie, not the official BER: see package q and specs/q/*.notes.md.
package standards

//go:generate go run ../../gen generate -specs ../../specs/q -out . -pkg github.com/zorgbericht/zorgbericht/q/standards -registry registry_gen.go -registrypkg standards

// After the last generated standard (go generate visits packages in import-path order:
// ei/standards, ei/validate, q/standards), every rule must find the field roles and the
// fields it reads (validate.Rule.Needs, Rule.Reads) in every standard it applies to; the
// step fails otherwise.
//
//go:generate go run ../../internal/needscheck
