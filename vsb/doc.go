// Package vsb reads and writes the facturatiebestand of Vlaamse Sociale Bescherming (the
// Belgian eFact format of RIZIV/INAMI, message 920000) and its replies, for both sides:
// the care facility that bills and the zorgkas that checks and pays.
//
// A 920000 message is one string without line breaks: segment 200 (67 characters),
// segment 300 (160), then records of 350 characters — 10 (the sending), per invoice 20,
// 50 (with optional 51 and 52) and 80, then 90 — and per destination mutualiteit a 95,
// and the 96 total. The replies are 931000 (DF011, file accepted), 920999 (DF012, file
// refused), 920099 (DF013, sending refused), 920098 (DF014, sending accepted with its
// errors) and 920900 (DF015, the afrekenbestand with the records 91 and 92).
//
// The layouts are the project's spec files in specs/ (transcribed from the eFact layout;
// see their headers). The records 10 to 96, 91 and 92 are generated into vsb/efact on the
// shared fixed-width core (ei/record); every zone is read and written with that core, and
// the package has no record, layout or error type of its own. Encode writes the generated
// records (ef920000v20.ZendingBegin, Prestatie, …) with the core's record.Appender, which
// formats each in place, numbers it and seals its check number as the core's Writer does.
// Decode gives a File of the core's raw records
// (record.Raw: the characters, the byte offset and place in the message); LayoutOf gives
// the record.Layout of a record or segment, Typed the generated record, Order the order
// number. Every error that says where is a *record.Error (its Offset is the byte offset in
// the message).
//
// The checks are the rule set Rules on the module's one validation engine: validate.Run
// runs its rules (and a zorgkas's own rule sets, Validate) over the segments and records,
// grouped by Hierarchy (the sending 10 … 90, the invoices 20 … 80). Every finding is a
// validate.Finding: Line the record order number, Field the zone, Retourcode the eFact
// dictionary code, Letter its letter, Message its text, Detail what was found (Describe
// writes it on one line).
//
// What the format derives, Encode computes and Check verifies: the record order numbers
// (zone 2, from 000001), the check number of every record (zone 99: see CheckNumber and
// CHECKNUMBER.md — letters count 1 to 26, which the sample replies prove), the invoice
// and sending control numbers (R80 and R90 zone 98, 95 zone 410, 96 zone 510: the
// nomenclature codes modulo 97, 0 → 97) and the amount totals of 80, 90, 95 and 96.
//
// Quick start, the facility side:
//
//	var buf bytes.Buffer
//	err := vsb.Encode(&buf, &vsb.Zending{Number: 7, Year: 2026, Month: 11, Facturen: …})
//
// and the zorgkas side:
//
//	f, err := vsb.Decode(message)
//	report := vsb.Check(f) // report.Technical → DF012; report.Content → content validation
//	for _, r := range f.Records {
//		t, err := vsb.Typed(r) // *ef920000v20.Prestatie for a 50, …
//		…
//	}
//
// Package vsb/zorgkas decides (DF011–DF017), vsb/voorziening says what a reply means and
// resubmits, vsb/foutcode is the error dictionary. Amounts are Money (integer cents);
// the beneficiary's INSZ is personal data (IsPersonal) and is masked by the tools.
package vsb
