package validate

import (
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// The conditions of the other standards with an official BER here, from their
// Constraints/condities column. Field numbers are those of the BER version named; a rule
// on a field a version does not have does nothing, and rules that depend on the version's
// numbering are given for that version only. Rule ids are <standard>-N5-<field>.

// recordRules is a ruleState for conditions within one record (or with its parent).
type recordRules func(e *engine, rec *Record)

func (f recordRules) record(e *engine, rec *Record) { f(e, rec) }
func (recordRules) closePrestatie(*engine, *Record) {}
func (recordRules) end(*engine)                     {}

// debiteurOverleden: 0326 SOORT RELATIE DEBITEUR "invullen verplicht als Indicatie
// verzekerde overleden de waarde '1' bevat (verzekerde is overleden)" (MZ301, EI181 v1,
// AP304, EP301).
func debiteurOverleden(e *engine, rec *Record, id string) {
	if rec.lp.code != record.CodeDebiteur || rec.parent == nil || rec.parent.lp == nil {
		return
	}
	if v, ok := rec.parent.num("0223"); ok && v == 1 {
		e.mustBeFilled(rec, "0326", id+"0326", "", "when the verzekerde has died (0223 INDICATIE CLIENT OVERLEDEN is 1)")
	}
}

// MZ301 v1.3 (declaratie mondzorg), BER MZ301V0103.
func mz301Rules(std *record.Standard) *standardRules {
	const id = "MZ301-N5-"
	return &standardRules{newState: func() ruleState {
		return recordRules(func(e *engine, rec *Record) {
			debiteurOverleden(e, rec, id)
			if rec.lp.code != record.CodePrestatie {
				return
			}
			// 0411 SOORT BIJZONDERE TANDHEELKUNDE goes with 0410 INDICATIE BIJZONDERE
			// TANDHEELKUNDE J (COD954 8232).
			if rec.text("0410") == "J" {
				e.mustBeFilled(rec, "0411", id+"0411", "8232", "when the prestatie is bijzondere tandheelkunde (0410 is J)")
			}
			// 0421: "verplicht vullen, tenzij ZORGVERLENERSCODE UITVOERDER / BEHANDELAAR in het
			// voorgaande gegevenselement gevuld is."
			if agb, ok := rec.has("0420"); ok && !agb {
				e.mustBeFilled(rec, "0421", id+"0421", "8011", "when the zorgverlenerscode behandelaar/uitvoerder (0420) is not filled")
			}
		})
	}}
}

// EI181 (declaratie DBC-zorg GGZ), BERs EI181v01 and EI181v02.
var ei181v2Config = newGGZConfig(&ggzConfig{id: "EI181-N5-", berekend: "0623", declaratie: "0628"})

func ei181Rules(std *record.Standard) *standardRules {
	const id = "EI181-N5-"
	if std.Version() >= 2 {
		return &standardRules{
			allowed: map[string]allowedValues{
				// 0408: "Prestatiecodelijst "050" invullen."
				"0408": allow("050", "EI181 version 2 uses prestatiecodelijst 050"),
				// 0610: "Voor DBC: 10 = DBC-behandeling, 11 = Verblijf. Voor OVP: 02 = Kosten
				// instelling; 04 = honorarium medisch specialist."
				"0610": allow("02 04 10 11", "EI181 version 2 uses soorten 02, 04, 10 and 11"),
			},
			newState: func() ruleState { return &gz321State{cfg: ei181v2Config} },
		}
	}
	return &standardRules{newState: func() ruleState {
		return recordRules(func(e *engine, rec *Record) {
			debiteurOverleden(e, rec, id)
			// 0419 SOORT INHOUDING: "bij bedrag inhouding is alleen waarde "05" toegestaan."
			if rec.lp.code == record.CodePrestatie {
				if amount, ok := rec.has("0420"); ok && amount {
					if v, ok := rec.num("0419"); ok && v != 5 {
						e.fail(rec, "0419", id+"0419", "8080", ErrRelation, "must be 05 when a bedrag inhouding (0420) is filled")
					}
				}
			}
		})
	}}
}

// AP304 v7.2 (declaratie farmaceutische zorg), BER AP304V0702.
func ap304Rules(std *record.Standard) *standardRules {
	const id = "AP304-N5-"
	r := &standardRules{}
	if std.VersionString() != "7.2" {
		r.newState = func() ruleState { return recordRules(func(e *engine, rec *Record) { debiteurOverleden(e, rec, id) }) }
		return r
	}
	r.allowed = map[string]allowedValues{
		// 0417: "Niet vullen, gereserveerd voor mogelijk toekomstig gebruik."
		"0417": allow("0", "reserved for future use: not filled"),
	}
	r.newState = func() ruleState {
		return recordRules(func(e *engine, rec *Record) {
			debiteurOverleden(e, rec, id)
			if rec.lp.code != record.CodePrestatie {
				return
			}
			// 0426 VOORGESCHREVEN DOSERING (BEKEND): "Bij code '1' moet ook gegevenselement
			// Gemiddelde Dagdosering ingevuld worden. Bij codes '2' en '3' is dit niet mogelijk."
			switch v, _ := rec.num("0426"); v {
			case 1:
				e.mustBeFilled(rec, "0413", id+"0413", "1510", "when the voorgeschreven dosering is known (0426 is 1)")
			case 2, 3:
				e.mustBeEmpty(rec, "0413", id+"0413", "1510", "when the voorgeschreven dosering is not known (0426 is 2 or 3)")
			}
		})
	}
	return r
}

// EP301 v1.2 (declaratie eerstelijnspsychologische zorg), BER EP301V0102.
func ep301Rules(std *record.Standard) *standardRules {
	const id = "EP301-N5-"
	r := &standardRules{newState: func() ruleState {
		return recordRules(func(e *engine, rec *Record) { debiteurOverleden(e, rec, id) })
	}}
	if std.VersionString() == "1.2" {
		// 0411 AANDUIDING DIAGNOSECODELIJST: "Hier code '027' (diagnosecodelijst
		// eerstelijnspsychologen) gebruiken."
		r.allowed = map[string]allowedValues{"0411": allow("027", "EP301 uses diagnosecodelijst 027 (eerstelijnspsychologen)")}
	}
	return r
}

// AW319 (declaratie Wlz, WV, ELV en ZG): the BER's regular expressions carry its value
// restrictions (they are in the spec file); no further conditions that can be checked
// from the file alone.
func aw319Rules(std *record.Standard) *standardRules { return nil }

// ZH308 v9.0 (declaratie ziekenhuiszorg), BER ZH308v9.0_BERu2.
func zh308Rules(std *record.Standard) *standardRules {
	const id = "ZH308-N5-"
	if std.VersionString() != "9.0" {
		return nil
	}
	return &standardRules{
		allowed: map[string]allowedValues{
			// 0409: "Prestatiecodelijst '041' (instellingen met DBC-zorgproducten), '016'
			// (NZA-tarieflijst instellingen) of '990' (bilaterale code) vullen."
			"0409": allow("041 016 990", "ZH308 uses prestatiecodelijst 041, 016 or 990"),
			// 0420 VERWIJSDATUM: "Gereserveerd voor mogelijk toekomstig gebruik."
			"0420": allow("0", "reserved for future use: not filled"),
			// 1615: "Gereserveerd veld, niet vullen."
			"1615": allow("0", "reserved: not filled"),
		},
		newState: func() ruleState {
			return recordRules(func(e *engine, rec *Record) {
				switch rec.lp.code {
				case record.CodePrestatie:
					// 0418 AFSLUITREDEN ZORGTRAJECT/SUBTRAJECT: "Vullen als 0414 Zorgproductcode
					// gevuld is."
					if zp, ok := rec.has("0414"); ok {
						if zp {
							e.mustBeFilled(rec, "0418", id+"0418", "8125", "when the zorgproductcode (0414) is filled")
						} else {
							e.mustBeEmpty(rec, "0418", id+"0418", "8125", "when the zorgproductcode (0414) is not filled")
						}
					}
				case "16":
					// 1613: "Altijd geldt: Einddatum ZA = Begindatum ZA."
					e.sameAs(rec, "1613", rec, "1612", id+"1613", "8621", "(a zorgactiviteit has one date)")
					// 1616: "Vullen als de zorgactiviteit in een andere instelling dan de
					// declarerende instelling is uitgevoerd."
					if h := rec.header; h != nil {
						if f, ok := rec.has("1616"); ok && f && rec.text("1616") == h.text("0112") {
							e.fail(rec, "1616", id+"1616", "8623", ErrRelation, "equals the declaring instelling (0112): fill it only for another one")
						}
					}
				}
			})
		},
	}
}
