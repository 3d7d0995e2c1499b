package retour

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/eiline"
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

// level says where a record sits in the nesting of a declaration.
type level uint8

const (
	levelFile       level = iota // 01, 99, comments before the first detail record
	levelVerzekerde              // 02, its 03 and the comments on them
	levelPrestatie               // 04 and its comments
	levelSub                     // records under a 04 (06, 16, 17, …) and their comments
)

// node is one record of a declaration with what the return writer needs to know of it.
type node struct {
	key     Key
	line    int // line in the declaration file
	text    []byte
	layout  *record.Layout
	level   level
	comment bool
	verz    *group // the verzekerde the record belongs to, nil at file level
	prest   *pgroup
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

// tree is a declaration as the return writer walks it.
type tree struct {
	std        *record.Standard
	voorloop   *node
	fileNotes  []*node
	groups     []*group // verzekerden in file order; prestaties without 02 form groups without nodes
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
	add := func(e ei.Entry, lv level, g *group, p *pgroup) (*node, error) {
		text, err := eiline.Format(e.Record)
		if err != nil {
			return nil, fmt.Errorf("retour: line %d: %w", e.Line, err)
		}
		l := e.Record.Layout()
		n := &node{line: e.Line, text: text, layout: l, level: lv, verz: g, prest: p,
			comment: l.Code() == record.CodeCommentaar}
		id, _ := eiline.DetailID(text, l)
		n.key = Key{l.Code(), id}
		if _, dup := t.byKey[n.key]; dup && !n.comment {
			return nil, fmt.Errorf("retour: line %d: %s appears twice in the declaration", e.Line, n.key)
		}
		if _, dup := t.byKey[n.key]; !dup {
			t.byKey[n.key] = n
		}
		t.byLine[e.Line] = n
		t.ordered = append(t.ordered, n)
		return n, nil
	}
	var err error
	addAll := func(es []ei.Entry, lv level, g *group, p *pgroup, into *[]*node) {
		for _, c := range es {
			if err != nil {
				return
			}
			var n *node
			if n, err = add(c, lv, g, p); err == nil && into != nil {
				*into = append(*into, n)
			}
		}
	}
	addPrestatie := func(pr *ei.Prestatie, g *group) {
		p := &pgroup{}
		var head *node
		if head, err = add(pr.Entry, levelPrestatie, g, p); err != nil {
			return
		}
		p.head = head
		p.nodes = append(p.nodes, head)
		addAll(pr.Commentaar, levelPrestatie, g, p, &p.nodes)
		for _, d := range pr.Details {
			if err != nil {
				return
			}
			var n *node
			if n, err = add(d.Entry, levelSub, g, p); err != nil {
				return
			}
			p.nodes = append(p.nodes, n)
			addAll(d.Commentaar, levelSub, g, p, &p.nodes)
		}
		g.prestaties = append(g.prestaties, p)
		t.prestaties = append(t.prestaties, p)
	}
	if t.voorloop, err = add(f.Voorloop, levelFile, nil, nil); err != nil {
		return nil, err
	}
	addAll(f.Commentaar, levelFile, nil, nil, &t.fileNotes)
	for _, v := range f.Verzekerden {
		g := &group{}
		var n *node
		if n, err = add(v.Entry, levelVerzekerde, g, nil); err != nil {
			return nil, err
		}
		g.nodes = append(g.nodes, n)
		addAll(v.Commentaar, levelVerzekerde, g, nil, &g.nodes)
		for _, d := range v.Debiteuren {
			if err != nil {
				break
			}
			if n, err = add(d.Entry, levelVerzekerde, g, nil); err != nil {
				break
			}
			g.nodes = append(g.nodes, n)
			addAll(d.Commentaar, levelVerzekerde, g, nil, &g.nodes)
		}
		for _, p := range v.Prestaties {
			if err != nil {
				break
			}
			addPrestatie(p, g)
		}
		if err != nil {
			return nil, err
		}
		t.groups = append(t.groups, g)
	}
	for _, p := range f.Prestaties {
		g := &group{}
		addPrestatie(p, g)
		if err != nil {
			return nil, err
		}
		t.groups = append(t.groups, g)
	}
	if t.sluit, err = add(f.Sluit, levelFile, nil, nil); err != nil {
		return nil, err
	}
	return t, nil
}

// declared returns the declaratiebedrag of a prestatie in cents, signed.
func declared(n *node) int64 {
	v, _ := eiline.SumRole(n.text, n.layout, record.RoleDeclared)
	return v
}

// berekend returns the berekend bedrag (incl. BTW) the provider declared for a prestatie
// (the field of role RoleProviderCalculated), in cents, signed; the declaratiebedrag when
// the layout has no such field.
func berekend(n *node) int64 {
	if fs := eiline.ByRole(n.layout, record.RoleProviderCalculated); len(fs) > 0 {
		if v, err := eiline.Signed(n.text, n.layout, fs[0]); err == nil {
			return v
		}
	}
	return declared(n)
}
