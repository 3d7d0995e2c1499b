package specfile

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Derive fills in everything that follows from the facts of an imported layout: the
// roles the reader, writer and validator rely on (record code, detail number, parent
// reference, counts, totals, debet/credit signs, BSN, reference numbers), written into
// the spec file's role column, and then what DeriveNames fills in. The importers use it;
// a spec file read by Parse has its roles in its role column.
func Derive(std *Spec) {
	DeriveNames(std)
	names := map[string]string{} // record name → code
	for _, l := range std.Records {
		names[l.Name] = l.Code
	}
	for ri := range std.Records {
		l := &std.Records[ri]
		hasBED161 := false
		for fi := range l.Fields {
			hasBED161 = hasBED161 || strings.HasPrefix(l.Fields[fi].Element, "BED161")
		}
		for fi := range l.Fields {
			f := &l.Fields[fi]
			f.Role, f.Counts = roleOf(l, fi, names, hasBED161)
			if f.Kind == record.KindAmount && f.Decimals == 0 {
				f.Decimals = 2 // EI amounts are in cents
			}
		}
	}
	DeriveDateAndAGBRoles(std)
	DerivePersonal(std)
	DeriveNames(std)
}

// DeriveDateAndAGBRoles gives the roles the validator's date and AGB checks read to the
// fields that have no other role, from their names (kinds must be derived: DeriveNames):
//   - RoleBegin "begin:<end>": a date "BEGINDATUM X" whose record has a date "EINDDATUM X"
//     (the same X, or both without one): the period must not end before it begins;
//   - RoleCareBegin, RoleCare: dates on which care was given, outside the voorlooprecord —
//     "BEGINDATUM"/"EINDDATUM" alone (the prestatie's, in EI181 version 1), and
//     "BEGINDATUM …", "EINDDATUM …" and "DATUM PRESTATIE…" of a prestatie, zorgactiviteit
//     or tijdsbesteding (COD954 8042, 8176–8178: not after the invoice date or the end of
//     the declaration period); a begin date of such a period is RoleCareBegin;
//   - RoleAGB: an N8 field that is not a date, named as a zorgverlenerscode, praktijkcode,
//     instellingscode or AGB-code.
//
// The importers call it through Derive; `go run ./gen roles` applies it to spec files that
// exist. Roles it gave earlier are derived again.
func DeriveDateAndAGBRoles(std *Spec) {
	for ri := range std.Records {
		l := &std.Records[ri]
		for fi := range l.Fields {
			f := &l.Fields[fi]
			switch f.Role {
			case record.RoleAGB, record.RoleBegin, record.RoleCareBegin, record.RoleCare:
				f.Role, f.Counts = record.RoleNone, ""
			}
		}
		for fi := range l.Fields {
			f := &l.Fields[fi]
			if f.Role != record.RoleNone || fi == 0 {
				continue
			}
			if f.Kind != record.KindDate {
				if f.Type == record.Numeric && f.Length == 8 && isAGBName(f.Name) {
					f.Role = record.RoleAGB
				}
				continue
			}
			care := l.Code != record.CodeVoorloop && isCareDate(f.Name)
			end := ""
			if rest, ok := strings.CutPrefix(f.Name, "BEGINDATUM"); ok && (rest == "" || rest[0] == ' ') {
				for j := range l.Fields {
					if e := &l.Fields[j]; e.Name == "EINDDATUM"+rest {
						if e.Kind == record.KindDate {
							end = e.Number
						}
						break
					}
				}
			}
			switch {
			case end != "" && care:
				f.Role, f.Counts = record.RoleCareBegin, end
			case end != "":
				f.Role, f.Counts = record.RoleBegin, end
			case care:
				f.Role = record.RoleCare
			}
		}
	}
}

func isAGBName(name string) bool {
	for _, s := range []string{"ZORGVERLENERSCODE", "PRAKTIJKCODE", "INSTELLINGSCODE", "AGB-CODE"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// isCareDate reports whether a date field is, by its name, a date on which care was given.
func isCareDate(name string) bool {
	switch {
	case name == "BEGINDATUM" || name == "EINDDATUM": // the prestatie's, in EI181 version 1
		return true
	case !strings.HasPrefix(name, "BEGINDATUM ") && !strings.HasPrefix(name, "EINDDATUM ") && !strings.HasPrefix(name, "DATUM PRESTATIE"):
		return false
	}
	for _, s := range []string{"PRESTATIE", "ZORGACTIVITEIT", "TIJDSBESTEDING"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// DerivePersonal marks the fields that hold personal data (the spec file's personal
// column), from their data elements or, without element, their names.
func DerivePersonal(std *Spec) {
	for ri := range std.Records {
		for fi := range std.Records[ri].Fields {
			f := &std.Records[ri].Fields[fi]
			f.Personal = personalOf(f)
		}
	}
}

// DeriveNames fills in what follows from a layout and its roles without interpreting
// names: Go names of records and fields, the kind of each field (its Go representation)
// and the debet/credit field that signs each amount.
func DeriveNames(std *Spec) {
	for ri := range std.Records {
		l := &std.Records[ri]
		l.GoName = GoName(l.Name)
		used := map[string]int{}
		for fi := range l.Fields {
			f := &l.Fields[fi]
			f.Kind = kindOf(f, std.IsEI())
			f.Sign = -1
			n := GoName(f.Name)
			if f.Obligation == record.Reserve {
				n = "Reserve"
			}
			used[n]++
			f.GoName = n
		}
		// Names that occur more than once get their field number appended.
		for fi := range l.Fields {
			f := &l.Fields[fi]
			if used[f.GoName] > 1 {
				f.GoName += GoName("F" + f.Number)[1:]
			}
		}
		for fi := 1; fi < len(l.Fields); fi++ {
			if l.Fields[fi].Role == record.RoleSign && l.Fields[fi-1].Kind == record.KindAmount {
				l.Fields[fi-1].Sign = fi
			}
		}
	}
}

func kindOf(f *record.Field, ei bool) record.Kind {
	switch {
	case f.Obligation == record.Reserve:
		return record.KindReserve
	case f.Role == record.RoleBSN && f.Type == record.Numeric:
		return record.KindBSN
	case f.Type == record.Alphanumeric:
		return record.KindText
	case f.Type == record.Numeric && f.Length > record.MaxIntDigits:
		return record.KindDigits
	case f.Length == 8 && (f.Pattern == "EEJJMMDD" || ei && strings.HasPrefix(f.Element, "DAT")):
		return record.KindDate
	case ei && strings.HasPrefix(f.Element, "BED"), !ei && f.Decimals > 0:
		return record.KindAmount
	}
	return record.KindInteger
}

var (
	countRE       = regexp.MustCompile(`^AANTAL (\S+RECORD)S( RETOUR)?$`)
	detailCountRE = regexp.MustCompile(`^TOTAAL AANTAL DETAILRECORDS( RETOUR)?$`)
)

// absentRecordNames are the EI record types a trailer may count although the standard does
// not have them (AANTAL DEBITEURRECORDS of a standard without a 03): the count is then 0.
var absentRecordNames = map[string]string{"VERZEKERDENRECORD": "02", "DEBITEURRECORD": "03",
	"PRESTATIERECORD": "04", "TARIEFRECORD": "06", "COMMENTAARRECORD": "98"}

// declaredName matches the names of the declared amount of a detail record when the
// layout does not give its element code (BED161): "DECLARATIEBEDRAG" or
// "DECLARATIEBEDRAG (INCL. BTW)", not "DECLARATIEBEDRAG BASISVERZEKERING" and the like.
var declaredName = regexp.MustCompile(`^DECLARATIEBEDRAG( \(INCL\. BTW\))?$`)

// roleOf derives the role of field fi of l. hasBED161 says whether the record has a field
// with element BED161 (declaratiebedrag); if so, only that field is the declared amount.
func roleOf(l *Layout, fi int, names map[string]string, hasBED161 bool) (record.Role, string) {
	f := &l.Fields[fi]
	name := f.Name
	elem, _, _ := strings.Cut(f.Element, "-")
	switch {
	case fi == 0:
		return record.RoleRecordCode, ""
	case name == "IDENTIFICATIE DETAILRECORD" && l.Code == record.CodeCommentaar:
		return record.RoleParentRef, "" // a comment carries the number of the record it belongs to
	case name == "IDENTIFICATIE DETAILRECORD":
		return record.RoleDetailID, ""
	case strings.HasPrefix(f.Element, "NUM313"):
		return record.RoleBSN, ""
	case l.Code == record.CodeVoorloop && (name == "REFERENTIENUMMER ZORGVERZEKERAAR" || name == "REFERENTIENUMMER VECOZO/VEKTIS"):
		return record.RoleReturnReference, "" // the answerer's reference in a return's 01
	case strings.HasPrefix(name, "REFERENTIENUMMER DIT "):
		return record.RoleReference, ""
	case strings.HasPrefix(name, "INDICATIE DEBET/CREDIT"):
		return record.RoleSign, "" // it signs the amount before it, when there is one
	case strings.HasPrefix(name, "REFERENTIENUMMER VOORGAANDE"):
		return record.RoleRelatedRef, ""
	case strings.HasPrefix(name, "RETOURCODE"):
		return record.RoleReturnCode, ""
	}
	if l.Code == record.CodeSluit {
		if m := countRE.FindStringSubmatch(name); m != nil {
			if code, ok := names[m[1]]; ok {
				return record.RoleCount, code
			}
			if code, ok := absentRecordNames[m[1]]; ok {
				return record.RoleCount, code // a record type the standard lacks: the count is 0
			}
		}
		switch {
		case detailCountRE.MatchString(name):
			return record.RoleDetailCount, ""
		case elem == "BED025" || elem == "BED168" || name == "TOTAAL DECLARATIEBEDRAG" || name == "TOTAAL INGEDIEND DECLARATIEBEDRAG":
			return record.RoleTotalDeclared, ""
		case elem == "BED167" || name == "TOTAAL TOEGEKEND BEDRAG":
			return record.RoleTotalAllowed, ""
		}
		return record.RoleNone, ""
	}
	switch {
	case f.Kind != record.KindAmount:
	case elem == "BED161" || !hasBED161 && declaredName.MatchString(name):
		return record.RoleDeclared, ""
	case elem == "BED166" || name == "TOEGEKEND BEDRAG":
		return record.RoleAllowed, ""
	case elem == "BED165" || name == "BEREKEND BEDRAG ZORGVERZEKERAAR":
		return record.RoleCalculated, ""
	case elem == "BED153":
		return record.RoleProviderCalculated, "" // berekend bedrag (incl. BTW)
	}
	return record.RoleNone, ""
}

// initialisms are written in capitals in Go names.
var initialisms = map[string]bool{"AGB": true, "AV": true, "AWBZ": true, "BSN": true, "BTW": true, "CAK": true,
	"DBC": true, "DBCO": true, "EI": true, "GGZ": true, "GVS": true, "ID": true, "NZA": true, "ROM": true,
	"UZOVI": true, "WLZ": true, "WMG": true, "ZVW": true, "ELV": true, "ZG": true, "WV": true, "AGBCODE": false}

var parenthesised = regexp.MustCompile(`\(([^)]*)\)`)

// GoName turns a BER name into an exported Go identifier. Explanations in parentheses
// are left out, sequence numbers in parentheses kept: "BURGERSERVICENUMMER (BSN)
// VERZEKERDE" → "BurgerservicenummerVerzekerde", "NAAM VERZEKERDE (01)" → "NaamVerzekerde01",
// "DECLARATIEBEDRAG (INCL. BTW)" → "Declaratiebedrag".
func GoName(name string) string {
	name = parenthesised.ReplaceAllStringFunc(name, func(m string) string {
		if inner := strings.TrimSpace(m[1 : len(m)-1]); inner != "" && strings.Trim(inner, "0123456789") == "" {
			return " " + inner + " "
		}
		return " "
	})
	var b strings.Builder
	for _, w := range strings.FieldsFunc(asciiFold(name), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		b.WriteString(up[:1])
		b.WriteString(strings.ToLower(up[1:]))
	}
	s := b.String()
	if s == "" || !unicode.IsLetter(rune(s[0])) {
		s = "F" + s
	}
	return s
}

// asciiFold replaces the accented Latin-1 letters of Dutch names by their plain letters.
func asciiFold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune("ÀÁÂÃÄÅàáâãäå", r):
			return 'A'
		case strings.ContainsRune("ÈÉÊËèéêë", r):
			return 'E'
		case strings.ContainsRune("ÌÍÎÏìíîï", r):
			return 'I'
		case strings.ContainsRune("ÒÓÔÕÖòóôõö", r):
			return 'O'
		case strings.ContainsRune("ÙÚÛÜùúûü", r):
			return 'U'
		case r == 'Ç' || r == 'ç':
			return 'C'
		}
		return r
	}, s)
}

// personalElements are the data elements that hold personal data, by kind.
var personalElements = map[string]record.Personal{
	"NUM313": record.PersonalBSN,
	"NUM003": record.PersonalID, "NUM366": record.PersonalID,
	"NAM193": record.PersonalName, "NAM194": record.PersonalName, "NAM191": record.PersonalName,
	"NAM192": record.PersonalName, "NAM025": record.PersonalName, "NAM214": record.PersonalName,
	"NAM215": record.PersonalName, "NAM216": record.PersonalName, "NAM217": record.PersonalName,
	"NAM089": record.PersonalName,
	"NAM141": record.PersonalAddress, "NAM142": record.PersonalAddress, "NAM221": record.PersonalAddress,
	"COD083": record.PersonalAddress, "COD312": record.PersonalAddress, "COD434": record.PersonalAddress,
	"NUM030": record.PersonalAddress, "NUM079": record.PersonalAddress, "NUM098": record.PersonalAddress,
	"NUM099": record.PersonalAddress, "NUM364": record.PersonalAddress,
	"DAT006": record.PersonalBirthDate, "DAT264": record.PersonalBirthDate,
	"COD316": record.PersonalID,   // debiteurnummer: identifies the person who pays
	"COD038": record.PersonalID,   // the patiëntnummer, as the transcribed layouts give its element
	"NUM008": record.PersonalID,   // bankrekeningnummer
	"OMS016": record.PersonalText, // vrije tekst (98 commentaarrecord): may hold anything
}

// personalOf derives whether an imported field holds personal data: from its data element,
// or, for layouts without element codes, from its name.
func personalOf(f *record.Field) record.Personal {
	elem, _, _ := strings.Cut(f.Element, "-")
	if p, ok := personalElements[elem]; ok {
		return p
	}
	if f.Element != "" {
		return record.NotPersonal
	}
	n := f.Name
	switch {
	case strings.Contains(n, "BURGERSERVICENUMMER"):
		return record.PersonalBSN
	case strings.Contains(n, "GEBOORTE"):
		return record.PersonalBirthDate
	case strings.HasPrefix(n, "NAAM ") || strings.HasPrefix(n, "VOORLETTERS") || strings.HasPrefix(n, "VOORVOEGSEL"):
		return record.PersonalName
	case strings.Contains(n, "HUISNUMMER") || strings.Contains(n, "POSTCODE") || strings.Contains(n, "STRAAT") ||
		strings.Contains(n, "WOONPLAATS") || strings.Contains(n, "ADRES") || strings.Contains(n, "TELEFOON"):
		return record.PersonalAddress
	}
	return record.NotPersonal
}
