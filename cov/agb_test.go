package cov

import (
	"errors"
	"testing"
)

func TestSelectAGB(t *testing.T) {
	zv := AGBRole{AGB: "01123456", Rol: RolZorgverlener}
	pr := AGBRole{AGB: "01001234", Rol: RolPraktijk}
	in := AGBRole{AGB: "06001234", Rol: RolInstelling}
	tests := []struct {
		name       string
		configured AGBRole
		available  []AGBRole
		want       AGBRole
		wantErr    error
	}{
		{"configured wins", AGBRole{AGB: "01001234", Rol: RolPraktijk}, []AGBRole{in}, pr, nil},
		{"configured zorgverlener is allowed", zv, []AGBRole{pr}, zv, nil},
		{"configured without role takes it from the list", AGBRole{AGB: "06001234"}, []AGBRole{zv, pr, in}, in, nil},
		{"configured without role, not in the list", AGBRole{AGB: "06009999"}, []AGBRole{pr}, AGBRole{}, ErrNoAGB},
		{"configured malformed", AGBRole{AGB: "123"}, []AGBRole{pr}, AGBRole{}, ErrInvalidQuery},
		{"none configured: first practice", AGBRole{}, []AGBRole{zv, pr, in}, pr, nil},
		{"none configured: first organisation", AGBRole{}, []AGBRole{zv, in, pr}, in, nil},
		{"none configured: zorgverlener only", AGBRole{}, []AGBRole{zv}, AGBRole{}, ErrNoAGB},
		{"none configured: malformed practice skipped", AGBRole{}, []AGBRole{{AGB: "x", Rol: RolPraktijk}, in}, in, nil},
		{"nothing at all", AGBRole{}, nil, AGBRole{}, ErrNoAGB},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SelectAGB(tt.configured, tt.available)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("SelectAGB = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRolText(t *testing.T) {
	for _, r := range []Rol{RolZorgverlener, RolPraktijk, RolInstelling} {
		b, err := r.MarshalText()
		var back Rol
		if err != nil || back.UnmarshalText(b) != nil || back != r {
			t.Errorf("%v: round trip gave %v (%v)", r, back, err)
		}
	}
	var r Rol
	if err := r.UnmarshalText([]byte("Verzekeraar")); err == nil {
		t.Error("unknown role accepted")
	}
}
