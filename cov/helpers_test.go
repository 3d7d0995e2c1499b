package cov_test

import (
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

// now is "today" in the tests that talk to the fake service.
var now = time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)

var today = cov.DateOf(now)

var practice = cov.AGBRole{AGB: "01001234", Rol: cov.RolPraktijk}

func clock() time.Time { return now }

// newClient returns a Client for srv with fast retries; o may override.
func newClient(t *testing.T, srv *covtest.Server, o cov.ClientOptions) *cov.Client {
	t.Helper()
	tr, err := cov.NewSOAPTransport(srv.SOAPConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tr.CloseIdleConnections)
	return newClientWith(t, tr, o)
}

func newClientWith(t *testing.T, tr cov.Transport, o cov.ClientOptions) *cov.Client {
	t.Helper()
	if o.AGB == (cov.AGBRole{}) {
		o.AGB = practice
	}
	if o.Now == nil {
		o.Now = clock
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Retry.BaseDelay == 0 {
		o.Retry.BaseDelay = time.Millisecond
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	c, err := cov.NewClient(tr, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// patient returns a Zoekopdracht by BSN for someone born in 1980.
func patient(bsn cov.BSN) cov.Zoekopdracht {
	return cov.Zoekopdracht{Geboortedatum: cov.NewDate(1980, time.May, 17), BSN: bsn}
}
