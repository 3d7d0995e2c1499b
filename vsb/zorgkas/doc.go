// Package zorgkas is the zorgkas side of Vlaamse Sociale Bescherming billing, as the
// "Controle en betaling van de facturen" page of departementzorg.be describes it:
//
//   - technical validation of the facturatiebestand: no errors → DF011 (931000), errors
//     → DF012 (920999) listing them;
//   - content validation with errors of type B (blocks the sending), F (rejects the
//     invoice) and R (rejects the record): any B error, or more than 5 % of the records
//     rejected → DF013 (920099); otherwise DF014 (920098) listing the errors, followed by
//     the settlement DF015 (920900) and the payment order DF017;
//   - a sending in which every prestatie is rejected waits for a person's confirmation
//     before its refusal leaves, and so (for now, "in een eerste tijd") does a refusal
//     for the percentage; an accepted sending is signed by a zorgkas employee;
//   - payment is due within 6 weeks of receiving the sending.
//
// Content rules plug in as rule sets on the validation engine (validate.RuleSet, run by
// Content and Desk.Rules beside vsb.Rules); a rule reports with vsb.Fail, so that its
// findings carry codes and letters of the eFact dictionary (vsb/foutcode). Findings are
// validate.Finding (Line: the record order number).
//
// Desk runs these as steps with a History of the sendings received (MemoryHistory, or
// SQLHistory in SQLite): Receive checks the limits between sendings (Admit: 100721 the
// zending number once per third party and year, 100723 at most two files a month without
// derogation, 100724 at most one eFact a day) and recognises the resubmission of a refused
// sending by seed 001's rules; a refusal for the percentage or of a sending whose every
// prestatie is refused waits for Confirm before its 920099 leaves; an acceptance waits for
// Sign, which sends the 920098, the 920900, the payment order DF017 and the Notification
// of accepted prestaties to the mutualiteiten.
//
//	desk := &zorgkas.Desk{History: history}
//	c, sent, _ := desk.Receive(ctx, f, received) // 931000 (or 920999, or a blocking 920099)
//	sent, _ = desk.Sign(ctx, c, employee, today)   // or desk.Confirm(ctx, c, employee)
//
//	f, _ := vsb.Decode(message)
//	tech := zorgkas.Validate(f)                 // DF011 or DF012
//	d, _ := zorgkas.Decide(f, findings, received) // DF013 or DF014
//	s, _ := zorgkas.Settle(f, d)                   // DF015 and DF017
package zorgkas
