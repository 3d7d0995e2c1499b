package insurer

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Maxima gives the maximum reimbursement for prestaties of non-contracted providers
// (seed 004: "tot ten hoogste de door ons vastgestelde maximale vergoeding").
type Maxima interface {
	// Contracted reports whether the insurer has a contract with the declarant.
	Contracted(agb string) bool
	// Max returns the maximum reimbursement of a prestatie (prestatiecodelijst and
	// prestatiecode as declared), and false when there is none.
	Max(codelijst, prestatiecode string) (record.Money, bool)
}

// ApplyMaxima caps the toegekend bedrag of every prestatie of a non-contracted declarant
// that is not rejected at its maximum, with code CodeGeenContract (8648).
func ApplyMaxima(decl *ei.File, out *retour.Outcomes, m Maxima) error {
	agb, err := declarant(decl.Voorloop.Record)
	if err != nil {
		return err
	}
	if m.Contracted(agb) {
		return nil
	}
	var prestaties []*ei.Prestatie
	for _, vz := range decl.Verzekerden {
		if len(out.Records[retour.Key{Record: record.CodeVerzekerde, ID: detailID(vz.Record)}].Codes) > 0 {
			continue // rejected with its verzekerde
		}
		prestaties = append(prestaties, vz.Prestaties...)
	}
	prestaties = append(prestaties, decl.Prestaties...)
	for _, p := range prestaties {
		line, err := p.Record.AppendTo(nil)
		if err != nil {
			return err
		}
		l := p.Record.Layout()
		id := detailID(p.Record)
		if len(out.Records[retour.Key{Record: record.CodePrestatie, ID: id}].Codes) > 0 {
			continue
		}
		max, ok := m.Max(serviceCode(line, l))
		if !ok {
			continue
		}
		declared, err := record.SignedSum(line, l, record.RoleDeclared)
		if err != nil {
			return fmt.Errorf("insurer: line %d: %w", p.Line, err)
		}
		berekend := declared
		if i := l.RoleIndex(record.RoleProviderCalculated); i >= 0 {
			berekend, _ = record.SignedAt(line, l, i)
		}
		if toegekend, capped := Cap(money.Cents(declared), max, false); capped {
			out.Allow(id, money.Cents(berekend), toegekend, CodeGeenContract)
		}
	}
	return nil
}

// declarant returns the AGB code of the declarant of a voorlooprecord: of the fields with
// role RoleAGB (zorgverlenerscode, praktijkcode, instellingscode, in that order in every
// EI 01), the last one filled, as it stands; "" when none is.
func declarant(voorloop record.Record) (string, error) {
	line, err := voorloop.AppendTo(nil)
	if err != nil {
		return "", err
	}
	l := voorloop.Layout()
	agb := l.RoleIndexes(record.RoleAGB)
	for k := len(agb) - 1; k >= 0; k-- {
		if s := string(record.FieldTextAt(line, l, agb[k])); strings.Trim(s, "0 ") != "" {
			return s, nil
		}
	}
	return "", nil
}

func detailID(rec record.Record) int64 {
	if d, ok := rec.(record.Detail); ok {
		return d.DetailID()
	}
	return 0
}

// elementServiceList is the data element of the aanduiding prestatiecodelijst (COD367).
const elementServiceList = "COD367"

// serviceCode returns the aanduiding prestatiecodelijst of a prestatie (the field of data
// element COD367) and its prestatiecode: in every BER the field right after it, whose
// value list it names (PRESTATIECODE, PRESTATIECODE/DBC DECLARATIECODE, DECLARATIECODE).
// Both are "" when the layout has no such field.
func serviceCode(line []byte, l *record.Layout) (list, code string) {
	fs := l.Fields()
	for i := range fs {
		if strings.HasPrefix(fs[i].Element, elementServiceList) && i+1 < len(fs) {
			return strings.TrimSpace(string(record.FieldText(line, &fs[i]))), strings.TrimSpace(string(record.FieldText(line, &fs[i+1])))
		}
	}
	return "", ""
}

// ErrNoRegistry is the error of Assess given neither validate.Options.Registry nor
// Options.Standard; errors.Is(err, ei.ErrNoRegistry) holds too.
var ErrNoRegistry = fmt.Errorf("insurer: no Options.Registry and no Options.Standard: %w", ei.ErrNoRegistry)

// Assess validates a declaration with the insurer's rules (through the rule set hook)
// and returns the outcomes for its return: the findings of the standard and of the policy
// as codes, and the maxima applied. opts are the validation options (the insurer's rule set
// is added to opts.RuleSets); opts.Registry or opts.Standard is required (ErrNoRegistry).
func Assess(ctx context.Context, data []byte, cfg Config, maxima Maxima, opts validate.Options) (retour.Outcomes, *validate.Report, error) {
	if opts.Registry == nil && opts.Standard == nil {
		return retour.Outcomes{}, nil, ErrNoRegistry
	}
	c := New(ctx, cfg)
	opts.RuleSets = append(opts.RuleSets, c.RuleSet())
	rep, err := validate.File(ctx, bytes.NewReader(data), opts)
	if err != nil {
		return retour.Outcomes{}, nil, err
	}
	if err := c.Err(); err != nil {
		return retour.Outcomes{}, rep, err
	}
	decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: opts.Registry, Standard: opts.Standard})
	if err != nil {
		// Unreadable as records: the file can only be rejected as a whole.
		var out retour.Outcomes
		out.RejectFile()
		return out, rep, fmt.Errorf("insurer: %w", err)
	}
	out, _, err := retour.FromFindings(decl, rep.Findings)
	if err != nil {
		return out, rep, err
	}
	if maxima != nil && !out.Rejected {
		if err := ApplyMaxima(decl, &out, maxima); err != nil {
			return out, rep, err
		}
	}
	return out, rep, nil
}
