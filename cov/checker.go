package cov

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"
)

// Checker ties the pieces together the way practice software uses COV:
// at a trigger it asks the Policy whether a check is due, checks through
// the Client and keeps the answer in the Store. Bulk runs go through it too.
type Checker struct {
	Client *Client       // required
	Store  Store         // required: where answers are kept, per patient
	Policy RecheckPolicy // the zero value is seed 000's policy
	Logger *slog.Logger  // nil discards; never gets a full BSN
	// CertificateWarning is how long before the client certificate expires
	// Status and Bulk start to warn. 0 means 30 days.
	CertificateWarning time.Duration
}

// CheckerStatus is what Checker.Status reports.
type CheckerStatus struct {
	// CertificateExpiry is when the client certificate expires; zero when
	// the Transport cannot tell (see SOAPTransport.ClientCertificateExpiry).
	CertificateExpiry time.Time
	// CertificateDaysLeft is the number of whole days until then, by the
	// Client's clock (negative when it has expired); 0 when not known.
	CertificateDaysLeft int
	// Warnings are things to act on, e.g. a certificate about to expire.
	Warnings []string
}

// Status reports the state of the checker's connection to COV that the
// practice must look after: the client certificate and how many days it
// has left. VECOZO certificates expire; renew in time, or checks stop.
func (c *Checker) Status() CheckerStatus {
	var st CheckerStatus
	if c.Client == nil {
		return st
	}
	if exp, ok := c.Client.CertificateExpiry(); ok {
		st.CertificateExpiry = exp
		st.CertificateDaysLeft = int(math.Floor(exp.Sub(c.Client.o.Now()).Hours() / 24))
	}
	if w := c.certificateWarning(); w != "" {
		st.Warnings = append(st.Warnings, w)
	}
	return st
}

// certificateWarning returns a warning when the client certificate
// expires within CertificateWarning, "" otherwise or when not known.
func (c *Checker) certificateWarning() string {
	exp, ok := c.Client.CertificateExpiry()
	if !ok {
		return ""
	}
	within := c.CertificateWarning
	if within <= 0 {
		within = 30 * 24 * time.Hour
	}
	left := exp.Sub(c.Client.o.Now())
	switch {
	case left <= 0:
		return fmt.Sprintf("the client certificate expired on %s: COV refuses it; install the renewed VECOZO certificate", exp.Format(time.DateOnly))
	case left <= within:
		return fmt.Sprintf("the client certificate expires on %s (%d days left): renew it with VECOZO in time, or COV checks stop", exp.Format(time.DateOnly), int(left.Hours()/24))
	}
	return ""
}

// Outcome is what Checker.Check did.
type Outcome struct {
	Decision Decision
	// Checked reports whether COV was asked now. When it was not, Result
	// is the stored latest answer (zero if there is none).
	Checked bool
	Result  Zoekresultaat
}

// Check runs a COV check for the patient when one is due at trigger and
// saves the answer. q describes the patient (its Geboortedatum also feeds
// the age rule); the last check is the one in the Store. The error wraps
// ErrBSNUnknown when COV does not know the BSN (the answer is saved and
// returned); any other error means nothing was saved.
func (c *Checker) Check(ctx context.Context, trigger Trigger, patientID string, q Zoekopdracht) (Outcome, error) {
	if err := c.ready(); err != nil {
		return Outcome{}, err
	}
	last, _, err := c.Store.Latest(ctx, patientID)
	if err != nil {
		return Outcome{}, fmt.Errorf("cov: reading the last check of patient %q: %w", patientID, err)
	}
	// With no stored record, CheckedAt is the zero time: never checked.
	out := Outcome{Decision: c.Policy.Decide(trigger, q.Geboortedatum, last.Result.CheckedAt)}
	log := c.logger().With(slog.String("patient", patientID), slog.String("trigger", trigger.String()))
	if !out.Decision.Due {
		log.LogAttrs(ctx, slog.LevelDebug, "cov: no check needed", slog.String("why", out.Decision.Why))
		out.Result = last.Result
		return out, nil
	}
	res, err := c.Client.Controleer(ctx, q)
	if err != nil && !errors.Is(err, ErrBSNUnknown) {
		log.LogAttrs(ctx, slog.LevelWarn, "cov: check failed", slog.String("why", out.Decision.Why), slog.Any("error", err))
		return out, err
	}
	out.Checked, out.Result = true, res
	if saveErr := c.Store.Save(ctx, Record{PatientID: patientID, Result: res}); saveErr != nil {
		return out, errors.Join(err, fmt.Errorf("cov: saving the answer for patient %q: %w", patientID, saveErr))
	}
	log.LogAttrs(ctx, slog.LevelInfo, "cov: checked", slog.String("why", out.Decision.Why),
		slog.String("status", res.Status().String()))
	return out, err
}

func (c *Checker) ready() error {
	if c.Client == nil || c.Store == nil {
		return errors.New("cov: Checker needs a Client and a Store")
	}
	return nil
}

func (c *Checker) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}
