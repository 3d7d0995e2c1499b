package validate

import (
	"strconv"
)

// failAs reports field i of rec for the rule with the given id, when that is the rule
// being run: rules that share one check (and its exclusive cases) each report their own.
// When the check runs once for a row of such rules (a sharedHook batch), it reports as
// the rule of the row with that id, if the row has it.
func (p *Pass) failAs(id string, rec *Record, i int, retour, msg string) {
	if p.Rule().ID != id && !p.hooks.runAs(id) {
		return
	}
	f := Finding{Retourcode: retour, Message: msg}
	if rec.lp != nil && i >= 0 && i < len(rec.lp.fields) {
		f.Field = rec.lp.fields[i].f.Number
	}
	p.Report(rec, f)
}

// sharedHook makes the batch of rules that share one Record hook, which reports what it
// finds through failAs, each rule its own, and at most one finding per record (so that
// the order of the findings cannot depend on whether it runs once or per rule): the
// hook runs once for the row (N5-SELFREF and N5-CREDITREF: creditRefs). One batch per
// hook, so that rows of two hooks never join.
func sharedHook() *batch {
	return &batch{record: func(h *hooks, idx []int32, rec *Record) {
		h.running, h.row = idx[0], idx
		h.bound[idx[0]].record(&h.pass, rec)
		h.row = nil
	}}
}

// creditRefsOnce is the sharedHook batch of creditRefs.
var creditRefsOnce = sharedHook()

// runAs makes the rule of the sharedHook row running with the given id the rule being
// run; false when the row has none (it is switched off) or no such row runs.
func (h *hooks) runAs(id string) bool {
	for _, i := range h.row {
		if h.bound[i].rule.ID == id {
			h.running = i
			return true
		}
	}
	return false
}

// engineRule lists a check the validator makes itself.
func engineRule(id string, level Level, retour string, err error, doc string) *Rule {
	return &Rule{ID: id, Level: level, Retourcode: retour, Err: err, Doc: doc, engine: true}
}

// rbcSet lists the checks of N1 to N4 the validator makes itself, from the layouts.
func rbcSet() *RuleSet {
	return &RuleSet{Name: "rbc", Doc: "The file, structure and field checks (N1-N4) every standard gets from its layout.", Rules: []*Rule{
		engineRule("N1-EMPTY", N1, "0001", ErrUnreadable, "The file is not empty."),
		engineRule("N1-UNREADABLE", N1, "0001", ErrUnreadable, "The file is an EI file: its first record is a 01 voorlooprecord, and it has line breaks."),
		engineRule("N1-STANDARD", N1, "8165", ErrUnknownStandard, "The voorlooprecord names a standard and version the registry knows (EI code 0102, version 0103, subversion 0104)."),
		engineRule("N1-IDENTIFICATION", N1, "8165", ErrUnknownStandard, "With Options.Standard given, the voorlooprecord names that standard: its EI code, version and subversion."),
		engineRule("N1-DECLARATION", N1, "0001", ErrUnknownStandard, "The declaration given with a return message (Options.Declaration) is of the standard and version the return answers."),
		engineRule("N2-LINEBREAK", N2, "8095", ErrLineBreak, "Every record ends with a line break; no empty lines."),
		engineRule("N2-LENGTH", N2, "0804", ErrRecordLength, "Every record has the record length of the standard."),
		engineRule("N2-FIRST", N2, "8026", ErrOrder, "The file starts with the 01 voorlooprecord."),
		engineRule("N2-RECORDTYPE", N2, "0002", ErrRecordType, "Only record types of the standard."),
		engineRule("N2-ORDER", N2, "8026", ErrOrder, "One 01 first, one 99 last; a record follows the record it belongs to (03 and 04 their 02, details their 04, 98 the record it comments on)."),
		engineRule("N2-NESTING", N2, "8026", ErrOrder, "A verzekerdenrecord (02) has at least one prestatierecord (04) under it."),
		engineRule("N2-NO99", N2, "0208", ErrOrder, "The file ends with a 99 sluitrecord."),
		engineRule("N2-NUMBERING", N2, "0801", ErrNumbering, "Detail records are numbered 1, 2, 3, … through the file. In a return message the numbers are the declaration's: increasing, and (with Options.Declaration) numbers of records of the same type in the declaration."),
		engineRule("N2-COMMENTID", N2, "8227", ErrNumbering, "A commentaarrecord (98) carries the identificatie detailrecord of the record it comments on."),
		engineRule("N2-REGELNUMMER", N2, "0754", ErrNumbering, "The lines of free text on one record are numbered 1, 2, 3, … (a warning)."),
		engineRule("N3-DIGITS", N3, "", ErrType, "A numeric (N) field holds digits only."),
		engineRule("N3-MANDATORY", N3, "", ErrMissing, "A mandatory (M) field is filled."),
		engineRule("N3-REQUIRED", N3, "", ErrMissing, "A conditional field the standard's rules require (RuleSet.Fields) is filled."),
		engineRule("N3-DATE", N3, "", ErrPattern, "A date is written EEJJMMDD."),
		engineRule("N3-PATTERN", N3, "", ErrPattern, "A field follows its pattern (NNNNAA, …)."),
		engineRule("N3-CHARSET", N3, "", ErrCharset, "No control characters."),
		engineRule("N3-KENMERK", N3, "", ErrRecordType, "The kenmerk record is the record type in two digits."),
		engineRule("N4-KENMERK", N4, "", ErrRecordType, "The kenmerk record is the type of the record's content."),
		engineRule("N4-STANDARD", N4, "", ErrValue, "EI code, version and subversion of the voorlooprecord exist."),
		engineRule("N4-DATE", N4, "", ErrDate, "A date exists."),
		engineRule("N4-FUTURE", N4, "", ErrFuture, "Dates of birth, invoice, declaration period and care do not lie in the future."),
		engineRule("N4-ALLOWED", N4, "", ErrValue, "A field holds a value its BER constraint (RuleSet.Fields) or regular expression allows."),
		engineRule("N4-CODELIST", N4, "", ErrValue, "A code is in the field's code list (Vektis code lists; not NAM040 and the DBC-Onderhoud lists)."),
		engineRule("N4-AGB", N4, "", ErrValue, "An AGB code has a zorgverlenerssoort and a number; a servicebureau's soort is 98."),
		engineRule("N4-BSN", N4, "", ErrValue, "A BSN passes the elfproef (the dummy 999999999 is allowed)."),
		engineRule("N4-REGEX", N4, "", ErrValue, "A field matches the regular expression of the BER."),
		engineRule("N4-RESERVE", N4, "0003", ErrReserve, "A reserve is filled with spaces."),
		engineRule("N4-LEADINGSPACE", N4, "", ErrLeadingSpace, "An alphanumeric value does not start with a space."),
		engineRule("N4-NAME", N4, "", ErrValue, "A name does not consist of zeros."),
		engineRule("N4-BTW", N4, "", ErrValue, "A BTW-identificatienummer is a Dutch VAT number (NL, 9 digits, B, 2 digits)."),
	}}
}

// commonSet is the relations (N5) every declaration standard shares, from the BERs' common
// conditions, and the checks of the 99 sluitrecord.
func commonSet() *RuleSet {
	n5 := func(id, doc string, err error, records []string, f func(*Pass, *Record)) *Rule {
		return &Rule{ID: id, Doc: doc, Level: N5, Err: err, Records: records, Record: f}
	}
	trailerRule := func(id string, level Level, err error, doc string) *Rule {
		return &Rule{ID: id, Doc: doc, Level: level, Err: err, Records: []string{"99"}, Record: trailer}
	}
	unique := n5("N5-UNIQUE", "The referentienummer dit …record of a record is unique among the records of its type in the file "+
		"(over the whole file; when Options.MaxReferences caps it, a warning says so). On a file beyond Options.MaxSetMemory, "+
		"a number repeating one the set spilled is found at the end of the file: File puts it in place, Findings yields it last.", ErrDuplicate, nil, uniqueRefs)
	unique.End = func(p *Pass) {
		if p.e.refsFull {
			p.Report(nil, Finding{Severity: Warning, Retourcode: "0001", Message: "more than " + strconv.Itoa(p.e.opts.MaxReferences) +
				" reference numbers: uniqueness was checked for the first ones only (Options.MaxReferences)"})
		}
	}
	parent := n5("N5-PARENT", "Fields a record repeats from the record above it (BSN, UZOVI-nummer, verzekerdennummer, dates, …) equal it. "+
		"A prestatierecord whose BSN or UZOVI-nummer differs gets 8150 when it carries the key of another verzekerde of the file, "+
		"else 0435 (BSN) and 0423 (UZOVI-nummer) (seed 002 example 6). On a file beyond Options.MaxSetMemory, an 8150 for the key of a "+
		"verzekerde the set spilled before the 04 is found at the end of the file: File puts it in place, Findings yields it last.", ErrParent, nil, parentKeys)
	parent.NewState, parent.End, parent.Group = newParentState, parentKeysEnd, parentGroup
	// The hooks that read a layout's reference numbers, keys or date ranges are left out of
	// the record types that have none (Rule.idle).
	unique.idle = func(lp *layoutPlan) bool { return lp.refSelf < 0 }
	parent.idle = func(lp *layoutPlan) bool { return len(lp.keys) == 0 && lp.code != "02" } // 02: the keys of the verzekerden
	// Its Group hook (parentGroup) decides about prestaties only: a verzekerde's group is
	// not collected for it.
	parent.groupIdle = func(head string) bool { return head == "02" }
	noPrev := func(lp *layoutPlan) bool { return lp.refPrev < 0 }
	selfRef := n5("N5-SELFREF", "The referentienummer voorgaande gerelateerde record differs from the record's own reference.", ErrCredit, nil, creditRefs)
	creditRef := n5("N5-CREDITREF", "A credit record refers to the debit record it credits; a debit record refers to none.", ErrCredit, nil, creditRefs)
	selfRef.idle, creditRef.idle = noPrev, noPrev
	// Both are creditRefs, which reports one finding at most: run once for both.
	selfRef.batch, creditRef.batch = creditRefsOnce, creditRefsOnce
	dateRange := n5("N5-DATERANGE", "A begindatum lies on or before its einddatum.", ErrRelation, nil, dateRanges)
	dateRange.idle = func(lp *layoutPlan) bool { return len(lp.ranges) == 0 }
	period := n5("N5-PERIOD", "The declaration period ends on or before the dagtekening factuur; dates of care lie on or before its end (COD954 8042). "+
		"When no record of care lies within the period, the period is wrong: 0115 of the voorlooprecord (COD954 0021).", ErrRelation, nil, periodRule)
	period.NewState, period.End = newPeriodState, periodEnd
	period.idle = func(lp *layoutPlan) bool { return len(lp.careDate) == 0 && lp.code != "01" } // 01: headerRules
	invoiceDate := n5("N5-INVOICEDATE", "Dates of care lie on or before the dagtekening factuur (0117) of the voorlooprecord (COD954 8177, 8178).", ErrRelation, nil, careDates)
	invoiceDate.idle = func(lp *layoutPlan) bool { return len(lp.careDate) == 0 }
	debitCredits := n5("N5-DEBITCREDIT", "The debet/credit indicators of a record, and of the records under it, agree (COD954 8064).", ErrCredit, nil, debitCredit)
	debitCredits.idle = func(lp *layoutPlan) bool { return len(lp.dc) == 0 || lp.code == "99" }
	return &RuleSet{Name: "common", Doc: "The relations (N5) every declaration standard shares, and the counts and totals of the 99.", Rules: []*Rule{
		parent,
		dateRange,
		invoiceDate,
		period,
		unique,
		selfRef,
		creditRef,
		debitCredits,
		n5("N5-ADDRESS", "A Dutch postcode or a foreign one, with the country code to match (COD954 8182-8186).", ErrRelation, []string{"02", "03"}, addressRules),
		n5("N5-SOFTWARE", "0107 versieaanduiding is filled when, and only when, 0106 code informatiesysteem is (COD954 8166).", ErrRelation, []string{"01"}, headerRules),
		n5("N5-PRAKTIJK", "Zorgverlenerscode, praktijkcode and instellingscode of the voorlooprecord go together (0110-0112, COD954 8167-8169).", ErrRelation, []string{"01"}, headerRules),
		n5("N5-BETALINGAAN", "0113 identificatiecode betaling aan refers to a filled field among 0109-0112 (COD954 8171-8174).", ErrRelation, []string{"01"}, headerRules),
		n5("N5-BSN", "A verzekerde with the dummy BSN 999999999 has a verzekerdennummer (0205, COD954 8101).", ErrRelation, []string{"02"}, verzekerdeRules),
		n5("N5-NAAM02", "The naam (02) is filled when, and only when, naamcode/naamgebruik (02) is 2 (COD954 8181, 8223).", ErrRelation, []string{"02", "03"}, verzekerdeRules),
		trailerRule("N3-TRAILERZERO", N3, ErrMissing, "A count or total of the 99 sluitrecord that holds only zeros where the file has such records (or amounts) is not filled (N3 on that field), not a wrong count."),
		trailerRule("N5-COUNT", N5, ErrTrailer, "The counts of the 99 sluitrecord (records per type, detail records) are those of the file."),
		trailerRule("N5-TOTAL", N5, ErrTrailer, "The totals of the 99 sluitrecord (declared, allowed) and their debet/credit are those of the file."),
		trailerRule("N4-COUNT", N4, ErrValue, "The 99 counts no records of a type the standard does not have."),
		trailerRule("N4-DETAILCOUNT", N4, ErrValue, "The total of detail records of the 99 is the sum of its counts per record type."),
	}}
}

type allowedValues struct{ values, why string }

func allow(values, why string) allowedValues { return allowedValues{values, why} }

// commonAllowed are restrictions every official BER here states in the same words (GZ321,
// MZ301, EI181, AP304, EP301, AW319, ZH308), by record type and data element: COD134 code
// geslacht verzekerde, COD446 code geslacht debiteur, COD700/COD701/COD829 naamcode/
// naamgebruik (01)/(02)/(03).
var commonAllowed = map[string]allowedValues{
	// "Hier alleen code '1' (= mannelijk) of code '2' (= vrouwelijk) vullen."
	"02|COD134": allow("1 2", "the BER allows only 1 (man) and 2 (vrouw) here"),
	// "Waarde '1' vullen."
	"02|COD700": allow("1", "the BER asks for 1 (eigen naam) here"),
	// "Waarde '2' of '0' (indien verzekerde geen partner heeft …) vullen."
	"02|COD701": allow("0 2", "the BER allows 2 (naam echtgenoot/partner) or 0 (no partner) here"),
	// "Toegestane waarden: '1', '2', '3' en '4'. Indien niet relevant, dan vullen met '0'."
	"02|COD829": allow("0 1 2 3 4", "the BER allows 1 to 4, or 0 when not relevant"),
	// "indien bekend de waarde '1' of '2' vullen. Indien het gegeven niet bekend is '0'."
	"03|COD446": allow("0 1 2", "the BER allows 1 (man), 2 (vrouw) or 0 (not known) here"),
	"03|COD700": allow("1", "the BER asks for 1 (eigen naam) here"),
	"03|COD701": allow("0 2", "the BER allows 2 (naam echtgenoot/partner) or 0 (no partner) here"),
	// "Toegestane waarden: '1', '2', '3' en '4'."
	"03|COD829": allow("1 2 3 4", "the BER allows 1 to 4 here"),
}
