// Package roundtrip holds the property test over every standard of the module — EI, Q and
// VSB: random records that a layout allows, generated from the spec files, parse and
// format back to exactly the same bytes. It has no code of its own.
package roundtrip
