package cov

import (
	"strings"
	"testing"
	"time"
)

// at returns a policy whose clock says the given day, 12:00 UTC.
func at(p RecheckPolicy, y int, m time.Month, d int) RecheckPolicy {
	p.Now = func() time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	p.Location = time.UTC
	return p
}

func checked(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 30, 0, 0, time.UTC) }

func TestRecheckPolicy(t *testing.T) {
	adult := NewDate(1980, time.June, 1)
	tests := []struct {
		name   string
		policy RecheckPolicy
		born   Date
		last   time.Time
		want   Reason
	}{
		{"never checked", at(RecheckPolicy{}, 2026, 3, 2), adult, time.Time{}, ReasonNeverChecked},
		{"never checked, rule off", at(RecheckPolicy{IgnoreNeverChecked: true}, 2026, 3, 2), adult, time.Time{}, ReasonNotDue},
		{"checked today", at(RecheckPolicy{}, 2026, 3, 2), adult, checked(2026, 3, 2), ReasonNotDue},

		// 28 days: due on day 29.
		{"day 28", at(RecheckPolicy{}, 2026, 3, 1), adult, checked(2026, 2, 1), ReasonNotDue},
		{"day 29", at(RecheckPolicy{}, 2026, 3, 2), adult, checked(2026, 2, 1), ReasonTooOld},
		{"day 29, rule off", at(RecheckPolicy{IgnoreAge: true}, 2026, 3, 2), adult, checked(2026, 2, 1), ReasonNotDue},
		{"day 7 with MaxAgeDays 7", at(RecheckPolicy{MaxAgeDays: 7}, 2026, 3, 8), adult, checked(2026, 3, 1), ReasonNotDue},
		{"day 8 with MaxAgeDays 7", at(RecheckPolicy{MaxAgeDays: 7}, 2026, 3, 9), adult, checked(2026, 3, 1), ReasonTooOld},
		{"day 28 over a leap day", at(RecheckPolicy{}, 2024, 3, 14), adult, checked(2024, 2, 15), ReasonNotDue},
		{"day 29 over a leap day", at(RecheckPolicy{}, 2024, 3, 15), adult, checked(2024, 2, 15), ReasonTooOld},

		// Calendar year: 31 December → 1 January.
		{"31 Dec checked, 31 Dec", at(RecheckPolicy{}, 2025, 12, 31), adult, checked(2025, 12, 31), ReasonNotDue},
		{"31 Dec checked, 1 Jan", at(RecheckPolicy{}, 2026, 1, 1), adult, checked(2025, 12, 31), ReasonEarlierYear},
		{"31 Dec checked, 1 Jan, rule off", at(RecheckPolicy{IgnoreNewYear: true}, 2026, 1, 1), adult, checked(2025, 12, 31), ReasonNotDue},
		{"1 Jan checked, 31 Dec same year", at(RecheckPolicy{IgnoreAge: true}, 2026, 12, 31), adult, checked(2026, 1, 1), ReasonNotDue},

		// 18th birthday.
		{"day before 18th birthday", at(RecheckPolicy{}, 2026, 5, 9), NewDate(2008, 5, 10), checked(2026, 5, 1), ReasonNotDue},
		{"on 18th birthday", at(RecheckPolicy{}, 2026, 5, 10), NewDate(2008, 5, 10), checked(2026, 5, 1), ReasonTurnedAdult},
		{"after 18th birthday", at(RecheckPolicy{}, 2026, 5, 20), NewDate(2008, 5, 10), checked(2026, 5, 1), ReasonTurnedAdult},
		{"checked on the 18th birthday", at(RecheckPolicy{}, 2026, 5, 20), NewDate(2008, 5, 10), checked(2026, 5, 10), ReasonNotDue},
		{"18th birthday, rule off", at(RecheckPolicy{IgnoreAdulthood: true}, 2026, 5, 10), NewDate(2008, 5, 10), checked(2026, 5, 1), ReasonNotDue},
		{"21st birthday with AdultAge 21", at(RecheckPolicy{AdultAge: 21}, 2029, 5, 10), NewDate(2008, 5, 10), checked(2029, 5, 1), ReasonTurnedAdult},
		{"18th birthday with AdultAge 21", at(RecheckPolicy{AdultAge: 21}, 2026, 5, 10), NewDate(2008, 5, 10), checked(2026, 5, 1), ReasonNotDue},

		// Born on 29 February: 18 on 1 March in a year without 29 February.
		{"leapling, 28 Feb", at(RecheckPolicy{}, 2026, 2, 28), NewDate(2008, 2, 29), checked(2026, 2, 20), ReasonNotDue},
		{"leapling, 1 Mar", at(RecheckPolicy{}, 2026, 3, 1), NewDate(2008, 2, 29), checked(2026, 2, 20), ReasonTurnedAdult},
		{"leapling, checked on 1 Mar", at(RecheckPolicy{}, 2026, 3, 10), NewDate(2008, 2, 29), checked(2026, 3, 1), ReasonNotDue},
		{"leapling turning 20 in a leap year, 29 Feb", at(RecheckPolicy{AdultAge: 20}, 2028, 2, 29), NewDate(2008, 2, 29), checked(2028, 2, 20), ReasonTurnedAdult},
		{"leapling turning 20 in a leap year, 28 Feb", at(RecheckPolicy{AdultAge: 20}, 2028, 2, 28), NewDate(2008, 2, 29), checked(2028, 2, 20), ReasonNotDue},

		// Order: the calendar year goes before the birthday and the age.
		{"all three apply", at(RecheckPolicy{}, 2026, 3, 2), NewDate(2008, 2, 1), checked(2025, 12, 1), ReasonEarlierYear},
		{"birthday and age apply", at(RecheckPolicy{}, 2026, 3, 2), NewDate(2008, 2, 1), checked(2026, 1, 5), ReasonTurnedAdult},
		{"everything off", at(RecheckPolicy{IgnoreAge: true, IgnoreNewYear: true, IgnoreAdulthood: true}, 2030, 3, 2), NewDate(2008, 2, 1), checked(2020, 1, 5), ReasonNotDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.policy.Decide(TriggerOpenRecord, tt.born, tt.last)
			if d.Reason != tt.want || d.Due != (tt.want != ReasonNotDue) {
				t.Errorf("Decide = %v (reason %q), want %q", d, d.Reason, tt.want)
			}
			if d.Trigger != TriggerOpenRecord || d.Why == "" {
				t.Errorf("decision %+v lacks the trigger or why", d)
			}
			if tt.born.Valid() && strings.Contains(d.String(), tt.born.String()) {
				t.Errorf("decision %q contains the birth date", d)
			}
		})
	}
}

func TestRecheckPolicyLocation(t *testing.T) {
	// 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1).
	ams := time.FixedZone("CET", 3600)
	p := RecheckPolicy{Now: func() time.Time { return time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC) }, Location: ams}
	if d := p.Decide(TriggerInvoice, NewDate(1980, 1, 1), checked(2025, 12, 31)); d.Reason != ReasonEarlierYear {
		t.Errorf("Decide = %v, want a new calendar year in Amsterdam", d)
	}
	p.Location = time.UTC
	if d := p.Decide(TriggerInvoice, NewDate(1980, 1, 1), checked(2025, 12, 31)); d.Due {
		t.Errorf("Decide = %v, want not due in UTC", d)
	}
}

func TestDecisionString(t *testing.T) {
	d := at(RecheckPolicy{}, 2026, 3, 2).Decide(TriggerInvoice, NewDate(1980, 1, 1), checked(2026, 2, 1))
	if got, want := d.String(), "COV check due (invoice): last check 29 days ago, more than 28"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}
