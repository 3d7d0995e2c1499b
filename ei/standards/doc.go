// Package standards is the catalogue of every EI standard the module has a layout for:
// one generated package per standard version below it (gz321v10, mz301v13, …), and
// Registry, a new registry of all of them.
//
// Package ei does not import the catalogue: a program that handles one standard imports
// just that package and builds a registry of what it uses,
//
//	reg, err := ei.NewRegistry(mz301v13.Standard(), mz302v13.Standard())
//
// while a program that must recognise any file uses
//
//	reg := standards.Registry()
//
// The packages are generated from the spec files in specs/ (`go generate ./...`).
package standards
