// Package ei reads and writes Vektis "Externe Integratie" (EI) declaration files and their
// return messages: fixed-width records (01 voorloop, 02 verzekerde, 04 prestatie, 98
// commentaar, 99 sluit, …) in the layouts of the standards Vektis publishes.
//
// Each standard version has a generated package under ei/standards (gz321v10 for GZ321
// 1.0, mz301v13 for MZ301 1.3, …) with one typed struct per record type. This package
// recognises a file's standard from its 01 record (Standards, Registry.Detect), reads its
// records with constant memory (Reader), writes them (Writer: CR/LF line breaks, detail
// records numbered, the 99 record's counts and totals filled in or checked) and groups a
// whole file by its nesting (ReadFile, File).
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
