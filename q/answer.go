package q

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// RetourNotConnected is the COD954 code of a file whose UZOVI-nummer is not connected to
// VECOZO's portal: "Het bestand kan niet worden doorgestuurd" (invulinstructie chapter 3,
// voorbeeld 2).
const RetourNotConnected = "8198"

// PortalOptions steer how Answer checks a delivery as VECOZO does.
type PortalOptions struct {
	// Return steers the QVE302 written (date, referentienummer VECOZO/Vektis).
	Return ReturnOptions
	// Validate are the options of the N1-N5 validation (Today, StrictUZOVI, ...);
	// Registry and RuleSets are set to the Q ones when empty.
	Validate validate.Options
	// Rules steer the Q rule set used when Validate.RuleSets is empty.
	Rules RuleOptions
	// Connected lists the UZOVI-nummers connected to VECOZO's portal (VSP-INFO). When it is
	// not nil, a file whose UZOVI-nummer indiener (0106) is not in it is rejected as a
	// whole before any record is checked: 01 with 0001 and 8198, and the 99 (voorbeeld 2).
	// nil: the check is not made.
	Connected []string
}

// Answer checks QVE301 file data as VECOZO's portal does and returns its QVE302 answer
// (invulinstructie chapter 3): Message.Forwarded and no records when the whole file is
// approved (voorbeeld 1); 01 and 99 with 0001 and the reason for a fault in the file
// (voorbeelden 2 and 3); the 01 with 0200 and the rejected records for a fault in a record
// (voorbeelden 4 and 5). dropped counts the return codes that did not fit the three
// retourcode fields of a record. The Q layouts are reconstructions (see the package
// documentation).
func Answer(ctx context.Context, data []byte, opts PortalOptions) (m *retour.Message, dropped int, err error) {
	decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: Registry()})
	if err != nil {
		return nil, 0, fmt.Errorf("q: answer: %w", err)
	}
	if decl.Standard.Code() != "QVE301" {
		return nil, 0, fmt.Errorf("q: answer: the file is %s; the portal answers a QVE301", decl.Standard.ID())
	}
	var out retour.Outcomes
	if opts.Connected != nil {
		if !slices.Contains(opts.Connected, indiener(decl)) {
			out.RejectFile(RetourNotConnected)
			m, err := Return(decl, out, opts.Return)
			return m, 0, err
		}
	}
	vopts := opts.Validate
	if vopts.RuleSets == nil {
		vopts.RuleSets = []*validate.RuleSet{RuleSet(opts.Rules)}
	}
	out, dropped, err = Outcomes(ctx, decl, bytes.NewReader(data), vopts)
	if err != nil {
		return nil, 0, err
	}
	m, err = Return(decl, out, opts.Return)
	return m, dropped, err
}

// indiener returns field 0106 UZOVI-nummer indiener of decl's voorlooprecord.
func indiener(decl *ei.File) string {
	if decl.Voorloop.Record == nil {
		return ""
	}
	l := decl.Voorloop.Record.Layout()
	f := l.Field("0106")
	text, err := decl.Voorloop.Record.AppendTo(nil)
	if f == nil || err != nil || len(text) < f.End {
		return ""
	}
	return strings.TrimSpace(string(text[f.Start-1 : f.End]))
}
