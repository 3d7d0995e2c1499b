//go:build integration

package zorgkas

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
)

func day(y int, m time.Month, d int) vsb.Date { return vsb.Date{Year: y, Month: m, Day: d} }

// zending is the sending of sending(t, 1, 2) as a model, to vary: number 12, eFact
// (Z13 = 040), invoicing 2026-11, created 2026-12-01, invoices dated 2026-11-30.
func zending(mod func(z *vsb.Zending)) *vsb.Zending {
	z := &vsb.Zending{Test: true, MessageRef: 1, Number: 12, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		Created: day(2026, 12, 1), InvoiceType: 3, Mode: 1, IBAN: "BE68539007547034", BIC: "GEBABEBB", BCE: "0123456749"}
	for i, n := range []int{1, 2} {
		fa := vsb.Factuur{Mutualiteit: "306", Destination: "306", INSZ: "0085010112387", Sex: 1, Type: 3, Number: int64(i + 1),
			Date: day(2026, 11, 30)}
		for range n {
			fa.Prestaties = append(fa.Prestaties, vsb.Prestatie{Code: 761294, Amount: 10000, Units: 1, PatientShare: 250,
				First: day(2026, 11, 1), Last: day(2026, 11, 1), Provider: "012345678901"})
		}
		z.Facturen = append(z.Facturen, fa)
	}
	if mod != nil {
		mod(z)
	}
	return z
}

// histories runs a test on each History: in memory, and SQLite in a file reopened for
// every use (so what is kept is what is on disk).
func histories(t *testing.T, test func(t *testing.T, h History)) {
	t.Run("memory", func(t *testing.T) { test(t, &MemoryHistory{}) })
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history.db")
		test(t, reopening{t: t, path: path})
	})
}

// reopening opens the SQLite history for every call and closes it after.
type reopening struct {
	t    *testing.T
	path string
}

func (r reopening) with(f func(h *SQLHistory) error) error {
	h, err := OpenSQLHistory(context.Background(), r.path)
	if err != nil {
		r.t.Fatal(err)
	}
	defer h.Close()
	return f(h)
}

func (r reopening) Add(ctx context.Context, s Sending) (id int64, err error) {
	err = r.with(func(h *SQLHistory) error { id, err = h.Add(ctx, s); return err })
	return id, err
}

func (r reopening) Update(ctx context.Context, s Sending) error {
	return r.with(func(h *SQLHistory) error { return h.Update(ctx, s) })
}

func (r reopening) Sendings(ctx context.Context, tp string) (out []Sending, err error) {
	err = r.with(func(h *SQLHistory) error { out, err = h.Sendings(ctx, tp); return err })
	return out, err
}

func (r reopening) Get(ctx context.Context, id int64) (s Sending, err error) {
	err = r.with(func(h *SQLHistory) error { s, err = h.Get(ctx, id); return err })
	return s, err
}

// admit admits z and marks it with a final state, as the Desk would.
func admit(t *testing.T, h History, z *vsb.Zending, received vsb.Date, state State) *Admission {
	t.Helper()
	a, err := Admit(t.Context(), h, z, received)
	if err != nil {
		t.Fatal(err)
	}
	a.Sending.State = state
	if err := h.Update(t.Context(), a.Sending); err != nil {
		t.Fatal(err)
	}
	return a
}

func codes(fs []validate.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Letter+" "+f.Retourcode)
	}
	return out
}

func wantCodes(t *testing.T, what string, fs []validate.Finding, want ...string) {
	t.Helper()
	got := codes(fs)
	if len(got) != len(want) {
		t.Errorf("%s: findings %q, want %q", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: findings %q, want %q", what, got, want)
		}
	}
}

// 100721 "Dubbel nummer per derdebetalende in eenzelfde jaar" (B).
func TestAdmitNumberOncePerYear(t *testing.T) {
	histories(t, func(t *testing.T, h History) {
		admit(t, h, zending(nil), day(2026, 12, 2), StateSettled)
		a := admit(t, h, zending(func(z *vsb.Zending) { z.Created = day(2026, 12, 5) }), day(2026, 12, 6), StateRefused)
		wantCodes(t, "same number, same year", a.Findings, "B 100721")
		if a.Findings[0].Line != 1 || a.Findings[0].Field != "7" || a.Findings[0].Message == "" {
			t.Errorf("finding %+v: want record 10 (order 1) zone 7 with the dictionary text", a.Findings[0])
		}
		a = admit(t, h, zending(func(z *vsb.Zending) { z.Number = 13; z.Created = day(2026, 12, 7) }), day(2026, 12, 8), StateSettled)
		wantCodes(t, "another number", a.Findings)
		a = admit(t, h, zending(func(z *vsb.Zending) { z.Year, z.Month, z.Created = 2027, 1, day(2027, 2, 1) }), day(2027, 2, 2), StateSettled)
		wantCodes(t, "the same number the next year", a.Findings)
		a = admit(t, h, zending(func(z *vsb.Zending) { z.ThirdParty = "079999999999" }), day(2026, 12, 2), StateSettled)
		wantCodes(t, "another third party", a.Findings)
	})
}

// Seed 001: after a 920999 the facility sends again with the same zending number,
// invoice type and facturatiedatum; only the creation date changes.
func TestAdmitResubmissionAfterFileRefused(t *testing.T) {
	histories(t, func(t *testing.T, h History) {
		first := admit(t, h, zending(nil), day(2026, 12, 2), StateFileRefused)
		a := admit(t, h, zending(func(z *vsb.Zending) { z.Created = day(2026, 12, 3) }), day(2026, 12, 3), StateSettled)
		wantCodes(t, "a good resubmission", a.Findings)
		if a.Resubmission == nil || a.Resubmission.ID != first.Sending.ID || a.Sending.Resubmits != first.Sending.ID || len(a.Problems) != 0 {
			t.Errorf("resubmission %+v, problems %q, resubmits %d: want sending %d", a.Resubmission, a.Problems, a.Sending.Resubmits, first.Sending.ID)
		}
		back, err := h.Get(t.Context(), a.Sending.ID)
		if err != nil || back.Resubmits != first.Sending.ID || len(back.InvoiceDates) != 2 || back.InvoiceDates[1] != day(2026, 11, 30) {
			t.Errorf("kept %+v, %v", back, err)
		}
	})
	for name, mod := range map[string]func(z *vsb.Zending){
		"creation date unchanged":   func(z *vsb.Zending) {},
		"invoice type changed":      func(z *vsb.Zending) { z.Created, z.InvoiceType = day(2026, 12, 3), 1 },
		"facturatiedatum changed":   func(z *vsb.Zending) { z.Created, z.Facturen[0].Date = day(2026, 12, 3), day(2026, 12, 3) },
		"billing type changed (11)": func(z *vsb.Zending) { z.Created, z.Facturen[1].Billing = day(2026, 12, 3), 1 },
	} {
		t.Run(name, func(t *testing.T) {
			h := &MemoryHistory{}
			admit(t, h, zending(nil), day(2026, 12, 2), StateFileRefused)
			a := admit(t, h, zending(mod), day(2026, 12, 3), StateRefused)
			if a.Resubmission == nil || len(a.Problems) == 0 || a.Sending.Resubmits != 0 {
				t.Errorf("problems %q: want the resubmission recognised and refused", a.Problems)
			}
			wantCodes(t, name, a.Findings, "B 100721")
		})
	}
}

// Seed 001: after a 920099 the zending number and invoice type stay; the creation date
// and the facturatiedatum change.
func TestAdmitResubmissionAfterSendingRefused(t *testing.T) {
	histories(t, func(t *testing.T, h History) {
		admit(t, h, zending(nil), day(2026, 12, 2), StateRefused)
		same := admit(t, h, zending(func(z *vsb.Zending) { z.Created = day(2026, 12, 9) }), day(2026, 12, 9), StateRefused)
		if len(same.Problems) == 0 {
			t.Error("facturatiedatum kept after 920099: want a problem")
		}
		wantCodes(t, "facturatiedatum kept", same.Findings, "B 100721")
		a := admit(t, h, zending(func(z *vsb.Zending) {
			z.Created = day(2026, 12, 10)
			for i := range z.Facturen {
				z.Facturen[i].Date = day(2026, 12, 10)
			}
		}), day(2026, 12, 10), StateSettled)
		wantCodes(t, "a good resubmission", a.Findings)
		if a.Resubmission == nil || len(a.Problems) != 0 {
			t.Errorf("problems %q", a.Problems)
		}
		// The sending was accepted: its number is used now.
		again := admit(t, h, zending(func(z *vsb.Zending) { z.Created = day(2026, 12, 11) }), day(2026, 12, 11), StateRefused)
		wantCodes(t, "after the accepted resubmission", again.Findings, "B 100721")
	})
}

// 100723: "Meer dan twee facturatiebestanden voor eenzelfde maand en geen afwijking
// (R 10 Z 13 = 000)" (B).
func TestAdmitTwoFilesAMonth(t *testing.T) {
	histories(t, func(t *testing.T, h History) {
		noDerogation := func(n int, created vsb.Date) *vsb.Zending {
			return zending(func(z *vsb.Zending) { z.Number, z.Content, z.Created = n, 0, created })
		}
		wantCodes(t, "first", admit(t, h, noDerogation(1, day(2026, 12, 1)), day(2026, 12, 1), StateSettled).Findings)
		wantCodes(t, "refused ones do not count", admit(t, h, noDerogation(2, day(2026, 12, 2)), day(2026, 12, 2), StateRefused).Findings)
		wantCodes(t, "second", admit(t, h, noDerogation(3, day(2026, 12, 3)), day(2026, 12, 3), StateSettled).Findings)
		a := admit(t, h, noDerogation(4, day(2026, 12, 4)), day(2026, 12, 4), StateRefused)
		wantCodes(t, "third for 2026-11", a.Findings, "B 100723")
		if a.Findings[0].Field != "13" {
			t.Errorf("zone %s, want 13", a.Findings[0].Field)
		}
		other := noDerogation(5, day(2026, 12, 5))
		other.Month = 10
		wantCodes(t, "another month", admit(t, h, other, day(2026, 12, 5), StateSettled).Findings)
		efact := zending(func(z *vsb.Zending) { z.Number, z.Created = 6, day(2026, 12, 6) })
		wantCodes(t, "eFact (Z13 = 040) is not limited per month", admit(t, h, efact, day(2026, 12, 6), StateSettled).Findings)
	})
}

// 100724: "Meer dan één facturatiebestand per dag en het gaat over een zending van
// Efact (R 10 Z 13 = 040)" (B).
func TestAdmitOneEFactADay(t *testing.T) {
	histories(t, func(t *testing.T, h History) {
		n := 0
		next := func() *vsb.Zending { n++; return zending(func(z *vsb.Zending) { z.Number = n }) }
		wantCodes(t, "first", admit(t, h, next(), day(2026, 12, 2), StateSettled).Findings)
		wantCodes(t, "second the same day", admit(t, h, next(), day(2026, 12, 2), StateRefused).Findings, "B 100724")
		wantCodes(t, "the next day", admit(t, h, next(), day(2026, 12, 3), StateSettled).Findings)
		wantCodes(t, "after a refusal the same day", admit(t, h, next(), day(2026, 12, 4), StateFileRefused).Findings)
		wantCodes(t, "the resubmission that day", admit(t, h, next(), day(2026, 12, 4), StateSettled).Findings)
	})
}

func TestSQLHistoryErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	h, err := OpenSQLHistory(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.Get(t.Context(), 7); !errors.Is(err, ErrNoSending) {
		t.Errorf("Get of a missing sending: %v", err)
	}
	if err := h.Update(t.Context(), Sending{ID: 7}); !errors.Is(err, ErrNoSending) {
		t.Errorf("Update of a missing sending: %v", err)
	}
	if _, err := OpenSQLHistory(t.Context(), path+"?mode=ro"); err == nil {
		t.Error("a file name with '?' was accepted")
	}
}
