// Package validate checks EI declaration files the way VECOZO does before it passes them
// on, on the levels of the Vektis RBC (registratie- en controleregels):
//
//   - N1 file: readable, and its 01 voorlooprecord names a standard and version the
//     registry knows;
//   - N2 structure: record length, a line break after every record, one 01 first and one
//     99 last, only record types of the standard, order and nesting (04 under its 02, 06
//     under its 04, 98 after the record it comments on), the numbering of detail records;
//   - N3 field format: N fields hold digits, mandatory fields are filled, dates are written
//     EEJJMMDD, patterns (NNNNAA);
//   - N4 allowed values: code lists, existing dates not in the future, AGB codes, the BSN's
//     elfproef, reserve filled with spaces, AN values that do not start with a space, the
//     values the BER's constraints allow;
//   - N5 relations: fields a record repeats from the record above it, begin ≤ end ≤
//     dagtekening, the counts and totals of the 99 record, debit and credit, unique
//     reference numbers, and each standard's conditions from its BER (rules_*.go).
//
// The field checks (N3, N4) come from the layouts (ei/record: type, length, obligation,
// pattern, value list, regular expression); the relations (N5) are written per standard
// from the Constraints/condities column of its BER, each citing the field it comes from.
//
// # Rules
//
// Every check is a Rule: a value with an id ("N3-MANDATORY", "GZ321-N5-0417"), a doc
// string, its level, severity and COD954 return code, and hooks run as the file streams
// by: per record, per closed group (a prestatie with the records under it; a verzekerde
// with its debiteur, prestaties and comments) and at the end of the file. Rules come in
// rule sets (RuleSet) that apply to a standard by code ("MZ301", every version) or ID
// ("MZ301@1.3"); a return standard also runs the sets of the declaration it answers. The
// built-in sets (RuleSets) are the N1-N4 checks the validator makes from the layouts
// (listed as rules without hooks), the relations every standard shares, and each
// standard's own. Options.RuleSets and Options.Rules add rules of one's own (an insurer's
// checks, a Q standard's) on the same footing; Options.Disable switches rules off by id and
// Options.Warn makes them warnings. Rules lists what runs for a standard. A rule reports
// through its Pass with the helpers the built-in rules use (Fail, MustBeFilled,
// MustBeEmpty, SameAs, SameAsParent) and reads records with Record's (Raw, Value, Filled,
// Known, Int, Date, Amount).
// The code lists and COD954 return codes are the package's own data (codelists/),
// converted from the Vektis code lists by internal/codelistgen. Lists the validator has no
// data for are not checked: NAM040 (voorvoegsels) and every list whose organisation is
// DBC-Onderhoud (-DBCO: afsluitreden, beroep, activiteit, diagnose), which change yearly.
//
// Every finding names its level, rule, line, record type, field and position, the COD954
// return code that applies, and says in words what is wrong, without the personal data of
// the file. Validation streams: memory stays constant whatever the size of the file. The
// two checks over the whole file — reference numbers unique (N5-UNIQUE), a prestatierecord
// carrying the key of another verzekerde of the file (N5-PARENT) — hold 64-bit
// fingerprints within Options.MaxSetMemory (3 MiB by default) and beyond it spill sorted
// runs to a temporary file (Options.TempDir) that they merge at the end of the file:
// exact, with the same Report. Options.Workers spreads the checks of one file over
// several cores with exactly the findings of the serial run.
//
// Quick start:
//
//	f, err := os.Open("declaratie.txt")
//	if err != nil {
//		return err
//	}
//	defer f.Close()
//	report, err := validate.File(ctx, f, validate.Options{})
//	if err != nil {
//		return err // reading failed
//	}
//	for _, finding := range report.Findings {
//		fmt.Println(finding.Error()) // line 3: N3 0403 BURGERSERVICENUMMER (BSN) VERZEKERDE: …
//	}
//	if !report.Valid() {
//		// VECOZO would reject the file.
//	}
//
// A rule of one's own, and a built-in rule made a warning:
//
//	machtiging := &validate.Rule{
//		ID: "ACME-MACHTIGING", Doc: "Specialised GGZ needs a machtiging.", Retourcode: "0551",
//		Records: []string{"04"},
//		Record: func(p *validate.Pass, rec *validate.Record) {
//			if rec.Value("0408") == "050" {
//				p.MustBeFilled(rec, "0406", "for specialised GGZ")
//			}
//		},
//	}
//	report, err := validate.File(ctx, f, validate.Options{
//		Rules: []*validate.Rule{machtiging},
//		Warn:  []string{"N5-UNIQUE"},
//	})
//
// Options tune what is checked: the levels, the rules (off by id, warnings by id, sets of
// one's own), the date that counts as today, a cap on the findings, fail-fast, the
// standard to check against (the 01 record must still name it: N1-IDENTIFICATION), and
// for a return message the declaration it answers (ReadDeclaration).
package validate
