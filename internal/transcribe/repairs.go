package transcribe

// Op is what a repair does to the rows of a transcription.
type Op string

// The repairs the converter knows. Each changes exactly one thing, and says so in the notes.
const (
	OpDrop        Op = "drop"         // drop the row (Record, Field, At)
	OpDropRepeats Op = "drop-repeats" // drop the rows of Record that repeat an earlier row exactly
	OpStart       Op = "start"        // set the start position; the end follows from the length
	OpLength      Op = "length"       // set the length; the end follows from the start
	OpType        Op = "type"         // set the type (N or AN)
	OpName        Op = "name"         // set the field name
	OpElement     Op = "element"      // set the element code ("" when none is known)
	OpRecordName  Op = "record-name"  // set the name of record type Record
	OpRecordOrder Op = "record-order" // list the record types in file order (01, 02, 03, 04, ..., 98, 99)
)

// Repair is one correction of a transcription, with the reason for it. A repair must
// change something: one that no longer applies is an error, so that the list stays true.
type Repair struct {
	ID     string // standard and version, e.g. "PM305@3.2"
	Record string // record code
	Field  string // field number; "" for the operations on a whole record
	At     int    // transcribed start position, to tell apart rows with the same field number; 0 when unique
	Op     Op
	Value  string // the new value
	Reason string
}

// Acceptance judges a finding of the checks that is not repaired: a difference between
// versions or standards that the facts explain, or a doubt the facts cannot settle. Every
// finding must be repaired or judged; an acceptance that judges nothing is an error.
type Acceptance struct {
	ID     string // standard and version
	Check  string // the check that finds it (see Finding.Check); "" for any
	Record string // "" for any record
	Field  string // "" for any field of the record
	Reason string
}

const (
	returnPattern = "Return pattern (DOMAIN.md §4): a return record repeats its declaration record " +
		"field for field and appends the return part at positions 311-370."
	whyDropRepeats = "The flat file lists every field of this record twice (a flattening artefact: the " +
		"olmeca JSON layout sb311-types.json lists each field once); the repeated rows overlap the first ones."
)

// Repairs returns the repairs of the known defects of the olmeca transcription. Each was
// found by the checks of this package (consistency, return pattern, generic records,
// element codes) and is explained by the facts named in its reason.
func Repairs() []Repair {
	return []Repair{
		// PM305 3.2 record 03: DOMAIN.md §9.
		{ID: "PM305@3.2", Record: "03", Field: "0380", At: 311, Op: OpDrop,
			Reason: "The reserve 0380 is listed twice (298-310 and 311-323), which makes record 03 383 positions long. " +
				"The declaration part of record 03 ends with one reserve at 298-310, as in PM304 3.2 and in the 03 record of every return of the generation."},
		{ID: "PM305@3.2", Record: "03", Field: "0396", Op: OpStart, Value: "311",
			Reason: "Shifted by the repeated reserve. " + returnPattern + " RETOURCODE (01) of record 03 is at 311-314 in MZ302, EP302 and AP305 (official) and in every other transcribed return."},
		{ID: "PM305@3.2", Record: "03", Field: "0397", Op: OpStart, Value: "315",
			Reason: "Follows 0396 (311-314). Same pattern: RETOURCODE (02) at 315-318."},
		{ID: "PM305@3.2", Record: "03", Field: "0398", Op: OpStart, Value: "319",
			Reason: "Follows 0397 (315-318). Same pattern: RETOURCODE (03) at 319-322."},
		{ID: "PM305@3.2", Record: "03", Field: "0399", Op: OpStart, Value: "323",
			Reason: "Follows 0398 (319-322): the final reserve, 48 positions as transcribed, fills 323-370, as in the 03 record of every return of the generation."},

		// VK302 2.2 record 99: DOMAIN.md §9.
		{ID: "VK302@2.2", Record: "99", Field: "9980", Op: OpStart, Value: "58",
			Reason: "The reserve starts at 46, inside TOTAAL TOEGEKEND BEDRAG (9909, 46-56) and its D/C (9910, 57), and ends at 358, leaving 359-370 to no field: " +
				"its start was copied from the declaration's sluitrecord (VK301 9980 at 46). In every return sluitrecord the reserve follows 9910 and fills 58-370, which its transcribed length (313) does exactly."},

		// SB311 1.0 and 2.0: DOMAIN.md §9.
		{ID: "SB311@1.0", Record: "03", Op: OpDropRepeats, Reason: whyDropRepeats},
		{ID: "SB311@1.0", Record: "03", Field: "0380", Op: OpLength, Value: "11",
			Reason: "The final reserve has length 0 (300-299): the record then ends at 299, not at its record length 310. The reserve fills 300-310 (11 positions), as the reserve closes every EI record."},
		{ID: "SB311@2.0", Record: "03", Op: OpDropRepeats, Reason: whyDropRepeats},
		{ID: "SB311@2.0", Record: "03", Field: "0380", Op: OpLength, Value: "2",
			Reason: "The final reserve has length 0 (309-308): the record then ends at 308, not at its record length 310. The reserve fills 309-310 (2 positions)."},

		// AP304 8.0.
		{ID: "AP304@8.0", Op: OpRecordOrder,
			Reason: "The transcription lists the debiteurrecord (03) after the sluitrecord; every BER lists the record types in file order (01, 02, 03, 04, 98, 99)."},
		{ID: "AP304@8.0", Record: "03", Op: OpRecordName, Value: "DEBITEURRECORD",
			Reason: "The transcription names record 03 \"DebiteurenenRecord\", a typing error: every BER and every other transcribed layout name it DEBITEURRECORD, and the sluitrecord counts it as AANTAL DEBITEURRECORDS."},
		{ID: "AP304@8.0", Record: "03", Field: "0329", Op: OpElement, Value: "DAT320",
			Reason: "FAM001 is not a Vektis element code (no BER has the prefix FAM). The generic debiteurrecord SB311 2.0 has this field at the same position, length and type as DAT320, a date."},
		{ID: "AP304@8.0", Record: "03", Field: "0329", Op: OpName, Value: "MACHTIGINGSDATUM AUTOMATISCHE INCASSO",
			Reason: "The name of the field in the generic debiteurrecord SB311 2.0 (same number, position, length and type)."},
		{ID: "AP304@8.0", Record: "03", Field: "0330", Op: OpElement, Value: "COD655",
			Reason: "FAM002 is not a Vektis element code. The generic debiteurrecord SB311 2.0 has FACTURATIEVORM at the same position, length and type as COD655, whose Vektis code list (D digitaal, P papier) is the facturatievorm."},
		{ID: "AP304@8.0", Record: "03", Field: "0331", Op: OpElement, Value: "",
			Reason: "FAM003 is not a Vektis element code, and no BER or generic record at hand has EXTRA ADRESREGEL: the element code is left empty rather than guessed."},

		// LH307/LH308 5.2 record 04 field 0411: found by the return pattern check.
		{ID: "LH307@5.2", Record: "04", Field: "0411", Op: OpType, Value: "N",
			Reason: "PRESTATIECODE (GPH) is AN in the declaration LH307 and N in the return LH308, which must repeat it. The field is Vektis data element COD860-VEKT, " +
				"which Vektis defines as N 12 and uses for field 0411 of both LH307 5.2 and LH308 5.2: the declaration's transcription is the one that is wrong, and the return's N is kept."},
	}
}

// Decision records a fact the transcription leaves open that was settled from the evidence
// at hand, and how: it changes nothing, it says why the completed layout is as it is. A
// decision whose field no longer has the obligation it names is an error.
type Decision struct {
	ID         string // standard and version
	Record     string
	Field      string
	Obligation string // the obligation the completed layout has and the decision keeps
	Reason     string
}

// Decisions returns the decisions on facts the transcriptions leave open.
func Decisions() []Decision {
	return []Decision{
		{ID: "AP304@8.0", Record: "02", Field: "0219", Obligation: "M",
			Reason: "HUISNUMMER (HUISADRES) VERZEKERDE is M, taken from the same field of the official BER AP304 7.2 (M, no condition). " +
				"The transcription marks no obligation for any field, so its silence is no evidence against M. Of the official BERs at hand, AP304 7.2, " +
				"MZ301 1.3, EP301 1.2 and EI181 1.1 and 2.0 have M; ZH308 9.0 has C without a condition, and GZ321 1.0 and AW319 1.4 have C, \"verplicht vullen tenzij de verzekerde geen officieel huisnummer heeft; " +
				"in dat geval vullen met nullen\". The two say the same for a file: the validator takes zeros (00000) as a value of every numeric HUISNUMMER, " +
				"so M rejects no file that C would accept. Kept M; the same holds for 0316 of the debiteurrecord."},
	}
}

// Acceptances returns the judgements of the findings that are not repaired.
func Acceptances() []Acceptance {
	const (
		patientNumber = "PATIENT(IDENTIFICATIE)NUMMER has element COD038 here (and in the return of the same standard), NUM366 in the official BERs of the generation. " +
			"Not repaired: the transcriber gives COD038 consistently for this standard and its return, an older element code is possible, and the element code does not change the layout or the Go type (AN text)."
		returnSluitNames = "The sluitrecord of a return counts the records returned; the official returns (MZ302, EP302, AP305) name these fields \"... RETOUR\" and the ingediend/toegekend totals with (01)/(02). " +
			"The transcription uses the names of the declaration's sluitrecord for some of them, and some transcribed returns number the reserve 9980 (the declaration's number) where the official returns have 9999. " +
			"Not repaired: names and the number of the reserve are not layout, and the roles of the fields (counts, totals, signs) are the same either way."
	)
	const (
		lh02 = "The verzekerdenrecord of LH307 5.2 has no VERZEKERDENREGISTRATIE BIJ ZORGVERLENER (AP304 7.2 field 0222, AN1 at 170): " +
			"DEBITEURNUMMER and INDICATIE CLIENT OVERLEDEN follow at 170 and 181 as 0222 and 0223, and the reserve is one position longer. " +
			"The record is contiguous and adds up to 310, and the return LH308 repeats it exactly: a difference between the standards, not a defect the facts show."
		pm02 = "The verzekerdenrecord of PM304 3.2 ends with DEBITEURNUMMER (0222, 170-180); it has no INDICATIE CLIENT OVERLEDEN (MZ301 1.3 field 0223, at 181), " +
			"and the reserve is one position longer. The record is contiguous and adds up to 310, and the return PM305 repeats it exactly: " +
			"a difference between the standards, not a defect the facts show."
		sbJSON = "The JSON layout of the same transcriber has the same zero-length reserve: it confirms the transcription, not the length. The repair stands."
	)
	return []Acceptance{
		// Generic records of newer or older generations than the reference.
		{ID: "AP304@8.0", Check: "generic", Record: "01", Reason: "Version 8.0 has records of 360 positions (7.2: 310): the reserves are longer."},
		{ID: "AP304@8.0", Check: "generic", Record: "02", Reason: "Version 8.0 has records of 360 positions (7.2: 310): the reserves are longer."},
		{ID: "AP304@8.0", Check: "generic", Record: "98", Reason: "Version 8.0 has records of 360 positions (7.2: 310): the reserves are longer."},
		{ID: "AP304@8.0", Check: "generic", Record: "99", Reason: "Version 8.0 has records of 360 positions (7.2: 310): the reserves are longer."},
		{ID: "AP304@8.0", Check: "generic", Record: "03", Reason: "Version 8.0 uses the newer debiteurrecord (IBAN, code incasso, versienummer debiteurrecord, machtigingsdatum, facturatievorm) of the generic record SB311 2.0, field for field up to 0330, plus EXTRA ADRESREGEL; version 7.2 has the 2007 debiteurrecord (bankrekeningnummer)."},
		{ID: "AW320@1.3", Check: "generic", Record: "99", Reason: returnSluitNames + " The element codes of the counts (ANT085-ANT265) are the declaration's; the official returns use ANT267-ANT271. Not repaired either: no effect on layout or types."},
		{ID: "ZH308@8.0", Check: "generic", Reason: "Version 8.0 has records of 570 positions (9.0: 610), its own sluitrecord (with AANTAL TARIEFRECORDS) and field order; the generic records differ from 9.0 in reserves and in the numbering of the sluitrecord."},
		{ID: "ZH309@8.0", Check: "generic", Reason: "ZH309 has records of 630 positions (570 + 60) and a sluitrecord with the tarief count: positions of the return part and reserves differ from the 310/370 returns of the reference; the return pattern itself holds (checked against ZH308 8.0)."},
		{ID: "SB311@1.0", Check: "generic", Reason: "SB311 is the newer generic debiteurrecord (IBAN of 34, e-mail of 50, code incasso, versienummer debiteurrecord); the references have the 2007 debiteurrecord (bankrekeningnummer N16, e-mail of 70)."},
		{ID: "SB311@2.0", Check: "generic", Reason: "SB311 is the newer generic debiteurrecord (IBAN of 34, e-mail of 50, code incasso, versienummer debiteurrecord, machtigingsdatum, facturatievorm); the references have the 2007 debiteurrecord."},

		// The second transcription of SB311 has the same defect.
		{ID: "SB311@1.0", Check: "source", Record: "03", Field: "0380", Reason: sbJSON},
		{ID: "SB311@2.0", Check: "source", Record: "03", Field: "0380", Reason: sbJSON},

		// HA305 has its own return part (DOMAIN.md §4: "HA305 differs").
		{ID: "HA305@4.2", Check: "generic", Reason: "HA305 has its own return part (DOMAIN.md §4): code verwerking and three sets of fout rubrieknummer / foutcode / indicatie rubriek gewijzigd instead of retourcodes, and records of 380 positions. The declaration part agrees with HA304 (return pattern check)."},

		// PATIENT(IDENTIFICATIE)NUMMER.
		{ID: "LH307@5.2", Check: "generic", Record: "02", Field: "0206", Reason: patientNumber},
		{ID: "PM304@3.2", Check: "generic", Record: "02", Field: "0206", Reason: patientNumber},
		{ID: "VK301@2.2", Check: "generic", Record: "02", Field: "0206", Reason: patientNumber},

		// Verzekerdenrecords with a field less than the reference.
		{ID: "LH307@5.2", Check: "generic", Record: "02", Reason: lh02},
		{ID: "PM304@3.2", Check: "generic", Record: "02", Reason: pm02},

		// Names in the sluitrecord of returns.
		{ID: "LH308@5.2", Check: "generic", Record: "99", Reason: returnSluitNames},
		{ID: "PM305@3.2", Check: "generic", Record: "99", Reason: returnSluitNames},
		{ID: "VK302@2.2", Check: "generic", Record: "99", Reason: returnSluitNames},
		{ID: "OS302@1.0", Check: "generic", Record: "99", Reason: returnSluitNames},
	}
}
