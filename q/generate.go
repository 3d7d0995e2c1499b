package q

// The Q standards' packages under q/standards are generated from specs/q by the
// project's generator, as the EI standards are from specs.
//
//go:generate go run ../gen generate -specs ../specs/q -out standards -pkg github.com/zorgbericht/zorgbericht/q/standards
