package validate

import (
	"sync"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
)

// The rules of each standard with an official BER are in a file of its own,
// rules_<standard>.go, from the Constraints/condities column of its BER (the conditions
// tables in ei/validate/conditions name every rule, and give each set's RuleSet.Fields);
// rules_ggz.go holds the conditions GZ321 and EI181 version 2 share, rules_returns.go the
// return part of MZ302, AP305 and EP302, rules_common.go the sets every standard gets
// (rbc, common), rules_uzovi.go the register set, and this file what several standards
// share. Each condition is read literally from the field's text; where the text
// allows two readings, the one that rejects no correct file. Field numbers are those of
// the BER version named; a rule on a field a version does not have does nothing, and
// rules that depend on the version's numbering are in a set for that version only. Rule
// ids are <standard>-<level>-<field>.

// builtinSets are the built-in rule sets, made once and shared read-only.
var builtinSets = sync.OnceValue(func() []*RuleSet {
	sets := []*RuleSet{rbcSet(), commonSet(), registerSet()}
	sets = append(sets, standardSets()...)
	markRecordLocal(sets)
	return sets
})

// standardSets are the built-in rule sets of the standards, in a fixed order.
func standardSets() []*RuleSet {
	sets := []*RuleSet{gz321Set(), mz301Set()}
	sets = append(sets, ei181Sets()...)
	sets = append(sets, ap304Sets()...)
	sets = append(sets, ep301Sets()...)
	sets = append(sets, aw319v14Set(), zh308v90Set())
	return append(sets, returnSets()...)
}

// conditionTables are the conditions tables (package conditions, embedded there), by
// standard version ("MZ301@1.3"), read once.
var conditionTables = sync.OnceValues(func() (map[string]*conditions.Table, error) {
	all, err := conditions.Tables()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*conditions.Table, len(all))
	for _, t := range all {
		out[t.ID()] = t
	}
	return out, nil
})

// tableFields returns the RuleSet.Fields the conditions table of standard version id
// ("MZ301@1.3") states in its columns allowed, why, required, zero_ok and not_future
// (conditions.Narrowing); nil when it narrows no field. The tables are embedded in the
// module and read by its tests (TestConditionsTables, TestConditionsNarrowing): a table
// that cannot be read or is not there is a fault of the module, not of a file, and panics.
func tableFields(id string) map[string]FieldRule {
	tables, err := conditionTables()
	if err != nil {
		panic("validate: the embedded conditions tables: " + err.Error())
	}
	t, ok := tables[id]
	if !ok {
		panic("validate: no conditions table for " + id)
	}
	var out map[string]FieldRule
	for _, row := range t.Rows {
		if row.IsZero() {
			continue
		}
		if out == nil {
			out = map[string]FieldRule{}
		}
		fr := FieldRule{Allowed: row.Allowed, Why: row.Why, ZeroOK: row.ZeroOK, NotFuture: row.NotFuture}
		if row.Required {
			fr.Required = row.Why
		}
		out[row.Field] = fr
	}
	return out
}

func n5Rule(id, retour string, records, reads []string, doc string, f func(*Pass, *Record)) *Rule {
	return &Rule{ID: id, Level: N5, Err: ErrRelation, Retourcode: retour, Records: records, Reads: reads, Doc: doc, Record: f}
}

// known reports whether field of rec is known (Record.Known) and filled.
func known(rec *Record, field string) (filled, ok bool) {
	if rec.lp == nil {
		if !rec.Known(field) {
			return false, false
		}
		return rec.Filled(field), true
	}
	// Known and Filled with one look-up: of a field of its type, Filled is filledAt.
	i, own := rec.ownIndex(field) // find, without the call
	if !own {
		i = rec.findOther(field)
	}
	if i < 0 || !rec.wellFormed(i) {
		return false, false
	}
	return rec.filledAt(i), true
}

// knownRaw returns field of rec as it is in the file (Record.Raw) when the record has it
// and its content is of its type (Record.Known), with one look-up.
func knownRaw(rec *Record, field string) (string, bool) {
	if rec.lp == nil {
		if !rec.Known(field) {
			return "", false
		}
		return rec.Raw(field), true
	}
	i, own := rec.ownIndex(field) // find, without the call
	if !own {
		i = rec.findOther(field)
	}
	if i < 0 || !rec.wellFormed(i) {
		return "", false
	}
	return rec.raw(i), true
}

// prestatieOf returns the prestatierecord rec belongs to, or nil.
func prestatieOf(rec *Record) *Record {
	if p := rec.Parent(); p != nil && p.lp != nil && p.lp.code == record.CodePrestatie {
		return p
	}
	return nil
}

// daysInclusive returns the number of days from b to e, both included.
func daysInclusive(b, e record.Date) int64 {
	if !b.Valid() || !e.Valid() {
		return int64(e.Time().Sub(b.Time()).Hours()/24) + 1
	}
	// Counted on the calendar, as the time.Duration between them was (without building
	// two time.Time): a Duration holds at most ±106,751 days.
	const maxDays = 106751
	return min(max(dayNumber(e)-dayNumber(b), -maxDays), maxDays) + 1
}

// dayNumber returns the number of days from 1970-01-01 to d (a valid date of the
// proleptic Gregorian calendar), negative before it.
func dayNumber(d record.Date) int64 {
	y, m, day := int64(d.Year), int64(d.Month), int64(d.Day)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// debiteurOverleden: 0326 SOORT RELATIE DEBITEUR "invullen verplicht als Indicatie
// verzekerde overleden de waarde '1' bevat (verzekerde is overleden)" (MZ301, EI181 v1,
// AP304, EP301). overleden is the number of INDICATIE CLIENT OVERLEDEN in the
// verzekerdenrecord: 0223, in AP304 0224.
func debiteurOverleden(prefix string, overleden ...string) *Rule {
	field := "0223"
	if len(overleden) > 0 {
		field = overleden[0]
	}
	return n5Rule(prefix+"0326", "", []string{record.CodeDebiteur}, []string{field, "0326"},
		`0326 SOORT RELATIE DEBITEUR: "invullen verplicht als Indicatie verzekerde overleden de waarde '1' bevat" (`+field+` of the verzekerdenrecord).`,
		func(p *Pass, rec *Record) {
			if par := rec.Parent(); par != nil && par.lp != nil {
				if v, ok := par.Int(field); ok && v == 1 {
					p.MustBeFilled(rec, "0326", "when the verzekerde has died ("+field+" INDICATIE CLIENT OVERLEDEN is 1)")
				}
			}
		})
}

// debiteurTelefoonLand: 0323 LANDNUMMER TELEFOON "Invullen indien debiteuradres niet in
// Nederland is" (MZ301 1.3, AP304 7.2, EP301 1.2, EI181 1.1). A country code goes with a
// telephone number: it is required when the debiteur has one (0322) and a foreign country
// code (0321).
func debiteurTelefoonLand(prefix string) *Rule {
	return n5Rule(prefix+"0323", "", []string{record.CodeDebiteur}, []string{"0321", "0322", "0323"},
		`0323 LANDNUMMER TELEFOON: "Invullen indien debiteuradres niet in Nederland is": filled when the debiteur lives abroad (0321 not NL) and has a telephone number (0322).`,
		func(p *Pass, rec *Record) {
			land := rec.Value("0321")
			if land == "" || land == "NL" || !rec.Known("0322") || !rec.Filled("0322") {
				return
			}
			p.MustBeFilled(rec, "0323", "when the debiteur lives abroad (0321 is ", land, ") and has a telephone number (0322)")
		})
}
