// Command gen imports Vektis BER exports into spec files and generates Go packages from
// spec files.
//
//	go run ./gen import [-code GZ321] [-id GIS022.csv] [-answers MZ301] [-status official] [-cod954 COD954.csv] [-o specs/X.csv] BER.csv
//	go run ./gen retourcodes -cod954 COD954.csv SPEC.csv...
//	go run ./gen roles SPEC.csv...
//	go run ./gen generate -specs DIR -out DIR -pkg IMPORTPATH [-runtime IMPORTPATH] [-registry FILE]
//
// "generate" is what `go generate ./...` runs (see ei/standards/generate.go for EI and
// q/standards/doc.go for Q): it reads every DIR/*.csv, refuses an inconsistent spec with the file, record and field in the message,
// writes one package per standard version under -out, removes generated packages whose spec
// is gone, and, with -registry, writes the file listing them all.
//
// "retourcodes" derives the retourcode column of spec files that exist from COD954 (in the
// shared reference material: vektis/codes/COD954_retourcodes.csv) and rewrites them; import
// does the same for a new spec with -cod954. Review the changes before committing them.
//
// "roles" derives the date and AGB roles (begin, care-begin, care, agb) of spec files that
// exist and rewrites them (specfile.DeriveDateAndAGBRoles); import does the same for a new
// spec.
package main
