package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// 0610 (GZ321, EI181 2.0): "Voor DBC: 10 = DBC-behandeling, 11 = Verblijf, 12 =
// Verrichting. Voor OVP: 02; 04. Voor Basis: 14, 15. Voor ZZP: 16, 17." A prestatie's
// tariefrecords are of one kind of product. When the first tariefrecord's kind differs from
// that of the two or more after it, which agree, the first is out of step with its
// prestatie: the finding is on its 0610 (the record the relation makes wrong, LEVELS.md),
// not on the prestatierecord's fields. With one other tariefrecord, one against one, the
// first tariefrecord's kind stands and the prestatie's conditions are checked against it.
func TestFirstTariefrecordOutOfStep(t *testing.T) {
	for _, tc := range []struct {
		std, rule  string
		gen        bool
		soort      string // a soort of another kind than the base file's tariefrecords
		otherRules []string
	}{
		{"GZ321@1.0", "GZ321-N5-0610", false, "14", []string{"GZ321-N5-0410", "GZ321-N5-0426", "GZ321-N5-0432"}},
		{"EI181@2.0", "EI181-N5-0610", true, "10", []string{"EI181-N5-0414"}},
	} {
		t.Run(tc.std, func(t *testing.T) {
			std, err := standards.Registry().Parse(tc.std)
			if err != nil {
				t.Fatal(err)
			}
			base := n5Base(t, std, tc.gen)
			first := slices.IndexFunc(base, func(l string) bool { return strings.HasPrefix(l, "06") })
			if first < 0 {
				t.Fatal("no tariefrecord")
			}
			have := 0 // tariefrecords of the first prestatie
			for _, l := range base[first:] {
				if strings.HasPrefix(l, "04") || strings.HasPrefix(l, "02") || strings.HasPrefix(l, "99") {
					break
				}
				if strings.HasPrefix(l, "06") {
					have++
				}
			}
			// The prestatie with n tariefrecords: copies of the first after it, then the first
			// one's soort changed.
			with := func(n int) []string {
				lines := slices.Clone(base)
				for range n - have {
					lines = slices.Insert(lines, first+1, base[first])
				}
				return n5Edit(t, std, lines, "06:0610="+tc.soort)
			}
			// Two others that agree: the first tariefrecord is out of step.
			rep := validateBytes(t, []byte(strings.Join(with(3), "\r\n")+"\r\n"), std)
			found := false
			for _, f := range rep.Findings {
				if f.Rule == tc.rule && f.Line == first+1 && f.Field == "0610" && f.Retourcode == "8257" {
					found = true
				}
				if slices.Contains(tc.otherRules, f.Rule) {
					t.Errorf("the prestatierecord fits its other tariefrecords, yet %s", f.Error())
				}
			}
			if !found {
				t.Errorf("no %s on line %d field 0610 (8257); findings:\n%s", tc.rule, first+1, listFindings(rep.Findings))
			}
			// One other: no finding on the 0610; the first tariefrecord's kind stands.
			rep = validateBytes(t, []byte(strings.Join(with(2), "\r\n")+"\r\n"), std)
			other := false
			for _, f := range rep.Findings {
				if f.Rule == tc.rule {
					t.Errorf("one against one, yet %s", f.Error())
				}
				other = other || slices.Contains(tc.otherRules, f.Rule)
			}
			if !other {
				t.Errorf("one against one: no finding of %v on the prestatierecord; findings:\n%s", tc.otherRules, listFindings(rep.Findings))
			}
		})
	}
}

// findingsOf returns "line:field:rule:retourcode" of the error findings of rules.
func findingsOf(rep *Report, rules ...string) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Severity == Error && slices.Contains(rules, f.Rule) {
			out = append(out, itoa(f.Line)+":"+f.Field+":"+f.Rule+":"+f.Retourcode)
		}
	}
	return out
}

// "Waarde dient gelijk te zijn aan die in de Begindatum prestatie in het bovenliggende
// prestatierecord" (GZ321 0608, 1608, 1708). The base file's first prestatie (line 3) has
// two tariefrecords (4, 6), a zorgactiviteit (7) and a tijdsbesteding (8), all dated
// 20250101. When all of them differ from the 04 in the same way, the 04 is what is wrong:
// one finding, on its 0411. When one of them differs, that one is wrong, and so is each of
// those that differ when another repeats the 04's date. A lone record under a 04 carries
// the condition itself.
func TestParentOutOfStep(t *testing.T) {
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		t.Fatal(err)
	}
	base := n5Base(t, std, false)
	for _, tc := range []struct {
		name, edits string
		want        []string
	}{
		{"the 04 differs from all", "04:0411=20250102", []string{"3:0411:N5-PARENT:8007"}},
		{"one tariefrecord differs", "06#2:0608=20250102", []string{"6:0608:N5-PARENT:8257"}},
		// Two that differ alike, but the zorgactiviteit and the tijdsbesteding repeat the
		// 04's date: the 04 is not out of step with all, each of the two is wrong.
		{"two tariefrecords differ, two records repeat the 04", "06#1:0608=20250102; 06#2:0608=20250102",
			[]string{"4:0608:N5-PARENT:8257", "6:0608:N5-PARENT:8257"}},
		{"the tijdsbesteding differs", "17:1708=20250102", []string{"8:1708:N5-PARENT:8007"}},
	} {
		lines := n5Edit(t, std, base, tc.edits)
		rep := validateBytes(t, []byte(strings.Join(lines, "\r\n")+"\r\n"), std)
		if got := findingsOf(rep, "N5-PARENT", "GZ321-N5-0616"); !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s): %v, want %v; findings:\n%s", tc.name, tc.edits, got, tc.want, listFindings(rep.Findings))
		}
	}
}

// COD954 8042 "Prestatiedatum … valt na … einddatum declaratieperiode"; 0021 "Einddatum
// declaratieperiode ontbreekt of is onjuist". The base file's period is 20250101-20250131,
// its care in January 2025. A period that ends before every date of care is what is wrong
// (one finding, on 0115); a record of care after a period other records lie within is.
func TestPeriodOutOfStep(t *testing.T) {
	std, err := standards.Registry().Parse("GZ321@1.0")
	if err != nil {
		t.Fatal(err)
	}
	base := n5Base(t, std, false)
	for _, tc := range []struct {
		name, edits string
		want        []string
	}{
		{"the period ends before all care", "01:0114=20241201; 01:0115=20241231", []string{"1:0115:N5-PERIOD:0021"}},
		{"one tijdsbesteding after the period", "17#3:1714=20250202; 01:0117=20250210", []string{"22:1714:N5-PERIOD:8042"}},
	} {
		lines := n5Edit(t, std, base, tc.edits)
		rep := validateBytes(t, []byte(strings.Join(lines, "\r\n")+"\r\n"), std)
		if got := findingsOf(rep, "N5-PERIOD"); !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s): %v, want %v; findings:\n%s", tc.name, tc.edits, got, tc.want, listFindings(rep.Findings))
		}
	}
}

// Care declared before it was invoiced (N5-INVOICEDATE) takes the code COD954 gives the
// date it is about: 8177 "Begindatum prestatie moet kleiner zijn dan of gelijk zijn aan
// factuurdatum", 8178 for the einddatum. Here every prestatie lies after a dagtekening
// factuur of 1 January 2000.
func TestInvoiceDateCodes(t *testing.T) {
	for _, id := range []string{"GZ321@1.0", "MZ301@1.3"} {
		t.Run(id, func(t *testing.T) {
			std, err := standards.Registry().Parse(id)
			if err != nil {
				t.Fatal(err)
			}
			lines := n5Edit(t, std, n5Base(t, std, true), "01:0117=20000101;01:0114=19990101;01:0115=19991231")
			rep := validateBytes(t, []byte(strings.Join(lines, "\r\n")+"\r\n"), std)
			n, begins := 0, 0
			for _, f := range rep.Findings {
				if f.Rule != "N5-INVOICEDATE" {
					continue
				}
				n++
				if f.Retourcode == "8177" {
					begins++
				}
				want := "8178"
				if strings.HasPrefix(f.FieldName, "BEGINDATUM") {
					want = "8177"
				}
				if f.Retourcode != want {
					t.Errorf("%s: retourcode %s, want %s", f.Error(), f.Retourcode, want)
				}
			}
			if n == 0 || id == "GZ321@1.0" && begins == 0 {
				t.Errorf("%d N5-INVOICEDATE findings, %d on a begindatum; findings:\n%s", n, begins, listFindings(rep.Findings))
			}
		})
	}
}
