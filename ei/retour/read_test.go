package retour_test

import (
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
)

type prestWant struct {
	id        int64
	status    retour.Status
	toegekend int64
	codes     string
}

func TestRead(t *testing.T) {
	capped := retour.Outcomes{}
	capped.Allow(4, money.Cents(50000), money.Cents(40000), "8648") // non-contracted: capped at the maximum
	for _, std := range []*record.Standard{mz301v13.Standard(), ve303v42.Standard()} {
		for _, tc := range []struct {
			name, variant string
			role          retour.Role
			out           retour.Outcomes
			file          retour.Status
			prest         []prestWant
		}{
			{"1-insurer", "base", retour.Insurer, retour.Outcomes{}, retour.Accepted,
				[]prestWant{{2, retour.Accepted, 1000, ""}, {4, retour.Accepted, 50000, ""}, {5, retour.Accepted, 15000, ""}}},
			{"2a-portal", "uzovi9900", retour.Portal, retour.Outcomes{File: []string{"8198"}}, retour.Rejected,
				[]prestWant{{2, retour.Rejected, 0, "0001 8198"}, {4, retour.Rejected, 0, "0001 8198"}, {5, retour.Rejected, 0, "0001 8198"}}},
			{"4a-insurer", "birth", retour.Insurer, rejects(k("02", 3), "8004"), retour.Partly,
				[]prestWant{{2, retour.Accepted, 1000, ""}, {4, retour.Rejected, 0, "8002 8004"}, {5, retour.Rejected, 0, "8002 8004"}}},
			{"4b-portal", "date", retour.Portal, rejects(k("04", 4), "8007"), retour.Rejected,
				[]prestWant{{2, retour.Rejected, 0, ""}, {4, retour.Rejected, 0, "8007"}, {5, retour.Rejected, 0, ""}}},
			{"6-insurer", "key", retour.Insurer, rejects(k("04", 4), "0435 0423"), retour.Partly,
				[]prestWant{{2, retour.Accepted, 1000, ""}, {4, retour.Rejected, 0, "0435 0423"}, {5, retour.Accepted, 15000, ""}}},
			{"capped", "base", retour.Insurer, capped, retour.Partly,
				[]prestWant{{2, retour.Accepted, 1000, ""}, {4, retour.Partly, 40000, "8648"}, {5, retour.Accepted, 15000, ""}}},
		} {
			t.Run(std.Code()+"/"+tc.name, func(t *testing.T) {
				decl := readFile(t, seedFile(t, std, tc.variant))
				m, err := retour.Build(decl, tc.out, retour.Options{Registry: standards.Registry(), Role: tc.role, Dagtekening: civil.NewDate(2011, 4, 15)})
				if err != nil {
					t.Fatal(err)
				}
				rf, err := m.File()
				if err != nil {
					t.Fatal(err)
				}
				res, err := retour.Read(rf, decl)
				if err != nil {
					t.Fatal(err)
				}
				if res.Status != tc.file {
					t.Errorf("file: got %v, want %v", res.Status, tc.file)
				}
				if len(res.Prestaties) != len(tc.prest) {
					t.Fatalf("got %d prestaties, want %d", len(res.Prestaties), len(tc.prest))
				}
				for i, w := range tc.prest {
					p := res.Prestaties[i]
					codes := ""
					for j, c := range p.Codes {
						if j > 0 {
							codes += " "
						}
						codes += c.Code
						if c.Description == "" {
							t.Errorf("code %s without description", c.Code)
						}
					}
					if p.DetailID != w.id || p.Status != w.status || p.Toegekend.Cents() != w.toegekend || codes != w.codes {
						t.Errorf("prestatie %d: got %d %v %d %q, want %+v", i, p.DetailID, p.Status, p.Toegekend, codes, w)
					}
				}
			})
		}
	}
}

func TestReadInvalid(t *testing.T) {
	decl := readFile(t, seedFile(t, mz301v13.Standard(), "birth"))
	m, err := retour.Build(decl, rejects(k("02", 3), "8004"), retour.Options{Registry: standards.Registry(), Role: retour.Insurer, Dagtekening: civil.NewDate(2011, 4, 15)})
	if err != nil {
		t.Fatal(err)
	}
	copy(m.Lines[len(m.Lines)-1][14:20], "000003")
	rf, err := m.File()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := retour.Read(rf, decl); err == nil {
		t.Fatal("Read accepted a return whose counts are wrong")
	}
}
