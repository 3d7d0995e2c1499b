// Package ei reads and writes Vektis "Externe Integratie" (EI) declaration files and their
// return messages: fixed-width records (01 voorloop, 02 verzekerde, 04 prestatie, 98
// commentaar, 99 sluit, …) in the layouts of the standards Vektis publishes.
//
// Each standard version has a generated package under ei/standards (gz321v10 for GZ321
// 1.0, mz301v13 for MZ301 1.3, …) with one typed struct per record type. This package
// does not import them: it recognises a file's standard from its 01 record with the
// Registry it is given (ei.NewRegistry(mz301v13.Standard()) for the standards a program
// uses, or standards.Registry() for all of them), reads records with constant memory and
// at most one allocation per record, none with ReaderOptions.ReuseRecord (Reader), writes
// them (Writer: CR/LF line breaks, detail records numbered — return standards keep the
// declaration's numbers —, an empty 01 identification filled in, the 99 record's counts
// and totals filled in or checked) and groups a whole file by its nesting (ReadFile, File).
//
// The nesting of the standard — 01; per verzekerde a 02 with its 03 and 04 records, each
// 04 with the records under it; a 98 under the record before it; 99 — is written down
// once, in Nester: it places one record at a time and says which groups (verzekerde,
// prestatie) it closes and opens, holding no records, so a program of any file size
// nests in constant memory. ReadFile and the return writer (ei/retour) use it strictly;
// the validator (ei/validate) uses it leniently (NestOptions.Lenient): a record out of
// order is placed all the same, and the Nester says what is wrong with it (Step.Fault).
// Totals adds up what a 99 record counts and totals, each amount signed by its
// debet/credit field (record.SignedAt, the one place that signs an amount); the Writer
// fills or checks the 99 from it, and the validator checks the 99 against it.
//
// The records are built on the module's fixed-width layer, which Q and VSB share: the
// layout metadata (record.Layout, record.Field) cannot be changed, amounts are
// record.Money (exact cents), BSNs record.BSN (masked when printed), dates record.Date.
//
// Quick start: read a file and print its records.
//
//	f, err := os.Open("declaratie.txt")
//	if err != nil { … }
//	r := ei.NewReader(f, ei.ReaderOptions{Registry: standards.Registry()})
//	for e, err := range r.All() {
//		if err != nil {
//			return err // says where: line, record, field, position
//		}
//		switch rec := e.Record.(type) {
//		case *gz321v10.Prestatierecord:
//			fmt.Println(e.Line, rec.PrestatiecodeDBCDeclaratiecode, rec.BegindatumPrestatie)
//		}
//	}
//
// Write a file: give the records in order; the writer numbers them and writes the 99.
//
//	w := ei.NewWriter(out, mz301v13.Standard(), ei.WriterOptions{})
//	w.Write(&mz301v13.Voorlooprecord{…})
//	w.Write(&mz301v13.Verzekerdenrecord{…})
//	w.Write(&mz301v13.Prestatierecord{…})
//	err := w.Close()
//
// Layouts whose official BER is not available here (VE303/VE304) are reconstructions:
// their Standard has Status record.StatusReconstructed and the Writer refuses to write a
// production file of them unless WriterOptions.AllowReconstructed is set.
package ei
