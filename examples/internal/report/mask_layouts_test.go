package report

import (
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	eistd "github.com/zorgbericht/zorgbericht/ei/standards"
	qstd "github.com/zorgbericht/zorgbericht/q/standards"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920000v20"
	"github.com/zorgbericht/zorgbericht/vsb/efact/ef920900v20"
)

// byName is the safety net by field name that masking used before the personal column
// was complete (issue 17 item 4): kept here only to show that the layouts' data covers
// every field it caught.
func byName(f *record.Field) (record.Personal, bool) {
	name := strings.ToUpper(f.Name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	free := f.Type == record.Alphanumeric && has("VRIJE TEKST", "TOELICHTING", "OPMERKING")
	switch {
	case has("BURGERSERVICENUMMER", "(BSN)", " BSN", "SOFINUMMER"):
		return record.PersonalBSN, free
	case has("GEBOORTE"):
		return record.PersonalBirthDate, free
	case has("POSTCODE", "HUISNUMMER", "STRAAT", "WOONPLAATS", "ADRESREGEL", "E-MAIL", "TELEFOONNUMMER"):
		return record.PersonalAddress, free
	case has("NAAM VERZEKERDE", "NAAM DEBITEUR", "NAAM PATIENT", "NAAM PATIËNT", "VOORLETTERS", "VOORVOEGSEL"):
		return record.PersonalName, free
	case has("VERZEKERDENNUMMER", "PATIENT(IDENTIFICATIE)NUMMER", "PATIENTNUMMER"):
		return record.PersonalID, free
	}
	return record.NotPersonal, free
}

// Masking decides from layout data alone (PersonalKind). In every built-in layout (EI, Q,
// VSB) that data marks every field the old safety net by name caught, with the same kind,
// and every free text as PersonalText: masking is as strong as it was.
func TestLayoutsMarkWhatNamesCaught(t *testing.T) {
	var all []*record.Layout
	for _, s := range eistd.Registry().All() {
		all = append(all, s.Records()...)
	}
	for _, s := range qstd.Registry().All() {
		all = append(all, s.Records()...)
	}
	all = append(all, ef920000v20.Format().Layouts...)
	all = append(all, ef920900v20.Format().Layouts...)
	marked, free := 0, 0
	for _, l := range all {
		fields := l.Fields()
		for i := range fields {
			f := &fields[i]
			kind, isFree := byName(f)
			got := PersonalKind(f)
			if kind != record.NotPersonal && got != kind {
				t.Errorf("record %s field %s %q: layout data says %v, its name says %v", l.Code(), f.Number, f.Name, got, kind)
			}
			if isFree != freeText(f) {
				t.Errorf("record %s field %s %q: free text by layout data %v, by name %v", l.Code(), f.Number, f.Name, freeText(f), isFree)
			}
			if got != record.NotPersonal {
				marked++
			}
			if isFree {
				free++
			}
		}
	}
	if marked < 100 || free == 0 {
		t.Fatalf("%d personal fields, %d free texts: layouts not loaded?", marked, free)
	}
}
