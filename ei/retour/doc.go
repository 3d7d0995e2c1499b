// Package retour writes, checks and reads return messages (retourinformatie): the answer
// to an EI declaration in its return standard (MZ301 → MZ302, AP304 → AP305, EP301 →
// EP302, VE303 → VE304, PM304 → PM305, …), following the VE303/VE304 invulinstructie
// (seed 002, chapter 3), which is the generic instruction for the return standards of
// the EI generation.
//
// The package is generic over every pair of standards: it works on the layouts and their
// field roles (detail-id, parent-ref, declared, calculated, allowed, total-declared,
// total-allowed, count, return-code), never on per-standard code. A return record repeats its declaration
// record unchanged, identificatie detailrecord included, and adds the return part.
//
// Writing: Build (or Write) takes a declaration (ei.File), the receiver's Outcomes (per
// record the COD954 codes and, for a prestatie, the berekend and toegekend bedrag; or
// the reasons to reject the whole file) and a Role:
//
//   - Portal (VECOZO): a file-level failure returns only 01 (0001 plus the reason) and 99;
//     a record-level failure returns the whole file, the failing records with their codes
//     (up to three) and every other record 0200, nothing allowed; a clean file gets no
//     return (Message.Forwarded).
//   - Insurer: a file-level failure as above; a fully accepted file returns 01 (8001) and
//     99 with toegekend = ingediend; otherwise the rejected prestaties with their comments
//     and their verzekerde (debiteur, comments) with 0200; a rejected verzekerde returns
//     with its prestaties and their comments with 8002; accepted prestaties are not
//     returned; the 99 counts the returned records and its totaal toegekend is the sum over
//     all accepted prestaties, returned or not.
//
// Stream answers a declaration as it reads it, from an io.Reader to an io.Writer, one
// verzekerde at a time (ei.Nester): its memory does not grow with the file, and it
// writes what Write writes for the same declaration and outcomes. It needs the detail
// records numbered upward through the file (ErrNumbering). Build and Write take a
// declaration in memory (ei.File), which Check, Read and FromFindings also use.
//
// FromFindings turns validation findings (ei/validate, with the insurer's rule set in
// validate.Options.RuleSets, see ei/insurer) into Outcomes. A declaration whose detail
// records cannot be read is answered as a whole from its 01 and 99 (ReadEnvelope).
//
// Checking: Check tells whether a return is a valid answer to its declaration: the 99
// counts match the returned records (seed 002 example 3b), declared data is unchanged
// (example 5), codes exist in COD954, and more. Each problem is a *record.Error (line,
// record, field and position in the return) wrapping one of the sentinels ErrNotAnswer,
// ErrChanged, ErrCounts, ErrStructure, ErrCode.
//
// Reading (the vendor's side): Read matches a return to its declaration and gives per
// prestatie accepted, partly or rejected, with amounts and codes with their COD954
// descriptions, and the outcome of the file.
//
// Quick start (insurer):
//
//	reg, _ := ei.NewRegistry(mz301v13.Standard(), mz302v13.Standard()) // or standards.Registry()
//	decl, err := ei.ReadFile(r, ei.ReaderOptions{Registry: reg})
//	if err != nil {
//		return err
//	}
//	var out retour.Outcomes
//	out.Reject(retour.Key{Record: "02", ID: 3}, "8004") // BSN and date of birth do not match
//	_, err = retour.Write(w, decl, out, retour.Options{Role: retour.Insurer, Registry: reg, Referentie: "ZV-2011-0001"})
package retour
