package q

import (
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/q/internal/fingerprint"
)

// The rules of the invulinstructie QVE301/QVE302 v1.0 that a file can be checked for,
// beyond what the layout gives the validator (type, obligation, code lists such as COD470
// soort declaratie and COD976 identificatiecode indiener, the BSN's elfproef with the
// dummy 999999999, begin ≤ einddatum verwerkingsperiode, one debet/credit sign per record,
// the counts and the total declaratiebedrag of the 99). Each cites the paragraph it comes
// from; the return codes are those of COD954 (Vektis).
//
// Table 2-11 (BSN and verzekerdennummer) needs no rule of its own: 0403 and 0405 are both
// mandatory in the layout (N3: 0435, 8101) and the validator accepts the BSN dummy
// 999999999 (N4), so a record without a known BSN carries the dummy and the
// verzekerdennummer, as the table asks; TestTable2_11 shows it. Likewise 2.3.2: 0404
// UZOVI-nummer risicodrager is mandatory, so schade on a volmacht (0406) names its
// risicodrager. Whether an UZOVI-nummer exists (VECOZO checks it against the UZOVI
// register) is not checked: the register is not part of this module.

// Rule ids. They are stable: tools filter on them (validate.Options.Disable, Warn).
const (
	RuleSoort01Mandatory = "Q-N5-0447-MANDATORY" // 4.4.4, table 4-3
	RuleSoort01Lijst     = "Q-N5-0411"           // 4.4.4 situation 2, 4.2
	RuleDatumPrestatie   = "Q-N5-0418"           // 4.2, 4.3, COD954 8373
	RuleAGBIndiener      = "Q-N5-0408"           // 2.3.13
	RuleEigenRisico      = "Q-N5-0446"           // 2.3.19
	RuleCreditRef        = "Q-N5-0451"           // 2.3.21, table 2-12
	RuleUniek            = "Q-N5-0450"           // 2.3.7, 2.3.10
	RulePeriode          = "Q-N5-0107"           // 2.3.3, 2.3.4, COD954 8371
	RulePeriodeLengte    = "Q-N5-0109"           // 2.3.5.2: dagbestanden to maandbestanden
	RuleVerwerkingsdatum = "Q-N5-0449"           // 2.3.5.2
	RuleTotalen          = "Q-N5-99"             // totals of the 99 record
	RuleVoorGelaagd      = "Q-N5-0404-GELAAGD"   // 2.3.5.1 item 5, table 2-6
)

// Soort declaratie (0447, COD470).
const (
	SoortEIConform     = "01" // digitale declaratie conform EI declaratie aangeleverd
	SoortNietEIConform = "02" // niet conform EI aangeleverd, of door de verzekerde ingediend
)

// LijstAmbulancevervoer is the aanduiding prestatiecodelijst of the prestaties QVE301 is
// for (COD367 038, NZa tarievenlijst ambulancevervoer).
const LijstAmbulancevervoer = "038"

// LijstVervoer is the aanduiding prestatiecodelijst paragraph 4.2 gives for vervoer
// ("0411 Aanduiding prestatiecodelijst = '016' voor Vervoer").
const LijstVervoer = "016"

// ListsSoort01 are the aanduidingen prestatiecodelijst a soort 01 record may carry. The
// seed is ambiguous: 4.2 says 016, the N5 rule of 4.4.4 reads "0348" (OCR), most likely
// 038. Both are accepted: the reading that rejects no correct file (see
// specs/q/QVE301v1.0.notes.md).
func ListsSoort01() []string { return []string{LijstVervoer, LijstAmbulancevervoer} }

// EersteDatumPrestatie returns the first datum prestatie delivered with QVE301 v1.0
// (invulinstructie 4.2, as revised on 20-08-2019: "vanaf 01-09-2007").
func EersteDatumPrestatie() record.Date { return record.Date{Year: 2007, Month: 9, Day: 1} }

// table43 are the fields that are conditional in the BER but mandatory for soort
// declaratie 01 (invulinstructie table 4-3), with the return code of each. 0418 datum
// prestatie is in the table too, but the layout has it mandatory for every record (see
// specs/q/QVE301v1.0.notes.md), so N3 checks it already.
// An amount is filled when it holds digits, even zero (2.3.18: a zero amount is a value).
var table43 = []struct {
	number, retour string
	amount         bool
}{
	{"0410", "5100", false}, // code bestemming (vervoer) ontbreekt of is onjuist
	{"0411", "0581", false}, // aanduiding prestatiecodelijst
	{"0412", "0582", false}, // prestatiecode
	{"0417", "5105", false}, // zorgverlenerscode vervoerder
	{"0434", "8081", false}, // eenheid rit/prestatie
	{"0435", "8082", false}, // aantal (rit)eenheden
	{"0438", "8033", true},  // declaratiebedrag
}

// identificatieVerzekerde is identificatiecode indiener (0407, COD976) 05 verzekerde.
const identificatieVerzekerde = "05"

// History is what earlier deliveries hold, for the rules that reach beyond one file: a
// credit may point at a debit delivered earlier (2.3.21), and an identificatie
// prestatierecord identifies one prestatie of its source for ever (2.3.7). The warehouse
// ledger implements it. Lookup reports what the ledger knows of identificatie
// prestatierecord id (0450, without trailing spaces) of bron-id bron (0111) delivered by
// indiener (0106); indiener and bron are the fields as the file has them, with their
// leading zeros ("0104", "0001").
type History interface {
	Lookup(indiener, bron, id string) (Delivered, bool)
}

// Delivered is a prestatierecord of an earlier delivery.
type Delivered struct {
	Credit           bool        // its amounts are credit (C)
	Active           bool        // still active in the warehouse
	Verwerkingsdatum record.Date // 0449 of the record
}

// RuleOptions steer the Q rules. The zero value checks everything a file can be checked
// for on its own.
type RuleOptions struct {
	// History, when set, lets the rules check credits and identificaties against earlier
	// deliveries. Without it a credit pointing at a debit outside the file is not checked.
	History History
	// GelaagdVanaf is the first verwerkingsdatum from which the insurer may deliver
	// gelaagd (several risicodragers in one file), as agreed with Vektis. A file whose
	// verwerkingsperiode ends before it holds the schade of one risicodrager or volmacht,
	// the UZOVI-nummer indiener (2.3.5.1 item 5, table 2-6). Zero: no such date is known,
	// and this is not checked.
	GelaagdVanaf record.Date
	// Records is about how many prestatierecords the file holds (a guess: the file's size
	// by its record width). The rules then make their table of the file's identificaties
	// at that size at once instead of growing it step by step. Zero: not known.
	Records int
}

// RuleSet returns the Q rules as a rule set of the validator, for
// validate.Options.RuleSets. It applies to QVE301 (and, as the validator does for every
// return, to the declared part of QVE302). The set holds no state of a file: it can be
// shared by validations.
func RuleSet(opts RuleOptions) *validate.RuleSet {
	return &validate.RuleSet{
		Name:     "Q",
		Standard: "QVE301",
		Doc: "The rules of the Vektis invulinstructie QVE301/QVE302 v1.0 (schadelastinformatie vervoer) " +
			"for one file; with RuleOptions.History also against earlier deliveries. QVE301 is a reconstruction.",
		Rules: []*validate.Rule{
			{ID: RulePeriode, Level: validate.N5, Err: validate.ErrRelation, Retourcode: "8371", Records: []string{"01"},
				Doc: "Dagtekening aanmaak (0107) lies after the einddatum verwerkingsperiode (0109): the file holds the " +
					"prestaties processed in a period that has ended (invulinstructie 2.3.3, 2.3.4; COD954 8371).",
				Record: checkPeriode},
			{ID: RulePeriodeLengte, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"01"},
				Doc: "The verwerkingsperiode (0108 to 0109) is 1 to 31 days long: from dagbestanden to maandbestanden " +
					"(invulinstructie 2.3.5.2). The warehouse ledger refuses other files (QL001).",
				Record: checkPeriodeLengte},
			{ID: RuleSoort01Mandatory, Level: validate.N5, Err: validate.ErrMissing, Records: []string{"04"},
				Doc: "For soort declaratie (0447) 01 the fields of table 4-3 are filled: code bestemming vervoer, " +
					"aanduiding prestatiecodelijst, prestatiecode, zorgverlenerscode vervoerder, eenheid, aantal, " +
					"declaratiebedrag (invulinstructie 4.4.4, table 4-3). Soort 02 has no such obligation.",
				Record: checkSoort01},
			{ID: RuleSoort01Lijst, Level: validate.N5, Err: validate.ErrValue, Retourcode: "0581", Records: []string{"04"},
				Doc: "For soort declaratie 01 the aanduiding prestatiecodelijst (0411) is 016 (vervoer, invulinstructie 4.2) " +
					"or 038 (ambulancevervoer, the \"0348\" of 4.4.4 situation 2 as OCR'd): both are accepted.",
				Record: checkLijst},
			{ID: RuleDatumPrestatie, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"04"},
				Doc: "Datum prestatie (0418) lies on or after 01-09-2007, when QVE301 v1.0 starts (invulinstructie 4.2, " +
					"4.3; COD954 8222), and not after the einddatum verwerkingsperiode (0109, COD954 8373).",
				Record: checkDatumPrestatie},
			{ID: RuleAGBIndiener, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"04"},
				Doc: "AGB-code indiener (0408) is zeros when the verzekerde submitted the claim (identificatiecode " +
					"indiener 05, COD954 8437), and filled for a servicebureau, zorgverlener, praktijk or instelling " +
					"(01-04, COD954 8435): invulinstructie 2.3.13.",
				Record: checkAGB},
			{ID: RuleEigenRisico, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"04"},
				Doc: "When bedrag eigen risico (0444) is zeros, indicatie bedrag eigen risico bekend (0446) says whether " +
					"it is known (1) or not (2) (COD954 8480); when the amount is filled, the indicatie is not " +
					"(COD954 8481): invulinstructie 2.3.19.",
				Record: checkEigenRisico},
			{ID: RuleVerwerkingsdatum, Level: validate.N5, Err: validate.ErrRelation, Records: []string{"04"},
				Doc: "Verwerkingsdatum zorgverzekeraar (0449) lies in the verwerkingsperiode of the file, 0108 to 0109 " +
					"(invulinstructie 2.3.5.2; COD954 8392, 8393): the warehouse closes records by it.",
				Record: checkVerwerkingsdatum},
			{ID: RuleUniek, Level: validate.N5, Err: validate.ErrDuplicate, Records: []string{"04"},
				Doc: "Identificatie prestatierecord (0450) is unique for its bron-id for ever: once in the file (COD954 " +
					"8377) and, with a ledger, not active from an earlier delivery that this one does not close " +
					"(COD954 8360): invulinstructie 2.3.7, 2.3.10.",
				NewState: func() any { return struct{}{} }, // keeps fileIDs: run in file order
				Record:   func(p *validate.Pass, rec *validate.Record) { checkUniek(p, rec, opts.History, opts.Records) }},
			{ID: RuleCreditRef, Level: validate.N5, Err: validate.ErrCredit, Records: []string{"04"},
				Doc: "A credit record names in identificatie gerelateerd debet prestatierecord (0451) the debit it " +
					"credits, delivered earlier or in the same file, once (COD954 8397, 8366, 8368); a debit names " +
					"none (COD954 8398): invulinstructie 2.3.21, table 2-12.",
				NewState: func() any { return &creditState{refs: map[uint64]refInfo{}} }, // and fileIDs
				Record:   func(p *validate.Pass, rec *validate.Record) { checkCredit(p, rec, opts.Records) },
				End:      func(p *validate.Pass) { endCredit(p, opts.History, opts.Records) }},
			{ID: RuleTotalen, Level: validate.N5, Err: validate.ErrTrailer,
				Records: []string{"04", "99"},
				Doc: "The totals of the 99 record add up the prestatierecords' vergoed bedrag basisverzekering " +
					"(COD954 8390), aanvullende verzekering (8365) and bedrag eigen risico (8391), signed by their " +
					"debet/credit indicators.",
				NewState: func() any { return &totalState{ok: true} },
				Record:   checkTotalen},
			{ID: RuleVoorGelaagd, Level: validate.N5, Err: validate.ErrRelation, Retourcode: "8367", Records: []string{"04"},
				Doc: "Before gelaagd aanleveren was agreed (RuleOptions.GelaagdVanaf), a file holds the schade of one " +
					"risicodrager or volmacht, the UZOVI-nummer indiener (0106): 0406 when filled, else 0404, equals it " +
					"(invulinstructie 2.3.5.1 item 5, table 2-6).",
				Record: func(p *validate.Pass, rec *validate.Record) { checkVoorGelaagd(p, rec, opts.GelaagdVanaf) }},
		},
		Fields: map[string]validate.FieldRule{
			"0446": {Allowed: "0 1 2", Why: "invulinstructie 2.3.19: 1 bekend, 2 onbekend, empty when bedrag eigen risico is filled"},
			"0448": {Allowed: "-", Why: "invulinstructie 4.2: code land prestatie wordt niet gevuld (alleen spaties vullen)"},
		},
	}
}

// report adds a finding about field of rec with its own return code and message.
func report(p *validate.Pass, rec *validate.Record, field, retour, msg string) {
	p.Report(rec, validate.Finding{Field: field, Retourcode: retour, Message: msg})
}

func checkPeriode(p *validate.Pass, rec *validate.Record) {
	end, okE := rec.Date("0109")
	made, okM := rec.Date("0107")
	if okE && okM && !end.Before(made) {
		report(p, rec, "0107", "", "dagtekening aanmaak must lie after the einddatum verwerkingsperiode (0109): "+
			"the file holds the prestaties processed in a period that has ended")
	}
}

func checkPeriodeLengte(p *validate.Pass, rec *validate.Record) {
	begin, okB := rec.Date("0108")
	end, okE := rec.Date("0109")
	if !okB || !okE || end.Before(begin) {
		return // an end before the begin is reported by the layout's relation
	}
	if n := end.DaysSince(begin) + 1; n > 31 {
		report(p, rec, "0109", "", "verwerkingsperiode "+begin.String()+" t/m "+end.String()+" is "+strconv.Itoa(n)+
			" days: a file covers 1 day (dagbestand) to 31 days (maandbestand), invulinstructie 2.3.5.2")
	}
}

func checkSoort01(p *validate.Pass, rec *validate.Record) {
	if rec.Raw("0447") != SoortEIConform {
		return
	}
	for _, f := range table43 {
		if rec.Known(f.number) && !f.amount && !rec.Filled(f.number) {
			report(p, rec, f.number, f.retour,
				"not filled: mandatory when soort declaratie (0447) is 01 (EI-conform), invulinstructie table 4-3")
		}
	}
}

func checkLijst(p *validate.Pass, rec *validate.Record) {
	if rec.Raw("0447") != SoortEIConform || !rec.Known("0411") || !rec.Filled("0411") {
		return
	}
	if v := rec.Raw("0411"); !slices.Contains(ListsSoort01(), v) {
		report(p, rec, "0411", "", "aanduiding prestatiecodelijst is "+v+": when soort declaratie (0447) is 01 it must be "+
			LijstVervoer+" (vervoer, invulinstructie 4.2) or "+LijstAmbulancevervoer+" (ambulancevervoer, 4.4.4)")
	}
}

func checkDatumPrestatie(p *validate.Pass, rec *validate.Record) {
	d, ok := rec.Date("0418")
	if !ok {
		return
	}
	if d.Before(EersteDatumPrestatie()) {
		report(p, rec, "0418", "8222",
			"datum prestatie lies before 01-09-2007: QVE301 v1.0 holds prestaties from that date (invulinstructie 4.2)")
	}
	if h := rec.Header(); h != nil {
		if end, ok := h.Date("0109"); ok && end.Before(d) {
			report(p, rec, "0418", "8373",
				"datum prestatie lies after the einddatum verwerkingsperiode (0109): a prestatie is paid after it took place")
		}
	}
}

func checkAGB(p *validate.Pass, rec *validate.Record) {
	code := rec.Raw("0407")
	agb, ok := rec.Int("0408")
	if !ok || !rec.Known("0407") {
		return // not digits: reported by N3
	}
	switch code {
	case "01", "02", "03", "04":
		if agb == 0 {
			report(p, rec, "0408", "8435", "AGB-code indiener not filled: it is the AGB-code of the zorgaanbieder or "+
				"servicebureau named by identificatiecode indiener "+code+" (invulinstructie 2.3.13)")
		}
	case identificatieVerzekerde:
		if agb != 0 {
			report(p, rec, "0408", "8437", "AGB-code indiener must be zeros when the verzekerde submitted the claim "+
				"(identificatiecode indiener 05), invulinstructie 2.3.13")
		}
	}
	// Other codes are not in COD976: reported by N4.
}

func checkEigenRisico(p *validate.Pass, rec *validate.Record) {
	amount, ok := rec.Int("0444")
	if !ok || !rec.Known("0446") {
		return
	}
	switch ind := rec.Raw("0446"); {
	case amount != 0 && ind != "0":
		report(p, rec, "0446", "8481", "indicatie bedrag eigen risico bekend must not be filled when bedrag eigen "+
			"risico (0444) is filled (invulinstructie 2.3.19)")
	case amount == 0 && ind == "0":
		report(p, rec, "0446", "8480", "indicatie bedrag eigen risico bekend not filled: when bedrag eigen risico "+
			"(0444) is zeros it says whether that is known (1) or unknown (2), invulinstructie 2.3.19")
	}
}

func checkVerwerkingsdatum(p *validate.Pass, rec *validate.Record) {
	d, ok := rec.Date("0449")
	h := rec.Header()
	if !ok || h == nil {
		return
	}
	if begin, ok := h.Date("0108"); ok && d.Before(begin) {
		report(p, rec, "0449", "8392",
			"verwerkingsdatum zorgverzekeraar lies before the begindatum verwerkingsperiode (0108) of the file")
	}
	if end, ok := h.Date("0109"); ok && end.Before(d) {
		report(p, rec, "0449", "8393",
			"verwerkingsdatum zorgverzekeraar lies after the einddatum verwerkingsperiode (0109) of the file")
	}
}

// identificatie returns field 0450 or 0451 without its trailing spaces.
func identificatie(rec *validate.Record, number string) string {
	return strings.TrimRight(rec.Raw(number), " ")
}

func checkUniek(p *validate.Pass, rec *validate.Record, hist History, records int) {
	id := identificatie(rec, "0450")
	if id == "" {
		return // not filled: reported by N3
	}
	if line := noteID(p, rec, id, records); line != rec.Line {
		report(p, rec, "0450", "8377", "identificatie prestatierecord "+strconv.Quote(id)+" also on line "+
			strconv.Itoa(line)+": it must be unique for its bron-id declaratieverwerkingssysteem (invulinstructie 2.3.7)")
		return
	}
	h := rec.Header()
	if hist == nil || h == nil || p.Standard() == nil || p.Standard().Code() != "QVE301" {
		return
	}
	d, ok := hist.Lookup(h.Raw("0106"), h.Raw("0111"), id)
	if !ok || !d.Active {
		return
	}
	// A re-delivery closes the active records of its indiener and bron-id whose
	// verwerkingsdatum lies in its period (2.3.5.2): this record is then their successor.
	begin, okB := h.Date("0108")
	end, okE := h.Date("0109")
	if okB && okE && !d.Verwerkingsdatum.Before(begin) && !end.Before(d.Verwerkingsdatum) {
		return
	}
	report(p, rec, "0450", "8360", "identificatie prestatierecord "+strconv.Quote(id)+" was delivered before from "+
		"this bron-id and stays active (its verwerkingsdatum lies outside this file's period): it would be in the warehouse twice")
}

// isCredit reports whether the record's amounts are credit: its first debet/credit
// indicator is C (the validator checks that they agree, N5-DEBITCREDIT).
func isCredit(rec *validate.Record) (credit, ok bool) {
	for _, n := range [...]string{"0439", "0441", "0443", "0445"} {
		switch rec.Raw(n) {
		case "C":
			return true, true
		case "D":
			return false, true
		}
	}
	return false, false
}

// fileIDs are the identificaties prestatierecord of the file by fingerprint: the line of
// each one's first record, bit 31 set when that record is a credit. RuleUniek and
// RuleCreditRef share it (Pass.SharedState): one table of a file's identificaties, not
// two of the same (about 17 bytes per identificatie each).
type fileIDs struct{ fingerprint.Table[uint32] }

// fileIDsKey names the fileIDs of a file among the states its rule sets share.
type fileIDsKey struct{}

const idCredit = 1 << 31

// noteID notes id, the identificatie of rec, in the file's fileIDs, unless a record
// before it had it, and returns the line of its first record (rec's when it is the
// first). Both rules that share the table call it, in whatever order they run.
func noteID(p *validate.Pass, rec *validate.Record, id string, records int) int {
	ids := theFileIDs(p, records)
	fp := fingerprint.Of(id)
	if v, ok := ids.Get(fp); ok {
		return int(v &^ idCredit)
	}
	v := uint32(rec.Line) &^ idCredit
	if credit, _ := isCredit(rec); credit {
		v |= idCredit
	}
	ids.Put(fp, v)
	return rec.Line
}

// theFileIDs returns the file's fileIDs, made with room for records identificaties.
func theFileIDs(p *validate.Pass, records int) *fileIDs {
	return p.SharedState(fileIDsKey{}, func() any {
		ids := new(fileIDs)
		ids.Reserve(records)
		return ids
	}).(*fileIDs)
}

type creditState struct {
	refs map[uint64]refInfo // the identificaties gerelateerd debet of its credits
}

type refInfo struct {
	line int
	ref  string
}

func checkCredit(p *validate.Pass, rec *validate.Record, records int) {
	st := p.State().(*creditState)
	credit, ok := isCredit(rec)
	id, ref := identificatie(rec, "0450"), identificatie(rec, "0451")
	if id != "" {
		noteID(p, rec, id, records)
	}
	switch {
	case !ok:
		return // no debet/credit indicator: reported by N3/N4
	case credit && ref == "":
		report(p, rec, "0451", "8397", "identificatie gerelateerd debet prestatierecord not filled: a credit record "+
			"names the debit it credits (invulinstructie 2.3.21)")
	case !credit && ref != "":
		report(p, rec, "0451", "8398", "identificatie gerelateerd debet prestatierecord is filled, but the record is "+
			"a debit: only a credit names a related debit (invulinstructie 2.3.21)")
	case credit:
		fp := fingerprint.Of(ref)
		if prev, dup := st.refs[fp]; dup {
			report(p, rec, "0451", "8368", "identificatie gerelateerd debet prestatierecord "+strconv.Quote(ref)+
				" is also credited on line "+strconv.Itoa(prev.line)+": a debit is credited once")
			return
		}
		st.refs[fp] = refInfo{line: rec.Line, ref: ref}
	}
}

// endCredit: the debit each credit names is in this file or was delivered earlier.
func endCredit(p *validate.Pass, hist History, records int) {
	st := p.State().(*creditState)
	ids := theFileIDs(p, records)
	h := p.Header()
	refs := make([]refInfo, 0, len(st.refs))
	for _, r := range st.refs {
		refs = append(refs, r)
	}
	slices.SortFunc(refs, func(a, b refInfo) int { return a.line - b.line })
	for _, r := range refs {
		msg := ""
		if d, ok := ids.Get(fingerprint.Of(r.ref)); ok {
			if d&idCredit != 0 {
				msg = " names the credit record on line " + strconv.Itoa(int(d&^idCredit)) + ", not a debit"
			}
		} else if hist != nil && h != nil && p.Standard() != nil && p.Standard().Code() == "QVE301" {
			switch d, ok := hist.Lookup(h.Raw("0106"), h.Raw("0111"), r.ref); {
			case !ok:
				msg = " names no debit of this file nor of an earlier delivery from this bron-id (invulinstructie 2.3.21)"
			case d.Credit:
				msg = " names an earlier credit record, not a debit"
			}
		}
		// Without a ledger, a debit outside the file may have been delivered earlier.
		if msg != "" {
			f := validate.Finding{Line: r.line, Record: record.CodePrestatie, Field: "0451", Retourcode: "8366",
				Message: "identificatie gerelateerd debet prestatierecord " + strconv.Quote(r.ref) + msg}
			if l := p.Standard().Layout(record.CodePrestatie); l != nil {
				if fl := l.Field("0451"); fl != nil {
					f.FieldName, f.Position = fl.Name, fl.Start
				}
			}
			p.Report(nil, f)
		}
	}
}

type totalState struct {
	sums [3]record.Money // signed: 0440, 0442, 0444
	ok   bool            // every amount was a number, and the sums did not overflow
}

var totals = [3]struct{ amount, total, retour, what string }{
	{"0440", "9906", "8390", "vergoed bedrag basisverzekering (0440)"},
	{"0442", "9908", "8365", "vergoed bedrag aanvullende verzekering (0442)"},
	{"0444", "9910", "8391", "bedrag eigen risico (0444)"},
}

func checkTotalen(p *validate.Pass, rec *validate.Record) {
	st := p.State().(*totalState)
	switch rec.Code() {
	case record.CodePrestatie:
		for i, t := range totals {
			v, ok := rec.Amount(t.amount)
			sum, fits := st.sums[i].Add(v)
			st.sums[i], st.ok = sum, st.ok && ok && fits
		}
	case record.CodeSluit:
		if !st.ok {
			return // an amount was not a number: reported by N3
		}
		for i, t := range totals {
			if v, ok := rec.Amount(t.total); ok && v != st.sums[i] {
				report(p, rec, t.total, t.retour, "total is "+v.String()+", but the prestatierecords' "+t.what+
					" add up to "+st.sums[i].String())
			}
		}
	}
}

func checkVoorGelaagd(p *validate.Pass, rec *validate.Record, vanaf record.Date) {
	h := rec.Header()
	if vanaf.IsZero() || h == nil {
		return
	}
	if end, ok := h.Date("0109"); !ok || !end.Before(vanaf) || !h.Known("0106") {
		return
	}
	field := "0404"
	if rec.Known("0406") && rec.Filled("0406") {
		field = "0406"
	}
	if rec.Known(field) && rec.Raw(field) != h.Raw("0106") {
		report(p, rec, field, "", "the file's verwerkingsperiode lies before gelaagd aanleveren was agreed ("+
			vanaf.String()+"): it holds the schade of the UZOVI-nummer indiener (0106) only (invulinstructie 2.3.5.1 item 5)")
	}
}
