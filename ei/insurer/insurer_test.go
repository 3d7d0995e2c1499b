package insurer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/insurer"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

func d(y int, m time.Month, day int) record.Date { return civil.NewDate(y, m, day) }

// Seed 004: "als een declaratie geopend is op 20 mei 2021, mag deze uiterlijk tot 30 april
// 2022 worden ingediend."
func TestDeadline(t *testing.T) {
	earlier := insurer.Deadline{Earlier: &insurer.Deadline{Years: 2, Month: time.December, Day: 31, Since: d(2000, 1, 1)}}
	for _, tc := range []struct {
		dl                insurer.Deadline
		opened, submitted record.Date
		late              bool
	}{
		{insurer.Deadline{}, d(2021, 5, 20), d(2022, 4, 30), false},
		{insurer.Deadline{}, d(2021, 5, 20), d(2022, 5, 1), true},
		{insurer.Deadline{}, d(2021, 1, 1), d(2021, 12, 31), false},
		{insurer.Deadline{}, d(2021, 12, 31), d(2022, 4, 30), false},
		{insurer.Deadline{Years: 2, Month: time.December, Day: 31}, d(2021, 5, 20), d(2023, 12, 31), false},
		{insurer.Deadline{Years: 2, Month: time.December, Day: 31}, d(2021, 5, 20), d(2024, 1, 1), true},
		{insurer.Deadline{}, record.Date{}, d(2030, 1, 1), false}, // no opening date: not judged here
		// "per 1 januari 2022": a 2020 prestatie submitted in June 2021 is not judged by the
		// one-year term; submitted in 2022 it is late (30 April 2021 has passed).
		{insurer.Deadline{}, d(2020, 3, 1), d(2021, 6, 1), false},
		{insurer.Deadline{}, d(2020, 3, 1), d(2022, 1, 1), true},
		{insurer.Deadline{}, d(2020, 3, 1), d(2021, 12, 31), false},
		// The earlier term as a policy option: two years, to 31 December.
		{earlier, d(2018, 3, 1), d(2021, 6, 1), true},
		{earlier, d(2019, 3, 1), d(2021, 6, 1), false},
		{earlier, d(2019, 3, 1), d(2022, 6, 1), true},  // the one-year term from 2022
		{earlier, d(2019, 3, 1), d(1999, 6, 1), false}, // before the earlier term: none holds
	} {
		if got := tc.dl.Late(tc.opened, tc.submitted); got != tc.late {
			t.Errorf("%+v opened %v submitted %v: late %v, want %v", tc.dl, tc.opened, tc.submitted, got, tc.late)
		}
	}
	if got := (insurer.Deadline{}).Last(d(2021, 5, 20)); got != d(2022, 4, 30) {
		t.Errorf("Last: %v", got)
	}
}

// Seed 004: a machtiging is needed for a referral for specialised GGZ to a non-contracted
// GGZ institution, and for a self-employed provider's treatment that may take more than
// 3000 minutes.
func TestNeedsMachtiging(t *testing.T) {
	for _, tc := range []struct {
		name string
		tr   insurer.Treatment
		want bool
	}{
		{"specialised, non-contracted institution", insurer.Treatment{SpecialisedGGZ: true, Institution: true}, true},
		{"specialised, contracted institution", insurer.Treatment{SpecialisedGGZ: true, Institution: true, Contracted: true}, false},
		{"basis GGZ, non-contracted institution", insurer.Treatment{Institution: true}, false},
		{"self-employed, 3001 minutes", insurer.Treatment{MaxMinutes: 3001, Contracted: true}, true},
		{"self-employed, 3000 minutes", insurer.Treatment{MaxMinutes: 3000}, false},
		{"institution, 5000 minutes, contracted", insurer.Treatment{Institution: true, Contracted: true, MaxMinutes: 5000}, false},
	} {
		if got := insurer.NeedsMachtiging(tc.tr, 0); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if !insurer.NeedsMachtiging(insurer.Treatment{MaxMinutes: 1500}, 1000) {
		t.Error("a configured limit of 1000 minutes is not applied")
	}
}

func TestCap(t *testing.T) {
	for _, tc := range []struct {
		declared, max int64
		contracted    bool
		want          int64
		capped        bool
	}{
		{50000, 40000, false, 40000, true},
		{30000, 40000, false, 30000, false},
		{50000, 40000, true, 50000, false},
	} {
		got, capped := insurer.Cap(money.Cents(tc.declared), money.Cents(tc.max), tc.contracted)
		if got.Cents() != tc.want || capped != tc.capped {
			t.Errorf("Cap(%d, %d, %v) = %d, %v; want %d, %v", tc.declared, tc.max, tc.contracted, got, capped, tc.want, tc.capped)
		}
	}
}

func TestCheckPerson(t *testing.T) {
	p := insurer.Person{Geboortedatum: d(1922, 3, 22), Periods: []insurer.Period{{Begin: d(2011, 1, 1), End: d(2011, 12, 31)}}}
	for _, tc := range []struct {
		found    bool
		birth    record.Date
		byNumber bool
		want     string
	}{
		{true, d(1922, 3, 22), false, ""},
		{true, d(1932, 3, 22), false, "8004"}, // seed 002 example 4a
		{false, d(1922, 3, 22), false, "8004"},
		{true, d(1932, 3, 22), true, "0307"},
	} {
		if got := insurer.CheckPerson(tc.found, p, tc.birth, tc.byNumber); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc, got, tc.want)
		}
	}
	if got := insurer.CheckInsured(p, d(2011, 3, 31)); got != "" {
		t.Errorf("insured on 2011-03-31: %q", got)
	}
	if got := insurer.CheckInsured(p, d(2012, 1, 1)); got != "0320" {
		t.Errorf("not insured on 2012-01-01: %q, want 0320", got)
	}
	open := insurer.Person{Periods: []insurer.Period{{Begin: d(2011, 1, 1)}}}
	if got := insurer.CheckInsured(open, d(2030, 1, 1)); got != "" {
		t.Errorf("open-ended period: %q", got)
	}
}

// fakeSource is an insurer's administration of made-up persons (the seed's example BSNs).
type fakeSource struct {
	persons map[string]insurer.Person
	err     error
}

func (s fakeSource) ByBSN(_ context.Context, bsn record.BSN) (insurer.Person, bool, error) {
	p, ok := s.persons[bsn.Digits()]
	return p, ok, s.err
}

func (s fakeSource) ByNumber(_ context.Context, n string) (insurer.Person, bool, error) {
	p, ok := s.persons["vnr:"+n]
	return p, ok, s.err
}

func source(insuredFrom record.Date) fakeSource {
	per := []insurer.Period{{Begin: insuredFrom}}
	return fakeSource{persons: map[string]insurer.Person{
		"123456782": {Geboortedatum: d(1954, 12, 10), Periods: per},
		"100197243": {Geboortedatum: d(1922, 3, 22), Periods: per},
	}}
}

type fakeProviders struct{ t insurer.Treatment }

func (p fakeProviders) Treatment(string, *validate.Record) insurer.Treatment { return p.t }

// fakeMaxima has a contract with one AGB code.
type fakeMaxima struct {
	contracted string
	max        int64
}

func (m fakeMaxima) Contracted(agb string) bool              { return agb == m.contracted }
func (m fakeMaxima) Max(string, string) (record.Money, bool) { return money.Cents(m.max), m.max > 0 }

func decl(t *testing.T, std, variant string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "retour", "testdata", "decl", std+"-"+variant+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func codes(out retour.Outcomes) map[retour.Key][]string {
	m := map[retour.Key][]string{}
	for k, o := range out.Records {
		m[k] = o.Codes
	}
	return m
}

func k(code string, id int64) retour.Key { return retour.Key{Record: code, ID: id} }

// Every rule through the validator's hook, with a passing and a failing case, on MZ301 and
// VE303.
func TestRules(t *testing.T) {
	machtigingNodig := fakeProviders{insurer.Treatment{SpecialisedGGZ: true, Institution: true}}
	all := map[retour.Key][]string{k("04", 2): nil, k("04", 4): nil, k("04", 5): nil}
	for _, std := range []string{"MZ301", "VE303"} {
		for _, tc := range []struct {
			name    string
			variant string
			cfg     insurer.Config
			want    map[retour.Key][]string // nil codes: every prestatie of the list gets code
			code    string
		}{
			{name: "person ok", variant: "base", cfg: insurer.Config{Source: source(d(2000, 1, 1))}},
			{name: "person 8004 (example 4a)", variant: "birth", cfg: insurer.Config{Source: source(d(2000, 1, 1))},
				want: map[retour.Key][]string{k("02", 3): {"8004"}}},
			{name: "insured ok", variant: "base", cfg: insurer.Config{Source: source(d(2011, 3, 31))}},
			{name: "insured 0320", variant: "base", cfg: insurer.Config{Source: source(d(2011, 4, 1))}, want: all, code: "0320"},
			// The seed's declaration is of 2011: the one-year term is given a date of effect before it.
			{name: "deadline ok", variant: "base", cfg: insurer.Config{Received: d(2012, 4, 30), Deadline: insurer.Deadline{Since: d(2011, 1, 1)}}},
			{name: "deadline 0586", variant: "base", cfg: insurer.Config{Received: d(2012, 5, 1), Deadline: insurer.Deadline{Since: d(2011, 1, 1)}}, want: all, code: "0586"},
			{name: "deadline configured", variant: "base", cfg: insurer.Config{Received: d(2012, 5, 1), Deadline: insurer.Deadline{Month: time.June, Since: d(2011, 1, 1)}}},
			// Seed 004's own policy: the term holds from 1 January 2022; before it nothing is late.
			{name: "deadline before its date of effect", variant: "base", cfg: insurer.Config{Received: d(2012, 5, 1)}},
			{name: "deadline, earlier term", variant: "base", cfg: insurer.Config{Received: d(2012, 5, 1),
				Deadline: insurer.Deadline{Earlier: &insurer.Deadline{Years: 1, Month: time.March, Day: 31, Since: d(2000, 1, 1)}}}, want: all, code: "0586"},
			{name: "machtiging not needed", variant: "base", cfg: insurer.Config{Providers: fakeProviders{insurer.Treatment{Institution: true, SpecialisedGGZ: true, Contracted: true}}}},
			{name: "machtiging 0551", variant: "base", cfg: insurer.Config{Providers: machtigingNodig}, want: all, code: "0551"},
			{name: "machtiging 0551 self-employed", variant: "base", cfg: insurer.Config{Providers: fakeProviders{insurer.Treatment{MaxMinutes: 4000, Contracted: true}}}, want: all, code: "0551"},
			{name: "machtiging given", variant: "machtiging", cfg: insurer.Config{Providers: machtigingNodig}},
		} {
			t.Run(std+"/"+tc.name, func(t *testing.T) {
				var data []byte
				if tc.variant == "machtiging" {
					data = withMachtiging(t, decl(t, std, "base"))
				} else {
					data = decl(t, std, tc.variant)
				}
				out, rep, err := insurer.Assess(context.Background(), data, tc.cfg, nil, validate.Options{Registry: standards.Registry(), Today: d(2012, 6, 1)})
				if err != nil {
					t.Fatal(err)
				}
				want := map[retour.Key][]string{}
				for key, c := range tc.want {
					if c == nil {
						c = []string{tc.code}
					}
					want[key] = c
				}
				if got := codes(out); !mapsEqual(got, want) {
					t.Errorf("outcomes %v, want %v (findings %v)", got, want, rep.Findings)
				}
			})
		}
	}
}

func mapsEqual(a, b map[retour.Key][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for key, v := range a {
		if !slices.Equal(v, b[key]) {
			return false
		}
	}
	return true
}

// withMachtiging fills a machtigingsnummer in every prestatie.
func withMachtiging(t *testing.T, data []byte) []byte {
	f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	l := f.Standard.Layout("04")
	fl := l.Field("0406")
	if fl == nil || fl.Name != "MACHTIGINGSNUMMER" {
		t.Fatalf("no machtigingsnummer at 0406 in %s", f.Standard.ID())
	}
	for _, line := range lines {
		if string(line[:2]) == "04" {
			copy(line[fl.Start-1:fl.End], "M2011-000001   ")
		}
	}
	return append(bytes.Join(lines, []byte("\r\n")), "\r\n"...)
}

// Assess takes the registry it is given: without one (or a standard) it refuses.
func TestAssessNeedsRegistry(t *testing.T) {
	_, _, err := insurer.Assess(context.Background(), decl(t, "MZ301", "base"), insurer.Config{}, nil, validate.Options{Today: d(2012, 6, 1)})
	if !errors.Is(err, insurer.ErrNoRegistry) || !errors.Is(err, ei.ErrNoRegistry) {
		t.Fatalf("got %v, want insurer.ErrNoRegistry", err)
	}
}

func TestSourceError(t *testing.T) {
	boom := errors.New("administration down")
	src := source(d(2000, 1, 1))
	src.err = boom
	_, _, err := insurer.Assess(context.Background(), decl(t, "MZ301", "base"), insurer.Config{Source: src}, nil, validate.Options{Registry: standards.Registry(), Today: d(2012, 6, 1)})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the source's error", err)
	}
}

// Maximum reimbursement for a non-contracted provider: toegekend capped, code 8648; the
// return carries the capped amount and the total toegekend the sum.
func TestMaxima(t *testing.T) {
	for _, tc := range []struct {
		name      string
		m         fakeMaxima
		toegekend int64
		returned  bool
	}{
		// The declarant of the MZ301 file is its practice, 0111 praktijkcode 12000567; its
		// 0110 zorgverlenerscode 12001234 is the dentist.
		{"contracted", fakeMaxima{contracted: "12000567", max: 20000}, 66000, false},
		{"the dentist contracted, not the practice", fakeMaxima{contracted: "12001234", max: 20000}, 1000 + 20000 + 15000, true},
		{"under the maximum", fakeMaxima{max: 60000}, 66000, false},
		{"capped", fakeMaxima{max: 20000}, 1000 + 20000 + 15000, true},
	} {
		data := decl(t, "MZ301", "base")
		out, _, err := insurer.Assess(context.Background(), data, insurer.Config{}, tc.m, validate.Options{Registry: standards.Registry(), Today: d(2012, 6, 1)})
		if err != nil {
			t.Fatal(err)
		}
		f, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		if err != nil {
			t.Fatal(err)
		}
		m, err := retour.Build(f, out, retour.Options{Registry: standards.Registry(), Role: retour.Insurer, Dagtekening: d(2011, 4, 15)})
		if err != nil {
			t.Fatal(err)
		}
		rf, err := m.File()
		if err != nil {
			t.Fatal(err)
		}
		res, err := retour.Read(rf, f)
		if err != nil {
			t.Fatal(err)
		}
		if res.Toegekend.Cents() != tc.toegekend {
			t.Errorf("%s: toegekend %d, want %d", tc.name, res.Toegekend, tc.toegekend)
		}
		if got := res.Prestaties[1].Returned; got != tc.returned {
			t.Errorf("%s: prestatie 4 returned %v, want %v", tc.name, got, tc.returned)
		}
		if tc.returned && (res.Prestaties[1].Status != retour.Partly || res.Prestaties[1].Codes[0].Code != "8648") {
			t.Errorf("%s: prestatie 4 %+v, want partly with 8648", tc.name, res.Prestaties[1])
		}
	}
}

// Seed 004 is about GGZ: the deadline and the machtiging on the project's GZ321 file
// (prestaties opened in January 2025: submitted by 30 April 2026).
func TestGZ321(t *testing.T) {
	data, err := os.ReadFile("../testdata/gz321-synthetic.txt")
	if err != nil {
		t.Fatal(err)
	}
	opts := validate.Options{Registry: standards.Registry(), Today: d(2026, 6, 1)}
	run := func(cfg insurer.Config) []string {
		_, rep, err := insurer.Assess(context.Background(), data, cfg, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, f := range rep.Findings {
			if strings.HasPrefix(f.Rule, "INSURER-") {
				codes = append(codes, f.Record+":"+f.Field+":"+f.Retourcode)
			}
		}
		return codes
	}
	if got := run(insurer.Config{Received: d(2026, 4, 30)}); len(got) != 0 {
		t.Errorf("submitted on 2026-04-30: %v", got)
	}
	if got := run(insurer.Config{Received: d(2026, 5, 1)}); len(got) == 0 || got[0] != "04:0411:0586" {
		t.Errorf("submitted on 2026-05-01: %v, want 0586 on 0411 begindatum prestatie", got)
	}
	need := fakeProviders{insurer.Treatment{SpecialisedGGZ: true, Institution: true}}
	if got := run(insurer.Config{Received: d(2026, 4, 30), Providers: need}); len(got) == 0 || got[0] != "04:0406:0551" {
		t.Errorf("non-contracted institution, specialised GGZ: %v, want 0551 on 0406", got)
	}
}
