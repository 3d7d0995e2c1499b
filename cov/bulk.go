package cov

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/zorgbericht/zorgbericht/cov/internal/tokenbucket"
)

// Appointment is a patient with a known appointment: the input of a bulk
// run. Only patients with an appointment are checked; VECOZO forbids a
// daily bulk check of all patients.
type Appointment struct {
	PatientID string
	// Datum is the appointment date. It becomes the peildatum (the agenda
	// date, as practice software does it), or today if it lies ahead.
	Datum Date
	// Patient holds the patient's data: Geboortedatum and BSN or address
	// (and AGB/Rol if not the Client's). Its Peildatum is ignored.
	Patient Zoekopdracht
}

// BulkOptions configure Checker.Bulk. RunID is required; every other zero
// value is a documented default.
type BulkOptions struct {
	// RunID names the run. Start Bulk again with the same RunID to resume
	// it: patients with an answer saved under it are not checked again.
	RunID string
	// Workers is how many checks run at the same time. 0 means 4.
	Workers int
	// RatePerSecond bounds the requests sent to COV, retries included.
	// 0 means 5. VECOZO does not publish its limit; stay modest.
	//
	// The rate adapts: every answer "too many requests" (HTTP 429, or a
	// Retry-After) halves it, down to MinRatePerSecond, and pauses every
	// worker for the Retry-After; after ten answers in a row it climbs back
	// by a tenth of RatePerSecond. Such answers do not use up a patient's
	// attempts (up to 20 per patient), so a fast start does not make
	// patients fail.
	RatePerSecond float64
	// MinRatePerSecond is the floor of the adaptive rate. 0 means
	// RatePerSecond/20.
	MinRatePerSecond float64
	// Burst is how many requests may go out at once after a quiet spell.
	// 0 means 1.
	Burst int
	// Progress, when set, is called once before the first check and after
	// every patient, one call at a time, from the goroutine running Bulk.
	Progress func(Progress)
}

// Progress is the state of a bulk run.
type Progress struct {
	Total   int // patients in the run
	Done    int // finished: resumed + checked + failed
	Resumed int // finished in an earlier attempt of this run
	Failed  int
}

// Summary is the result of a bulk run.
type Summary struct {
	RunID    string
	Patients int // distinct patients with an appointment
	Resumed  int // answered in an earlier attempt of this run: skipped
	Checked  int // answered by COV in this attempt (BSN unknown included)
	// Insured counts the patients with a basisverzekering active on the
	// peildatum, by insurer name (the UZOVI number when the register lacks it).
	Insured    map[string]int
	NotInsured int // answered, but no basisverzekering active on the peildatum
	BSNUnknown int
	Failed     int       // not answered: invalid data, service errors
	Failures   []Failure // the failed patients, for a worklist
	Unfinished int       // not finished because the run stopped early; a resume picks them up
	// Slowdowns counts the times the service said "too many requests" and
	// the run halved its rate; LowestRate is the lowest rate it ran at.
	Slowdowns  int
	LowestRate float64
	// Warnings are things the practice should know, logged at Warn level
	// too: a second bulk run on one day (VECOZO forbids a daily bulk check;
	// bulk is a last resort), a client certificate about to expire.
	Warnings []string
}

// Failure is a patient a bulk run could not check.
type Failure struct {
	PatientID string
	Err       error // never contains a full BSN
}

type bulkJob struct {
	patientID string
	q         Zoekopdracht
	err       error // set when the appointment itself is unusable
}

type bulkAnswer struct {
	job bulkJob
	res Zoekresultaat
	err error
}

// Bulk checks every patient with an appointment, once per patient (with
// several appointments, for the latest date, or today if it lies ahead),
// with bounded concurrency and a rate limit. Each answer is saved in the
// Store under o.RunID as it arrives, so that a run that stopped — cancelled,
// crashed, killed — is resumed by calling Bulk again with the same RunID,
// and nobody already answered is checked twice.
//
// Cancelling ctx stops the run: no new request starts, requests already
// sent are waited for (up to the Client's timeout) and their answers saved.
// The run stops by itself when COV refuses the practice (ErrNotAuthorised,
// ErrNotAuthenticated) or the Store fails; the error says why. Failures of
// single patients do not stop it; they are listed in the Summary and not
// saved, so a resumed run tries them again.
func (c *Checker) Bulk(ctx context.Context, appointments []Appointment, o BulkOptions) (Summary, error) {
	if err := c.ready(); err != nil {
		return Summary{}, err
	}
	if o.RunID == "" {
		return Summary{}, errors.New("cov: BulkOptions.RunID is empty; expected a name for the run (e.g. \"bulk-2026-02-01\"), used to resume it")
	}
	workers := o.Workers
	if workers <= 0 {
		workers = 4
	}
	rate := o.RatePerSecond
	if rate <= 0 {
		rate = 5
	}
	minRate := o.MinRatePerSecond
	if minRate <= 0 || minRate > rate {
		minRate = rate / 20
	}
	log := c.logger().With(slog.String("run", o.RunID))
	warnings, err := c.bulkWarnings(ctx, o.RunID)
	if err != nil {
		return Summary{}, err
	}
	for _, w := range warnings {
		log.LogAttrs(ctx, slog.LevelWarn, "cov: "+w)
	}

	jobs := planBulk(appointments, c.Client.Today())
	finished, err := c.Store.Finished(ctx, o.RunID)
	if err != nil {
		return Summary{}, fmt.Errorf("cov: bulk run %q: reading what is finished: %w", o.RunID, err)
	}
	isFinished := make(map[string]bool, len(finished))
	for _, id := range finished {
		isFinished[id] = true
	}
	var todo []bulkJob
	for _, j := range jobs {
		if !isFinished[j.patientID] {
			todo = append(todo, j)
		}
	}

	sum := Summary{RunID: o.RunID, Patients: len(jobs), Resumed: len(jobs) - len(todo), Insured: map[string]int{}, Warnings: warnings}
	report := func() {
		if o.Progress != nil {
			o.Progress(Progress{Total: sum.Patients, Done: sum.Resumed + sum.Checked + sum.Failed, Resumed: sum.Resumed, Failed: sum.Failed})
		}
	}
	report()
	log.LogAttrs(ctx, slog.LevelInfo, "cov: bulk run started", slog.Int("patients", sum.Patients),
		slog.Int("resumed", sum.Resumed), slog.Int("workers", workers), slog.Float64("rate", rate))

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	limit := newPace(rate, minRate, o.Burst)
	jobCh := make(chan bulkJob)
	answers := make(chan bulkAnswer)
	go func() {
		defer close(jobCh)
		for _, j := range todo {
			select {
			case jobCh <- j:
			case <-runCtx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobCh {
				a := bulkAnswer{job: j, err: j.err}
				if a.err == nil {
					a.res, a.err = c.Client.controleer(runCtx, j.q, limit, true)
				}
				answers <- a
			}
		})
	}
	go func() { wg.Wait(); close(answers) }()

	var runErr error
	saveCtx := context.WithoutCancel(ctx) // answers that arrive are kept, even when stopping
	for a := range answers {
		switch {
		case a.err == nil || errors.Is(a.err, ErrBSNUnknown):
			if runErr != nil {
				continue // the store failed; this answer cannot be kept
			}
			if err := c.Store.Save(saveCtx, Record{PatientID: a.job.patientID, RunID: o.RunID, Result: a.res}); err != nil {
				runErr = fmt.Errorf("cov: bulk run %q: saving the answer for patient %q: %w", o.RunID, a.job.patientID, err)
				stop()
				continue
			}
			sum.add(a.res)
		case runCtx.Err() != nil && errors.Is(a.err, runCtx.Err()):
			continue // stopped before it was sent
		default:
			sum.Failed++
			sum.Failures = append(sum.Failures, Failure{PatientID: a.job.patientID, Err: a.err})
			log.LogAttrs(ctx, slog.LevelWarn, "cov: bulk check failed", slog.String("patient", a.job.patientID), slog.Any("error", a.err))
			if runErr == nil && (errors.Is(a.err, ErrNotAuthorised) || errors.Is(a.err, ErrNotAuthenticated)) {
				runErr = fmt.Errorf("cov: bulk run %q stopped: %w", o.RunID, a.err)
				stop()
			}
		}
		report()
	}
	sum.Unfinished = sum.Patients - sum.Resumed - sum.Checked - sum.Failed
	sum.Slowdowns, sum.LowestRate = limit.stats()
	if runErr == nil && ctx.Err() != nil {
		runErr = fmt.Errorf("cov: bulk run %q stopped: %w", o.RunID, ctx.Err())
	}
	log.LogAttrs(ctx, slog.LevelInfo, "cov: bulk run ended", slog.Int("checked", sum.Checked),
		slog.Int("bsnUnknown", sum.BSNUnknown), slog.Int("failed", sum.Failed), slog.Int("unfinished", sum.Unfinished),
		slog.Int("slowdowns", sum.Slowdowns), slog.Float64("lowestRate", sum.LowestRate), slog.Any("error", runErr))
	return sum, runErr
}

// add counts an answer.
func (s *Summary) add(res Zoekresultaat) {
	s.Checked++
	basis, insured := res.Basis()
	switch {
	case res.BSNOnbekend:
		s.BSNUnknown++
	case insured:
		name := basis.Verzekeraar
		if name == "" {
			name = basis.UZOVI.String()
		}
		s.Insured[name]++
	default:
		s.NotInsured++
	}
}

// planBulk makes one job per patient: the latest appointment's data, with
// its date as peildatum (today if it lies ahead).
func planBulk(appointments []Appointment, today Date) []bulkJob {
	var jobs []bulkJob
	index := map[string]int{}
	latest := map[string]Date{}
	for _, a := range appointments {
		q := a.Patient
		q.Peildatum = a.Datum
		if q.Peildatum.After(today) {
			q.Peildatum = today
		}
		j := bulkJob{patientID: a.PatientID, q: q}
		switch {
		case a.PatientID == "":
			j.err = &ValidationError{Field: "Appointment.PatientID", Problem: "is empty", Expected: "the patient's id in the practice software"}
		case a.Datum.IsZero():
			j.err = &ValidationError{Field: "Appointment.Datum", Problem: "is not set", Expected: "the date of the appointment"}
		}
		i, seen := index[a.PatientID]
		switch {
		case !seen || a.PatientID == "":
			index[a.PatientID] = len(jobs)
			latest[a.PatientID] = a.Datum
			jobs = append(jobs, j)
		case a.Datum.After(latest[a.PatientID]):
			latest[a.PatientID] = a.Datum
			jobs[i] = j
		}
	}
	return jobs
}

// bulkWarnings says what the practice should know before a bulk run: an
// earlier bulk run today (another RunID; the Store must implement
// RunLister for this) and a client certificate that expires soon.
func (c *Checker) bulkWarnings(ctx context.Context, runID string) ([]string, error) {
	var warnings []string
	if rl, ok := c.Store.(RunLister); ok {
		runs, err := rl.Runs(ctx)
		if err != nil {
			return nil, fmt.Errorf("cov: bulk run %q: listing earlier runs: %w", runID, err)
		}
		today := c.Client.Today()
		for _, r := range runs {
			if r.RunID != runID && c.Client.dayOf(r.Last) == today {
				warnings = append(warnings, fmt.Sprintf("a second bulk run today (run %q checked %d patients today already): VECOZO forbids a daily bulk check, bulk is a last resort; the automatic checks at the triggers keep the data current", r.RunID, r.Patients))
			}
		}
	}
	if w := c.certificateWarning(); w != "" {
		warnings = append(warnings, w)
	}
	return warnings, nil
}

// pace is a bulk run's rate: a token bucket whose rate halves when the
// service says "too many requests" (at most once a second, down to a
// floor) and climbs back by a tenth of the maximum after ten answers in a
// row (additive increase, multiplicative decrease).
type pace struct {
	b        *tokenbucket.Bucket
	max, min float64

	mu        sync.Mutex
	streak    int
	lastCut   time.Time
	slowdowns int
	lowest    float64
}

func newPace(rate, minRate float64, burst int) *pace {
	return &pace{b: tokenbucket.New(rate, burst), max: rate, min: minRate, lowest: rate}
}

func (p *pace) wait(ctx context.Context) error { return p.b.Wait(ctx) }

// throttled slows the run down after a "too many requests", and pauses
// every worker for the service's Retry-After.
func (p *pace) throttled(retryAfter time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.streak = 0
	r := p.b.Rate()
	if time.Since(p.lastCut) >= time.Second {
		r = max(r/2, p.min)
		p.b.SetRate(r)
		p.lastCut = time.Now()
		p.slowdowns++
		p.lowest = min(p.lowest, r)
	}
	if retryAfter > 0 {
		p.b.Pause(retryAfter)
	}
}

// success counts an answer; ten in a row raise the rate again.
func (p *pace) success() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.streak++
	if r := p.b.Rate(); p.streak >= 10 && r < p.max {
		p.b.SetRate(min(p.max, r+p.max/10))
		p.streak = 0
	}
}

func (p *pace) stats() (slowdowns int, lowest float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.slowdowns, p.lowest
}
