package ve303_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
)

// Issue 22 item 5: Patient, Name and Debiteur print, encode and log with their personal
// data masked, like the generated records.
func TestPersonalDataMasked(t *testing.T) {
	p := ve303.Patient{BSN: "123456782", Verzekerdennummer: "VZN7654321", Patientnummer: "PAT998877",
		Geboortedatum: civil.NewDate(1954, 12, 10), Naam: ve303.Name{Achternaam: "Vermeulen", Voorvoegsel: "van der", Voorletters: "QX",
			PartnerAchternaam: "Zwartkop"}, Postcode: "3511AB", Huisnummer: 417, Toevoeging: "bis",
		Debiteur: &ve303.Debiteur{Nummer: "DEB445566", Naam: ve303.Name{Achternaam: "Oosterhuis"}, Geboortedatum: civil.NewDate(1960, 7, 21),
			Straat: "Kastanjelaan", Huisnummer: 93, Postcode: "9712KL", Woonplaats: "Groningen"},
		Comments: []string{"patiënt Vermeulen woont bij dochter"},
		Ritten:   []ve303.Rit{{Comments: []string{"opgehaald Kastanjelaan"}}}}
	secrets := []string{"123456782", "456782", "VZN7654321", "7654", "PAT998877", "1954-12-10", "19541210", "Vermeulen", "ermeulen", "van der",
		"Zwartkop", "3511AB", "417", "bis", "DEB445566", "Oosterhuis", "1960-07-21", "Kastanjelaan", "astanjelaan", "9712KL", "Groningen",
		"roningen", "dochter", `"93"`, ":93", " 93"}
	var outs []string
	for _, v := range []any{p, p.Naam, *p.Debiteur, &p} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(j))
		// Without the time: its digits ("…625417999Z") could hold a secret's by chance.
		noTime := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}}
		for _, h := range []func(*bytes.Buffer) slog.Handler{
			func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, noTime) },
			func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, noTime) },
		} {
			var b bytes.Buffer
			slog.New(h(&b)).Info("patient", "p", v)
			outs = append(outs, b.String())
		}
	}
	outs = append(outs, fmt.Sprint(p.Naam.String(), p.Debiteur.String(), p.String()))
	for _, out := range outs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%q shows %q", out, s)
			}
		}
	}
	// What is shown: the first letter of a name, the year of birth, the last three digits.
	if out := fmt.Sprint(p); !strings.Contains(out, "V********") || !strings.Contains(out, "1954-**-**") || !strings.Contains(out, "******782") ||
		!strings.Contains(out, "Debiteur:{Nummer:******566") || strings.Contains(out, "0x") {
		t.Errorf("masked patient %s", out)
	}
}
