package retour

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// ErrNumbering: Stream met a detail record whose identificatie detailrecord does not
// follow the one before it. A declaration numbers its detail records 1, 2, 3, … through
// the file (validation rule N2); Stream relies on it to know, without keeping every
// number, that no record appears twice. Build, which holds the whole declaration, accepts
// any order of distinct numbers.
var ErrNumbering = errors.New("detail records not numbered upward through the file")

// Stream reads a declaration from r and writes its return to w as it reads, one
// verzekerde at a time: its memory holds the verzekerde being read (with its debiteuren,
// prestaties, comments and the records under them), never the declaration, so it answers
// a file of any size in the same memory. The bytes written are those Write writes for
// the same declaration and outcomes (records with CR/LF), and forwarded is set, with
// nothing written, when the portal passes the declaration on.
//
// opts.Registry recognises the declaration's standard (ErrNoRegistry without one). The
// outcomes are checked as Build checks them; an outcome for a record the declaration does
// not have (ErrUnknownRecord) is found at its end. The detail records must be numbered
// upward through the file (ErrNumbering). Build formats every record of the declaration
// again; Stream only those it returns (the others it does not write), so a record whose
// text formatting refuses (a control character) fails Build always and Stream only when
// it is returned.
//
// A return is written as it is read: when Stream returns an error (a record that cannot
// be read, a record out of place, ErrUnknownRecord, ErrNumbering, ctx done), what was
// written to w is not a return and must be thrown away. Validate the declaration first
// (its findings make the outcomes: FromFindings, or validate.File with the receiver's
// rules): a declaration whose records cannot be read is answered as a whole from its 01
// and 99 (ReadEnvelope, Build).
func Stream(ctx context.Context, w io.Writer, r io.Reader, out Outcomes, opts Options) (forwarded bool, err error) {
	if opts.Role != Portal && opts.Role != Insurer {
		return false, fmt.Errorf("retour: Options.Role must be Portal or Insurer")
	}
	if err := checkCodes(out); err != nil {
		return false, err
	}
	if opts.Registry == nil {
		return false, ErrNoRegistry
	}
	rd := ei.NewReader(r, ei.ReaderOptions{Registry: opts.Registry, ReuseRecord: true})
	std, err := rd.Standard()
	if err != nil {
		return false, err
	}
	ret, err := returnStandard(std, opts)
	if err != nil {
		return false, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	b := newBuilder(&tree{std: std}, ret, out, opts, func(line []byte) error {
		bw.Write(line)
		_, err := bw.WriteString("\r\n")
		return err
	})
	s := &streamer{b: b, out: out}
	s.nest = nester{plans: b.plans, newGroup: s.group, newPgroup: s.pgroup}
	if len(out.Records) > 0 {
		s.matched = make(map[Key]struct{}, len(out.Records))
	}
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		e, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, err
		}
		if err := s.record(e, rd.Text()); err != nil {
			return false, err
		}
	}
	g, err := s.nest.end()
	if err != nil {
		return false, err
	}
	if g != nil {
		if err := s.b.group(g); err != nil {
			return false, err
		}
	}
	if len(s.matched) < len(out.Records) {
		var missing []Key
		for k := range out.Records {
			if _, ok := s.matched[k]; !ok {
				missing = append(missing, k)
			}
		}
		k := slices.MinFunc(missing, func(a, b Key) int { return cmp.Or(cmp.Compare(a.Record, b.Record), cmp.Compare(a.ID, b.ID)) })
		return false, fmt.Errorf("retour: %w: %s", ErrUnknownRecord, k)
	}
	if err := b.finish(); err != nil {
		return false, err
	}
	if b.forwarded {
		return true, nil
	}
	return false, bw.Flush()
}

// streamer feeds a builder one group at a time, reusing the nodes and groups of the
// groups it has answered.
type streamer struct {
	b       *builder
	out     Outcomes
	nest    nester
	matched map[Key]struct{} // the keys of out.Records met
	lastID  int64            // the last identificatie detailrecord
	nodes   []*node
	groups  []*group
	pgroups []*pgroup
}

// record places one record of the declaration, raw its line, and answers the group it
// closes.
func (s *streamer) record(e ei.Entry, raw string) error {
	n := s.node()
	n.line, n.raw = e.Line, raw
	l := e.Record.Layout()
	if err := place(&s.nest, n, l, raw); err != nil {
		return err
	}
	if !n.comment && l.IsDetail() {
		if n.key.ID <= s.lastID {
			return fmt.Errorf("retour: line %d: %w: %s follows number %d", n.line, ErrNumbering, n.key, s.lastID)
		}
		s.lastID = n.key.ID
	}
	if s.matched != nil {
		var ok bool
		n.out, ok = s.out.Records[n.key]
		n.looked = true
		if ok {
			s.matched[n.key] = struct{}{}
		}
	}
	if g := s.nest.closed; g != nil {
		if err := s.b.group(g); err != nil {
			return err
		}
		s.release(g)
	}
	switch l.Code() {
	case record.CodeVoorloop, record.CodeSluit:
		text, err := s.b.textOf(n)
		if err != nil {
			return err
		}
		n.text = bytes.Clone(text)
		if l.Code() == record.CodeSluit {
			s.b.t.sluit = n
			return nil
		}
		s.b.t.voorloop = n
		return s.b.begin()
	}
	if n.verz == nil { // a comment before the first detail record
		err := s.b.fileNote(n)
		s.nodes = append(s.nodes, n)
		return err
	}
	return nil
}

func (s *streamer) node() *node {
	if k := len(s.nodes); k > 0 {
		n := s.nodes[k-1]
		s.nodes = s.nodes[:k-1]
		*n = node{}
		return n
	}
	return &node{}
}

func (s *streamer) group() *group {
	if k := len(s.groups); k > 0 {
		g := s.groups[k-1]
		s.groups = s.groups[:k-1]
		return g
	}
	return &group{}
}

func (s *streamer) pgroup() *pgroup {
	if k := len(s.pgroups); k > 0 {
		p := s.pgroups[k-1]
		s.pgroups = s.pgroups[:k-1]
		return p
	}
	return &pgroup{}
}

// release takes back the nodes and groups of an answered group.
func (s *streamer) release(g *group) {
	s.nodes = append(s.nodes, g.nodes...)
	for _, p := range g.prestaties {
		s.nodes = append(s.nodes, p.nodes...)
		clear(p.nodes)
		p.nodes, p.head = p.nodes[:0], nil
		s.pgroups = append(s.pgroups, p)
	}
	clear(g.nodes)
	clear(g.prestaties)
	g.nodes, g.prestaties = g.nodes[:0], g.prestaties[:0]
	s.groups = append(s.groups, g)
}

// StreamFindings is FromFindings for a declaration read from r, one record at a time: it
// keeps the records the findings name (their key and level), never the declaration, and
// gives the outcomes FromFindings gives for the same file and findings, for Stream. reg
// recognises the declaration's standard (ErrNoRegistry without one).
//
// Like Stream, it relies on the detail records being numbered upward through the file:
// FromFindings refuses a record that appears twice, which only the whole declaration
// shows when the numbers go back. StreamFindings returns ErrNumbering there; the caller
// answers such a file (which validation rejects as a whole, rule N2) with FromFindings
// and Build on the declaration read whole. An error about a record (one that cannot be
// read, formatted or placed) is the error FromFindings gives after ei.ReadFile.
func StreamFindings(ctx context.Context, r io.Reader, reg *ei.Registry, findings []validate.Finding) (out Outcomes, dropped int, err error) {
	if reg == nil {
		return Outcomes{}, 0, ErrNoRegistry
	}
	lines := make(map[int]bool, len(findings))
	for i := range findings {
		if findings[i].Severity != validate.Warning && findings[i].Line > 0 {
			lines[findings[i].Line] = true
		}
	}
	rd := ei.NewReader(r, ei.ReaderOptions{Registry: reg, ReuseRecord: true})
	if _, err := rd.Standard(); err != nil {
		return Outcomes{}, 0, err
	}
	s := &streamer{}
	s.nest = nester{plans: planCache{}, newGroup: s.group, newPgroup: s.pgroup}
	at := make(map[int]node, len(lines))
	var text []byte
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return Outcomes{}, 0, err
			}
		}
		e, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Outcomes{}, 0, err
		}
		raw, l := rd.Text(), e.Record.Layout()
		if !s.nest.plans.of(l).canonical(raw, l) {
			// FromFindings formats every record; a record whose formatting refuses fails it.
			if text, err = e.Record.AppendTo(text[:0]); err != nil {
				return Outcomes{}, 0, fmt.Errorf("retour: line %d: %w", e.Line, err)
			}
		}
		n := s.node()
		n.line = e.Line
		if err := place(&s.nest, n, l, raw); err != nil {
			return Outcomes{}, 0, err
		}
		if !n.comment && l.IsDetail() {
			if n.key.ID <= s.lastID {
				return Outcomes{}, 0, fmt.Errorf("retour: line %d: %w: %s follows number %d", n.line, ErrNumbering, n.key, s.lastID)
			}
			s.lastID = n.key.ID
		}
		if lines[n.line] {
			at[n.line] = node{key: n.key, level: n.level}
		}
		if g := s.nest.closed; g != nil {
			s.release(g)
		}
	}
	return fromFindings(findings, func(line int) *node {
		if n, ok := at[line]; ok {
			return &n
		}
		return nil
	})
}
