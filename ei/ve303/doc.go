// Package ve303 applies the filling rules of the VE303/VE304 invulinstructie (seed 002
// chapter 2) to declarations vervoer (VE303 4.2), as checks and as a builder.
//
// VE303 4.2 is a reconstruction (see specs/VE303v4.2.notes.md): its layout is not the
// official Vektis one, and a production file ('P') needs Options.AllowReconstructed.
//
// The checks are a rule set of the validator (RuleSet, or ValidateOptions for the whole
// validation) for a Scenario, a column of table 2-2 (berichtstroom ZA→ZV, ZA→SB, SB→ZV ×
// praktijk, instelling, vervoer/hulpmiddelen):
//
//   - VE303-ADDRESS (2.2.2): which of 0108–0112 are filled, the codes 0113 allows, 0407,
//     the debiteur record (only towards a servicebureau), and 0303/0403–0405 equal to the
//     verzekerdenrecord's;
//   - VE303-NUMBERING (2.2.3): detail records numbered through the file, comments with
//     their record's number, comments counted in 9906;
//   - VE303-BSN (2.2.4, table 2-4): the BSN or the dummy 999999999, and then the
//     verzekerdennummer;
//   - VE303-NAMECODE (2.2.5, table 2-5): naamcode/naamgebruik (01), (02), (03);
//   - VE303-DEBITEUR (2.2.7): soort relatie debiteur when the client died;
//   - VE303-AMOUNT (2.2.8–2.2.12): declaratiebedrag ≤ berekend bedrag (8063).
//
// Build composes a declaration from the vendor's own data (Declaratie: provider and
// scenario, patients, rides) with the addressing, numbering, dummy BSN, name codes and
// totals filled in, validates it with these rules and the RBC checks, and returns it only
// when it is valid.
package ve303
