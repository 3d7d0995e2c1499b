// Package insurer holds an insurer's own checks of a declaration (controleniveau 6, after
// the RBC levels N1–N5), each with its COD954 return code:
//
//   - the submission deadline (indientermijn) of seed 004: a prestatie opened in year Y must
//     be submitted by 30 April of Y+1, else 0586; configurable (Deadline);
//   - prior authorisation (machtiging) of seed 004, else 0551: a referral for specialised
//     GGZ to a non-contracted GGZ institution, and a self-employed provider's treatment that
//     may take more than 3000 minutes (NeedsMachtiging, through Providers);
//   - the maximum reimbursement for non-contracted providers: the toegekend bedrag capped
//     (Cap, ApplyMaxima, code 8648);
//   - BSN and date of birth against the insurer's administration (8004; 0307 by
//     verzekerdennummer for the dummy BSN 999999999, seed 002 table 2-4) and insured on the
//     date of the prestatie (0320), through Source, which the insurer implements.
//
// The policy functions (Deadline.Late, NeedsMachtiging, Cap, CheckPerson, CheckInsured) are
// plain functions; Checker gives them as a rule set of the validator's public rule API
// (Checker.RuleSet for validate.Options.RuleSets, ids INSURER-…), and Assess validates a
// declaration with them and returns the outcomes for its return (package ei/retour).
//
// Quick start:
//
//	data, _ := os.ReadFile("declaratie.txt")
//	reg, _ := ei.NewRegistry(mz301v13.Standard(), mz302v13.Standard()) // or standards.Registry()
//	out, report, err := insurer.Assess(ctx, data, insurer.Config{Source: myAdministration}, myMaxima, validate.Options{Registry: reg})
//	if err != nil {
//		return err
//	}
//	_ = report // the findings, for the insurer's own log
//	decl, _ := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: reg})
//	_, err = retour.Write(w, decl, out, retour.Options{Role: retour.Insurer, Registry: reg, Referentie: "ZV-0001"})
package insurer
