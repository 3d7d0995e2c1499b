package q

import (
	"context"
	"fmt"
	"io"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Q returns (QVE302) follow chapter 3 of the invulinstructie. VECOZO checks a QVE301
// before it passes it on to Vektis, and answers only what it rejects:
//
//   - the whole file approved: no return at all (example 1): Message.Forwarded;
//   - a fault in the file (its voorlooprecord or sluitrecord, e.g. an UZOVI-nummer not
//     connected to VECOZO, 8198, or a wrong total of detail records, 0156): only the 01,
//     with 0001 and the reason, and the 99 (examples 2 and 3);
//   - a fault in a record: the 01 with 0200, the rejected records with their codes and
//     the records that belong to them with 8002, and the 99 counting what is returned;
//     the records without remark are not returned (examples 4 and 5). A rejected record
//     rejects the whole file.
//
// The messages are written by ei/retour, the module's one writer of return messages: a
// file-level rejection and a clean file as its Portal role, a record-level rejection as
// its Insurer role (the rejected records with what belongs to them, the others left out),
// which is what chapter 3 describes for Q files. A QVE301 has no verzekerdenrecord and,
// unlike the template tables of chapter 3, no tariefrecords, so a rejected prestatierecord
// returns alone.

// ReturnOptions steer a Q return. The zero value answers on today's date, with an empty
// referentienummer.
type ReturnOptions struct {
	// Dagtekening is the date of the return (dagtekening retourbericht); zero means today.
	Dagtekening record.Date
	// Referentie is the referentienummer VECOZO/Vektis: it tells the insurer who answered.
	Referentie string
	// AllowReconstructed allows answering a production file ('P'): QVE302 is a
	// reconstruction. Test files ('T') are always allowed.
	AllowReconstructed bool
}

// Return composes the QVE302 answer to QVE301 delivery decl with the given outcomes (see
// Outcomes for those of a validation).
func Return(decl *ei.File, out retour.Outcomes, opts ReturnOptions) (*retour.Message, error) {
	if decl == nil || decl.Standard == nil || decl.Standard.Code() != "QVE301" {
		return nil, fmt.Errorf("q: Return answers a QVE301 delivery")
	}
	ropts := retour.Options{Role: retour.Portal, Registry: Registry(), Dagtekening: opts.Dagtekening,
		Referentie: opts.Referentie, AllowReconstructed: opts.AllowReconstructed}
	if !out.Rejected && len(out.File) == 0 {
		for _, o := range out.Records {
			if len(o.Codes) > 0 {
				ropts.Role = retour.Insurer
				break
			}
		}
	}
	return retour.Build(decl, out, ropts)
}

// Outcomes checks delivery decl (read from the same bytes as data) with the Q registry and
// rules and turns the findings into the outcomes of a return: a finding on the file, its
// 01 or 99 record rejects the file, any other gives its record the finding's return code.
// opts.Registry and opts.RuleSets are set to the Q ones when empty; every finding is used
// (opts.MaxFindings is ignored). dropped counts the
// return codes that did not fit the three retourcode fields of a record.
func Outcomes(ctx context.Context, decl *ei.File, data io.Reader, opts validate.Options) (out retour.Outcomes, dropped int, err error) {
	if opts.Registry == nil {
		opts.Registry = Registry()
	}
	if opts.RuleSets == nil {
		opts.RuleSets = []*validate.RuleSet{RuleSet(RuleOptions{})}
	}
	opts.MaxFindings = -1
	rep, err := validate.File(ctx, data, opts)
	if err != nil {
		return retour.Outcomes{}, 0, err
	}
	return retour.FromFindings(decl, rep.Findings)
}
