package cov_test

import (
	"errors"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

func TestCheckerCheck(t *testing.T) {
	srv := covtest.NewServer(t, covtest.Options{})
	bsns := covtest.BSNs(3)
	srv.Script(bsns[1], covtest.Answer{BSNOnbekend: true})
	srv.Script(bsns[2], covtest.Answer{Status: 503})
	day := now
	chk := &cov.Checker{
		Client: newClient(t, srv, cov.ClientOptions{Now: func() time.Time { return day }, Retry: cov.RetryPolicy{MaxAttempts: 1}}),
		Store:  &cov.MemoryStore{},
		Policy: cov.RecheckPolicy{Now: func() time.Time { return day }, Location: time.UTC},
	}
	steps := []struct {
		name    string
		days    int // since the start
		trigger cov.Trigger
		patient string
		bsn     cov.BSN
		checked bool
		reason  cov.Reason
		err     error
	}{
		{"new patient", 0, cov.TriggerNewPatient, "p1", bsns[0], true, cov.ReasonNeverChecked, nil},
		{"record opened the same day", 0, cov.TriggerOpenRecord, "p1", bsns[0], false, cov.ReasonNotDue, nil},
		{"invoice on day 28", 28, cov.TriggerInvoice, "p1", bsns[0], false, cov.ReasonNotDue, nil},
		{"invoice on day 29", 29, cov.TriggerInvoice, "p1", bsns[0], true, cov.ReasonTooOld, nil},
		{"unknown BSN: answer kept", 29, cov.TriggerNewPatient, "p2", bsns[1], true, cov.ReasonNeverChecked, cov.ErrBSNUnknown},
		{"unknown BSN: not asked again at once", 30, cov.TriggerOpenRecord, "p2", bsns[1], false, cov.ReasonNotDue, nil},
		{"service down: nothing kept", 29, cov.TriggerNewPatient, "p3", bsns[2], false, cov.ReasonNeverChecked, cov.ErrUnavailable},
		{"service down: due again next time", 29, cov.TriggerOpenRecord, "p3", bsns[2], false, cov.ReasonNeverChecked, cov.ErrUnavailable},
	}
	for _, s := range steps {
		day = now.AddDate(0, 0, s.days)
		before := srv.Requests(s.bsn)
		out, err := chk.Check(t.Context(), s.trigger, s.patient, patient(s.bsn))
		if !errors.Is(err, s.err) || (s.err == nil && err != nil) {
			t.Fatalf("%s: err = %v, want %v", s.name, err, s.err)
		}
		if out.Checked != s.checked || out.Decision.Reason != s.reason || out.Decision.Trigger != s.trigger {
			t.Errorf("%s: outcome %+v; want checked=%v reason %q", s.name, out, s.checked, s.reason)
		}
		sent := srv.Requests(s.bsn) - before
		if wantSent := s.checked || s.err != nil; (sent == 1) != wantSent {
			t.Errorf("%s: %d requests sent", s.name, sent)
		}
		if !s.checked && s.err == nil && out.Result.CheckedAt.IsZero() {
			t.Errorf("%s: the stored answer is not returned", s.name)
		}
	}
	rec, ok, _ := chk.Store.Latest(t.Context(), "p1")
	if !ok || !rec.Result.CheckedAt.Equal(now.AddDate(0, 0, 29)) {
		t.Errorf("p1's latest record: %+v", rec)
	}
}
