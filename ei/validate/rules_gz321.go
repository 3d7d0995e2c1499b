package validate

import (
	"strconv"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// GZ321 (declaratie basis en gespecialiseerde GGZ), from the Constraints/condities column
// of the BER EI195v01_GZ321v1.0. Rule ids are GZ321-<level>-<field>; each comment quotes or
// paraphrases the condition of the field the rule comes from.
func gz321Rules(std *record.Standard) *standardRules {
	a := map[string]allowedValues{
		// 0119: "EUR' vullen."
		"0119": allow("EUR", "the BER asks for EUR"),
		// 0408: "Prestatiecodelijst '050' (Gespecialiseerde GGZ) of '063' (Basis GGZ) invullen."
		// The tarief-, zorgactiviteit- and tijdsbestedingrecords repeat it (0606, 1606, 1706),
		// 0611 names the other of the two when it differs.
		"0408": allow("050 063", "GZ321 uses prestatiecodelijst 050 (gespecialiseerde GGZ) or 063 (basis GGZ)"),
		"0606": allow("050 063", "GZ321 uses prestatiecodelijst 050 (gespecialiseerde GGZ) or 063 (basis GGZ)"),
		"0611": allow("050 063", "GZ321 uses prestatiecodelijst 050 (gespecialiseerde GGZ) or 063 (basis GGZ)"),
		"1606": allow("050 063", "GZ321 uses prestatiecodelijst 050 (gespecialiseerde GGZ) or 063 (basis GGZ)"),
		"1706": allow("050 063", "GZ321 uses prestatiecodelijst 050 (gespecialiseerde GGZ) or 063 (basis GGZ)"),
		// 0420 "Vullen volgens invulinstructie": COD327 codes 01-08. Code 09 (direct access
		// to paramedical care) came later and is not GGZ; Vektis's test set rejects it.
		"0420": allow("01 02 03 04 05 06 07 08", "GZ321 uses codes 01 to 08 of COD327"),
		// 0422: "vullen met '0000', gereserveerd voor toekomstig gebruik."
		"0422": allow("0000", "reserved for future use: fill with 0000"),
		// 0423: "niet vullen, verwijzer is altijd een natuurlijk persoon."
		"0423": allow("0", "not filled in GZ321: the verwijzer is always a natural person"),
		// 0432: "04 (= uur) vullen bij DBC en als er zorgactiviteiten zijn, anders met '00'."
		"0432": allow("00 04", "GZ321 allows 04 (uur) or 00"),
		// 0434: "01 (= minuut) vullen bij DBC, Basis GGZ en Transitie, anders met '00'."
		"0434": allow("00 01", "GZ321 allows 01 (minuut) or 00"),
		// 0610: "Voor DBC: 10, 11, 12. Voor OVP: 02, 04. Voor Basis: 14, 15. Voor ZZP: 16, 17."
		"0610": allow("02 04 10 11 12 14 15 16 17", "GZ321 uses soorten 02, 04, 10, 11, 12, 14, 15, 16 and 17"),
		// 0622: "invullen met nullen, gereserveerd voor toekomstig gebruik."
		"0622": allow("0", "reserved for future use: fill with zeros"),
		// 1613: "04 (= uur) vullen."
		"1613": allow("04", "the BER asks for 04 (uur)"),
		// 1615: "niet vullen, gereserveerd voor toekomstig gebruik."
		"1615": allow("0", "reserved for future use: not filled"),
		// 1616: "vullen met '0000', gereserveerd voor toekomstig gebruik."
		"1616": allow("0000", "reserved for future use: fill with 0000"),
		// 1710: "vullen met '01' Hoofdbehandelaar of '02' Medebehandelaar."
		"1710": allow("01 02", "the BER allows 01 (hoofdbehandelaar) or 02 (medebehandelaar)"),
		// 1715: "01 (= minuut) vullen."
		"1715": allow("01", "the BER asks for 01 (minuut)"),
	}
	return &standardRules{
		allowed: a,
		// 0437: "Verplicht vullen bij DBC, Basis GGZ en Transitie (nul is ook een waarde)."
		zeroOK:   map[string]bool{"0437": true},
		newState: func() ruleState { return &gz321State{cfg: gz321Config} },
	}
}

// ggzConfig says which conditions of the GGZ declarations (GZ321, and EI181 version 2 with
// its DBC-behandeling, verblijf and OVP) a standard has, and in which fields.
type ggzConfig struct {
	id         string            // rule id prefix: "GZ321-N5-"
	ids        map[string]string // field number → rule id, made once (no allocation per record)
	gz321      bool              // the conditions of GZ321's prestatierecord (0416-0437) and zorgactiviteit/tijdsbesteding
	berekend   string            // BEREKEND BEDRAG of the tariefrecord
	declaratie string            // DECLARATIEBEDRAG of the tariefrecord
}

var gz321Config = newGGZConfig(&ggzConfig{id: "GZ321-N5-", gz321: true, berekend: "0620", declaratie: "0625"})

func newGGZConfig(c *ggzConfig) *ggzConfig {
	c.ids = map[string]string{}
	for _, f := range []string{"0409", "0410", "0414", "0610", "0612", "0613", "0615", "0616", "0617", "0618", c.berekend, c.declaratie} {
		c.ids[f] = c.id + f
	}
	return c
}

// rule returns the id of the rule on field number.
func (c *ggzConfig) rule(number string) string { return c.ids[number] }

// The kinds of GGZ product a prestatie is, by the soort prestatie/tarief (0610) of its
// tariefrecords.
const (
	ggzUnknown = iota
	ggzDBC
	ggzOVP
	ggzBasis
	ggzTransitie
	ggzZZP
)

var ggzNames = [...]string{"", "DBC", "OVP", "Basis GGZ", "Transitie", "ZZP"}

func ggzKind(soort int64) int {
	switch soort {
	case 10, 11, 12:
		return ggzDBC
	case 2, 4:
		return ggzOVP
	case 14:
		return ggzBasis
	case 15:
		return ggzTransitie
	case 16, 17:
		return ggzZZP
	}
	return ggzUnknown
}

// gz321State follows the current prestatie: the kind of product its tariefrecords declare
// and what its zorgactiviteiten add up to.
type gz321State struct {
	cfg      *ggzConfig
	kind     int
	mixed    bool
	has10    bool
	has16    bool
	sum1614  int64
	ok1614   bool
	firstTar int // line of the first tariefrecord
}

func (s *gz321State) record(e *engine, rec *Record) {
	switch rec.lp.code {
	case record.CodeVoorloop:
		if rec.Line != e.seen01 || !s.cfg.gz321 {
			return
		}
		// 0111/0112: the care is given from a praktijk or from an instelling: one of them.
		if p, ok1 := rec.has("0111"); ok1 {
			if i, ok2 := rec.has("0112"); ok2 && !p && !i {
				e.fail(rec, "0112", "GZ321-N5-0112", "8170", ErrRelation, "the praktijkcode (0111) or the instellingscode (0112) must be filled")
			}
		}
	case record.CodePrestatie:
		*s = gz321State{cfg: s.cfg, ok1614: true}
		if s.cfg.gz321 {
			s.prestatie(e, rec)
		}
	case "06":
		s.tarief(e, rec)
	case "16":
		if s.cfg.gz321 {
			s.zorgactiviteit(e, rec)
		}
	case "17":
		if s.cfg.gz321 {
			s.tijdsbesteding(e, rec)
		}
	}
}

func (s *gz321State) prestatie(e *engine, rec *Record) {
	// 0417: "vullen als zorgverlenerscode 1e hoofdbehandelaar is gevuld" (and 0419 for the
	// 2e): the beroep goes with the AGB code.
	for _, p := range [...][3]string{{"0416", "0417", "GZ321-N5-0417"}, {"0418", "0419", "GZ321-N5-0419"}} {
		if agb, ok := rec.has(p[0]); ok {
			if agb {
				e.mustBeFilled(rec, p[1], p[2], "", "when field ", p[0], " (the hoofdbehandelaar's AGB code) is filled")
			} else {
				e.mustBeEmpty(rec, p[1], p[2], "", "when field ", p[0], " (the hoofdbehandelaar's AGB code) is not filled")
			}
		}
	}
	// 0421: "vullen met de AGB-code van een natuurlijk persoon wanneer de code
	// (zelf)verwijzer 01, 02, 03 of 04 is."
	if code, ok := rec.num("0420"); ok {
		if code >= 1 && code <= 4 {
			e.mustBeFilled(rec, "0421", "GZ321-N5-0421", "8284", "when the code (zelf)verwijzer (0420) is 01 to 04")
		} else {
			e.mustBeEmpty(rec, "0421", "GZ321-N5-0421", "8284", "when the code (zelf)verwijzer (0420) is not 01 to 04")
		}
	}
	// 0411: GZ321 declares care from 1 January 2014 ("Bij Transitie … wordt 01-01-2014
	// gevuld"); a production file does not declare care that began before.
	if h := rec.header; h != nil && h.text("0105") == "P" {
		if d, ok := rec.date("0411"); ok && d.Before(record.NewDate(2014, 1, 1)) {
			e.fail(rec, "0411", "GZ321-N5-0411", "8222", ErrRelation, "lies before 2014-01-01, the first day GZ321 declares care for")
		}
	}
}

func (s *gz321State) tarief(e *engine, rec *Record) {
	soort, ok := rec.num("0610")
	if !ok {
		return
	}
	kind := ggzKind(soort)
	// 0610: the soorten of one prestatie belong to one kind of product (DBC: 10, 11, 12;
	// OVP: 02, 04; Basis GGZ: 14; Transitie: 15; ZZP: 16, 17).
	switch {
	case kind == ggzUnknown:
	case s.kind == ggzUnknown && !s.mixed:
		s.kind, s.firstTar = kind, rec.Line
	case kind != s.kind && !s.mixed:
		e.fail(rec, "0610", s.cfg.rule("0610"), "5800", ErrRelation, "soort "+strconv.FormatInt(soort, 10)+" ("+ggzNames[kind]+
			") does not go with the tariefrecord on line "+strconv.Itoa(s.firstTar)+" ("+ggzNames[s.kind]+"): the tariefrecords of one prestatie declare one kind of product")
		s.mixed = true
	}
	if soort == 10 {
		s.has10 = true
	}
	p := rec.parent
	if p == nil || p.lp == nil || p.lp.code != record.CodePrestatie {
		return
	}
	id := s.cfg
	// Soorten declared as one whole with the prestatie: DBC-behandeling, OVP, Basis GGZ,
	// Transitie, ZZP (GZ321 0612/0616/0617 "Bij DBC-behandeling, ZZP Verblijf en toeslag, OVP,
	// Basis GGZ en Transitie …"; EI181 0616/0617 "Voor DBC-behandeling … Voor OVP …").
	integral := soort == 10 || kind == ggzOVP || kind == ggzBasis || kind == ggzTransitie || kind == ggzZZP
	// 0612 GZ321: "Bij DBC-Behandeling, ZZP Verblijf en toeslag, OVP, Basis GGZ en Transitie
	// dezelfde waarde invullen als 0607 Declaratiecode. Bij Verblijf of Verrichting een
	// andere waarde vullen." EI181: "OVP: zelfde declaratiecode … als in 0409".
	switch {
	case integral && (s.cfg.gz321 || kind == ggzOVP):
		e.sameAs(rec, "0612", rec, "0607", id.rule("0612"), "", "for soort ", rec.text("0610"))
	case s.cfg.gz321 && (soort == 11 || soort == 12):
		if rec.text("0612") == rec.text("0607") {
			e.fail(rec, "0612", id.rule("0612"), "", ErrRelation, "must differ from field 0607 for verblijf (11) and verrichting (12)")
		}
	}
	// 0613: "verplicht vullen bij DBC-behandeling (altijd met code 0329)."
	if soort == 10 {
		if v, ok := rec.num("0613"); ok && v != 329 {
			e.fail(rec, "0613", id.rule("0613"), "", ErrRelation, "must be 0329 for a DBC-behandeling (soort 10)")
		}
	}
	// 0615: "verplicht vullen bij OVP Honorarium met code van uitvoerend specialisme." GZ321
	// also has it empty otherwise (Vektis test N5 062).
	switch {
	case soort == 4:
		e.mustBeFilled(rec, "0615", id.rule("0615"), "8011", "for OVP honorarium (soort 04)")
	case s.cfg.gz321:
		e.mustBeEmpty(rec, "0615", id.rule("0615"), "8011", "except for OVP honorarium (soort 04)")
	}
	// 0616/0617: gelijk aan Begindatum (Einddatum) prestatie for the soorten declared as a
	// whole; "Bij Verrichting (einddatum) gelijk aan Begindatum deelprestatie"; verblijf
	// lies within the prestatie.
	b, okB := rec.date("0616")
	end, okE := rec.date("0617")
	switch {
	case integral:
		e.sameAs(rec, "0616", p, "0411", id.rule("0616"), "8007", "for soort ", rec.text("0610"))
		e.sameAs(rec, "0617", p, "0412", id.rule("0617"), "8007", "for soort ", rec.text("0610"))
	case soort == 12:
		e.sameAs(rec, "0617", rec, "0616", id.rule("0617"), "8007", "for a verrichting (soort 12)")
	case soort == 11:
		if pb, ok := p.date("0411"); ok && okB && b.Before(pb) {
			e.fail(rec, "0616", id.rule("0616"), "8117", ErrRelation, "lies before the begindatum prestatie (0411): verblijf lies within the prestatie")
		}
		if pe, ok := p.date("0412"); ok && okE && end.After(pe) {
			e.fail(rec, "0617", id.rule("0617"), "8118", ErrRelation, "lies after the einddatum prestatie (0412): verblijf lies within the prestatie")
		}
	}
	// 0618: "Voor Verblijf, ZZP Verblijf en toeslag betreft het aantal aaneengesloten dagen"
	// (of this tariefrecord, 0616 to 0617). For DBC-behandeling 0001 is a default, not a rule.
	if n, ok := rec.num("0618"); ok && (soort == 11 || soort == 16 || soort == 17) && okB && okE && !end.Before(b) {
		if days := daysInclusive(b, end); n != days {
			e.fail(rec, "0618", id.rule("0618"), "0638", ErrRelation, "holds "+strconv.FormatInt(n, 10)+
				"; for verblijf and ZZP it is the number of days from 0616 to 0617 ("+strconv.FormatInt(days, 10)+")")
		}
	}
	// DECLARATIEBEDRAG: "Het declaratiebedrag is het deel van het berekend bedrag dat de
	// zorgverlener daadwerkelijk in rekening brengt" (COD954 8063).
	if calc, ok1 := rec.num(s.cfg.berekend); ok1 {
		if decl, ok2 := rec.num(s.cfg.declaratie); ok2 && decl > calc {
			e.fail(rec, s.cfg.declaratie, id.rule(s.cfg.declaratie), "8063", ErrRelation, "is more than the berekend bedrag ("+s.cfg.berekend+")")
		}
	}
}

func (s *gz321State) zorgactiviteit(e *engine, rec *Record) {
	s.has16 = true
	if n, ok := rec.num("1614"); ok {
		s.sum1614 += n
	} else {
		s.ok1614 = false
	}
	// 1611: "Waarde is groter of gelijk aan 'Begindatum prestatie'."
	if b, ok := rec.date("1611"); ok {
		if pb, ok := rec.date("1608"); ok && b.Before(pb) {
			e.fail(rec, "1611", "GZ321-N5-1611", "8621", ErrRelation, "lies before the begindatum prestatie (1608)")
		}
	}
	// 1612: "… is kleiner dan of gelijk aan 'Einddatum prestatie'."
	if p := rec.parent; p != nil && p.lp != nil && p.lp.code == record.CodePrestatie {
		if end, ok := rec.date("1612"); ok {
			if pe, ok := p.date("0412"); ok && end.After(pe) {
				e.fail(rec, "1612", "GZ321-N5-1612", "8621", ErrRelation, "lies after the einddatum prestatie (0412)")
			}
		}
	}
	// 1617: "Indien de zorgactiviteit in een andere instelling/praktijk dan de declarerende
	// instelling/praktijk is uitgevoerd …": it differs from the declarant's.
	if h := rec.header; h != nil {
		if filled, ok := rec.has("1617"); ok && filled {
			for _, f := range []string{"0111", "0112"} {
				if hf, ok := h.has(f); ok && hf && h.text(f) == rec.text("1617") {
					e.fail(rec, "1617", "GZ321-N5-1617", "0563", ErrRelation, "equals the declaring praktijk/instelling ("+f+"): fill it only for another one")
				}
			}
		}
	}
}

func (s *gz321State) tijdsbesteding(e *engine, rec *Record) {
	// 1711: "verplicht vullen bij Soort behandelaar is Hoofdbehandelaar, anders niet vullen."
	// 1712: "verplicht vullen bij Soort behandelaar is Medebehandelaar, anders niet vullen."
	if soort, ok := rec.num("1710"); ok {
		switch soort {
		case 1:
			e.mustBeFilled(rec, "1711", "GZ321-N5-1711", "8649", "for a hoofdbehandelaar (1710 = 01)")
			e.mustBeEmpty(rec, "1712", "GZ321-N5-1712", "8660", "for a hoofdbehandelaar (1710 = 01)")
		case 2:
			e.mustBeEmpty(rec, "1711", "GZ321-N5-1711", "8649", "for a medebehandelaar (1710 = 02)")
			e.mustBeFilled(rec, "1712", "GZ321-N5-1712", "8660", "for a medebehandelaar (1710 = 02)")
		}
	}
	// 1713: "Waarde is groter of gelijk aan 'Begindatum deelprestatie'" (the prestatie's
	// begindatum, 1708, repeated in this record).
	if b, ok := rec.date("1713"); ok {
		if pb, ok := rec.date("1708"); ok && b.Before(pb) {
			e.fail(rec, "1713", "GZ321-N5-1713", "8661", ErrRelation, "lies before the begindatum prestatie (1708)")
		}
	}
	// 1714: "… kleiner dan of gelijk aan 'Einddatum deelprestatie'."
	if p := rec.parent; p != nil && p.lp != nil && p.lp.code == record.CodePrestatie {
		if end, ok := rec.date("1714"); ok {
			if pe, ok := p.date("0412"); ok && end.After(pe) {
				e.fail(rec, "1714", "GZ321-N5-1714", "8661", ErrRelation, "lies after the einddatum prestatie (0412)")
			}
		}
	}
	// 1716/1717: "een van beide, aantal tijdseenheden direct of indirect, moet gevuld zijn."
	d, ok1 := rec.has("1716")
	i, ok2 := rec.has("1717")
	if ok1 && ok2 && !d && !i {
		e.fail(rec, "1716", "GZ321-N5-1716", "8656", ErrRelation, "the aantal tijdseenheden direct (1716) or indirect (1717) must be filled")
	}
}

// closePrestatie runs the conditions of the prestatierecord that depend on the kind of
// product its tariefrecords declare.
func (s *gz321State) closePrestatie(e *engine, p *Record) {
	if p.lp == nil || p.lp.code != record.CodePrestatie || s.mixed || s.kind == ggzUnknown {
		return
	}
	k := s.kind
	name := ggzNames[k]
	dbc, basis, trans := k == ggzDBC, k == ggzBasis, k == ggzTransitie
	// A DBC declares its DBC-behandeling (soort 10); verblijf and verrichtingen come with it.
	if dbc && !s.has10 {
		e.fail(p, "0409", s.cfg.rule("0610"), "5800", ErrRelation, "the DBC has no tariefrecord with soort 10 (DBC-behandeling)")
	}
	// 0410: "Bij DBC verplicht vullen met DBC-prestatiecode. … Indien niet-DBC niet vullen."
	if dbc {
		e.mustBeFilled(p, "0410", s.cfg.rule("0410"), "8300", "for a DBC")
	} else {
		e.mustBeEmpty(p, "0410", s.cfg.rule("0410"), "8300", "for ", name, " (not a DBC)")
	}
	// 0414: "verplicht vullen bij een DBC."
	if dbc {
		e.mustBeFilled(p, "0414", s.cfg.rule("0414"), "8111", "for a DBC")
	}
	if !s.cfg.gz321 {
		return
	}
	// 0416: "Verplicht vullen bij Basis GGZ en Transitie."
	if basis || trans {
		e.mustBeFilled(p, "0416", "GZ321-N5-0416", "", "for ", name)
	}
	// 0426: "verplicht vullen bij Basis GGZ, anders niet vullen."
	if basis {
		e.mustBeFilled(p, "0426", "GZ321-N5-0426", "", "for Basis GGZ")
	} else {
		e.mustBeEmpty(p, "0426", "GZ321-N5-0426", "", "except for Basis GGZ")
	}
	// 0430: "Niet vullen bij DBC, ZZP, OVP en Transitie."
	if !basis {
		e.mustBeEmpty(p, "0430", "GZ321-N5-0430", "", "for ", name, " (only for Basis GGZ)")
	}
	// 0431: "Verplicht vullen bij een DBC en Basis GGZ."
	if dbc || basis {
		e.mustBeFilled(p, "0431", "GZ321-N5-0431", "8125", "for ", name)
	}
	// 0432: "04 (= uur) vullen bij DBC en als er zorgactiviteiten zijn, anders met '00'."
	if v, ok := p.num("0432"); ok {
		want := int64(0)
		if dbc && s.has16 {
			want = 4
		}
		if v != want {
			e.fail(p, "0432", "GZ321-N5-0432", "8652", ErrRelation, "must be "+pad2(want)+": 04 for a DBC with zorgactiviteiten, 00 otherwise")
		}
	}
	// 0433: "Vullen som aantal tijdseenheden zorgactiviteiten die bij de DBC geregistreerd zijn."
	if v, ok := p.num("0433"); ok && s.ok1614 && v != s.sum1614 {
		e.fail(p, "0433", "GZ321-N5-0433", "8049", ErrRelation, "holds "+strconv.FormatInt(v, 10)+
			"; the zorgactiviteitrecords of the prestatie add up to "+strconv.FormatInt(s.sum1614, 10))
	}
	// 0434: "01 (= minuut) vullen bij DBC, Basis GGZ en Transitie, anders met '00'."
	if v, ok := p.num("0434"); ok {
		want := int64(0)
		if dbc || basis || trans {
			want = 1
		}
		if v != want {
			e.fail(p, "0434", "GZ321-N5-0434", "8654", ErrRelation, "must be "+pad2(want)+" for "+name)
		}
	}
	// 0435-0437: "Verplicht vullen bij DBC, Basis GGZ en Transitie (0437: nul is ook een
	// waarde). Niet vullen bij ZZP en OVP."
	for _, f := range [...][2]string{{"0435", "GZ321-N5-0435"}, {"0436", "GZ321-N5-0436"}, {"0437", "GZ321-N5-0437"}} {
		switch {
		case (dbc || basis || trans) && f[0] != "0437":
			e.mustBeFilled(p, f[0], f[1], "8655", "for ", name)
		case !dbc && !basis && !trans:
			e.mustBeEmpty(p, f[0], f[1], "8655", "for ", name)
		}
	}
}

func (s *gz321State) end(*engine) {}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
