// Package fingerprint keeps identificaties prestatierecord in eight bytes each (Of,
// FNV-64a: the one fingerprint of the module's Q code) for the three places that check
// every identificatie of a file:
//   - the Q rules (package q): one Table of the file's identificaties, shared by
//     RuleUniek and RuleCreditRef (validate.Pass.SharedState), which must answer at each
//     record whether its identificatie came before, and on which line;
//   - the ledger's check that each identificatie is unique in the file (q/ledger): a
//     Spill, sorted runs in a temporary file, as it needs the answer only at the end;
//   - the ledger's history of a delivery (q/ledger/qve301): a sorted slice of what the
//     ledger holds of the identificaties asked.
//
// A fingerprint says only "maybe the same": where a collision would change an answer, the
// caller compares the text.
package fingerprint
