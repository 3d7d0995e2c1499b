package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "covbulk:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	srv, err := covtest.Start(covtest.Options{Delay: 5 * time.Millisecond})
	if err != nil {
		return err
	}
	defer srv.Close()

	// 200 patients, each with an appointment in the last four weeks. A few
	// are scripted to show what goes wrong in practice.
	const patients = 200
	bsns := covtest.BSNs(patients)
	today := cov.DateOf(time.Now())
	appts := make([]cov.Appointment, patients)
	for i, bsn := range bsns {
		appts[i] = cov.Appointment{
			PatientID: fmt.Sprintf("patient-%03d", i+1),
			Datum:     today.AddDays(-(i % 28)),
			Patient:   cov.Zoekopdracht{Geboortedatum: cov.NewDate(1940+i%80, time.Month(1+i%12), 1+i%28), BSN: bsn},
		}
		switch i % 50 {
		case 7:
			srv.Script(bsn, covtest.Answer{BSNOnbekend: true})
		case 13:
			srv.Script(bsn, covtest.Answer{Status: 503}) // the service keeps failing for this one
		case 21:
			appts[i].Patient.BSN = cov.DummyBSN // no BSN known: never sent
		case 33:
			srv.Script(bsn, covtest.Answer{Overleden: true, Verzekeringen: []cov.Verzekering{{
				UZOVI: 7095, Soort: cov.SoortBasis, Ingangsdatum: cov.NewDate(2010, 1, 1), Einddatum: today.AddDays(-60)}}})
		}
	}

	tr, err := cov.NewSOAPTransport(srv.SOAPConfig())
	if err != nil {
		return err
	}
	agb, err := cov.SelectAGB(cov.AGBRole{}, []cov.AGBRole{
		{AGB: "01123456", Rol: cov.RolZorgverlener},
		{AGB: "01001234", Rol: cov.RolPraktijk},
	})
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	client, err := cov.NewClient(tr, cov.ClientOptions{
		AGB:    agb,
		Retry:  cov.RetryPolicy{MaxAttempts: 3, BaseDelay: 20 * time.Millisecond},
		Logger: logger,
	})
	if err != nil {
		return err
	}
	checker := &cov.Checker{Client: client, Store: &cov.MemoryStore{}, Logger: logger}

	fmt.Printf("bulk COV check of %d patients with an appointment, for AGB %s (%s)\n", patients, agb.AGB, agb.Rol)
	start := time.Now()
	sum, err := checker.Bulk(ctx, appts, cov.BulkOptions{
		RunID:         "covbulk-" + today.String(),
		Workers:       4,
		RatePerSecond: 200,
		Progress: func(p cov.Progress) {
			if p.Done%50 == 0 || p.Done == p.Total {
				fmt.Printf("  %3d/%d done, %d failed\n", p.Done, p.Total, p.Failed)
			}
		},
	})
	if err != nil {
		return err
	}

	fmt.Printf("checked %d in %s: %d BSN unknown, %d without an active basisverzekering, %d failed\n",
		sum.Checked, time.Since(start).Round(100*time.Millisecond), sum.BSNUnknown, sum.NotInsured, sum.Failed)
	for _, name := range slices.Sorted(maps.Keys(sum.Insured)) {
		fmt.Printf("  %3d  %s\n", sum.Insured[name], name)
	}
	// Failures, grouped by cause: a worklist for the practice.
	causes := map[string][]string{}
	for _, f := range sum.Failures {
		causes[cause(f.Err)] = append(causes[cause(f.Err)], f.PatientID)
	}
	for _, c := range slices.Sorted(maps.Keys(causes)) {
		fmt.Printf("  failed, %s: %v\n", c, causes[c])
	}
	return nil
}

func cause(err error) string {
	switch {
	case errors.Is(err, cov.ErrInvalidQuery):
		return "invalid patient data (not sent)"
	case errors.Is(err, cov.ErrUnavailable):
		return "service unavailable (retry later)"
	}
	return err.Error()
}
