// Package cov checks insurance with VECOZO's COV service (Controle Op
// Verzekeringsgegevens, Vektis VZ801/VZ802): which zorgverzekeraar insures
// a patient on a day, so that claims go to the right insurer.
//
// The pieces:
//
//   - Zoekopdracht (the query) and Zoekresultaat (the answer), with BSN,
//     Date, AGB and UZOVI types. A Zoekopdracht validates before anything
//     is sent: BSN elfproef (the dummy 999999999 is never sent), real dates,
//     a peildatum at most two years back and not in the future, the postcode
//     form. Only the fields of the search path in use leave the process.
//   - RecheckPolicy: when a check is due (never checked, older than 28 days,
//     checked in an earlier calendar year, turned 18 since), with a clock.
//   - SelectAGB: the AGB code the checks are made for.
//   - Transport and SOAPTransport: SOAP 1.1 over HTTPS with the practice's
//     client certificate. The wire format is reconstructed and lives in
//     wire.go only; see the comment there.
//   - Client: validation, timeouts, retries with backoff for transient
//     failures only, and distinct errors: ErrNotAuthorised,
//     ErrNotAuthenticated, ErrBSNUnknown, ErrUnavailable.
//   - Checker: Check (at a trigger, if due) and Bulk (every patient with an
//     appointment, rate-limited, resumable), keeping answers in a Store
//     (MemoryStore, FileStore, or your own).
//
// VECOZO's rules of use apply: check only with a treatment relationship,
// and never run a daily bulk check of all patients. A bulk run takes
// appointments, not a patient list, for that reason.
//
// Personal data stays out of errors and logs: a BSN and a Verzekerdennummer
// print masked ("******782") with every fmt verb, in JSON and in slog;
// errors never carry birth dates or addresses, nor any free text the
// service sends back (only the fault codes this package knows). The
// service's certificate is always verified: InsecureSkipVerify is refused,
// also on a caller's HTTPClient (SOAPConfig.InsecureTestServer lifts that for
// a loopback fake only).
//
// # Quick start
//
//	tr, err := cov.NewSOAPTransport(cov.SOAPConfig{
//		Endpoint: endpoint, // from VECOZO's aansluitdocument
//		TLS:      &tls.Config{Certificates: []tls.Certificate{systeemcertificaat}},
//	})
//	if err != nil { … }
//	agb, err := cov.SelectAGB(configured, practiceCodes)
//	if err != nil { … }
//	client, err := cov.NewClient(tr, cov.ClientOptions{AGB: agb, Logger: logger})
//	if err != nil { … }
//	checker := &cov.Checker{Client: client, Store: store}
//
//	// When a record is opened, a patient added or an invoice made:
//	out, err := checker.Check(ctx, cov.TriggerInvoice, patientID, cov.Zoekopdracht{
//		Geboortedatum: birthDate,
//		BSN:           bsn,
//	})
//	switch {
//	case errors.Is(err, cov.ErrBSNUnknown): // ask the patient for the right BSN
//	case errors.Is(err, cov.ErrNotAuthorised): // authorise the software for COV in Mijn VECOZO
//	case err != nil: …
//	}
//	if basis, ok := out.Result.Basis(); ok {
//		fmt.Println("declare to", basis.Verzekeraar, basis.UZOVI)
//	}
//
// Package covtest provides a fake COV service for tests.
package cov
