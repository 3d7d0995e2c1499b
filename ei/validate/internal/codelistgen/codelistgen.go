// Command codelistgen turns the Vektis code lists in the shared reference material into the
// validator's own data files (ei/validate/codelists):
//
//   - codes.csv: list,code,description — every value list the layouts can name (COD…), from
//     the Vektis code list pages (2023 CSV exports and the 2019 JSON scrape; the union of both,
//     so that a code valid in either publication is accepted);
//   - retourcodes.csv: code,scope,description — COD954, the return codes;
//   - fieldcodes.csv: scope,name,code — which return code is a field's own ("<field>
//     ontbreekt of is onjuist"), found by matching the subject of each COD954 description
//     with field names, plus the aliases listed below for names that differ.
//
// Run it with go generate in ei/validate (go run ./internal/codelistgen -out codelists); it
// does nothing when the reference material is not there (ZORGBERICHT_SHARED, or ../shared
// beside the repository). The output is sorted and carries no dates, so it only changes when the sources do.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Files returns the generated files by name, read from the shared directory (the one
// holding vektis/codes).
func Files(shared string) (map[string][]byte, error) {
	dir := filepath.Join(shared, "vektis", "codes")
	lists, err := readLists(dir)
	if err != nil {
		return nil, err
	}
	rc, err := readRetourcodes(filepath.Join(dir, "COD954_retourcodes.csv"))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	out["codes.csv"] = writeCodes(lists)
	out["retourcodes.csv"] = writeRetourcodes(rc)
	out["fieldcodes.csv"] = writeFieldcodes(fieldcodes(rc))
	return out, nil
}

var listFile = regexp.MustCompile(`^COD(\d{3})`)

// skipped lists: registers and product lists that are not value lists of a layout field
// (COD061 is the UZOVI register, COD954 goes to retourcodes.csv).
var skipped = map[string]bool{"COD061": true, "COD954": true}

func readLists(dir string) (map[string]map[string]string, error) {
	lists := map[string]map[string]string{}
	add := func(list, code, desc string) {
		code = strings.TrimSpace(code)
		if code == "" || skipped[list] {
			return
		}
		if lists[list] == nil {
			lists[list] = map[string]string{}
		}
		if old, ok := lists[list][code]; !ok || old == "" {
			lists[list][code] = clean(desc)
		}
	}
	// The 2023 exports first: their descriptions win.
	names, err := filepath.Glob(filepath.Join(dir, "COD*.csv"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		m := listFile.FindStringSubmatch(filepath.Base(name))
		if m == nil {
			continue
		}
		rows, err := readCSV(name)
		if err != nil {
			return nil, err
		}
		for _, r := range rows[1:] {
			if len(r) >= 2 {
				add("COD"+m[1], r[0], r[1])
			}
		}
	}
	jsons, err := filepath.Glob(filepath.Join(dir, "vektis-2019-json", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(jsons)
	for _, name := range jsons {
		base := strings.TrimSuffix(filepath.Base(name), ".json")
		if len(base) != 3 {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var rows []struct{ Code, Description string }
		if err := json.Unmarshal(data, &rows); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, r := range rows {
			add("COD"+base, r.Code, r.Description)
		}
	}
	if len(lists) == 0 {
		return nil, fmt.Errorf("no code lists found in %s", dir)
	}
	return lists, nil
}

func readCSV(name string) ([][]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not UTF-8", name)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", name)
	}
	return rows, nil
}

func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

type retourcode struct{ code, scope, desc string }

func readRetourcodes(name string) ([]retourcode, error) {
	rows, err := readCSV(name)
	if err != nil {
		return nil, err
	}
	var out []retourcode
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) < 4 || len(r[0]) != 4 || seen[r[0]] {
			continue
		}
		desc := clean(r[1])
		if desc == "" {
			desc = clean(r[2])
		}
		seen[r[0]] = true
		out = append(out, retourcode{code: r[0], scope: strings.TrimSpace(r[3]), desc: desc})
	}
	slices.SortFunc(out, func(a, b retourcode) int { return strings.Compare(a.code, b.code) })
	return out, nil
}

// subjectRE takes the subject of "<subject> ontbreekt (of is onjuist) (qualifier)." and its
// variants.
var subjectRE = regexp.MustCompile(`^(.+?),? (?:ontbreekt|ontbreken|is onjuist|is onbekend|zijn onjuist)\b.*?(?:\(([^()]+)\))?\.?$`)

// aliases give the return code of fields whose name differs from the subject of their
// COD954 description. Scope "01" is the voorlooprecord, "" any record.
var aliases = []struct{ scope, name, code string }{
	{"01", "SUBVERSIENUMMER BERICHTSTANDAARD", "8027"},
	{"01", "VERSIEAANDUIDING INFORMATIESYSTEEM SOFTWARELEVERANCIER", "0035"},
	{"01", "CODE INFORMATIESYSTEEM SOFTWARELEVERANCIER", "8201"},
	{"01", "BTW-IDENTIFICATIENUMMER", "8206"},
	{"", "DATUM GEBOORTE VERZEKERDE", "8151"},
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

// fold writes the letters with diacritics of Vektis texts without them, as the layouts do
// ("CLIËNT" in COD954, "CLIENT" in the BER).
func fold(s string) string {
	return strings.NewReplacer("Ë", "E", "É", "E", "È", "E", "Ê", "E", "Ï", "I", "Ö", "O", "Ü", "U", "Ä", "A", "Ç", "C").Replace(s)
}

type fieldcode struct{ scope, name, code string }

func fieldcodes(rc []retourcode) []fieldcode {
	seen := map[string]bool{}
	var out []fieldcode
	add := func(scope, name, code string) {
		k := scope + "|" + name
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, fieldcode{scope, name, code})
	}
	for _, a := range aliases {
		add(a.scope, a.name, a.code)
	}
	for _, r := range rc {
		m := subjectRE.FindStringSubmatch(r.desc)
		if m == nil || strings.ContainsAny(m[1], ";:") || strings.Contains(m[1], " en ") || strings.Contains(m[1], " of ") {
			continue
		}
		name := fold(strings.ToUpper(clean(m[1])))
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
			if !strings.Contains(q, " ") && strings.Contains(r.desc, "("+m[2]+")") && !strings.Contains(m[1], "("+m[2]+")") &&
				strings.HasSuffix(strings.TrimSuffix(r.desc, "."), "("+m[2]+")") {
				name += " " + strings.ToUpper(q)
			}
		}
		// "(BEGIN-/EIND)DATUM PRESTATIE" names two fields.
		if mm := beginEndRE.FindStringSubmatch(name); mm != nil {
			add(scope, mm[1]+"DATUM"+mm[3], r.code)
			add(scope, mm[2]+"DATUM"+mm[3], r.code)
			continue
		}
		add(scope, name, r.code)
	}
	slices.SortFunc(out, func(a, b fieldcode) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.scope, b.scope)
	})
	return out
}

const header = "# Generated by ei/validate/internal/codelistgen from the Vektis code lists (source: Vektis,\n" +
	"# https://www.vektis.nl/standaardisatie/codelijsten). DO NOT EDIT.\n"

func writeCodes(lists map[string]map[string]string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	w := csv.NewWriter(&b)
	w.Write([]string{"list", "code", "description"})
	names := make([]string, 0, len(lists))
	for n := range lists {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		codes := make([]string, 0, len(lists[n]))
		for c := range lists[n] {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			w.Write([]string{n, c, lists[n][c]})
		}
	}
	w.Flush()
	return b.Bytes()
}

func writeRetourcodes(rc []retourcode) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	w := csv.NewWriter(&b)
	w.Write([]string{"code", "scope", "description"})
	for _, r := range rc {
		w.Write([]string{r.code, r.scope, r.desc})
	}
	w.Flush()
	return b.Bytes()
}

func writeFieldcodes(fc []fieldcode) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	w := csv.NewWriter(&b)
	w.Write([]string{"scope", "name", "code"})
	for _, f := range fc {
		w.Write([]string{f.scope, f.name, f.code})
	}
	w.Flush()
	return b.Bytes()
}

// Write writes the files into dir.
func Write(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}
