package retour

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Role is who answers the declaration: the portal (VECOZO) or the insurer.
type Role uint8

// The two roles of seed 002 chapter 3.
const (
	// Portal answers only files it rejects: a file-level failure with 01 and 99, a
	// record-level failure with the whole file; a clean file is forwarded without a return.
	Portal Role = iota + 1
	// Insurer answers every file: 01 (8001) and 99 when all is accepted, else the rejected
	// records with what belongs to them.
	Insurer
)

// String returns "portal" or "insurer".
func (r Role) String() string {
	switch r {
	case Portal:
		return "portal"
	case Insurer:
		return "insurer"
	}
	return fmt.Sprintf("Role(%d)", uint8(r))
}

// ParseRole reads "portal" or "insurer".
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "portal", "vecozo":
		return Portal, nil
	case "insurer", "zorgverzekeraar":
		return Insurer, nil
	}
	return 0, fmt.Errorf("retour: unknown role %q: want portal or insurer", s)
}

// Return codes of COD954 the writer itself uses.
const (
	CodeTechnisch      = "0001" // bericht is afgekeurd om technische redenen (file level)
	CodeGeenOpmerking  = "0200" // geen opmerking bij dit recordtype
	CodeToegewezen     = "8001" // declaratie is volledig toegewezen
	CodeNietBeoordeeld = "8002" // record is niet beoordeeld (boven- of ondergeschikt record afgekeurd)
)

// MaxCodes is the number of retourcode fields a return record has.
const MaxCodes = 3

// Errors of the writer.
// ErrNoRegistry is the error of Build given neither Options.Registry nor Options.Return;
// errors.Is(err, ei.ErrNoRegistry) holds too.
var ErrNoRegistry = fmt.Errorf("retour: no Options.Registry and no Options.Return: %w", ei.ErrNoRegistry)

var (
	// ErrNoReturnStandard: the declaration's standard has no return standard in the registry.
	ErrNoReturnStandard = errors.New("no return standard for the declaration")
	// ErrCode: a return code that is not in COD954, more codes than a record holds, 0001
	// on a record, or a finding on a detail record without a code of its own (FromFindings).
	ErrCode = errors.New("return code not allowed")
	// ErrLayout: the return standard does not repeat the declaration record by record
	// (a field of the declaration has no field of the same number and length).
	ErrLayout = errors.New("return layout does not repeat the declaration")
	// ErrUnknownRecord: an outcome for a record the declaration does not have.
	ErrUnknownRecord = errors.New("outcome for a record not in the declaration")
)

// Outcome is what the receiver decided about one record of the declaration.
type Outcome struct {
	// Codes are the COD954 return codes (at most three); none means nothing to remark.
	// On a prestatie, codes with a Toegekend of zero (or none given) reject it.
	Codes []string
	// Berekend is the berekend bedrag zorgverzekeraar of a prestatie, signed; nil
	// means the berekend bedrag the provider declared.
	Berekend *record.Money
	// Toegekend is the toegekend bedrag of a prestatie, signed; nil means the
	// declaratiebedrag when the prestatie is accepted and zero when it is rejected.
	Toegekend *record.Money
}

// Amount returns a pointer to m, for Outcome.Berekend and Outcome.Toegekend.
func Amount(m record.Money) *record.Money { return &m }

// Outcomes is what the receiver decided about a declaration.
type Outcomes struct {
	// File holds the reasons for rejecting the file as a whole (e.g. 0150, 8198, 0030);
	// 0001 is written before them. When set, Records is not looked at.
	File []string
	// Rejected rejects the file as a whole even without a reason in File.
	Rejected bool
	// Records holds the outcome per record, by record type and identificatie detailrecord.
	Records map[Key]Outcome
}

// Reject adds codes to the outcome of record k.
func (o *Outcomes) Reject(k Key, codes ...string) {
	if o.Records == nil {
		o.Records = map[Key]Outcome{}
	}
	out := o.Records[k]
	for _, c := range codes {
		if !slices.Contains(out.Codes, c) {
			out.Codes = append(out.Codes, c)
		}
	}
	o.Records[k] = out
}

// RejectFile adds reasons for rejecting the whole file.
func (o *Outcomes) RejectFile(codes ...string) {
	o.Rejected = true
	for _, c := range codes {
		if c != CodeTechnisch && !slices.Contains(o.File, c) {
			o.File = append(o.File, c)
		}
	}
}

// Allow sets the amounts of prestatie id: the insurer's berekend bedrag and what it pays.
func (o *Outcomes) Allow(id int64, berekend, toegekend record.Money, codes ...string) {
	k := Key{record.CodePrestatie, id}
	o.Reject(k, codes...)
	out := o.Records[k]
	out.Berekend, out.Toegekend = Amount(berekend), Amount(toegekend)
	o.Records[k] = out
}

// Options steer the writing of a return. The zero value is not enough: Role must be set.
type Options struct {
	// Role is who answers: Portal or Insurer.
	Role Role
	// Registry finds the return standard of the declaration (ei.NewRegistry(mz301v13.Standard(),
	// mz302v13.Standard()), or standards.Registry() for every standard of the module). It is
	// required unless Return is given: without either, Build returns ErrNoRegistry.
	Registry *ei.Registry
	// Return is the return standard to write; nil means the one the registry pairs with
	// the declaration's standard.
	Return *record.Standard
	// Dagtekening is the date of the return (dagtekening retourbericht); zero means today.
	Dagtekening record.Date
	// Referentie is the referentienummer zorgverzekeraar of the return; the portal and the
	// insurer each fill their own (it tells the provider who answered).
	Referentie string
	// AllowReconstructed allows a production return ('P') of a standard whose layout is a
	// reconstruction (VE304). Test files ('T') are always allowed.
	AllowReconstructed bool
}

// Message is a return message, ready to write.
type Message struct {
	Standard *record.Standard // the return standard
	// Forwarded is set when there is no return: the portal found nothing wrong and passes
	// the declaration on. Lines is then empty.
	Forwarded bool
	Lines     [][]byte // the records, without line breaks
}

// WriteTo writes the records with CR/LF after each. A forwarded file writes nothing.
func (m *Message) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, l := range m.Lines {
		k, err := w.Write(l)
		n += int64(k)
		if err != nil {
			return n, err
		}
		k, err = io.WriteString(w, "\r\n")
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Bytes returns the message as written by WriteTo.
func (m *Message) Bytes() []byte {
	var b bytes.Buffer
	m.WriteTo(&b)
	return b.Bytes()
}

// File reads the message back as an ei.File of the return standard.
func (m *Message) File() (*ei.File, error) {
	if m.Forwarded {
		return nil, errors.New("retour: a forwarded declaration has no return")
	}
	return ei.ReadFile(bytes.NewReader(m.Bytes()), ei.ReaderOptions{Standard: m.Standard})
}

// Write builds the return of decl with Build and writes it to w. It reports whether the
// declaration is forwarded without a return (nothing is then written).
func Write(w io.Writer, decl *ei.File, out Outcomes, opts Options) (forwarded bool, err error) {
	m, err := Build(decl, out, opts)
	if err != nil {
		return false, err
	}
	_, err = m.WriteTo(w)
	return m.Forwarded, err
}

// Build composes the return message that answers decl with the given outcomes, following
// seed 002 §3.3–3.4 for the role in opts. Every returned record repeats its declaration
// record unchanged (with its identificatie detailrecord) and adds the return part:
// retourcodes, on a 04 the berekend bedrag zorgverzekeraar and the toegekend bedrag, on
// the 01 referentienummer and dagtekening; the 99 counts the returned records, repeats
// the totaal ingediend declaratiebedrag and gives the totaal toegekend bedrag.
func Build(decl *ei.File, out Outcomes, opts Options) (*Message, error) {
	if opts.Role != Portal && opts.Role != Insurer {
		return nil, fmt.Errorf("retour: Options.Role must be Portal or Insurer")
	}
	t, err := newTree(decl)
	if err != nil {
		return nil, err
	}
	ret, err := returnStandard(t.std, opts)
	if err != nil {
		return nil, err
	}
	if err := checkCodes(out); err != nil {
		return nil, err
	}
	for k := range out.Records {
		if _, ok := t.byKey[k]; !ok {
			return nil, fmt.Errorf("retour: %w: %s", ErrUnknownRecord, k)
		}
	}
	m := &Message{Standard: ret}
	b := newBuilder(t, ret, out, opts, func(line []byte) error {
		m.Lines = append(m.Lines, bytes.Clone(line))
		return nil
	})
	if err := b.begin(); err != nil {
		return nil, err
	}
	for _, n := range t.fileNotes {
		if err := b.fileNote(n); err != nil {
			return nil, err
		}
	}
	for _, g := range t.groups {
		if err := b.group(g); err != nil {
			return nil, err
		}
	}
	if err := b.finish(); err != nil {
		return nil, err
	}
	m.Forwarded = b.forwarded
	return m, nil
}

// returnStandard is the return standard that answers a declaration of standard std.
func returnStandard(std *record.Standard, opts Options) (*record.Standard, error) {
	ret := opts.Return
	if ret == nil {
		if opts.Registry == nil {
			return nil, ErrNoRegistry
		}
		var ok bool
		if ret, ok = opts.Registry.ReturnOf(std); !ok {
			return nil, fmt.Errorf("retour: %w: %s", ErrNoReturnStandard, std.ID())
		}
	}
	return ret, nil
}

func checkCodes(out Outcomes) error {
	check := func(where fmt.Stringer, codes []string) error {
		if len(codes) > MaxCodes {
			return fmt.Errorf("retour: %w: %s has %d codes, a record holds %d", ErrCode, where, len(codes), MaxCodes)
		}
		for _, c := range codes {
			if _, ok := validate.Retourcode(c); !ok {
				return fmt.Errorf("retour: %w: %s: %q is not a COD954 return code", ErrCode, where, c)
			}
		}
		return nil
	}
	if len(out.File) > MaxCodes-1 {
		return fmt.Errorf("retour: %w: %d file-level reasons, the 01 record holds 0001 and %d more", ErrCode, len(out.File), MaxCodes-1)
	}
	if err := check(theFile{}, out.File); err != nil {
		return err
	}
	for k, o := range out.Records {
		if err := check(k, o.Codes); err != nil {
			return err
		}
		if slices.Contains(o.Codes, CodeTechnisch) {
			return fmt.Errorf("retour: %w: %s: 0001 rejects the file as a whole (Outcomes.File); a record gets its own code", ErrCode, k)
		}
	}
	return nil
}

// theFile names the file as a whole in checkCodes' errors.
type theFile struct{}

func (theFile) String() string { return "the file" }

// builder writes a return group by group: Build gives it a whole declaration, Stream
// one verzekerde at a time. It holds no more than the group it is given.
type builder struct {
	t    *tree // the declaration: its standard, 01 and 99 (in Build, all of it)
	ret  *record.Standard
	opts Options
	out  Outcomes
	put  func(line []byte) error // takes each record of the return, without line break

	totals    *ei.Totals // of the returned records, for the 99
	allowed   int64      // totaal toegekend bedrag
	anyCode   bool       // some record of the declaration has a code
	fileLevel bool       // the file is rejected as a whole
	forwarded bool       // the portal passes the file on without a return
	started   bool       // the return's 01 is written

	plans   planCache // of the declaration's layouts
	fields  map[*record.Layout]*returnFields
	decoded map[string]record.Record // declaration records, to format a streamed line
	checked map[string]record.Record // return records, to check a written one
	text    []byte                   // a streamed declaration record, formatted
	line    []byte                   // the return record being written
}

func newBuilder(t *tree, ret *record.Standard, out Outcomes, opts Options, put func([]byte) error) *builder {
	b := &builder{t: t, ret: ret, opts: opts, out: out, put: put, totals: ei.NewTotals(ret),
		plans: planCache{}, fields: map[*record.Layout]*returnFields{}, decoded: map[string]record.Record{}, checked: map[string]record.Record{}}
	if opts.Dagtekening.IsZero() {
		b.opts.Dagtekening = civil.DateOf(time.Now())
	}
	for _, o := range out.Records {
		if len(o.Codes) > 0 {
			b.anyCode = true
			break
		}
	}
	b.fileLevel = out.Rejected || len(out.File) > 0
	return b
}

// status of a record in the return.
type status struct {
	codes     []string
	returned  bool
	rejected  bool // a prestatie that is not paid
	berekend  int64
	toegekend int64
}

// The codes of a record without codes of its own (shared, never changed).
var (
	codesGeenOpmerking  = []string{CodeGeenOpmerking}
	codesNietBeoordeeld = []string{CodeNietBeoordeeld}
	codesToegewezen     = []string{CodeToegewezen}
)

// begin starts the return once the declaration's 01 record (b.t.voorloop) is known: a
// file rejected as a whole returns its 01 with 0001 and the reasons; the portal returns
// every record when some record has a code, and forwards the file otherwise; the
// insurer's 01 waits for the first returned record or the end.
func (b *builder) begin() error {
	switch {
	case b.fileLevel:
		codes := append([]string{CodeTechnisch}, b.out.File...)
		return b.emit(b.t.voorloop, status{codes: codes, returned: true})
	case b.opts.Role == Portal && !b.anyCode:
		b.forwarded = true
	case b.opts.Role == Portal:
		return b.emit(b.t.voorloop, status{codes: b.codes(b.t.voorloop, CodeGeenOpmerking), returned: true})
	}
	return nil
}

// codes returns the record's own codes, or dflt when it has none.
func (b *builder) codes(n *node, dflt string) []string {
	if c := b.outcome(n).Codes; len(c) > 0 {
		return c
	}
	switch dflt {
	case CodeGeenOpmerking:
		return codesGeenOpmerking
	case CodeNietBeoordeeld:
		return codesNietBeoordeeld
	}
	return []string{dflt}
}

// outcome returns the outcome of record n (the zero Outcome when it has none).
func (b *builder) outcome(n *node) *Outcome {
	if !n.looked {
		if len(b.out.Records) > 0 {
			n.out = b.out.Records[n.key]
		}
		n.looked = true
	}
	return &n.out
}

// fileNote answers a comment record before the first detail record: the portal returns
// it, the insurer does not.
func (b *builder) fileNote(n *node) error {
	if b.fileLevel || b.forwarded || b.opts.Role != Portal {
		return nil
	}
	return b.emit(n, status{codes: b.codes(n, CodeGeenOpmerking), returned: true})
}

// group answers one verzekerde (or a prestatie without one) with its records.
func (b *builder) group(g *group) error {
	switch {
	case b.fileLevel || b.forwarded:
		return nil
	case b.opts.Role == Portal:
		return b.portal(g)
	}
	return b.insurer(g)
}

// finish writes the 99 record, and the insurer's 01 when nothing was returned: 8001 when
// no record has a code.
func (b *builder) finish() error {
	if b.forwarded {
		return nil
	}
	if !b.started {
		codes := codesToegewezen
		if b.anyCode {
			codes = b.codes(b.t.voorloop, CodeGeenOpmerking)
		}
		if err := b.emit(b.t.voorloop, status{codes: codes, returned: true}); err != nil {
			return err
		}
	}
	if b.fileLevel || b.opts.Role == Portal {
		b.allowed = 0
	}
	return b.sluit()
}

// portal returns the whole file: failing records with their codes, others 0200, nothing
// paid.
func (b *builder) portal(g *group) error {
	for _, n := range g.nodes {
		if err := b.emit(n, status{codes: b.codes(n, CodeGeenOpmerking), returned: true}); err != nil {
			return err
		}
	}
	for _, p := range g.prestaties {
		for _, n := range p.nodes {
			st := status{codes: b.codes(n, CodeGeenOpmerking), returned: true}
			if n.layout.Code() == record.CodePrestatie {
				st.rejected = true
			}
			if err := b.emit(n, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// insurer returns the rejected records of a group with what belongs to them; the totaal
// toegekend adds up every prestatie, returned or not.
func (b *builder) insurer(g *group) error {
	returned := false
	verzRejected := false
	for _, n := range g.nodes {
		if len(b.outcome(n).Codes) > 0 {
			verzRejected = true
		}
	}
	for _, n := range g.nodes {
		n.st = status{codes: b.codes(n, CodeGeenOpmerking), returned: verzRejected}
	}
	for _, p := range g.prestaties {
		head := p.head
		decl := head.declared
		o := b.outcome(head)
		subRejected, noted := false, false
		for _, n := range p.nodes[1:] {
			switch {
			case len(b.outcome(n).Codes) == 0:
			case !n.comment && n.level == levelSub:
				subRejected = true
			default:
				noted = true // a comment with codes of its own comes back with its prestatie
			}
		}
		own := len(o.Codes) > 0
		rejected := verzRejected || subRejected || own && (o.Toegekend == nil || *o.Toegekend == 0)
		st := status{berekend: head.berekend, toegekend: decl}
		if o.Berekend != nil {
			st.berekend = o.Berekend.Cents()
		}
		if o.Toegekend != nil {
			st.toegekend = o.Toegekend.Cents()
		}
		if rejected {
			st.toegekend = 0
			if !onTariffGrounds(o.Codes) {
				st.berekend = 0
			}
		}
		st.rejected = rejected
		st.returned = rejected || own || noted || st.toegekend != decl || st.berekend != head.berekend
		switch {
		case own:
			st.codes = o.Codes
		case rejected:
			st.codes = codesNietBeoordeeld
		default:
			st.codes = codesGeenOpmerking
		}
		b.allowed += st.toegekend
		head.st = st
		below := CodeGeenOpmerking
		if rejected && !subRejected {
			below = CodeNietBeoordeeld
		}
		for _, n := range p.nodes[1:] {
			cst := status{returned: st.returned}
			switch {
			case n.level == levelPrestatie: // comment on the prestatie
				if verzRejected && !own {
					cst.codes = b.codes(n, CodeNietBeoordeeld)
				} else {
					cst.codes = b.codes(n, CodeGeenOpmerking)
				}
			default:
				cst.codes = b.codes(n, below)
			}
			n.st = cst
		}
		if st.returned {
			returned = true
		}
	}
	if returned {
		// The parent verzekerde (with debiteur and comments) comes back with the prestatie.
		for _, n := range g.nodes {
			n.st.returned = true
		}
	}
	if !returned && !verzRejected {
		return nil
	}
	if !b.started {
		if err := b.emit(b.t.voorloop, status{codes: b.codes(b.t.voorloop, CodeGeenOpmerking), returned: true}); err != nil {
			return err
		}
	}
	for _, n := range g.nodes {
		if err := b.emitIf(n, n.st); err != nil {
			return err
		}
	}
	for _, p := range g.prestaties {
		for _, n := range p.nodes {
			if err := b.emitIf(n, n.st); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) emitIf(n *node, st status) error {
	if !st.returned {
		return nil
	}
	return b.emit(n, st)
}

// returnFields are the fields of a return layout the writer fills, found once per layout.
type returnFields struct {
	blank      []byte // the record with every field empty
	codes      []int  // retourcode fields
	calculated []int  // berekend bedrag zorgverzekeraar
	allowed    []int  // toegekend bedrag
	repeat     map[*record.Layout]*repeatPlan
}

func (b *builder) fieldsOf(rl *record.Layout) *returnFields {
	if f := b.fields[rl]; f != nil {
		return f
	}
	f := &returnFields{blank: record.AppendBlank(nil, rl), codes: rl.RoleIndexes(record.RoleReturnCode),
		calculated: rl.RoleIndexes(record.RoleCalculated), allowed: rl.RoleIndexes(record.RoleAllowed),
		repeat: map[*record.Layout]*repeatPlan{}}
	b.fields[rl] = f
	return f
}

// textOf returns the formatted text of declaration record n: as Build has it, or, for a
// record streamed from its line, the line parsed and formatted again (as ei.ReadFile and
// Build do), so that a streamed return has the bytes of a built one.
func (b *builder) textOf(n *node) ([]byte, error) {
	if n.text != nil {
		return n.text, nil
	}
	code := n.layout.Code()
	rec := b.decoded[code]
	if rec == nil {
		if rec = b.t.std.NewRecord(code); rec == nil {
			return nil, fmt.Errorf("retour: line %d: %s has no record %s", n.line, b.t.std.ID(), code)
		}
		b.decoded[code] = rec
	}
	if err := rec.Parse(n.raw); err != nil {
		return nil, fmt.Errorf("retour: line %d: %w", n.line, err)
	}
	var err error
	b.text, err = rec.AppendTo(b.text[:0])
	return b.text, err
}

// emit writes the return record of declaration record n.
func (b *builder) emit(n *node, st status) error {
	rl := b.ret.Layout(n.layout.Code())
	if rl == nil {
		return fmt.Errorf("retour: %w: %s has no record %s", ErrLayout, b.ret.ID(), n.layout.Code())
	}
	rf := b.fieldsOf(rl)
	var line []byte
	var err error
	if n.text == nil && b.plans.of(n.layout).canonical(n.raw, n.layout) {
		line, err = repeat(b, n.layout, n.raw, rl, rf)
	} else {
		var text []byte
		if text, err = b.textOf(n); err == nil {
			line, err = repeat(b, n.layout, text, rl, rf)
		}
	}
	if err != nil {
		return err
	}
	codeFields := rf.codes
	if len(codeFields) == 0 {
		return fmt.Errorf("retour: %w: record %s of %s has no retourcode field", ErrLayout, rl.Code(), b.ret.ID())
	}
	if len(st.codes) > len(codeFields) {
		return fmt.Errorf("retour: %w: %s has %d codes, the record holds %d", ErrCode, n.key, len(st.codes), len(codeFields))
	}
	for i, c := range st.codes {
		if err := putCode(line, rl, codeFields[i], c); err != nil {
			return fmt.Errorf("retour: %s: %w", n.key, err)
		}
	}
	switch rl.Code() {
	case record.CodeVoorloop:
		if err := b.voorloop(line, rl); err != nil {
			return err
		}
	case record.CodePrestatie:
		berekend, toegekend := st.berekend, st.toegekend
		if b.opts.Role == Portal {
			berekend, toegekend = 0, 0
		}
		for _, i := range rf.calculated {
			v := berekend
			if calculatedReserved[b.ret.Code()] {
				v = 0
			}
			if err := record.PutSignedAt(line, rl, i, v); err != nil {
				return fmt.Errorf("retour: %s: %w", n.key, err)
			}
			if sign := rl.FieldIndex(i).Sign; calculatedReserved[b.ret.Code()] && sign >= 0 {
				if err := record.PutTextAt(line, rl, sign, ""); err != nil {
					return fmt.Errorf("retour: %s: %w", n.key, err)
				}
			}
		}
		for _, i := range rf.allowed {
			if err := record.PutSignedAt(line, rl, i, toegekend); err != nil {
				return fmt.Errorf("retour: %s: %w", n.key, err)
			}
		}
	}
	// The return record is parsed as a record of the return standard: the 01 always, the
	// others once per pair of layouts. The other records of a pair differ only in the
	// fields repeated from the declaration, which parsed there with the same type and
	// length, and in codes and amounts written as digits by checked writers.
	if p := rf.repeat[n.layout]; !p.checked || rl.Code() == record.CodeVoorloop {
		if err := b.parseAs(rl, line); err != nil {
			return fmt.Errorf("retour: %s: %w", n.key, err)
		}
		p.checked = true
	}
	if rl.Code() == record.CodeVoorloop {
		b.started = true
	}
	b.totals.Add(rl, line)
	return b.put(line)
}

// voorloop fills the return part of the 01 record.
func (b *builder) voorloop(line []byte, rl *record.Layout) error {
	if b.ret.Status() == record.StatusReconstructed && !b.opts.AllowReconstructed && isProduction(line, rl) {
		return fmt.Errorf("retour: %w: %s is a reconstruction, not the official Vektis layout; answer a test file ('T') or set AllowReconstructed",
			ei.ErrReconstructed, b.ret.ID())
	}
	if len(b.ret.EICodes()) > 0 {
		if f := rl.Field(rl.Code() + "02"); f != nil {
			if err := record.PutInt(line, rl, f, int64(b.ret.EICodes()[0])); err != nil {
				return err
			}
		}
	}
	fs := rl.Fields()
	for i := range fs {
		f := &fs[i]
		if f.Start <= b.t.std.RecordLength() {
			continue
		}
		switch {
		case f.Role == record.RoleReturnReference:
			if err := record.PutText(line, rl, f, b.opts.Referentie); err != nil {
				return fmt.Errorf("retour: referentienummer zorgverzekeraar: %w", err)
			}
		case f.Kind == record.KindDate:
			d := b.opts.Dagtekening
			v := int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day)
			if err := record.PutInt(line, rl, f, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// isProduction reports whether the 01 record line is of a production file: soort bericht
// (0105) P, not T (test).
func isProduction(line []byte, l *record.Layout) bool {
	i := l.Index("0105")
	return i >= 0 && string(record.FieldTextAt(line, l, i)) == "P"
}

// sluit writes the 99 record: counts of the returned records, the declared total and the
// total allowed.
func (b *builder) sluit() error {
	rl := b.ret.Layout(record.CodeSluit)
	if rl == nil {
		return fmt.Errorf("retour: %w: %s has no 99 record", ErrLayout, b.ret.ID())
	}
	line := record.AppendBlank(nil, rl)
	ingediend, err := record.SignedSum(b.t.sluit.text, b.t.sluit.layout, record.RoleTotalDeclared)
	if err != nil {
		return fmt.Errorf("retour: the declaration's 99 record: %w", err)
	}
	fs := rl.Fields()
	for i := range fs {
		f := &fs[i]
		var err error
		switch f.Role {
		case record.RoleCount, record.RoleDetailCount:
			n, _ := b.totals.Want(f)
			err = record.PutInt(line, rl, f, n)
		case record.RoleTotalDeclared:
			err = record.PutSignedAt(line, rl, i, ingediend)
		case record.RoleTotalAllowed:
			err = record.PutSignedAt(line, rl, i, b.allowed)
		case record.RoleSign:
			if record.FieldText(line, f)[0] == ' ' {
				err = record.PutText(line, rl, f, "D")
			}
		}
		if err != nil {
			return fmt.Errorf("retour: 99 record: %w", err)
		}
	}
	if err := b.parseAs(rl, line); err != nil {
		return fmt.Errorf("retour: 99 record: %w", err)
	}
	return b.put(line)
}

// repeatPlan copies a declaration record into its return record: every field of the
// declaration into the field of the same number of the return layout, worked out once
// per pair of layouts.
type repeatPlan struct {
	spans   [][3]int // declaration start, end, return start (0-based)
	err     error
	checked bool // a record made by the plan parsed as a record of the return standard
}

func newRepeatPlan(dl, rl *record.Layout) *repeatPlan {
	p := &repeatPlan{}
	for i := 0; i < dl.NumFields(); i++ {
		f := dl.FieldIndex(i)
		rf := rl.Field(f.Number)
		if rf == nil || rf.Length != f.Length || rf.Type != f.Type {
			if f.Obligation == record.Reserve {
				continue
			}
			p.err = fmt.Errorf("retour: %w: field %s (%s) of record %s", ErrLayout, f.Number, f.Name, dl.Code())
			return p
		}
		p.spans = append(p.spans, [3]int{f.Start - 1, f.End, rf.Start - 1})
	}
	return p
}

// repeat returns the return record of a declaration record of layout dl and text text in
// b.line: every field of the declaration copied into the field of the same number of the
// return layout rl, the rest blank.
func repeat[T ~string | ~[]byte](b *builder, dl *record.Layout, text T, rl *record.Layout, rf *returnFields) ([]byte, error) {
	p := rf.repeat[dl]
	if p == nil {
		p = newRepeatPlan(dl, rl)
		rf.repeat[dl] = p
	}
	if p.err != nil {
		return nil, p.err
	}
	b.line = append(b.line[:0], rf.blank...)
	for _, sp := range p.spans {
		copy(b.line[sp[2]:], text[sp[0]:sp[1]])
	}
	return b.line, nil
}

// putCode writes return code c (checked against COD954: digits) into retourcode field i.
func putCode(line []byte, rl *record.Layout, i int, c string) error {
	f := rl.FieldIndex(i)
	if len(c) > f.Length || f.Type != record.Alphanumeric {
		return record.PutTextAt(line, rl, i, c)
	}
	n := copy(line[f.Start-1:f.End], c)
	for i := f.Start - 1 + n; i < f.End; i++ {
		line[i] = ' '
	}
	return nil
}

// parseAs checks that line is a well-formed record of the return standard.
func (b *builder) parseAs(l *record.Layout, line []byte) error {
	rec := b.checked[l.Code()]
	if rec == nil {
		if rec = b.ret.NewRecord(l.Code()); rec == nil {
			return fmt.Errorf("%w: %s has no record %s", ErrLayout, b.ret.ID(), l.Code())
		}
		b.checked[l.Code()] = rec
	}
	return rec.Parse(string(line))
}

// tariffGrounds are the COD954 codes that reject a prestatie on the grounds the BER of
// 0481 berekend bedrag zorgverzekeraar names — "tariefafwijking, eigen bijdrage, eigen
// risico of andere vergoedingsvoorwaarden" — for which the return keeps the berekend
// bedrag: the tariff (0611, 0609, 8018, 8063, 8090, 8122, 8215, 8280), the eigen bijdrage
// (0601, 8069, 8091, 8296), the eigen risico (8387, 8388, 8391) and the reimbursement
// conditions of the policy: maxima (0584, 0589, 8220, 8291-8293) and no contract for the
// prestatie under the policy (8648). A prestatie rejected on any other ground gets a
// berekend bedrag of 0 (MZ302 and EP302 0481: "indien het declaratiebedrag op andere
// gronden … is afgewezen, dan wordt hier '0' ingevuld"). The list is our reading of the
// BER's four grounds, written down here.
var tariffGrounds = map[string]bool{
	"0611": true, "0609": true, "8018": true, "8063": true, "8090": true, "8122": true, "8215": true, "8280": true,
	"0601": true, "8069": true, "8091": true, "8296": true,
	"8387": true, "8388": true, "8391": true,
	"0584": true, "0589": true, "8220": true, "8291": true, "8292": true, "8293": true, "8648": true,
}

// onTariffGrounds reports whether a prestatie with these codes is rejected on the grounds
// of its tariff, eigen bijdrage, eigen risico or reimbursement conditions only.
func onTariffGrounds(codes []string) bool {
	if len(codes) == 0 {
		return false
	}
	for _, c := range codes {
		if !tariffGrounds[c] {
			return false
		}
	}
	return true
}

// calculatedReserved are the return standards whose berekend bedrag zorgverzekeraar is
// reserved: AP305 7.2 0481 "Gereserveerd, bedrag niet invullen", 0482 "Spatie invullen
// omdat Berekend bedrag zorgverzekeraar niet ingevuld wordt". It is written 0 with a
// blank sign.
var calculatedReserved = map[string]bool{"AP305": true}
