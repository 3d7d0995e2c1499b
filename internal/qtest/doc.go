// Package qtest writes synthetic QVE301 files for tests of the Q ledger and zorgcheck q.
// The fields the ledger does not read are filled with fixed synthetic values (the BSN
// dummy 999999999, soort declaratie 02, a claim submitted by the verzekerde); the files
// pass the Q rules (q.RuleSet) when the delivery itself does.
package qtest
