package cov

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestZoekopdrachtValidate(t *testing.T) {
	today := NewDate(2026, time.March, 2)
	valid := Zoekopdracht{Peildatum: today, Geboortedatum: NewDate(1980, 5, 17), BSN: "123456782", AGB: "01001234", Rol: RolPraktijk}
	byAddress := valid
	byAddress.BSN, byAddress.Postcode, byAddress.Huisnummer, byAddress.Huisnummertoevoeging = "", "3511 ab", 12, "bis"
	with := func(q Zoekopdracht, f func(*Zoekopdracht)) Zoekopdracht { f(&q); return q }

	tests := []struct {
		name  string
		q     Zoekopdracht
		field string // "" = valid
	}{
		{"valid by BSN", valid, ""},
		{"valid by address", byAddress, ""},
		{"BSN path ignores a bad address", with(valid, func(q *Zoekopdracht) { q.Postcode = "nonsense" }), ""},
		{"peildatum two years back", with(valid, func(q *Zoekopdracht) { q.Peildatum = NewDate(2024, 3, 2) }), ""},
		{"peildatum two years and a day back", with(valid, func(q *Zoekopdracht) { q.Peildatum = NewDate(2024, 3, 1) }), "Peildatum"},
		{"peildatum tomorrow", with(valid, func(q *Zoekopdracht) { q.Peildatum = today.AddDays(1) }), "Peildatum"},
		{"peildatum not set", with(valid, func(q *Zoekopdracht) { q.Peildatum = Date{} }), "Peildatum"},
		{"peildatum 30 Feb", with(valid, func(q *Zoekopdracht) { q.Peildatum = NewDate(2026, 2, 30) }), "Peildatum"},
		{"geboortedatum not set", with(valid, func(q *Zoekopdracht) { q.Geboortedatum = Date{} }), "Geboortedatum"},
		{"geboortedatum 29 Feb 1981", with(valid, func(q *Zoekopdracht) { q.Geboortedatum = NewDate(1981, 2, 29) }), "Geboortedatum"},
		{"geboortedatum after peildatum", with(valid, func(q *Zoekopdracht) { q.Peildatum = NewDate(2025, 1, 1); q.Geboortedatum = NewDate(2025, 6, 1) }), "Geboortedatum"},
		{"geboortedatum 1899", with(valid, func(q *Zoekopdracht) { q.Geboortedatum = NewDate(1899, 12, 31) }), "Geboortedatum"},
		{"geboortedatum 29 Feb 2024", with(valid, func(q *Zoekopdracht) { q.Geboortedatum = NewDate(2024, 2, 29) }), ""},
		{"dummy BSN", with(valid, func(q *Zoekopdracht) { q.BSN = DummyBSN }), "BSN"},
		{"BSN fails elfproef", with(valid, func(q *Zoekopdracht) { q.BSN = "123456789" }), "BSN"},
		{"no search path", with(valid, func(q *Zoekopdracht) { q.BSN = "" }), "BSN"},
		{"postcode starting with 0", with(byAddress, func(q *Zoekopdracht) { q.Postcode = "0123AB" }), "Postcode"},
		{"postcode SS", with(byAddress, func(q *Zoekopdracht) { q.Postcode = "1234SS" }), "Postcode"},
		{"postcode missing", with(byAddress, func(q *Zoekopdracht) { q.Postcode = "" }), "Postcode"},
		{"huisnummer missing", with(byAddress, func(q *Zoekopdracht) { q.Huisnummer = 0 }), "Huisnummer"},
		{"toevoeging too long", with(byAddress, func(q *Zoekopdracht) { q.Huisnummertoevoeging = "achterhuis" }), "Huisnummertoevoeging"},
		{"toevoeging with a dash", with(byAddress, func(q *Zoekopdracht) { q.Huisnummertoevoeging = "-1" }), "Huisnummertoevoeging"},
		{"AGB missing", with(valid, func(q *Zoekopdracht) { q.AGB = "" }), "AGB"},
		{"AGB too short", with(valid, func(q *Zoekopdracht) { q.AGB = "0100123" }), "AGB"},
		{"Rol missing", with(valid, func(q *Zoekopdracht) { q.Rol = 0 }), "Rol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.q.Validate(today)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.Is(err, ErrInvalidQuery) || !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a *ValidationError", err)
			}
			if ve.Field != tt.field || ve.Expected == "" || !strings.Contains(err.Error(), "expected") {
				t.Errorf("Validate = %v: want field %s and what is expected", err, tt.field)
			}
			for _, secret := range []string{"123456782", "1980-05-17", "3511", "achterhuis"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q contains personal data %q", err, secret)
				}
			}
		})
	}
}

func TestZoekopdrachtReportsEveryProblem(t *testing.T) {
	err := Zoekopdracht{}.Validate(NewDate(2026, 3, 2))
	for _, field := range []string{"Peildatum", "Geboortedatum", "BSN", "AGB", "Rol"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("error %q does not mention %s", err, field)
		}
	}
}

func TestNormalisePostcode(t *testing.T) {
	for in, want := range map[string]string{"3511 ab": "3511AB", "3511AB": "3511AB", " 9999 zz ": "9999ZZ", "3511 sa": "", "351AB": "", "35111AB": "", "ABCDEF": ""} {
		got, ok := NormalisePostcode(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalisePostcode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestZoekresultaatStatus(t *testing.T) {
	peil := NewDate(2026, 3, 2)
	basis := Verzekering{UZOVI: 3311, Soort: SoortBasis, Ingangsdatum: NewDate(2026, 1, 1)}
	ended := Verzekering{UZOVI: 7095, Soort: SoortBasis, Ingangsdatum: NewDate(2020, 1, 1), Einddatum: NewDate(2025, 12, 31)}
	lastDay := Verzekering{UZOVI: 7095, Soort: SoortBasis, Ingangsdatum: NewDate(2020, 1, 1), Einddatum: peil}
	upcoming := Verzekering{UZOVI: 7119, Soort: SoortBasis, Ingangsdatum: NewDate(2026, 4, 1)}
	av := Verzekering{UZOVI: 3311, Soort: SoortAanvullend, Pakket: "Extra", Ingangsdatum: NewDate(2026, 1, 1)}
	tests := []struct {
		name      string
		r         Zoekresultaat
		status    Status
		basisFrom UZOVI
	}{
		{"active basis", Zoekresultaat{Peildatum: peil, Verzekeringen: []Verzekering{ended, basis}}, StatusActive, 3311},
		{"active on its last day", Zoekresultaat{Peildatum: peil, Verzekeringen: []Verzekering{lastDay}}, StatusActive, 7095},
		{"only ended", Zoekresultaat{Peildatum: peil, Verzekeringen: []Verzekering{ended, upcoming}}, StatusEnded, 0},
		{"only aanvullend", Zoekresultaat{Peildatum: peil, Verzekeringen: []Verzekering{av}}, StatusActive, 0},
		{"none", Zoekresultaat{Peildatum: peil}, StatusEnded, 0},
		{"BSN unknown", Zoekresultaat{Peildatum: peil, BSNOnbekend: true}, StatusUnknown, 0},
	}
	for _, tt := range tests {
		if got := tt.r.Status(); got != tt.status {
			t.Errorf("%s: Status = %s, want %s", tt.name, got, tt.status)
		}
		b, ok := tt.r.Basis()
		if ok != (tt.basisFrom != 0) || b.UZOVI != tt.basisFrom {
			t.Errorf("%s: Basis = %v, %v; want UZOVI %v", tt.name, b.UZOVI, ok, tt.basisFrom)
		}
	}
	if s := upcoming.Status(peil); s != StatusUpcoming {
		t.Errorf("upcoming: %s", s)
	}
}
