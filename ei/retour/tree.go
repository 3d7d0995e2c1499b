package retour

import (
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Key names a record of a declaration: its record type and identificatie detailrecord.
// A comment record (98) has the number of the record it belongs to, so {"98", 5} is the
// comment on detail record 5. The voorlooprecord is {"01", 0}, the sluitrecord {"99", 0}.
type Key struct {
	Record string
	ID     int64
}

func (k Key) String() string {
	if k.ID == 0 {
		return "record " + k.Record
	}
	return fmt.Sprintf("record %s %d", k.Record, k.ID)
}

// The levels of the nesting (ei.Nester) the return writer uses.
const (
	levelFile       = ei.LevelFile       // 01, 99, comments before the first detail record
	levelVerzekerde = ei.LevelVerzekerde // 02, its 03 and the comments on them
	levelPrestatie  = ei.LevelPrestatie  // 04 and its comments
	levelSub        = ei.LevelDetail     // records under a 04 (06, 16, 17, …) and their comments
)

// node is one record of a declaration with what the return writer needs to know of it.
type node struct {
	key     Key
	line    int    // line in the declaration file
	text    []byte // the formatted record; nil for a record streamed from its line (raw)
	raw     string // the line as read, when streamed (text is then made when it is returned)
	layout  *record.Layout
	level   ei.Level
	comment bool
	verz    *group // the verzekerde the record belongs to, nil at file level
	prest   *pgroup

	// Of a 04: the declaratiebedrag and the berekend bedrag the provider declared, in
	// cents, signed.
	declared, berekend int64
	st                 status  // what the return writer decided
	out                Outcome // the record's outcome (once looked is set)
	looked             bool
}

// group is a verzekerde with its records.
type group struct {
	nodes      []*node // 02, comments, 03 and their comments
	prestaties []*pgroup
}

// pgroup is a prestatie with its records.
type pgroup struct {
	head  *node
	nodes []*node // 04, comments, sub-records and their comments
}

// tree is a whole declaration (or return) in memory, for Build, Check, Read and
// FromFindings: its records nested by ei.Nester, indexed by key and line.
type tree struct {
	std        *record.Standard
	voorloop   *node
	fileNotes  []*node
	groups     []*group // verzekerden in file order; a prestatie without 02 forms a group without nodes
	sluit      *node
	byKey      map[Key]*node
	byLine     map[int]*node
	ordered    []*node // every record in file order
	prestaties []*pgroup
}

func newTree(f *ei.File) (*tree, error) {
	if f == nil || f.Standard == nil || f.Voorloop.Record == nil || f.Sluit.Record == nil {
		return nil, fmt.Errorf("retour: the declaration needs a standard, a 01 and a 99 record")
	}
	t := &tree{std: f.Standard, byKey: map[Key]*node{}, byLine: map[int]*node{}}
	nest := nester{plans: planCache{}}
	for _, e := range f.Entries() {
		text, err := e.Record.AppendTo(nil)
		if err != nil {
			return nil, fmt.Errorf("retour: line %d: %w", e.Line, err)
		}
		n := &node{line: e.Line, text: text}
		if err := place(&nest, n, e.Record.Layout(), text); err != nil {
			return nil, err
		}
		if _, dup := t.byKey[n.key]; dup && !n.comment {
			return nil, fmt.Errorf("retour: line %d: %s appears twice in the declaration", e.Line, n.key)
		}
		if _, dup := t.byKey[n.key]; !dup {
			t.byKey[n.key] = n
		}
		t.byLine[e.Line] = n
		t.ordered = append(t.ordered, n)
		switch {
		case n.layout.Code() == record.CodeVoorloop:
			t.voorloop = n
		case n.layout.Code() == record.CodeSluit:
			t.sluit = n
		case n.verz == nil:
			t.fileNotes = append(t.fileNotes, n)
		}
		if nest.opened != nil {
			t.groups = append(t.groups, nest.opened)
		}
		if nest.openedP != nil {
			t.prestaties = append(t.prestaties, nest.openedP)
		}
	}
	return t, nil
}

// nester groups the nodes of a declaration as ei.Nester places them: the one nesting of
// the standard, for the whole declaration in memory (newTree) and for a stream (Stream),
// which lets go of each group when it closes.
type nester struct {
	ei.Nester
	plans   planCache
	verz    *group  // the open group: a verzekerde, or a prestatie without one
	orphan  bool    // verz is the group of a prestatie without verzekerde
	prest   *pgroup // the open prestatie
	last    *node   // the last record placed that is not a comment
	opened  *group  // the group that the last record placed opened, if any
	openedP *pgroup // the prestatie that the last record placed opened, if any
	closed  *group  // the group that the last record placed closed, if any

	// newGroup and newPgroup, when set, give groups to reuse (Stream).
	newGroup  func() *group
	newPgroup func() *pgroup
}

// place places node n (its line already set) of layout l, whose formatted text or raw
// line is src: it fills in the node's key, level, group and amounts, adds it to its
// group, and notes the groups opened and closed before it.
func place[T ~string | ~[]byte](ns *nester, n *node, l *record.Layout, src T) error {
	code := l.Code()
	st := ns.Place(code)
	if st.Err != nil {
		return fmt.Errorf("retour: line %d: %w", n.line, st.Err)
	}
	p := ns.plans.of(l)
	n.layout, n.level, n.comment = l, st.Level, st.Comment
	n.key = Key{Record: code}
	if p.id >= 0 {
		n.key.ID, _ = record.FieldIntAt(src, l, p.id)
	}
	ns.opened, ns.openedP, ns.closed = nil, nil, nil
	if st.Events&ei.CloseVerzekerde != 0 || ns.orphan && st.Events&ei.ClosePrestatie != 0 {
		ns.closed, ns.verz, ns.orphan = ns.verz, nil, false
	}
	if st.Events&ei.ClosePrestatie != 0 {
		ns.prest = nil
	}
	switch {
	case st.Events&ei.OpenVerzekerde != 0:
		ns.verz = ns.group()
		ns.opened = ns.verz
	case st.Events&ei.OpenPrestatie != 0:
		if st.Parent != ei.ParentVerzekerde {
			// A prestatie without a verzekerde forms a group of its own.
			ns.verz, ns.orphan = ns.group(), true
			ns.opened = ns.verz
		}
		ns.prest = ns.pgroup()
		ns.prest.head = n
		ns.openedP = ns.prest
		ns.verz.prestaties = append(ns.verz.prestaties, ns.prest)
		n.declared = signedSum(src, l, p.declared)
		n.berekend = n.declared
		if p.berekend >= 0 {
			if v, err := record.SignedAt(src, l, p.berekend); err == nil {
				n.berekend = v
			}
		}
	}
	switch {
	case st.Comment:
		if ns.last != nil {
			n.verz, n.prest = ns.last.verz, ns.last.prest
		}
	case st.Level == ei.LevelVerzekerde:
		n.verz = ns.verz
	case st.Level == ei.LevelPrestatie || st.Level == ei.LevelDetail:
		n.verz, n.prest = ns.verz, ns.prest
	}
	if !st.Comment {
		ns.last = n
	}
	switch {
	case n.prest != nil:
		n.prest.nodes = append(n.prest.nodes, n)
	case n.verz != nil:
		n.verz.nodes = append(n.verz.nodes, n)
	}
	return nil
}

func (ns *nester) group() *group {
	if ns.newGroup != nil {
		return ns.newGroup()
	}
	return &group{}
}

func (ns *nester) pgroup() *pgroup {
	if ns.newPgroup != nil {
		return ns.newPgroup()
	}
	return &pgroup{}
}

// end ends the declaration: it returns the group still open (a declaration cut off
// before its 99), and an error when the declaration has no 01 or 99 record.
func (ns *nester) end() (*group, error) {
	g := ns.verz
	ns.verz, ns.prest, ns.orphan = nil, nil, false
	if _, err := ns.End(); err != nil {
		return g, fmt.Errorf("retour: %w", err)
	}
	return g, nil
}

// declPlan is where a declaration layout keeps what the return writer reads of each
// record, worked out once per layout.
type declPlan struct {
	id       int   // identificatie detailrecord (or a 98's parent reference), -1 if none
	declared []int // declaratiebedrag fields
	berekend int   // berekend bedrag the provider declared (RoleProviderCalculated), -1 if none
	signed   []int // SN fields
}

type planCache map[*record.Layout]*declPlan

func (c planCache) of(l *record.Layout) *declPlan {
	if p := c[l]; p != nil {
		return p
	}
	p := &declPlan{id: l.RoleIndex(record.RoleDetailID), berekend: l.RoleIndex(record.RoleProviderCalculated)}
	if p.id < 0 {
		p.id = l.RoleIndex(record.RoleParentRef)
	}
	for i := 0; i < l.NumFields(); i++ {
		f := l.FieldIndex(i)
		if f.Role == record.RoleDeclared {
			p.declared = append(p.declared, i)
		}
		if f.Type == record.Signed {
			p.signed = append(p.signed, i)
		}
	}
	c[l] = p
	return p
}

// signedSum sums amount fields of a record, in cents, signed by their debet/credit
// fields (record.SignedAt). The record was parsed before: its N fields hold digits.
func signedSum[T ~string | ~[]byte](src T, l *record.Layout, fields []int) int64 {
	var sum int64
	for _, i := range fields {
		if v, err := record.SignedAt(src, l, i); err == nil {
			sum += v
		}
	}
	return sum
}

// canonical reports whether a line that parsed as a record of layout l is what formatting
// the parsed record gives back (ei.ReadFile and Build format every record): then a return
// can repeat the line as it stands. Parsing and formatting keep N and date digits, BSNs,
// Latin-1 text and its trailing spaces; they change an SN zero written "-0…0" into
// "+0…0", and formatting refuses a control character or a byte 0x7F–0x9F in a text. A
// line with either is formatted (and refused) as Build does.
func (p *declPlan) canonical(raw string, l *record.Layout) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(raw); i += 8 {
		w := uint64(raw[i]) | uint64(raw[i+1])<<8 | uint64(raw[i+2])<<16 | uint64(raw[i+3])<<24 |
			uint64(raw[i+4])<<32 | uint64(raw[i+5])<<40 | uint64(raw[i+6])<<48 | uint64(raw[i+7])<<56
		// A byte below 0x20 or above 0x7E in w (the "hasless" and "hasmore" bit tricks):
		// the loop below looks at the bytes one by one.
		if (w-ones*0x20)&^w&highs != 0 || ((w+ones*(127-0x7e))|w)&highs != 0 {
			break
		}
	}
	for ; i < len(raw); i++ {
		if c := raw[i]; c < 0x20 || c >= 0x7f && c < 0xa0 {
			return false
		}
	}
	for _, i := range p.signed {
		if v := record.FieldTextAt(raw, l, i); v[0] == '-' && strings.Trim(v[1:], "0") == "" {
			return false
		}
	}
	return true
}
