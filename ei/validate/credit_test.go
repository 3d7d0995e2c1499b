package validate_test

import (
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// N5-SELFREF and N5-CREDITREF judge one field, 0441 referentienummer voorgaande
// gerelateerde prestatierecord, each alone or both: a record that refers to itself is
// N5-SELFREF's (not also a debit record that refers to another), a debit record that
// refers to another record and a credit record that refers to none are N5-CREDITREF's.
func TestCreditReferences(t *testing.T) {
	self := func(l []string) []string { put(l, 3, 269, l[2][248:268]); return l }
	other := func(l []string) []string { put(l, 3, 269, "ANDER-REFERENTIE"); return l }
	credit := func(l []string) []string { put(l, 3, 248, "C"); return l }
	debitCredit := " N5@4:0621:N5-DEBITCREDIT N5@6:0621:N5-DEBITCREDIT N5@7:1618:N5-DEBITCREDIT N5@8:1718:N5-DEBITCREDIT"
	for _, tc := range []struct {
		name    string
		edit    func([]string) []string
		disable []string
		want    string
	}{
		{"refers to itself", self, nil, "N5@3:0441:N5-SELFREF"},
		{"refers to itself, N5-SELFREF off", self, []string{"N5-SELFREF"}, ""},
		{"refers to itself, N5-CREDITREF off", self, []string{"N5-CREDITREF"}, "N5@3:0441:N5-SELFREF"},
		{"debit refers to another", other, nil, "N5@3:0441:N5-CREDITREF"},
		{"debit refers to another, N5-SELFREF off", other, []string{"N5-SELFREF"}, "N5@3:0441:N5-CREDITREF"},
		{"debit refers to another, N5-CREDITREF off", other, []string{"N5-CREDITREF"}, ""},
		{"credit refers to none", credit, nil, "N5@3:0441:N5-CREDITREF" + debitCredit},
		{"credit refers to none, N5-SELFREF off", credit, []string{"N5-SELFREF"}, "N5@3:0441:N5-CREDITREF" + debitCredit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, workers := range []int{1, 2} {
				rep := run(t, tc.edit(synthetic(t)), validate.Options{Registry: standards.Registry(), MaxFindings: -1, Disable: tc.disable, Workers: workers})
				if got := rules(rep); got != tc.want {
					t.Errorf("%d workers: findings %q, want %q:\n%s", workers, got, tc.want, list(rep.Findings))
				}
			}
		})
	}
}
