// Command codelistgen turns the Vektis code lists in the shared reference material into the
// validator's own data files (ei/validate/codelists):
//
//   - codes.csv: list,code,description — every value list the layouts can name (COD…), from
//     the Vektis code list pages (2023 CSV exports and the 2019 JSON scrape; the union of both,
//     so that a code valid in either publication is accepted);
//   - retourcodes.csv: code,scope,description — COD954, the return codes;
//
// Which return code is a field's own is not here: it is the spec files' retourcode column,
// derived once at import from COD954 (internal/specfile.DeriveRetourcodes).
//
// Run it with go generate in ei/validate (go run ./internal/codelistgen -out codelists); it
// does nothing when the reference material is not there (ZORGBERICHT_SHARED, or ../shared
// beside the repository). The output is sorted and carries no dates, so it only changes when the sources do.
package main
