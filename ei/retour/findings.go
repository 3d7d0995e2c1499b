package retour

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// FromFindings turns validation findings on decl (validate.File on the same file, with
// the receiver's own rules in validate.Options.Rules) into outcomes: a finding on the file
// as a whole, on its 01 or 99 record, or on the structure (N1, N2) rejects the file; any
// other finding gives its record the finding's return code. Warnings are left out. A
// record keeps at most three distinct codes (the return record has three fields), in the
// order found; Dropped counts what did not fit.
//
// A finding that rejects a detail record must carry that record's return code: 0001
// belongs only in the 01 of a return that rejects the file as a whole. A finding on a
// detail record without a code, or with 0001, is an error (ErrCode) naming its rule and
// line, not a code written on the record.
func FromFindings(decl *ei.File, findings []validate.Finding) (out Outcomes, dropped int, err error) {
	t, err := newTree(decl)
	if err != nil {
		return Outcomes{}, 0, err
	}
	return fromFindings(findings, func(line int) *node { return t.byLine[line] })
}

// fromFindings turns findings into outcomes (FromFindings, StreamFindings); at gives the
// record of the declaration on a line (its key and level), nil for none.
func fromFindings(findings []validate.Finding, at func(line int) *node) (out Outcomes, dropped int, err error) {
	for i := range findings {
		f := &findings[i]
		if f.Severity == validate.Warning {
			continue
		}
		n := at(f.Line)
		if f.Line == 0 || n == nil || f.Level <= validate.N2 || n.level == levelFile {
			if f.Retourcode == "" {
				f.Retourcode = CodeTechnisch
			}
			if len(out.File) < MaxCodes-1 || containsCode(out.File, f.Retourcode) || f.Retourcode == CodeTechnisch {
				out.RejectFile(f.Retourcode)
			} else {
				dropped++
			}
			continue
		}
		if f.Retourcode == "" || f.Retourcode == CodeTechnisch {
			return Outcomes{}, 0, fmt.Errorf("retour: %w: finding of rule %s on line %d (record %s, field %s) has no record-level return code; "+
				"give the rule a Retourcode (0001 is for the file as a whole)", ErrCode, f.Rule, f.Line, f.Record, f.Field)
		}
		k := n.key
		if len(out.Records[k].Codes) >= MaxCodes && !containsCode(out.Records[k].Codes, f.Retourcode) {
			dropped++
			continue
		}
		out.Reject(k, f.Retourcode)
	}
	return out, dropped, nil
}

func containsCode(codes []string, c string) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}
