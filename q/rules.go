package q

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The rules of the invulinstructie QVE301/QVE302 v1.0 that a single file can be checked
// for, beyond what the layout gives the validator (type, obligation, code lists, the BSN's
// elfproef with the dummy 999999999, the counts and the total declaratiebedrag of the 99).
// Each cites the paragraph it comes from; the return codes are those of COD954 (Vektis).
//
// Table 2-11 (BSN and verzekerdennummer) needs no rule of its own: 0403 and 0405 are both
// mandatory in the layout (N3: 0435, 8101) and the validator accepts the BSN dummy
// 999999999 (N4), so a record without a known BSN carries the dummy and the
// verzekerdennummer, as the table asks; TestTable2_11 shows it.

// Rule ids. They are stable: tools may filter on them.
const (
	RuleSoort01Mandatory = "Q-N5-0447-MANDATORY" // 4.4.4, table 4-3
	RuleSoort01Lijst     = "Q-N5-0411"           // 4.4.4 situation 2, 4.2
	RuleDatumPrestatie   = "Q-N5-0418"           // 4.2, 4.3
	RuleCodeLand         = "Q-N5-0448"           // 4.2
	RuleAGBIndiener      = "Q-N5-0408"           // 2.3.13
	RuleEigenRisico      = "Q-N5-0446"           // 2.3.19
	RuleCreditRef        = "Q-N5-0451"           // 2.3.21, table 2-12
	RuleUniek            = "Q-N5-0450"           // 2.3.7, 2.3.10
	RulePeriode          = "Q-N5-0107"           // 2.3.3, 2.3.4, COD954 8371
	RuleVerwerkingsdatum = "Q-N5-0449"           // 2.3.5.2
	RuleTotalen          = "Q-N5-99"             // totals of the 99 record
)

// Soort declaratie (0447, COD470).
const (
	SoortEIConform    = "01" // digitale declaratie conform EI declaratie aangeleverd
	SoortNietEIConfom = "02" // niet conform EI aangeleverd, of door de verzekerde ingediend
)

// LijstAmbulancevervoer is the aanduiding prestatiecodelijst of the prestaties QVE301 is
// for (COD367 038, NZa tarievenlijst ambulancevervoer): see specs/q/QVE301v1.0.notes.md
// for why 038 and not the 016 of paragraph 4.2.
const LijstAmbulancevervoer = "038"

// EersteDatumPrestatie is the first datum prestatie delivered with QVE301 v1.0
// (invulinstructie 4.2, as revised on 20-08-2019: "vanaf 01-09-2007").
var EersteDatumPrestatie = record.Date{Year: 2007, Month: 9, Day: 1}

// table43 are the fields that are conditional in the BER but mandatory for soort
// declaratie 01 (invulinstructie table 4-3), with the return code of each. 0418 datum
// prestatie is in the table too, but the layout has it mandatory for every record (see
// specs/q/QVE301v1.0.notes.md), so N3 checks it already.
var table43 = []struct{ number, retour string }{
	{"0410", "5100"}, // code bestemming (vervoer) ontbreekt of is onjuist
	{"0411", "0581"}, // aanduiding prestatiecodelijst
	{"0412", "0582"}, // prestatiecode
	{"0417", "5105"}, // zorgverlenerscode vervoerder
	{"0434", "8081"}, // eenheid rit/prestatie
	{"0435", "8082"}, // aantal (rit)eenheden
	{"0438", "8033"}, // declaratiebedrag
}

// Identificatiecode indiener (0407, COD976).
const identificatieVerzekerde = "05"

var identificatiecodes = map[string]bool{"01": true, "02": true, "03": true, "04": true, "05": true}

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
}

// Rules returns the Q rules as rules for validate.Options.Rules. The rules keep state
// over a file (identificaties seen, totals): call Rules for every validation.
func Rules(opts RuleOptions) []validate.Rule {
	s := &fileState{opts: opts, ids: map[uint64]idInfo{}, refs: map[uint64]refInfo{}}
	return []validate.Rule{s}
}

// fileState runs the Q rules over one file.
type fileState struct {
	opts RuleOptions
	// ids are the identificaties prestatierecord of the file, by fingerprint (FNV-64a):
	// eight bytes a record, whatever the length of the identificatie.
	ids map[uint64]idInfo
	// refs are the identificaties gerelateerd debet of the file's credits.
	refs map[uint64]refInfo
	// sums of the 04 amounts in cents, signed, for the 99 totals; ok false after an amount
	// that is not a number (reported elsewhere).
	sums  [4]int64
	sumOK bool
}

type idInfo struct {
	line   int
	credit bool
}

type refInfo struct {
	line int
	id   string
}

// isQVE301 reports whether rec is of a schadelastinformatie file. A QVE302 return
// repeats the declared data unchanged and is not checked against the delivery rules.
func isQVE301(rec *validate.Record) bool {
	return rec != nil && rec.Standard != nil && rec.Standard.Code == "QVE301"
}

// Check runs the record rules.
func (s *fileState) Check(rec *validate.Record, r *validate.Reporter) {
	if !isQVE301(rec) {
		return
	}
	switch rec.Code() {
	case record.CodeVoorloop:
		s.sumOK = true
		checkHeader(rec, r)
	case record.CodePrestatie:
		s.prestatie(rec, r)
	case record.CodeSluit:
		s.trailer(rec, r)
	}
}

func report(r *validate.Reporter, rule, field, retour string, err error, msg string) {
	r.Report(validate.Finding{Level: validate.N5, Rule: rule, Field: field, Retourcode: retour, Err: err, Message: msg})
}

// checkHeader: 2.3.3/2.3.4 and COD954 8371.
func checkHeader(rec *validate.Record, r *validate.Reporter) {
	// 0108 ≤ 0109 (8372) is checked by the validator (N5-DATERANGE).
	end, okE := rec.Date("0109")
	made, okM := rec.Date("0107")
	if okE && okM && !end.Before(made) {
		report(r, RulePeriode, "0107", "8371", validate.ErrRelation,
			"dagtekening aanmaak must lie after the einddatum verwerkingsperiode (0109): the file holds the prestaties processed in a period that has ended")
	}
}

func (s *fileState) prestatie(rec *validate.Record, r *validate.Reporter) {
	soort := rec.Raw("0447")
	// 4.4.4, table 4-3: mandatory for soort declaratie 01.
	if soort == SoortEIConform {
		for _, f := range table43 {
			if !filledOrAmount(rec, f.number) {
				report(r, RuleSoort01Mandatory, f.number, f.retour, validate.ErrMissing,
					"not filled: mandatory when soort declaratie (0447) is 01 (EI-conform), invulinstructie table 4-3")
			}
		}
		// 4.4.4 situation 2, 4.2: only ambulancevervoer.
		if v := rec.Raw("0411"); rec.Filled("0411") && v != LijstAmbulancevervoer {
			report(r, RuleSoort01Lijst, "0411", "0581", validate.ErrValue,
				"aanduiding prestatiecodelijst is "+v+": when soort declaratie (0447) is 01 it must be "+LijstAmbulancevervoer+
					" (ambulancevervoer); other vervoer is not delivered with QVE301")
		}
	}
	// 4.2, 4.3: datum prestatie from 01-09-2007; 8373: not after the processing period.
	if d, ok := rec.Date("0418"); ok {
		if d.Before(EersteDatumPrestatie) {
			report(r, RuleDatumPrestatie, "0418", "8222", validate.ErrValue,
				"datum prestatie lies before 01-09-2007: QVE301 v1.0 holds prestaties from that date (invulinstructie 4.2)")
		}
		if h := rec.Header(); h != nil {
			if end, ok := h.Date("0109"); ok && end.Before(d) {
				report(r, RuleDatumPrestatie, "0418", "8373", validate.ErrRelation,
					"datum prestatie lies after the einddatum verwerkingsperiode (0109): a prestatie is paid after it took place")
			}
		}
	}
	// 4.2: code land prestatie is not filled.
	if v := rec.Raw("0448"); strings.Trim(v, " ") != "" {
		report(r, RuleCodeLand, "0448", "", validate.ErrValue,
			"code land prestatie must be spaces (invulinstructie 4.2: \"alleen spaties vullen\")")
	}
	s.indiener(rec, r)
	s.eigenRisico(rec, r)
	s.verwerkingsdatum(rec, r)
	s.debetCredit(rec, r)
}

// filledOrAmount: an amount holding digits is filled, even when zero (2.3.18: a zero
// amount is a value); other fields as validate.Record.Filled.
func filledOrAmount(rec *validate.Record, number string) bool {
	if rec.Layout != nil {
		if f := rec.Layout.Field(number); f != nil && f.Kind == record.KindAmount {
			_, ok := rec.Int(number)
			return ok
		}
	}
	return rec.Filled(number)
}

// indiener: 2.3.13.
func (s *fileState) indiener(rec *validate.Record, r *validate.Reporter) {
	code := rec.Raw("0407")
	if !identificatiecodes[code] {
		return // not a code of COD976: reported by N4
	}
	agb, ok := rec.Int("0408")
	if !ok {
		return // not digits: reported by N3
	}
	switch {
	case code == identificatieVerzekerde && agb != 0:
		report(r, RuleAGBIndiener, "0408", "8437", validate.ErrRelation,
			"AGB-code indiener must be zeros when the verzekerde submitted the claim (identificatiecode indiener 05), invulinstructie 2.3.13")
	case code != identificatieVerzekerde && agb == 0:
		report(r, RuleAGBIndiener, "0408", "8435", validate.ErrMissing,
			"AGB-code indiener not filled: it is the AGB-code of the zorgaanbieder or servicebureau named by identificatiecode indiener "+code+" (invulinstructie 2.3.13)")
	}
}

// eigenRisico: 2.3.19, COD954 8480/8481.
func (s *fileState) eigenRisico(rec *validate.Record, r *validate.Reporter) {
	amount, ok := rec.Int("0444")
	ind := rec.Raw("0446")
	if !ok || len(ind) != 1 || ind[0] < '0' || ind[0] > '9' {
		return // not digits: reported by N3
	}
	switch {
	case amount != 0 && ind != "0":
		report(r, RuleEigenRisico, "0446", "8481", validate.ErrRelation,
			"indicatie bedrag eigen risico bekend must not be filled when bedrag eigen risico (0444) is filled (invulinstructie 2.3.19)")
	case amount == 0 && ind == "0":
		report(r, RuleEigenRisico, "0446", "8480", validate.ErrMissing,
			"indicatie bedrag eigen risico bekend not filled: when bedrag eigen risico (0444) is zeros it says whether that is known (1) or unknown (2), invulinstructie 2.3.19")
	case amount == 0 && ind != "1" && ind != "2":
		report(r, RuleEigenRisico, "0446", "8388", validate.ErrValue,
			"indicatie bedrag eigen risico bekend is "+ind+": want 1 (bekend) or 2 (onbekend)")
	}
}

// verwerkingsdatum: 2.3.5.2, COD954 8392/8393. The warehouse closes records by it.
func (s *fileState) verwerkingsdatum(rec *validate.Record, r *validate.Reporter) {
	d, ok := rec.Date("0449")
	h := rec.Header()
	if !ok || h == nil {
		return
	}
	if begin, ok := h.Date("0108"); ok && d.Before(begin) {
		report(r, RuleVerwerkingsdatum, "0449", "8392", validate.ErrRelation,
			"verwerkingsdatum zorgverzekeraar lies before the begindatum verwerkingsperiode (0108) of the file")
	}
	if end, ok := h.Date("0109"); ok && end.Before(d) {
		report(r, RuleVerwerkingsdatum, "0449", "8393", validate.ErrRelation,
			"verwerkingsdatum zorgverzekeraar lies after the einddatum verwerkingsperiode (0109) of the file")
	}
}

var amountFields = [4][2]string{{"0438", "0439"}, {"0440", "0441"}, {"0442", "0443"}, {"0444", "0445"}}

// debetCredit: 2.3.21 and table 2-12; identificatie prestatierecord unique (2.3.7, 2.3.10).
func (s *fileState) debetCredit(rec *validate.Record, r *validate.Reporter) {
	// A record is a credit when its amounts are C.
	sign := ""
	for i, af := range amountFields {
		v, ok := rec.Int(af[0])
		dc := rec.Raw(af[1])
		if !ok || dc != "D" && dc != "C" {
			s.sumOK = false
			continue // reported by N3/N4
		}
		if dc == "C" {
			v = -v
		}
		s.sums[i] += v
		if sign == "" {
			sign = dc // the indicators agree: checked by the validator (N5-DEBITCREDIT, 8064)
		}
	}
	credit := sign == "C"
	id := strings.TrimRight(rec.Raw("0450"), " ")
	ref := strings.TrimRight(rec.Raw("0451"), " ")
	switch {
	case credit && ref == "":
		report(r, RuleCreditRef, "0451", "8397", validate.ErrCredit,
			"identificatie gerelateerd debet prestatierecord not filled: a credit record names the debit it credits (invulinstructie 2.3.21)")
	case !credit && sign != "" && ref != "":
		report(r, RuleCreditRef, "0451", "8398", validate.ErrCredit,
			"identificatie gerelateerd debet prestatierecord is filled, but the record is a debit: only a credit names a related debit (invulinstructie 2.3.21)")
	}
	if id != "" {
		fp := fingerprint(id)
		if prev, dup := s.ids[fp]; dup {
			report(r, RuleUniek, "0450", "8377", validate.ErrDuplicate,
				"identificatie prestatierecord "+strconv.Quote(id)+" also on line "+strconv.Itoa(prev.line)+
					": it must be unique for its bron-id declaratieverwerkingssysteem (invulinstructie 2.3.7)")
		} else {
			s.ids[fp] = idInfo{line: rec.Line, credit: credit}
			s.checkHistory(rec, r, id)
		}
	}
	if credit && ref != "" {
		fp := fingerprint(ref)
		if prev, dup := s.refs[fp]; dup {
			report(r, RuleCreditRef, "0451", "8368", validate.ErrCredit,
				"identificatie gerelateerd debet prestatierecord "+strconv.Quote(ref)+" is also credited on line "+strconv.Itoa(prev.line)+
					": a debit is credited once")
		} else {
			s.refs[fp] = refInfo{line: rec.Line, id: ref}
		}
	}
}

// checkHistory: an identificatie delivered before that stays active after this file
// (its verwerkingsdatum lies outside this file's period, so the delivery does not close
// it) would be in the warehouse twice.
func (s *fileState) checkHistory(rec *validate.Record, r *validate.Reporter, id string) {
	h := rec.Header()
	if s.opts.History == nil || h == nil {
		return
	}
	d, ok := s.opts.History.Lookup(h.Raw("0106"), h.Raw("0111"), id)
	if !ok || !d.Active {
		return
	}
	begin, okB := h.Date("0108")
	end, okE := h.Date("0109")
	if okB && okE && !d.Verwerkingsdatum.Before(begin) && !end.Before(d.Verwerkingsdatum) {
		return // closed by this re-delivery, which makes this record its successor
	}
	report(r, RuleUniek, "0450", "8360", validate.ErrDuplicate,
		"identificatie prestatierecord "+strconv.Quote(id)+" was delivered before from this bron-id and stays active (its verwerkingsdatum lies outside this file's period): it would be in the warehouse twice")
}

// End checks what needs the whole file: the credits' debits and the 99 totals.
func (s *fileState) End(header *validate.Record, r *validate.Reporter) {
	if !isQVE301(header) {
		return
	}
	// 2.3.21: the debit is in this file or was delivered earlier. In file order.
	refs := make([]refInfo, 0, len(s.refs))
	for _, ref := range s.refs {
		refs = append(refs, ref)
	}
	slices.SortFunc(refs, func(a, b refInfo) int { return a.line - b.line })
	for _, ref := range refs {
		if d, ok := s.ids[fingerprint(ref.id)]; ok {
			if d.credit {
				r.Report(validate.Finding{Level: validate.N5, Rule: RuleCreditRef, Line: ref.line, Record: record.CodePrestatie,
					Field: "0451", FieldName: "IDENTIFICATIE GERELATEERD DEBET PRESTATIERECORD", Retourcode: "8366", Err: validate.ErrCredit,
					Message: "identificatie gerelateerd debet prestatierecord " + strconv.Quote(ref.id) + " names the credit record on line " + strconv.Itoa(d.line) + ", not a debit"})
			}
			continue
		}
		if s.opts.History == nil {
			continue // delivered earlier, perhaps: only the ledger knows
		}
		d, ok := s.opts.History.Lookup(header.Raw("0106"), header.Raw("0111"), ref.id)
		msg := ""
		switch {
		case !ok:
			msg = " names no debit of this file nor of an earlier delivery from this bron-id (invulinstructie 2.3.21)"
		case d.Credit:
			msg = " names an earlier credit record, not a debit"
		}
		if msg != "" {
			r.Report(validate.Finding{Level: validate.N5, Rule: RuleCreditRef, Line: ref.line, Record: record.CodePrestatie,
				Field: "0451", FieldName: "IDENTIFICATIE GERELATEERD DEBET PRESTATIERECORD", Retourcode: "8366", Err: validate.ErrCredit,
				Message: "identificatie gerelateerd debet prestatierecord " + strconv.Quote(ref.id) + msg})
		}
	}
}

// Trailer checks the totals of the 99 record other than the declaratiebedrag (which the
// validator checks): vergoed bedrag basisverzekering, aanvullende verzekering and eigen
// risico (COD954 8390, 8365, 8391).
func (s *fileState) trailer(rec *validate.Record, r *validate.Reporter) {
	if !s.sumOK {
		return
	}
	for i, t := range [...]struct{ total, sign, retour, what string }{
		{"9906", "9907", "8390", "vergoed bedrag basisverzekering (0440)"},
		{"9908", "9909", "8365", "vergoed bedrag aanvullende verzekering (0442)"},
		{"9910", "9911", "8391", "bedrag eigen risico (0444)"},
	} {
		v, ok := rec.Int(t.total)
		dc := rec.Raw(t.sign)
		if !ok || dc != "D" && dc != "C" {
			continue // reported by N3/N4
		}
		if dc == "C" {
			v = -v
		}
		if want := s.sums[i+1]; v != want {
			report(r, RuleTotalen, t.total, t.retour, validate.ErrTrailer,
				"total is "+cents(v)+", but the prestatierecords' "+t.what+" add up to "+cents(want))
		}
	}
}

// cents writes an amount in cents as euros: "-12.34".
func cents(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + strconv.FormatInt(v/100, 10) + "." + strconv.FormatInt(v%100/10, 10) + strconv.FormatInt(v%10, 10)
}

func fingerprint(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
