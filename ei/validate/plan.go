package validate

import (
	"regexp"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// A plan is a standard compiled for validation: per record type the checks of every field
// (N3, N4) and the fields the relations (N5) need. A plan is read-only once built: the
// goroutines of a parallel run share one, and validations share the plan of a standard
// with the built-in field rules (planFor).
type plan struct {
	// std is the standard compiled, held weakly: a plan shared through plans must not keep
	// its standard alive (planFor).
	std      weak.Pointer[record.Standard]
	isReturn bool                 // std.IsReturn()
	fields   map[string]FieldRule // the rule sets' narrowing of the field checks, by number
	byCode   [100]*layoutPlan     // by record code "00" … "99"
	layouts  []*layoutPlan
	has02    bool
	has04    bool
	// detailCodes are the record types counted as detail records (all but 01 and 99).
	detailCodes []string
}

type agbKind uint8

const (
	agbNone agbKind = iota
	agbAny          // an AGB code (record.RoleAGB): zorgverlenerssoort (2) + nummer (6)
	agbServicebureau
)

type fieldPlan struct {
	f           *record.Field
	start, end  int // 0-based, end exclusive
	numeric     bool
	mandatory   bool
	required    bool // conditional, but checked as mandatory (FieldRule.Required)
	requiredWhy string
	reserve     bool
	date        bool
	kenmerk     bool
	zeroOK      bool // all zeros is a value, not "not filled"
	list        *codeList
	listName    string
	allowed     map[string]bool // narrower than the list, from the BER's constraint text
	allowedWhy  string
	agb         agbKind
	bsn         bool
	nameZeros   bool // a name: not only zeros
	btw         bool
	notFuture   bool
	pattern     string // NNNNAA and the like, for non-date fields
	regex       *regexp.Regexp
	retour      string // the field's own return code, "" when it has none
	// codes answers checkAllowed for an N field without the map: the numbers allowed (or
	// in the list), a bit each, when all of them are below numSetLimit; nil otherwise.
	codes numSet
	// plain: an N field that is checked for its digits and zeros only (no date, value
	// list, AGB, BSN or regular expression), or an AN field checked for its characters,
	// its filling and its leading space only (no pattern, value list, name, BTW, regular
	// expression, reserve); checkFields passes such a field that holds a value without a
	// call.
	plain bool
	// The checks checkFields passes in one step for a field holding digits, not only
	// zeros, when the field has no other check (each set only then):
	//   - codesOnly: an N field whose one check is its value list or code list, as bits
	//     (codes): a number in the set is right as it is;
	//   - agbOnly: an N field whose one check is that it is an AGB code (agbAny): one with
	//     a zorgverlenerssoort and a number is right as it is;
	//   - bsnOnly: an N field whose one check is the elfproef of a BSN.
	codesOnly, agbOnly, bsnOnly bool
	// oneByte: for an AN field of one position whose only checks are its characters, its
	// filling and its value list or code list, the bytes that pass all of them (printable,
	// not a space, in the list); nil otherwise.
	oneByte *byteSet
}

// byteSet is a set of bytes, a bit each.
type byteSet [4]uint64

func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }

// numSetLimit bounds the numbers a numSet holds: 8 KiB a field at most.
const numSetLimit = 1 << 16

// numSet is a set of numbers below numSetLimit, a bit each.
type numSet []uint64

// newNumSet returns the set of the numbers of keys (digits without leading zeros, as
// normalise writes them; other keys cannot match a field of digits and are left out), or
// nil when one of them is not below numSetLimit.
func newNumSet(keys func(yield func(string) bool)) numSet {
	var nums []int
	hi := 0
	for k := range keys {
		if !isDigits(k) {
			continue
		}
		if len(k) > 5 {
			return nil
		}
		n := int(digitsValue(k))
		if n >= numSetLimit {
			return nil
		}
		nums = append(nums, n)
		hi = max(hi, n)
	}
	s := make(numSet, hi/64+1)
	for _, n := range nums {
		s[n/64] |= 1 << (n % 64)
	}
	return s
}

// has reports whether the number v (digits, leading zeros allowed) is in the set.
func (s numSet) has(v string) bool {
	n := 0
	for i := 0; i < len(v); i++ {
		if n = n*10 + int(v[i]-'0'); n >= numSetLimit {
			return false
		}
	}
	return n>>6 < len(s) && s[n>>6]&(1<<(n&63)) != 0
}

type layoutPlan struct {
	lay    *record.Layout
	code   string
	fields []fieldPlan
	// ops are the field checks of checkFields compiled (compileOps): one small op per field
	// but the kenmerk, in field order.
	ops []fieldOp
	// numWords, textWords, codeWords and dateWords are the ops of kind opNumber, opText,
	// opCodes and opDate read as one word, oneBytes those of kind opOneByte (and the lists
	// below), and rest the other ops, each in field order: checkFields runs each in a loop of its own, which
	// decides a field in fewer steps than the loop over every kind, and takes the full
	// checks of the fields that do not pass afterwards, in field order (a bit per field).
	// Set (split) for a layout of at most 64 fields that has ops.
	// numWords2 and textWords2 hold the ops of kind opNumber and opText read as two
	// words, textLong those of kind opText read byte by byte, agbWords those of kind opAGB,
	// names those of kind opName, others those of kind opOther, bsnWords those of kind
	// opBSN read as two words, numerics those of kind opNumeric read as one word.
	split                          bool
	numWords, textWords            []wordOp
	numWords2, textWords2          []wordOp
	textLong, agbWords, others     []wordOp
	names, bsnWords, numerics      []wordOp
	codeWords, dateWords, oneBytes []fieldOp
	rest                           []fieldOp
	// dateSlot is the layout's slot in a dateCache.
	dateSlot uint8
	// textMask has a bit for every AN field below 64: checkFields notes them well-formed
	// (Record.wf) at once, whatever they hold.
	textMask uint64
	// spans are the fields' positions (fieldPlan start and end), apart: Record.raw reads
	// them for every field a rule asks for.
	spans []span
	index map[string]int // field number → index
	// seq finds fields numbered <code><NN> ("0403" in record 04) without the map: index+1
	// by NN, 0 when none.
	seq [100]int16
	// ownKey is the record code's two bytes as a number (code[0] | code[1]<<8), which the
	// first two bytes of a field number of the record's own type equal; 0 for a code that
	// is not two digits.
	ownKey uint16
	// codeNum is the record code as a number (codeIndex), -1 for a code that is not two
	// digits: the Record hooks of the record type are looked up by it.
	codeNum int8
	// specificity: positions whose content the layout constrains (N fields, reserve); used
	// to tell which layout a record with a wrong kenmerk fits best.
	specificity int

	idField  int   // identificatie detailrecord, -1
	dc       []int // indicatie debet/credit fields
	refSelf  int   // referentienummer dit …record, -1
	refPrev  int   // referentienummer voorgaande gerelateerde …record, -1
	declared []int // declaratiebedrag fields (RoleDeclared)
	parent   string
	keys     []keyPair   // fields equal to the parent record's
	ranges   [][2]int    // begin ≤ end pairs within the record
	careDate []int       // dates of care (not repeated from the parent): not after the invoice date or the end of the period
	uzovi    []int       // N fields of a UZOVI-nummer (element COD061), checked against the register
	counts   []countPlan // 99: counts and totals
	// address: POSTCODE (HUISADRES), POSTCODE BUITENLAND, CODE LAND of a 02 or 03; -1
	postcode, postcodeAbroad, land int
	// 02: BSN, verzekerdennummer, naamcode (02), naam (02); -1
	bsn, vnr, naamcode2, naam2 int
}

// span is a field's positions in its record: 0-based, end exclusive.
type span struct{ start, end int32 }

type keyPair struct{ child, parent int }

type countPlan struct {
	field  int
	kind   countKind
	counts string // record code counted
}

type countKind uint8

const (
	countRecords countKind = iota + 1
	countAbsent            // count of a record type the standard does not have: 0
	countDetails
	countTotal
	countAllowed
)

func (p *plan) layout(code string) *layoutPlan {
	if len(code) != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return nil
	}
	return p.byCode[int(code[0]-'0')*10+int(code[1]-'0')]
}

// compile compiles std with the field rules of its built-in rule sets.
func compile(std *record.Standard) *plan {
	return compileFields(std, selectRules(std, &Options{}).fields)
}

// plans holds, per standard, its plan with the field rules of the built-in rule sets: what
// every validation uses whose options bring no field rules of their own. Compiling a
// standard takes about as long as validating a file of ten kilobytes (GZ321: 0.2 ms and
// 0.3 MB), which a validation of a small file would otherwise spend each time.
//
// It is a cache, not state: a plan is a function of its standard (which does not change)
// and the built-in rule sets (fixed in the code), and is read-only; what a validation
// finds does not depend on whether its plan came from here. The standards are held
// weakly: the plan of a standard built at run time goes when the standard does.
var plans sync.Map // weak.Pointer[record.Standard] → *plan

// planFor returns the plan of std for a validation that selected sel.
func planFor(std *record.Standard, sel *selection) *plan {
	if sel.ownFields {
		return compileFields(std, sel.fields)
	}
	key := weak.Make(std)
	if p, ok := plans.Load(key); ok {
		return p.(*plan)
	}
	p, loaded := plans.LoadOrStore(key, compileFields(std, sel.fields))
	if !loaded {
		runtime.AddCleanup(std, func(key weak.Pointer[record.Standard]) { plans.Delete(key) }, key)
	}
	return p.(*plan)
}

func compileFields(std *record.Standard, fields map[string]FieldRule) *plan {
	p := &plan{std: weak.Make(std), isReturn: std.IsReturn(), fields: fields}
	for _, l := range std.Records() {
		lp := compileLayout(p, l)
		lp.dateSlot = uint8(len(p.layouts) % dateSlots)
		p.layouts = append(p.layouts, lp)
		if code := lp.code; len(code) == 2 && isDigits(code) {
			p.byCode[int(code[0]-'0')*10+int(code[1]-'0')] = lp
		}
		switch l.Code() {
		case record.CodeVerzekerde:
			p.has02 = true
		case record.CodePrestatie:
			p.has04 = true
		}
		if l.Code() != record.CodeVoorloop && l.Code() != record.CodeSluit {
			p.detailCodes = append(p.detailCodes, l.Code())
		}
	}
	for _, lp := range p.layouts {
		relate(p, lp)
	}
	return p
}

func compileLayout(p *plan, l *record.Layout) *layoutPlan {
	lp := &layoutPlan{lay: l, code: l.Code(), index: map[string]int{}, idField: -1, refSelf: -1, refPrev: -1,
		postcode: -1, postcodeAbroad: -1, land: -1, bsn: -1, vnr: -1, naamcode2: -1, naam2: -1, codeNum: -1}
	if c := lp.code; len(c) == 2 && isDigits(c) {
		lp.ownKey = uint16(c[0]) | uint16(c[1])<<8
	}
	if n, ok := codeIndex(lp.code); ok {
		lp.codeNum = int8(n)
	}
	for i, f := range l.Fields() {
		f := &f
		fp := fieldPlan{f: f, start: f.Start - 1, end: f.End, numeric: f.Type == record.Numeric,
			mandatory: f.Obligation == record.Mandatory, reserve: f.Obligation == record.Reserve,
			date: f.Kind == record.KindDate, kenmerk: i == 0}
		lp.index[f.Number] = i
		if n := f.Number; len(n) == 4 && n[:2] == l.Code() && isDigits(n[2:]) && i < 1<<15-1 {
			lp.seq[int(n[2]-'0')*10+int(n[3]-'0')] = int16(i + 1)
		}
		if fp.numeric || fp.reserve {
			lp.specificity += f.Length
		}
		elem, _, _ := strings.Cut(f.Element, "-")
		switch {
		case strings.HasSuffix(f.ValueList, "-DBCO"):
			// Lists of DBC-Onderhoud (afsluitreden, beroep, activiteit, diagnose) change
			// every year; the snapshot the validator has (2019) does not hold the codes of
			// other years, so these are not checked.
		case f.ValueList != "":
			fp.list, fp.listName = lookupList(f.ValueList), f.ValueList
		case strings.HasPrefix(elem, "COD") && elementLists[elem]:
			fp.list, fp.listName = lookupList(elem), elem
		}
		fr := p.fields[f.Number]
		a, ok := allowedValues{fr.Allowed, fr.Why}, fr.Allowed != ""
		if !ok {
			a, ok = commonAllowed[l.Code()+"|"+elem]
		}
		if ok {
			fp.allowed = map[string]bool{}
			for _, v := range strings.Fields(a.values) {
				if v == "-" {
					v = ""
				}
				fp.allowed[normalise(v, fp.numeric)] = true
			}
			fp.allowedWhy = a.why
		} else if l.Code() == record.CodeVoorloop && elem == elemBetalingAan {
			// COD833 also has 99 (onbekend); the field refers to one of 0109-0112.
			fp.allowed = map[string]bool{"1": true, "2": true, "3": true, "4": true}
			fp.allowedWhy = "it refers to one of the fields 0109 to 0112 (01 to 04)"
		}
		switch {
		case f.Kind == record.KindAmount, f.Role == record.RoleCount, f.Role == record.RoleDetailCount,
			f.Personal == record.PersonalAddress && fp.numeric, // a house number: "vullen met nullen (00000)" without one
			fr.ZeroOK:
			fp.zeroOK = true
		case fp.allowed != nil:
			fp.zeroOK = fp.allowed["0"] || fp.allowed[""]
		}
		if fr.Required != "" {
			fp.required, fp.requiredWhy = true, fr.Required
		} else if l.Code() == record.CodeVoorloop && elem == elemUZOVI && !p.isReturn {
			// 0108: "verplicht vullen als de declaratie naar een zorgverzekeraar gaat": a file
			// that goes through VECOZO goes to the insurer named here.
			fp.required, fp.requiredWhy = true, "a declaration sent through VECOZO goes to the insurer named here"
		}
		if fp.numeric && f.Length == 8 && !fp.date {
			switch {
			case l.Code() == record.CodeVoorloop && elem == elemServicebureau:
				fp.agb = agbServicebureau
			case f.Role == record.RoleAGB:
				fp.agb = agbAny
			}
		}
		fp.bsn = fp.numeric && f.Length == 9 && roleOf(f) == roleBSN
		fp.nameZeros = !fp.numeric && strings.HasPrefix(elem, "NAM")
		fp.btw = !fp.numeric && elem == elemBTW
		fp.notFuture = fp.date && (notFutureElements[elem] || fr.NotFuture)
		if !fp.date && f.Pattern != "" && len(f.Pattern) == f.Length && strings.Trim(f.Pattern, "N") != "" {
			fp.pattern = f.Pattern
		}
		if f.Regex != "" {
			switch lits := regexLiterals(f.Regex); {
			case i == 0:
			case lits != nil && fp.allowed == nil:
				// A regular expression that lists the values ("1|2", "[01234]") is a value list.
				fp.allowed = map[string]bool{}
				for _, v := range lits {
					fp.allowed[normalise(v, fp.numeric)] = true
				}
				fp.allowedWhy = "the BER's regular expression allows " + strings.Join(lits, ", ")
				fp.zeroOK = fp.zeroOK || fp.allowed["0"]
			case lits == nil:
				// Expressions Go cannot compile (look-ahead) are left out; the checks of type,
				// leading space and value lists cover most of what they say.
				if re, err := regexp.Compile(`^(?:` + f.Regex + `)$`); err == nil {
					fp.regex = re
				}
			}
		}
		fp.retour = f.Retourcode // the spec file's retourcode column
		if fp.numeric {
			switch {
			case fp.allowed != nil:
				fp.codes = newNumSet(func(yield func(string) bool) {
					for k := range fp.allowed {
						if !yield(k) {
							return
						}
					}
				})
			case fp.list != nil:
				fp.codes = newNumSet(func(yield func(string) bool) {
					for k := range fp.list.number {
						if !yield(k) {
							return
						}
					}
				})
			}
			fp.plain = !fp.date && fp.allowed == nil && fp.list == nil && fp.agb == agbNone && !fp.bsn && fp.regex == nil
			only := !fp.date && fp.regex == nil
			fp.codesOnly = only && fp.codes != nil && fp.agb == agbNone && !fp.bsn
			fp.agbOnly = only && fp.agb == agbAny && fp.allowed == nil && fp.list == nil && !fp.bsn
			fp.bsnOnly = only && fp.bsn && fp.allowed == nil && fp.list == nil && fp.agb == agbNone
		} else {
			fp.plain = !fp.reserve && fp.pattern == "" && fp.allowed == nil && fp.list == nil && !fp.nameZeros && !fp.btw && fp.regex == nil
			if f.Length == 1 && !fp.reserve && fp.pattern == "" && (fp.allowed != nil || fp.list != nil) && !fp.nameZeros && !fp.btw && fp.regex == nil {
				fp.oneByte = oneByteCodes(&fp)
			}
		}
		lp.fields = append(lp.fields, fp)
		lp.spans = append(lp.spans, span{int32(fp.start), int32(fp.end)})
		if !fp.numeric && i < 64 {
			lp.textMask |= 1 << i
		}

		switch roleOf(f) {
		case roleDetailID:
			lp.idField = i
		case roleSign:
			lp.dc = append(lp.dc, i)
		case roleReference:
			lp.refSelf = i
		case roleCreditRef:
			lp.refPrev = i
		case roleDeclared:
			lp.declared = append(lp.declared, i)
		case rolePostcode:
			lp.postcode = i
		case rolePostcodeAbroad:
			lp.postcodeAbroad = i
		case roleCountry:
			lp.land = i
		case roleBSN:
			if l.Code() == record.CodeVerzekerde {
				lp.bsn = i
			}
		case roleInsuredNumber:
			lp.vnr = i
		case roleNameCode2:
			lp.naamcode2 = i
		case roleName2:
			lp.naam2 = i
		}
	}
	lp.ops = compileOps(lp)
	splitOps(lp)
	return lp
}

// oneByteCodes returns the bytes a one-position AN field fp accepts without a finding
// (checkText): printable, not a space, and allowed by its value list (fp.allowed) or, when
// it has none, by its code list, as checkAllowed compares them.
func oneByteCodes(fp *fieldPlan) *byteSet {
	var s byteSet
	for c := 0x21; c < 0x100; c++ {
		if c >= 0x7f && c < 0xa0 {
			continue // control characters (N3-CHARSET)
		}
		v := string([]byte{byte(c)})
		ok := false
		if fp.allowed != nil {
			ok = fp.allowed[normalise(v, false)]
		} else {
			ok = fp.list.has(v, false)
		}
		if ok {
			s[c>>6] |= 1 << (c & 63)
		}
	}
	return &s
}

var (
	literalAlternatives = regexp.MustCompile(`^[A-Za-z0-9]+(\|[A-Za-z0-9]+)*$`)
	literalClass        = regexp.MustCompile(`^\[[A-Za-z0-9]+\]$`)
)

// regexLiterals returns the values of a regular expression that only lists values
// ("055|065|990", "[01234]", "EUR"), else nil.
func regexLiterals(re string) []string {
	re = strings.TrimSpace(re)
	switch {
	case literalAlternatives.MatchString(re):
		return strings.Split(re, "|")
	case literalClass.MatchString(re):
		var out []string
		for _, c := range re[1 : len(re)-1] {
			out = append(out, string(c))
		}
		return out
	}
	return nil
}

// elementLists are element codes (Code gegeven) that are code lists of their own where the
// BER leaves the Code codelijst column empty.
var elementLists = map[string]bool{"COD873": true}

// notFutureElements are the dates the BERs say may not lie in the future ("bestaande
// datum, die niet in de toekomst ligt"): date of birth, invoice date, begin of the
// declaration period, begin and end of the prestatie.
var notFutureElements = map[string]bool{"DAT006": true, "DAT031": true, "DAT043": true, "DAT001": true, "DAT003": true}

// relate finds the fields the relations (N5) between records use.
func relate(p *plan, lp *layoutPlan) {
	switch code := lp.code; {
	case code == record.CodeVoorloop || code == record.CodeSluit || code == record.CodeCommentaar:
	case code == record.CodeVerzekerde:
	case code == record.CodeDebiteur || code == record.CodePrestatie:
		if p.has02 {
			lp.parent = record.CodeVerzekerde
		}
	default:
		if p.has04 {
			lp.parent = record.CodePrestatie
		}
	}
	if par := p.layout(lp.parent); par != nil {
		for i := range lp.fields {
			f := lp.fields[i].f
			if i == 0 || f.Role == record.RoleDetailID || f.Role == record.RoleParentRef {
				continue
			}
			if elem, _, _ := strings.Cut(f.Element, "-"); f.Key == "" && !keyElements[elem] {
				continue
			}
			for j := range par.fields {
				pf := par.fields[j].f
				if j > 0 && baseName(pf.Name) == baseName(f.Name) && pf.Length == f.Length && pf.Type == f.Type {
					lp.keys = append(lp.keys, keyPair{i, j})
					break
				}
			}
		}
	}
	// begin ≤ end: the begin dates of the spec file's role column (RoleBegin, RoleCareBegin)
	// and the end dates they name; dates of care (RoleCareBegin, RoleCare) that do not
	// repeat the parent's.
	for i := range lp.fields {
		f := lp.fields[i].f
		if !lp.fields[i].date {
			continue
		}
		if f.Role == record.RoleBegin || f.Role == record.RoleCareBegin {
			if j, ok := lp.index[f.Counts]; ok && lp.fields[j].date {
				lp.ranges = append(lp.ranges, [2]int{i, j})
			}
		}
		if (f.Role == record.RoleCareBegin || f.Role == record.RoleCare) && lp.code != record.CodeVoorloop && !lp.isKey(i) {
			lp.careDate = append(lp.careDate, i)
		}
	}
	for i := range lp.fields {
		if f := lp.fields[i].f; f.Type == record.Numeric && strings.HasPrefix(f.Element, "COD061") {
			lp.uzovi = append(lp.uzovi, i)
		}
	}
	if lp.code == record.CodeSluit {
		for i := range lp.fields {
			f := lp.fields[i].f
			switch {
			case f.Role == record.RoleCount && p.layout(f.Counts) == nil:
				// A record type the standard does not have (AANTAL DEBITEURRECORDS without a 03).
				lp.counts = append(lp.counts, countPlan{i, countAbsent, f.Counts})
			case f.Role == record.RoleCount:
				lp.counts = append(lp.counts, countPlan{i, countRecords, f.Counts})
			case f.Role == record.RoleDetailCount:
				lp.counts = append(lp.counts, countPlan{i, countDetails, ""})
			case f.Role == record.RoleTotalDeclared:
				lp.counts = append(lp.counts, countPlan{i, countTotal, ""})
			case f.Role == record.RoleTotalAllowed:
				lp.counts = append(lp.counts, countPlan{i, countAllowed, ""})
			}
		}
	}
}

// keyElements are the data elements of fields that equal the parent's even where the BER
// marks no key: the BSN (NUM313), UZOVI-nummer (COD061), verzekerdennummer (NUM003), date
// of birth of the verzekerde (DAT006) and debiteurnummer (COD316).
var keyElements = map[string]bool{"NUM313": true, "COD061": true, "NUM003": true, "DAT006": true, "COD316": true}

// baseName is a field name without a sequence suffix: "AANDUIDING PRESTATIECODELIJST (01)"
// and "AANDUIDING PRESTATIECODELIJST" are the same field in a parent and a child record.
func baseName(name string) string {
	return strings.TrimSuffix(name, " (01)")
}

// normalise writes a value the way code lists are compared: numbers without leading
// zeros, text without trailing spaces.
func normalise(v string, numeric bool) string {
	if numeric && isDigits(v) {
		return trimZeros(v)
	}
	return strings.TrimRight(v, " ")
}

// opKind is what a fieldOp passes in one step; a field that does not pass it gets the
// full checks (engine.checkField).
type opKind uint8

const (
	// opNumber: an N field of digits, not only zeros (and with no check beyond that:
	// fieldPlan.plain).
	opNumber opKind = iota
	// opCodes: an N field of digits whose number is in the set (fieldPlan.codesOnly).
	opCodes
	// opAGB: an N field of digits that is an AGB code (fieldPlan.agbOnly).
	opAGB
	// opBSN: an N field of digits that passes the elfproef (fieldPlan.bsnOnly).
	opBSN
	// opDate: an N field of eight digits that is an existing date from 1800, not in the
	// future when the field must not be (fieldPlan.date).
	opDate
	// opNumeric: any other N field: nothing passes in one step but an empty one.
	opNumeric
	// opText: an AN field starting with a printable character other than a space, with
	// no control character (fieldPlan.plain).
	opText
	// opOneByte: an AN field of one position holding a byte of the set (fieldPlan.oneByte).
	opOneByte
	// opName: an AN field whose checks beyond its characters, its filling and its
	// leading space are only that a name is not all zeros (fieldPlan.nameZeros): one as
	// opText passes that does not start with a zero. Only checkFields' loop of its own
	// (layoutPlan.names) passes it in one step.
	opName
	// opOther: any other AN field (a reserve among them): nothing passes in one step but
	// an empty one.
	opOther
)

// fieldOp is one field's check in the compiled field checks of a layout
// (layoutPlan.ops): what checkFields reads of a field on its one-step path, so that the
// loop over a record's fields reads one small array instead of the fieldPlans. What a
// field holds passes the op exactly when the full checks of its fieldPlan find nothing in
// it (TestOpsAsTheChecks).
//
// A field of up to 16 positions is read as words of 8 bytes (words 1 or 2), not byte by
// byte: one word at at, shifted right by shift bytes' bits and masked to the field's
// bytes (mask), the other bytes set to fill ('0' for an N field, ' ' for an AN field);
// or, for 9 to 16 positions, the two words at at and at2 (the first and the last eight
// positions of the field, which may overlap). shift is below 64; the checks shift by
// shift&63, which tells the compiler so (a shift by 64 or more would need a test).
type fieldOp struct {
	bit        uint64 // of the field in the masks (Record.wf, filled); 0 from index 64
	mask, fill uint64
	// set: opCodes, the numbers allowed (fieldPlan.codes); opOneByte, the bytes allowed
	// (fieldPlan.oneByte, 4 words).
	set        []uint64
	start, end uint16
	at, at2    uint16
	index      uint16 // of the field in the layout
	shift      uint8
	words      uint8 // 0: the field is read byte by byte
	kind       opKind
	emptyOK    bool // a field without a value needs no finding (as checkField)
	notFuture  bool // opDate: not after today
}

// compileOps compiles the field checks of lp into one op per field but the kenmerk. A
// layout whose positions do not fit an op (beyond 65,535) gets none; checkFields then
// takes the full checks of every field.
func compileOps(lp *layoutPlan) []fieldOp {
	length := lp.lay.Length()
	ops := make([]fieldOp, 0, len(lp.fields))
	for i := 1; i < len(lp.fields); i++ {
		fp := &lp.fields[i]
		if fp.end > 1<<16-1 || i > 1<<16-1 || fp.end > length {
			return nil
		}
		op := fieldOp{start: uint16(fp.start), end: uint16(fp.end), index: uint16(i), notFuture: fp.notFuture}
		if i < 64 {
			op.bit = 1 << i
		}
		// As checkField passes a field without a value.
		if fp.numeric {
			op.emptyOK = fp.zeroOK || !fp.mandatory && !fp.required
		} else {
			op.emptyOK = fp.reserve || !fp.mandatory && !fp.required
		}
		if fp.end == fp.start {
			op.emptyOK = false // checkFields reads the first position of an empty AN field
		}
		switch {
		case fp.numeric && fp.plain:
			op.kind = opNumber
		case fp.numeric && fp.codesOnly:
			op.kind, op.set = opCodes, fp.codes
		case fp.numeric && fp.agbOnly && fp.end-fp.start == 8:
			op.kind = opAGB
		case fp.numeric && fp.bsnOnly:
			op.kind = opBSN
		case fp.numeric && fp.date && fp.end-fp.start == 8:
			op.kind = opDate
		case fp.numeric:
			op.kind = opNumeric
		case fp.plain:
			op.kind = opText
		case fp.oneByte != nil && fp.end-fp.start == 1:
			op.kind, op.set = opOneByte, fp.oneByte[:]
		case fp.nameZeros && !fp.reserve && fp.pattern == "" && fp.allowed == nil && fp.list == nil && !fp.btw && fp.regex == nil && fp.end > fp.start:
			op.kind = opName
		default:
			op.kind = opOther
		}
		filler := uint64(' ') * ones
		if fp.numeric {
			filler = uint64('0') * ones
		}
		switch n := fp.end - fp.start; {
		case n == 0 || n > 16 || length < 8:
		case n > 8:
			op.words, op.at, op.at2 = 2, uint16(fp.start), uint16(fp.end-8)
		case fp.start+8 <= length:
			op.words, op.at = 1, uint16(fp.start)
			op.mask = ^uint64(0) >> (64 - 8*n)
		default:
			// Near the end of the record: the word that ends with the field.
			op.words, op.at, op.shift = 1, uint16(fp.end-8), uint8(8*(8-n))
			op.mask = ^uint64(0) >> (64 - 8*n)
		}
		op.fill = filler &^ op.mask
		if op.kind == opAGB && op.words != 1 {
			op.kind = opNumeric // the one-step AGB check reads the field as one word
		}
		ops = append(ops, op)
	}
	return ops
}

// wordOp is a fieldOp as the loops of checkFields for the kinds of layoutPlan.numWords,
// textWords and the like read it.
type wordOp struct {
	bit, mask, fill uint64
	at, at2         uint16 // at2: the second word of two
	start, end      uint16 // opText: the field, read byte by byte when it holds Latin-1
	shift           uint8
	emptyOK         bool
}

// splitOps sorts the ops of lp into the lists of layoutPlan.split,
// when it has at most 64 fields.
func splitOps(lp *layoutPlan) {
	if lp.ops == nil || len(lp.fields) > 64 {
		return
	}
	lp.split = true
	for _, op := range lp.ops {
		w := wordOp{bit: op.bit, mask: op.mask, fill: op.fill, at: op.at, at2: op.at2, start: op.start, end: op.end, shift: op.shift, emptyOK: op.emptyOK}
		switch {
		case op.words == 2 && op.kind == opNumber:
			lp.numWords2 = append(lp.numWords2, w)
		case op.words == 2 && op.kind == opText:
			lp.textWords2 = append(lp.textWords2, w)
		case op.words == 0 && op.kind == opText:
			lp.textLong = append(lp.textLong, w)
		case op.words == 1 && op.kind == opAGB:
			lp.agbWords = append(lp.agbWords, w)
		case op.kind == opName:
			lp.names = append(lp.names, w)
		case op.kind == opOther:
			lp.others = append(lp.others, w)
		case op.words == 2 && op.kind == opBSN:
			lp.bsnWords = append(lp.bsnWords, w)
		case op.words == 1 && op.kind == opNumeric:
			lp.numerics = append(lp.numerics, w)
		case op.words == 1 && op.kind == opNumber:
			lp.numWords = append(lp.numWords, w)
		case op.words == 1 && op.kind == opText:
			lp.textWords = append(lp.textWords, w)
		case op.words == 1 && op.kind == opCodes:
			lp.codeWords = append(lp.codeWords, op)
		case op.words == 1 && op.kind == opDate:
			lp.dateWords = append(lp.dateWords, op)
		case op.kind == opOneByte && op.end-op.start == 1:
			lp.oneBytes = append(lp.oneBytes, op)
		default:
			lp.rest = append(lp.rest, op)
		}
	}
}

// ones has a 1 in every byte.
const ones = 0x0101010101010101
