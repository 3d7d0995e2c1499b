package specfile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ReturnCode is one code of COD954, the Vektis list of return codes.
type ReturnCode struct {
	Code        string // four digits, e.g. "0435"
	Scope       string // X (file), T (invoice/header), D (detail record), O (informational), or ""
	Description string // e.g. "Burgerservicenummer (BSN) verzekerde ontbreekt of is onjuist."
}

// ReadCOD954 reads COD954 as the shared reference material gives it
// (vektis/codes/COD954_retourcodes.csv: code, the 2019 description, the 2008 description,
// scope). A code given twice keeps its first row; the 2019 description wins.
func ReadCOD954(r io.Reader) ([]ReturnCode, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("COD954: not UTF-8")
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("COD954: %w", err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("COD954: no codes")
	}
	var out []ReturnCode
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) < 4 || len(r[0]) != 4 || seen[r[0]] {
			continue
		}
		desc := cleanSpaces(r[1])
		if desc == "" {
			desc = cleanSpaces(r[2])
		}
		seen[r[0]] = true
		out = append(out, ReturnCode{Code: r[0], Scope: strings.TrimSpace(r[3]), Description: desc})
	}
	slices.SortFunc(out, func(a, b ReturnCode) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

func cleanSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// DeriveRetourcodes fills in the retourcode column of an EI spec: the COD954 code that is
// each field's own ("<field> ontbreekt of is onjuist"), "" when COD954 has none. It is run
// once, at import (gen import -cod954, or gen retourcodes for spec files that exist), and
// the result is reviewed in the spec file; nothing matches names at run time.
//
// The derivation: the subject of each COD954 description ("Burgerservicenummer (BSN)
// verzekerde" of 0435) is a field name; a qualifier "(voorlooprecord)" limits it to the
// 01 record, "(detailrecord)" to the others, a one-word qualifier names the record
// ("Voorletters ontbreken (verzekerde)" is VOORLETTERS VERZEKERDE); retourcodeAliases give
// the fields whose name differs from the subject. A field's name is tried as it is,
// without a sequence number ("(01)"), without explanations in parentheses, and without
// "VERZEKERDE"; the 01 record's own subjects before those of any record.
func DeriveRetourcodes(std *Spec, codes []ReturnCode) {
	if !std.IsEI() {
		return
	}
	table := fieldCodes(codes)
	for ri := range std.Records {
		l := &std.Records[ri]
		for fi := range l.Fields {
			l.Fields[fi].Retourcode = lookupRetourcode(table, l.Code, l.Fields[fi].Name)
		}
	}
}

// lookupRetourcode finds a field's code in table (scope + "|" + name → code).
func lookupRetourcode(table map[string]string, recordCode, name string) string {
	scope := "detail|"
	if recordCode == record.CodeVoorloop {
		scope = "01|"
	}
	name = strings.ToUpper(name)
	for i := 0; i < 4; i++ {
		n := name
		switch i {
		case 1:
			n = withoutSequence(name)
		case 2:
			if strings.IndexByte(name, '(') < 0 {
				continue
			}
			n = withoutParentheses(name)
		case 3:
			n = strings.TrimSuffix(name, " VERZEKERDE")
		}
		if i > 0 && n == name {
			continue
		}
		if c, ok := table[scope+n]; ok {
			return c
		}
		if c, ok := table["|"+n]; ok {
			return c
		}
	}
	return ""
}

// withoutSequence drops a trailing sequence number: "NAAM (02)" → "NAAM".
func withoutSequence(name string) string {
	i := strings.LastIndexByte(name, '(')
	if i < 0 || !strings.HasSuffix(name, ")") || !allDigits(name[i+1:len(name)-1]) || i+1 == len(name)-1 {
		return name
	}
	return strings.TrimRight(name[:i], " ")
}

// withoutParentheses drops every explanation in parentheses: "DECLARATIEBEDRAG (INCL. BTW)"
// → "DECLARATIEBEDRAG".
func withoutParentheses(name string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// subjectRE takes the subject of "<subject> ontbreekt (of is onjuist) (qualifier)." and its
// variants.
var subjectRE = regexp.MustCompile(`^(.+?),? (?:ontbreekt|ontbreken|is onjuist|is onbekend|zijn onjuist)\b.*?(?:\(([^()]+)\))?\.?$`)

// retourcodeAliases give the return code of fields whose name differs from the subject of their
// COD954 description. Scope "01" is the voorlooprecord, "" any record.
var retourcodeAliases = []struct{ scope, name, code string }{
	{"01", "SUBVERSIENUMMER BERICHTSTANDAARD", "8027"},
	{"01", "VERSIEAANDUIDING INFORMATIESYSTEEM SOFTWARELEVERANCIER", "0035"},
	{"01", "CODE INFORMATIESYSTEEM SOFTWARELEVERANCIER", "8201"},
	{"01", "BTW-IDENTIFICATIENUMMER", "8206"},
	{"", "DATUM GEBOORTE VERZEKERDE", "8151"},
	// Reviewed: the subject "Machtigingsnummer" of 8982 ("... ontbreekt voor bedrag boven
	// machtigingsvrij bedrag") is the insurer's condition on the amount, not the field's
	// own code; that is 0550 ("Machtigingsnummer / meldingsnummer zorgverzekeraar ontbreekt
	// of is onjuist").
	{"", "MACHTIGINGSNUMMER", "0550"},
	// QVE301 (Q): COD954 writes "AANVULLENDEVERZEKERING" and "VERZEKERINGONTBREEKT OF".
	{"", "VERGOED BEDRAG AANVULLENDE VERZEKERING", "8362"},
	{"", "TOTAAL VERGOED BEDRAG AANVULLENDE VERZEKERING", "8365"},
	{"", "BEGINDATUM PRESTATIE", "8007"},
	{"", "EINDDATUM PRESTATIE", "8007"},
	{"", "DATUM PRESTATIE", "8007"},
	{"", "REFERENTIENUMMER DIT PRESTATIERECORD", "8021"},
	{"", "REFERENTIENUMMER VOORGAANDE GERELATEERDE PRESTATIERECORD", "0651"},
	{"", "REFERENTIENUMMER DIT TARIEFRECORD", "8238"},
	{"", "REFERENTIENUMMER DIT ZORGACTIVITEITRECORD", "8624"},
	{"", "REFERENTIENUMMER DIT TIJDSBESTEDINGRECORD", "8662"},
	{"", "REFERENTIENUMMER VOORGAANDE GERELATEERDE TARIEFRECORD", "8256"},
	{"", "AANDUIDING PRESTATIECODELIJST", "0581"},
	{"", "PRESTATIECODE", "0582"},
	{"", "PRESTATIECODE/DBC DECLARATIECODE", "0582"},
	{"", "ZORGVERLENERSCODE BEHANDELAAR/UITVOERDER", "8011"},
	{"", "SPECIALISME BEHANDELAAR/UITVOERDER", "8011"},
	{"", "ZORGVERLENERSCODE VOORSCHRIJVER/VERWIJZER", "8014"},
	{"", "SPECIALISME VOORSCHRIJVER/VERWIJZER", "8014"},
	{"", "DECLARATIEBEDRAG", "8033"},
	{"", "BEREKEND BEDRAG", "8032"},
	{"", "TARIEF PRESTATIE", "0611"},
	{"", "BTW-PERCENTAGE DECLARATIEBEDRAG", "8016"},
	{"", "BEDRAG ONTVANGEN EIGEN BIJDRAGE", "0601"},
	{"", "DIAGNOSECODE", "8009"},
	{"", "POSTCODE (HUISADRES) VERZEKERDE", "0408"},
	{"", "VERZEKERDENNUMMER (INSCHRIJVINGSNUMMER, RELATIENUMMER)", "8101"},
	{"", "PRESTATIEVOLGNUMMER ALGEMEEN", "8102"},
	{"", "NAAM VERZEKERDE (02)", "8283"},
	{"", "VOORVOEGSEL VERZEKERDE (01)", "8228"},
	{"", "VOORVOEGSEL VERZEKERDE (02)", "8282"},
	{"", "AFWIJKENDE INSTELLINGSCODE/PRAKTIJKCODE", "0563"},
	{"", "AFSLUITREDEN", "8125"},
	{"", "ZORGTRAJECTNUMMER", "8111"},
	{"", "AANTAL TIJDSEENHEDEN ZORGACTIVITEIT", "8049"},
	// Fields the conditions tables check whose subject COD954 names otherwise, so that
	// every finding on a detail record carries a record-level code (never 0001).
	{"", "ZORGVERLENERSCODE 1E HOOFDBEHANDELAAR", "8649"},
	{"", "ZORGVERLENERSCODE 2E HOOFDBEHANDELAAR", "8649"},
	{"", "BEROEP 1E HOOFDBEHANDELAAR", "8650"},
	{"", "BEROEP 2E HOOFDBEHANDELAAR", "8650"},
	{"", "DIAGNOSECODE BIJZONDERE TANDHEELKUNDE", "8233"},
	{"", "FUNCTIECODE", "1113"},
	{"", "ZORGZWAARTEPAKKETCODE", "1113"},
	{"", "ZORGVERLENERSSPECIFICATIE BEHANDELAAR/UITVOERDER (SUBBEROEPSGROEP)", "8304"},
	{"", "INDICATIE AANSPRAAK ZORGVERZEKERINGSWET TOEGEPAST", "8244"},
	{"", "SUBTRAJECTNUMMER", "8124"},
	{"", "BEGINDATUM ZORGTRAJECT", "8135"},
	{"", "EINDDATUM ZORGTRAJECT", "8135"},
	{"", "DATUM GEBOORTE DEBITEUR", "0350"},
	{"", "CODE GESLACHT DEBITEUR", "0351"},
	{"", "NAAM DEBITEUR (02)", "0706"},
	{"", "VOORVOEGSEL DEBITEUR (01)", "0706"},
	{"", "VOORVOEGSEL DEBITEUR (02)", "0706"},
	{"", "STRAATNAAM DEBITEUR", "0409"},
	{"", "POSTCODE (HUISADRES) DEBITEUR", "0408"},
	{"", "WOONPLAATSNAAM DEBITEUR", "0410"},
	{"", "BANKREKENINGNUMMER", "0711"},
	{"", "IBAN", "0711"},
	{"", "AANTAL UITGEVOERDE PRESTATIES", "0638"},
	{"", "HOEVEELHEID AFGELEVERD IN AANGEGEVEN AFLEVEREENHEID", "0638"},
	{"", "VERREKENPERCENTAGE", "5803"},
	{"", "CLIËNTNUMMER INDICATIEORGAAN", "1060"},
	{"", "RECEPTVOORSCHRIFT, VOLGNUMMER", "1502"},
	{"", "CODE BESTEMMING VERVOER", "5100"},
	{"", "TARIEF DBC/PRESTATIE (INCL. BTW)", "0611"},
	{"", "BEGINDATUM", "8007"},
	{"", "EINDDATUM", "8007"},
	{"", "BEGINDATUM DEELPRESTATIE", "8007"},
	{"", "EINDDATUM DEELPRESTATIE", "8007"},
	{"", "DIAGNOSECODE HOOFDGROEP", "8651"},
	{"", "DIAGNOSECODE PRIMAIR", "8630"},
	{"", "ACTIVITEITCODE", "8255"},
	{"", "ZORGVERLENERSCODE HOOFDBEHANDELAAR", "8649"},
	{"", "PRAKTIJKCODE BEHANDELAAR/UITVOERDER", "8011"},
	{"", "INSTELLINGSCODE OF PRAKTIJKCODE VOORSCHRIJVER/VERWIJZER", "8014"},
	{"", "HUISNUMMERTOEVOEGING (HUISADRES) DEBITEUR", "0708"},
	{"", "CODE LAND DEBITEUR", "0316"},
	{"", "A-GPH-1 AANVULLENDE GENERIEKE PRODUCTCODE HULPMIDDELEN 1", "2705"},
	{"", "MERKNAAM", "2708"},
	{"", "INDICATIE MEDIUM RISK VERLOSKUNDIGE ZORG", "6002"},
	{"", "ZORGPADCODE", "8133"},
	{"", "INDICATIE TWEEDE OPERATIE ZELFDE AANDOENING PARAMEDISCHE HULP", "8134"},
	{"", "ACCEPTATIE TERMIJNOVERSCHRIJDING HERDECLARATIE", "8246"},
	{"", "VERGOEDINGSBEDRAG MIDDELEN (EXCL. WMG, GVS, BTW; INCL AFTREK CLAWBACK)", "8093"},
	{"", "DECLARATIEBEDRAG EXCL GVS-BIJDRAGE EN EXCL.BTW", "8602"},
	{"", "BEDRAG ONTVANGEN EIGEN BIJDRAGE DEELPRESTATIE", "0601"},
	{"", "VERWIJSDIAGNOSECODE PARAMEDISCHE HULP", "3100"},
	{"", "VERWIJSDIAGNOSECODE PARAMEDISCHE HULP (01)", "3100"},
	{"", "VERWIJSDIAGNOSECODE PARAMEDISCHE HULP (02)", "3100"},
	{"", "PARAMEDISCHE DIAGNOSECODE (01)", "8058"},
	{"", "PARAMEDISCHE DIAGNOSECODE (02)", "8058"},
	// COD954 has no code of its own for the fields below; the code of the nearest subject
	// is taken, so that a finding on them can be answered on its record (a choice, not a
	// BER fact): the soort relatie debiteur is required by the indicatie cliënt overleden
	// (8030); the debiteur's titulatuur is part of its name (0706); its telephone, e-mail
	// and extra address line are part of its address (0409), the telephone's country code
	// a country code (0316); incasso and facturatievorm go with its bank account (0711);
	// the version of the debiteur record with the debiteur (0630); the BTW amount with the
	// BTW (8016); the screening of the verwijzer with the verwijzer (8014); the unknown spans
	// of a reconstructed layout are treated as a reserve (0003).
	{"", "SOORT RELATIE DEBITEUR", "8030"},
	{"", "TITULATUUR", "0706"},
	{"", "TELEFOONNUMMER DEBITEUR", "0409"},
	{"", "E-MAILADRES DEBITEUR", "0409"},
	{"", "EXTRA ADRESREGEL", "0409"},
	{"", "LANDNUMMER TELEFOON (CODE LAND)", "0316"},
	{"", "CODE INCASSO", "0711"},
	{"", "MACHTIGINGSDATUM AUTOMATISCHE INCASSO", "0711"},
	{"", "FACTURATIEVORM", "0711"},
	{"", "VERSIENUMMER DEBITEURRECORD", "0630"},
	{"", "BTW BEDRAG OP DETAILNIVEAU", "8016"},
	{"", "SCREENING VERWIJZER", "8014"},
	{"", "ONBEKEND (RECONSTRUCTIE)", "0003"},
	// HA305's own answer fields: a return message is never answered, and COD954 has no
	// codes for them; a finding on them rejects the return as a whole (0001).
	{"", "CODE VERWERKING", "0001"},
	{"", "FOUT RUBRIEKNUMMER", "0001"},
	{"", "FOUTCODE", "0001"},
	{"", "INDICATIE RUBRIEK GEWIJZIGD", "0001"},
}

var beginEndRE = regexp.MustCompile(`^\((BEGIN|START)-/(EIND)\)DATUM( .+)$`)

// foldDiacritics writes the letters with diacritics of Vektis texts without them, as the layouts do
// ("CLIËNT" in COD954, "CLIENT" in the BER).
func foldDiacritics(s string) string {
	return strings.NewReplacer("Ë", "E", "É", "E", "È", "E", "Ê", "E", "Ï", "I", "Ö", "O", "Ü", "U", "Ä", "A", "Ç", "C").Replace(s)
}

// fieldCodes returns scope + "|" + name → code: "01" is the voorlooprecord, "detail" the
// other records, "" any record. The aliases come first and win.
func fieldCodes(codes []ReturnCode) map[string]string {
	out := map[string]string{}
	add := func(scope, name, code string) {
		k := scope + "|" + name
		if _, ok := out[k]; !ok {
			out[k] = code
		}
	}
	for _, a := range retourcodeAliases {
		add(a.scope, a.name, a.code)
	}
	for _, r := range codes {
		m := subjectRE.FindStringSubmatch(r.Description)
		if m == nil || strings.ContainsAny(m[1], ";:") || strings.Contains(m[1], " en ") || strings.Contains(m[1], " of ") {
			continue
		}
		name := foldDiacritics(strings.ToUpper(cleanSpaces(m[1])))
		scope := ""
		switch q := strings.ToLower(m[2]); q {
		case "":
		case "voorlooprecord":
			scope = "01"
		case "detailrecord", "prestatierecord":
			scope = "detail"
		default:
			// A one-word qualifier names the record: "Voorletters ontbreken (verzekerde)"
			// is the field VOORLETTERS VERZEKERDE.
			if !strings.Contains(q, " ") && strings.Contains(r.Description, "("+m[2]+")") && !strings.Contains(m[1], "("+m[2]+")") &&
				strings.HasSuffix(strings.TrimSuffix(r.Description, "."), "("+m[2]+")") {
				name += " " + strings.ToUpper(q)
			}
		}
		// "(BEGIN-/EIND)DATUM PRESTATIE" names two fields.
		if mm := beginEndRE.FindStringSubmatch(name); mm != nil {
			add(scope, mm[1]+"DATUM"+mm[3], r.Code)
			add(scope, mm[2]+"DATUM"+mm[3], r.Code)
			continue
		}
		add(scope, name, r.Code)
	}
	return out
}
