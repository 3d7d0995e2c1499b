package main

import (
	"context"
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/zorgkas"
)

// deskFlags are the zorgkas steps of `vsb answer`: the sending history and the
// employee who confirms a refusal or signs an acceptance.
type deskFlags struct {
	history string // SQLite file of the sendings received; "" keeps none (no checks across sendings)
	confirm string // the employee confirming a refusal that waits for confirmation
	sign    string // the employee signing an accepted sending
}

// answerSteps runs a sending through the zorgkas Desk: the decision, and the step the
// employee flags allow. It returns the replies to write (not the 931000: `vsb check`
// writes that) and fills res. A step that waits for an employee sends nothing: res.Waiting
// says which.
func answerSteps(ctx context.Context, f *vsb.File, received vsb.Date, given []validate.Finding, fl deskFlags, res *vsbResult) ([]*vsb.Reply, error) {
	var h zorgkas.History = &zorgkas.MemoryHistory{}
	if fl.history != "" {
		sh, err := zorgkas.OpenSQLHistory(ctx, fl.history)
		if err != nil {
			return nil, err
		}
		defer sh.Close()
		h = sh
	}
	desk := &zorgkas.Desk{History: h}
	c, sent, err := desk.Receive(ctx, f, received, given...)
	if err != nil {
		return nil, err
	}
	if c.Decision == nil { // refused by the technical validation
		r := sent[0].Reply
		*res = vsbResult{Message: r.Type, DF: r.DF(), Reason: "technical validation failed", ErrorPercentage: pct(0), Errors: findingsJSON(c.Technical.Findings), Records: len(f.Records)}
		return []*vsb.Reply{r}, nil
	}
	d := c.Decision
	*res = vsbResult{Message: d.Reply, DF: vsb.DF(d.Reply), Accepted: d.Accepted, Reason: string(d.Reason), Records: d.Records, Rejected: d.Rejected,
		ErrorPercentage: pct(d.Percentage), Confirmation: d.NeedsConfirmation, Errors: findingsJSON(d.Findings)}
	switch c.Sending.State {
	case zorgkas.StateAwaitingConfirmation:
		if fl.confirm == "" {
			res.Waiting = "confirmation: a zorgkas employee must confirm this refusal before the 920099 leaves (-confirm NAME)"
			break
		}
		more, err := desk.Confirm(ctx, c, fl.confirm)
		if err != nil {
			return nil, err
		}
		sent = append(sent, more...)
	case zorgkas.StateAwaitingSignature:
		if fl.sign == "" {
			res.Waiting = "signature: a zorgkas employee must sign this sending before the 920098, 920900 and payment order leave (-sign NAME)"
			break
		}
		more, err := desk.Sign(ctx, c, fl.sign, received)
		if err != nil {
			return nil, err
		}
		sent = append(sent, more...)
	}
	var replies []*vsb.Reply
	for _, m := range sent {
		switch {
		case m.Reply != nil && m.Reply.Type == vsb.MsgFileAccepted:
		case m.Reply != nil:
			replies = append(replies, m.Reply)
			if m.Reply.Type == vsb.MsgSettlement {
				res.Settlement, res.Totals = m.Reply.Type, m.Reply.Settlement
			}
		case m.Payment != nil:
			res.Payment = m.Payment
		case m.Notification != nil:
			res.Notified = len(m.Notification.Prestaties)
		}
	}
	if len(replies) == 0 && res.Waiting == "" {
		return nil, fmt.Errorf("zorgkas: sending %d is %s: nothing to send", c.Sending.Number, c.Sending.State)
	}
	return replies, nil
}
