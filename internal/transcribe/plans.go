package transcribe

// Plan says what the converter needs to know about one transcribed standard version that
// the transcription does not say: its name, the declaration it answers, and the official
// standards it is completed from and compared with.
type Plan struct {
	ID         string   // standard and version, e.g. "PM305@3.2"
	Name       string   // standard name (the transcription has none)
	NameSource string   // where the name comes from
	Answers    string   // for a return standard: code of the declaration standard
	References []string // official standards, in order of preference
	Note       string   // more to say in the notes (Markdown)
}

// The official standards of the 2007 generation, declarations and returns, in order of
// preference as references for the generic records.
var (
	declRefs   = []string{"MZ301@1.3", "EP301@1.2", "AP304@7.2", "AW319@1.4", "ZH308@9.0"}
	returnRefs = []string{"MZ302@1.3", "EP302@1.2", "AP305@7.2"}
)

func refs(first ...string) []string {
	out := append([]string{}, first...)
	for _, r := range declRefs {
		if !contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sb311Note explains how the generic debiteurrecord is represented.
const sb311Note = `## How SB311 is represented

SB311 is not a message but the generic *debiteurrecord bij declaratieberichten*: the layout of
record 03 that declaration standards of the IBAN era share (AP304 8.0 has it field for field, up to
0330, plus its own EXTRA ADRESREGEL). No file starts with an SB311 voorlooprecord.

It is kept as a spec of its own, with the standard code SB311, the version of the transcription and
only record 03, so that it is generated into a package (` + "`ei/standards/sb311v10`, `sb311v20`" + `) with
the typed Debiteurrecord, is listed in the registry and by ` + "`zorgcheck describe`" + `, and can be compared
field by field with the 03 record of any declaration (the transcription checks do so). The
alternatives were worse: folding it into each declaration loses the shared layout, and a Markdown
table is not checked or generated.

The transcription gives it a message number (901 for 1.0, 902 for 2.0), but COD002 has no code
for it and no file starts with an SB311 voorlooprecord: the spec has no EI message code, so the
registry can look it up by code and version but will never recognise a file as SB311.
`

// Plans returns the plan of every standard version the converter transcribes.
func Plans() []Plan {
	const cod002 = "COD002 (Vektis), description of the EI code"
	return []Plan{
		{ID: "AP304@8.0", Name: "DECLARATIE FARMACEUTISCHE HULP EN/OF HULPMIDDELEN", NameSource: cod002 + " 193",
			References: refs("AP304@7.2")},
		{ID: "AW319@1.3", Name: "DECLARATIE WLZ/AWBZ-ZORG", NameSource: cod002 + " 187",
			References: refs("AW319@1.4")},
		{ID: "AW320@1.3", Name: "RETOURINFORMATIE DECLARATIE WLZ/AWBZ-ZORG", NameSource: cod002 + " 188",
			Answers: "AW319", References: returnRefs},
		{ID: "HA304@4.2", Name: "DECLARATIE HUISARTSENHULP", NameSource: cod002 + " 112",
			References: refs()},
		{ID: "HA305@4.2", Name: "RETOURINFORMATIE DECLARATIE HUISARTSENHULP", NameSource: cod002 + " 113",
			Answers: "HA304", References: returnRefs,
			Note: "## HA305 differs from the return pattern\n\nHA305 (380 positions) does not append the usual return part " +
				"(retourcodes 01-03) but its own: CODE VERWERKING (COD027) and three sets of FOUT RUBRIEKNUMMER, FOUTCODE and " +
				"INDICATIE RUBRIEK GEWIJZIGD, and in record 04 the TOEGEKEND BEDRAG with its D/C. The declaration part still repeats " +
				"HA304 4.2 field for field (checked).\n"},
		{ID: "LH307@5.2", Name: "DECLARATIE HULPMIDDELEN", NameSource: cod002 + " 110",
			References: refs("AP304@7.2")},
		{ID: "LH308@5.2", Name: "RETOURINFORMATIE DECLARATIE HULPMIDDELEN", NameSource: cod002 + " 111",
			Answers: "LH307", References: []string{"AP305@7.2", "MZ302@1.3", "EP302@1.2"}},
		{ID: "OS301@1.0", Name: "DECLARATIE ZORG OVERIGE SECTOREN", NameSource: cod002 + " 185",
			References: refs()},
		{ID: "OS302@1.0", Name: "RETOURINFORMATIE DECLARATIE ZORG OVERIGE SECTOREN", NameSource: cod002 + " 186",
			Answers: "OS301", References: returnRefs},
		{ID: "PM304@3.2", Name: "DECLARATIE PARAMEDISCHE HULP", NameSource: cod002 + " 107",
			References: refs()},
		{ID: "PM305@3.2", Name: "RETOURINFORMATIE DECLARATIE PARAMEDISCHE HULP", NameSource: cod002 + " 108",
			Answers: "PM304", References: returnRefs},
		{ID: "VK301@2.2", Name: "DECLARATIE VERLOSKUNDE", NameSource: cod002 + " 141",
			References: refs()},
		{ID: "VK302@2.2", Name: "RETOURINFORMATIE DECLARATIE VERLOSKUNDE", NameSource: cod002 + " 142",
			Answers: "VK301", References: returnRefs},
		{ID: "ZH308@8.0", Name: "DECLARATIE DBC/ZIEKENHUISZORG", NameSource: "the official BER of ZH308 9.0 (Vektis), without its \"(FINAAL CONCEPT)\"",
			References: refs("ZH308@9.0")},
		{ID: "ZH309@8.0", Name: "RETOURINFORMATIE DECLARATIE DBC/ZIEKENHUISZORG", NameSource: "the name of ZH308 with the prefix of every return standard",
			Answers: "ZH308", References: returnRefs},
		{ID: "SB311@1.0", Name: "DEBITEURRECORD BIJ DECLARATIEBERICHTEN", NameSource: "the description in the olmeca layout (sb311-types.json)",
			References: refs(), Note: sb311Note},
		{ID: "SB311@2.0", Name: "DEBITEURRECORD BIJ DECLARATIEBERICHTEN", NameSource: "the description in the olmeca layout (sb311-types.json)",
			References: refs(), Note: sb311Note},
	}
}
