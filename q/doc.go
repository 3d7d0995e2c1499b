// Package q holds the Q standards: the schadelastinformatie files insurers deliver to
// Vektis (QVE301, aanleverspecificaties schadelastinformatie vervoer, EI code 542) and
// the answers VECOZO and Vektis send back (QVE302, EI code 543), with the rules of the
// Vektis invulinstructie QVE301/QVE302 v1.0 as checks for the validator.
//
// RECONSTRUCTION: the official layouts (BER) of QVE301 and QVE302 are not available to
// this project. The spec files specs/q/QVE301v1.0.csv and specs/q/QVE302v1.0.csv are
// reconstructed from the Vektis invulinstructie (field numbers, names and rules) and the
// element sizes of the EI standards; the field positions are this project's choice and a
// real Q file will not read correctly with them unless they happen to agree. Every
// standard here has Status record.StatusReconstructed, and ei.Writer refuses to write a
// production file ('P') of it unless WriterOptions.AllowReconstructed is set. The notes
// beside the spec files say what each choice rests on. When the official BER is
// available, importing it replaces the reconstruction with no change to the rules, which
// name fields by number as the invulinstructie does.
//
// Q files use the EI format, reader, writer and validator: Registry returns an
// *ei.Registry of the Q standards (generated in q/standards from specs/q), to read them
// with ei.NewReader, write them with ei.NewWriter and check them with ei/validate.
// RuleSet gives the rules of the invulinstructie as a validate.RuleSet, each finding with
// its COD954 return code; with RuleOptions.History (the warehouse ledger) they also look
// at earlier deliveries. Return writes VECOZO's QVE302 answer to a delivery (chapter 3
// of the invulinstructie) with ei/retour, from the Outcomes of a validation; Answer does
// the whole of it as VECOZO's portal, including the list of connected UZOVI-nummers
// (8198, voorbeeld 2). Standards lists the Q layouts for a registry that combines them
// with the EI standards. ei.Writer fills every total of the QVE301 sluitrecord.
//
// Quick start: check a QVE301 file with the Q rules.
//
//	f, err := os.Open("schadelast.txt")
//	if err != nil {
//		return err
//	}
//	defer f.Close()
//	opts := validate.Options{Registry: q.Registry(), RuleSets: []*validate.RuleSet{q.RuleSet(q.RuleOptions{})}}
//	report, err := validate.File(ctx, f, opts)
//	if err != nil {
//		return err // reading failed
//	}
//	for _, finding := range report.Findings {
//		fmt.Println(finding.Error())
//	}
package q
