// Package transcribe turns third-party transcriptions of Vektis layouts (the flat layout
// file of olmeca/vektor, and its JSON layout format) into the project's spec model, for
// standards whose official BER export the project does not have.
//
// A transcription is not trusted: Transcribe runs the consistency check of the spec files
// (internal/specfile.Check: gaps, overlaps, lengths, record length, repeated numbers) on it
// as it is, and compares it with what is known for certain: a return standard must repeat
// its declaration record for record (the return pattern), the generic records (01, 02, 03,
// 98, 99) are compared with the official BERs of the generation, element codes must be
// Vektis element codes, and a second transcription of the same standard must agree. It
// then applies the repairs listed in Repairs — each with its reason, none silently — and
// runs the checks again: the result must pass the consistency check, and every other
// finding must be judged by one of Acceptances. What a transcription lacks (obligations,
// keys, patterns, value lists) is completed from the official references, and the notes
// (Result.Notes) say where every part comes from.
//
// The command `go run ./gen transcribe` (run from the repository root, with the reference
// material in ../shared) writes specs/CODEvX.Y.csv and specs/CODEvX.Y.notes.md for every
// plan in Plans:
//
//	in, err := transcribe.Load(transcribe.Paths{
//		Layouts: "../shared/vektis/layouts/olmeca_layouts_flat.csv",
//		Types:   "../shared/vektis/layouts/sb311-types.json",
//		Codes:   "../shared/vektis/codes",
//		Specs:   "specs",
//	})
//	if err != nil { ... }
//	results, err := transcribe.All(transcribe.Plans(), in)
//	for _, r := range results {
//		spec, data, notes, text, err := r.Files()
//		...
//	}
package transcribe
