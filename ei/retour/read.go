package retour

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Status is the outcome of a prestatie or a file.
type Status uint8

// The outcomes a vendor reads from a return.
const (
	Accepted Status = iota + 1 // paid as declared
	Partly                     // paid, but less than declared (or a different amount)
	Rejected                   // not paid
)

var statusNames = [...]string{Accepted: "accepted", Partly: "partly", Rejected: "rejected"}

// String returns "accepted", "partly" or "rejected".
func (s Status) String() string {
	if int(s) < len(statusNames) && statusNames[s] != "" {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// MarshalText writes the name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Code is a COD954 return code with its description.
type Code struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

func describe(codes []string) []Code {
	out := make([]Code, 0, len(codes))
	for _, c := range codes {
		d, ok := validate.Retourcode(c)
		if !ok {
			d = "(not in COD954)"
		}
		out = append(out, Code{c, d})
	}
	return out
}

// Prestatie is the outcome of one prestatie of the declaration. Amounts are signed
// (credit negative); in JSON they are strings in euros ("12.34").
type Prestatie struct {
	DetailID  int64        `json:"detail_id"`
	Line      int          `json:"line"` // line in the declaration
	Status    Status       `json:"status"`
	Declared  record.Money `json:"declared"`
	Berekend  record.Money `json:"berekend"`  // berekend bedrag zorgverzekeraar (the declared berekend bedrag when not returned)
	Toegekend record.Money `json:"toegekend"` // toegekend bedrag
	Returned  bool         `json:"returned"`  // the prestatie is in the return
	// Codes are the prestatie's own codes, then those of the records it depends on
	// (verzekerde, comments, records under it) that explain a rejection.
	Codes []Code `json:"codes"`
}

// Result is what a return says about its declaration.
type Result struct {
	Invoice    string       `json:"invoice"` // factuurnummer declarant
	Status     Status       `json:"status"`
	Codes      []Code       `json:"codes"`          // the codes of the 01 record
	Note       string       `json:"note,omitempty"` // how the outcome was read, in words
	Ingediend  record.Money `json:"ingediend"`
	Toegekend  record.Money `json:"toegekend"`
	Prestaties []Prestatie  `json:"prestaties"`
}

// JSON returns the result as one JSON object.
func (r *Result) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// Read matches return ret to its declaration decl and gives the outcome per prestatie and
// for the file. It first runs Check: a return that is not a valid answer to decl is an
// error joining the problems (see Err), and no result.
//
// A prestatie not in the return is accepted (the insurer returns only what it rejects),
// unless the file was rejected as a whole (0001) or by the portal, which returns every
// record of a rejected file with nothing allowed.
func Read(ret, decl *ei.File) (*Result, error) {
	if probs := Check(ret, decl); len(probs) > 0 {
		return nil, fmt.Errorf("retour: not a valid answer to the declaration: %w", Err(probs))
	}
	t, err := newTree(decl)
	if err != nil {
		return nil, err
	}
	rt, err := newTree(ret)
	if err != nil {
		return nil, err
	}
	res := &Result{Invoice: invoiceOf(t.voorloop)}
	fileCodes := codesOf(rt.voorloop)
	res.Codes = describe(fileCodes)
	ingediend, _ := sumRole(rt.sluit, record.RoleTotalDeclared)
	toegekend, _ := sumRole(rt.sluit, record.RoleTotalAllowed)
	res.Ingediend, res.Toegekend = money.Cents(ingediend), money.Cents(toegekend)
	fileRejected := len(fileCodes) > 0 && fileCodes[0] == CodeTechnisch
	// The portal returns a record-level rejection as the whole file with nothing allowed.
	wholeFile := len(rt.ordered) == len(t.ordered) && res.Toegekend == 0 && len(t.prestaties) > 0
	if wholeFile {
		for _, p := range rt.prestaties {
			if v, _ := sumRole(p.head, record.RoleAllowed); v != 0 {
				wholeFile = false
			}
		}
	}
	counts := map[Status]int{}
	portal := false
	for _, p := range t.prestaties {
		head := p.head
		pr := Prestatie{DetailID: head.key.ID, Line: head.line, Declared: money.Cents(head.declared), Berekend: money.Cents(head.berekend)}
		rn, ok := rt.byKey[head.key]
		switch {
		case fileRejected:
			pr.Status, pr.Toegekend = Rejected, 0
			pr.Codes = describe(fileCodes)
		case ok:
			pr.Returned = true
			if i := rn.layout.RoleIndex(record.RoleCalculated); i >= 0 {
				v, _ := record.SignedAt(rn.text, rn.layout, i)
				pr.Berekend = money.Cents(v)
			}
			v, _ := sumRole(rn, record.RoleAllowed)
			pr.Toegekend = money.Cents(v)
			var codes []string
			codes = append(codes, meaningful(codesOf(rn))...)
			if n := rn.verz; n != nil {
				for _, vn := range n.nodes {
					codes = append(codes, meaningful(codesOf(vn))...)
				}
			}
			for _, sub := range rn.prest.nodes[1:] {
				codes = append(codes, meaningful(codesOf(sub))...)
			}
			pr.Codes = describe(dedupe(codes))
			if wholeFile && len(pr.Codes) == 0 {
				portal = true // a prestatie without remark that is not paid: the whole file is rejected
			}
			switch {
			case wholeFile || pr.Toegekend == 0 && pr.Declared != 0:
				pr.Status = Rejected
			case pr.Toegekend == pr.Declared:
				pr.Status = Accepted
			default:
				pr.Status = Partly
			}
		default:
			pr.Status, pr.Toegekend = Accepted, pr.Declared
			pr.Codes = []Code{}
		}
		counts[pr.Status]++
		res.Prestaties = append(res.Prestaties, pr)
	}
	switch {
	case fileRejected:
		res.Note = "the file is rejected as a whole (0001): nothing is allowed"
	case portal:
		res.Note = "the whole file is returned with nothing allowed: rejected by the portal (VECOZO) for the records with codes"
	}
	switch {
	case fileRejected || counts[Rejected] == len(res.Prestaties) && len(res.Prestaties) > 0:
		res.Status = Rejected
	case counts[Accepted] == len(res.Prestaties):
		res.Status = Accepted
	default:
		res.Status = Partly
	}
	return res, nil
}

// invoiceOf returns the factuurnummer declarant of a 01 record (the field of data element
// NUM029), or "" when its layout has none (a Q delivery).
func invoiceOf(n *node) string {
	for i := 0; i < n.layout.NumFields(); i++ {
		if f := n.layout.FieldIndex(i); strings.HasPrefix(f.Element, elementFactuurnummer) {
			return record.DecodeText(string(record.FieldTextAt(n.text, n.layout, i)))
		}
	}
	return ""
}

// meaningful leaves out the codes that say nothing about a rejection (0200, 8001).
func meaningful(codes []string) []string {
	var out []string
	for _, c := range codes {
		if c != CodeGeenOpmerking && c != CodeToegewezen {
			out = append(out, c)
		}
	}
	return out
}

func dedupe(codes []string) []string {
	var out []string
	for _, c := range codes {
		if !containsCode(out, c) {
			out = append(out, c)
		}
	}
	return out
}
