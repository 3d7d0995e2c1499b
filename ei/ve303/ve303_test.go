package ve303_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/ve303v42"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/ei/ve303"
)

var today = civil.NewDate(2025, 6, 1)

// Table 2-2 of seed 002, column by column, as the seed prints it (F filled, - niet vullen),
// with the 2007 correction of 0407 (code 1 towards the insurer).
func TestTable(t *testing.T) {
	type row struct {
		addr       string // 0108 0109 0110 0111 0112
		betaling   []int
		doorsturen []int
		debiteur   bool
	}
	want := map[string]row{
		"1A": {"F-FF-", []int{2, 3}, []int{1}, false},
		"1B": {"F---F", []int{4}, []int{1}, false},
		"1C": {"F-F--", []int{2}, []int{1}, false},
		"2A": {"-FFF-", []int{2, 3}, []int{1, 2}, true},
		"2B": {"-F--F", []int{4}, []int{1, 2}, true},
		"2C": {"-FF--", []int{2}, []int{1, 2}, true},
		"3A": {"FFFF-", []int{1, 2, 3}, []int{1}, false},
		"3B": {"FF--F", []int{1, 4}, []int{1}, false},
		"3C": {"FFF--", []int{1, 2}, []int{1}, false},
	}
	for col, w := range want {
		s, err := ve303.ParseScenario(col)
		if err != nil {
			t.Fatal(err)
		}
		if s.String() != col {
			t.Errorf("%s: String %s", col, s)
		}
		a, err := ve303.Table(s)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, f := range []ve303.Fill{a.UZOVI, a.Servicebureau, a.Zorgverlener, a.Praktijk, a.Instelling} {
			if f == ve303.Filled {
				got += "F"
			} else {
				got += "-"
			}
		}
		if got != w.addr || !slices.Equal(a.BetalingAan, w.betaling) || !slices.Equal(a.Doorsturen, w.doorsturen) || a.Debiteur != w.debiteur {
			t.Errorf("%s: got %s %v %v %v, want %+v", col, got, a.BetalingAan, a.Doorsturen, a.Debiteur, w)
		}
	}
	if _, err := ve303.ParseScenario("4A"); err == nil {
		t.Error("4A accepted")
	}
}

func patient(i int) ve303.Patient {
	bsns := []record.BSN{"123456782", "100197243"}
	return ve303.Patient{
		BSN: bsns[i%2], Verzekerdennummer: "ZB00000" + string(rune('1'+i)), Geboortedatum: civil.NewDate(1954, 12, 10), Geslacht: 1 + i%2,
		Naam: ve303.Name{Achternaam: "Testpersoon", Voorletters: "T"}, Postcode: "3511AB", Huisnummer: 10 + i,
		Ritten: []ve303.Rit{{Datum: civil.NewDate(2025, 3, 3+i), Codelijst: 38, Prestatiecode: "000001", Eenheid: 1, Aantal: 1,
			Tarief: money.Cents(50000), Comments: []string{"Rit naar het ziekenhuis"}}},
	}
}

func declaratie(s string) ve303.Declaratie {
	sc, err := ve303.ParseScenario(s)
	if err != nil {
		panic(err)
	}
	p := ve303.Provider{Scenario: sc, UZOVI: 736, Zorgverlener: "36001234"}
	if sc.Flow != ve303.ZAtoZV {
		p.Servicebureau = "98001234"
	}
	pts := []ve303.Patient{patient(0), patient(1)}
	if sc.Flow == ve303.ZAtoSB {
		p.UZOVI = 0 // table 2-2: niet vullen; the patients' insurer is in 0204
		for i := range pts {
			pts[i].UZOVI = 736
			pts[i].Naam.Naamgebruik = 1
		}
	}
	return ve303.Declaratie{Provider: p, Factuurnummer: "ZB2025-0007", Dagtekening: civil.NewDate(2025, 4, 1), Patients: pts}
}

func build(t *testing.T, d ve303.Declaratie) []byte {
	t.Helper()
	data, err := ve303.Build(context.Background(), d, ve303.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestBuild(t *testing.T) {
	for _, s := range []string{"1C", "3C", "2C"} {
		d := declaratie(s)
		data := build(t, d)
		lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
		var got []string
		for _, l := range lines {
			id := ""
			if c := l[:2]; c != "01" && c != "99" {
				id = strings.TrimLeft(l[2:14], "0")
			}
			got = append(got, l[:2]+":"+id)
		}
		// Numbered through the file, the comment with its prestatie's number (2.2.3).
		want := []string{"01:", "02:1", "04:2", "98:2", "02:3", "04:4", "98:4", "99:"}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: records %v, want %v", s, got, want)
		}
		l99 := ve303v42.Standard().Layout("99")
		if v := fieldText(t, lines[7], l99, "9906"); v != "0000006" {
			t.Errorf("%s: 9906 = %s, want 6 (comments included)", s, v)
		}
		if v := fieldText(t, lines[7], l99, "9907"); v != "00000100000" {
			t.Errorf("%s: 9907 = %s, want 100000 cents", s, v)
		}
		l01 := ve303v42.Standard().Layout("01")
		uzovi := fieldText(t, lines[0], l01, "0108")
		if (s[0] == '2') != (uzovi == "0000") {
			t.Errorf("%s: 0108 = %s", s, uzovi)
		}
	}
}

func TestBuildDummyBSNAndLongComment(t *testing.T) {
	d := declaratie("1C")
	d.Patients[0].BSN = ""
	d.Patients[0].Ritten[0].Comments = []string{strings.Repeat("x", 150)}
	data := build(t, d)
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	if lines[1][14:23] != ve303.DummyBSN || lines[2][14:23] != ve303.DummyBSN {
		t.Errorf("dummy BSN not written")
	}
	if lines[3][:2] != "98" || lines[4][:2] != "98" || lines[3][14:18] != "0001" || lines[4][14:18] != "0002" {
		t.Errorf("a comment of 150 characters is not split over regelnummer 1 and 2: %q / %q", lines[3][:20], lines[4][:20])
	}
	d.Patients[0].Verzekerdennummer = ""
	if _, err := ve303.Build(context.Background(), d, ve303.Options{Today: today}); err == nil {
		t.Error("dummy BSN without verzekerdennummer accepted")
	}
}

func TestBuildErrors(t *testing.T) {
	for name, edit := range map[string]func(d *ve303.Declaratie){
		"declared above berekend":  func(d *ve303.Declaratie) { d.Patients[0].Ritten[0].Declaratiebedrag = money.Cents(60000) },
		"praktijk in 1C":           func(d *ve303.Declaratie) { d.Provider.Praktijk = "36000567" },
		"no UZOVI in 1C":           func(d *ve303.Declaratie) { d.Provider.UZOVI = 0 },
		"betaling aan 04 in 1C":    func(d *ve303.Declaratie) { d.Provider.BetalingAan = 4 },
		"debiteur in 1C":           func(d *ve303.Declaratie) { d.Patients[0].Debiteur = &ve303.Debiteur{Nummer: "D1"} },
		"no factuurnummer":         func(d *ve303.Declaratie) { d.Factuurnummer = "" },
		"invalid BSN":              func(d *ve303.Declaratie) { d.Patients[0].BSN = "123456789" },
		"production reconstructed": func(d *ve303.Declaratie) { d.Production = true },
	} {
		d := declaratie("1C")
		edit(&d)
		if _, err := ve303.Build(context.Background(), d, ve303.Options{Today: today}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	d := declaratie("2C")
	d.Patients[0].Overleden = true
	if _, err := ve303.Build(context.Background(), d, ve303.Options{Today: today}); err == nil {
		t.Error("2C: a client who died without debiteur accepted")
	}
	d.Patients[0].Debiteur = &ve303.Debiteur{Nummer: "D0001", Naam: ve303.Name{Achternaam: "Erfgenaam", Voorletters: "E"},
		Straat: "Teststraat", Huisnummer: 1, Postcode: "3511AB", Woonplaats: "Utrecht", SoortRelatie: 23}
	build(t, d)
	// The invalid BSN is reported as a finding of the validation.
	d = declaratie("1C")
	d.Patients[0].BSN = "123456789"
	_, err := ve303.Build(context.Background(), d, ve303.Options{Today: today})
	var f *validate.Finding
	if !errors.Is(err, ve303.ErrInvalid) || !errors.As(err, &f) {
		t.Errorf("invalid BSN: %v, want ErrInvalid with findings", err)
	}
}

// Every filling rule with a passing and a failing case: a valid declaration of the
// scenario passes; the edit makes the rule report.
func TestRules(t *testing.T) {
	std := ve303v42.Standard()
	set := func(code, field, v string) func(lines [][]byte) {
		return func(lines [][]byte) {
			for _, l := range lines {
				if string(l[:2]) == code {
					lay := std.Layout(code)
					i := lay.Index(field)
					if i < 0 {
						t.Fatalf("record %s has no field %s", code, field)
					}
					if err := record.PutTextAt(l, lay, i, v); err != nil {
						t.Fatal(err)
					}
					return
				}
			}
		}
	}
	for _, tc := range []struct {
		scenario, name, rule string
		edit                 func(lines [][]byte)
		d                    func(d *ve303.Declaratie)
	}{
		{"1C", "UZOVI missing", ve303.RuleAddress, set("01", "0108", "0000"), nil},
		{"2C", "UZOVI towards a servicebureau", ve303.RuleAddress, set("01", "0108", "0736"), nil},
		{"1C", "servicebureau towards the insurer", ve303.RuleAddress, set("01", "0109", "98001234"), nil},
		{"1C", "praktijk for a vervoerder", ve303.RuleAddress, set("01", "0111", "36000567"), nil},
		{"1C", "betaling aan 04", ve303.RuleAddress, set("01", "0113", "04"), nil},
		{"1C", "doorsturen 2 towards the insurer", ve303.RuleAddress, set("04", "0407", "2"), nil},
		{"1C", "debiteurnummer towards the insurer", ve303.RuleAddress, set("02", "0222", "D0001"), nil},
		{"1C", "prestatie with another BSN (example 6)", "N5-PARENT", set("04", "0403", "100197243"), nil},
		{"1C", "prestatie with another UZOVI (example 6)", "N5-PARENT", set("04", "0404", "0739"), nil},
		{"1C", "comment with another number", ve303.RuleNumbering, set("98", "9802", "000000000003"), nil},
		{"1C", "numbering skips", ve303.RuleNumbering, set("02", "0202", "000000000007"), nil},
		{"1C", "dummy BSN without verzekerdennummer", ve303.RuleBSN, func(lines [][]byte) {
			set("02", "0203", "999999999")(lines)
			set("02", "0205", "")(lines)
		}, nil},
		{"1C", "BSN fails the elfproef", ve303.RuleBSN, set("02", "0203", "123456789"), nil},
		{"1C", "naamcode (01) not 1", ve303.RuleNameCode, set("02", "0209", "2"), nil},
		{"1C", "naamcode (02) 2 without partner name", ve303.RuleNameCode, set("02", "0212", "2"), nil},
		{"1C", "naamcode (02) 0 with partner name", ve303.RuleNameCode, set("02", "0213", "Joosten"), nil},
		{"2C", "naamcode (03) 0 towards a servicebureau", ve303.RuleNameCode, set("02", "0216", "0"), nil},
		{"2C", "client died, no debiteur", ve303.RuleDebiteur, set("02", "0223", "1"), nil},
		{"2C", "client died, debiteur without soort relatie", ve303.RuleDebiteur, set("03", "0326", "00"), func(d *ve303.Declaratie) {
			d.Patients[0].Overleden = true
			d.Patients[0].Debiteur = &ve303.Debiteur{Nummer: "D0001", Naam: ve303.Name{Achternaam: "Erfgenaam", Voorletters: "E"},
				Straat: "Teststraat", Huisnummer: 1, Postcode: "3511AB", Woonplaats: "Utrecht", SoortRelatie: 23}
		}},
		{"1C", "declared above berekend (8063)", ve303.RuleAmount, set("04", "0437", "00040000"), nil},
	} {
		t.Run(tc.scenario+"/"+tc.name, func(t *testing.T) {
			d := declaratie(tc.scenario)
			if tc.d != nil {
				tc.d(&d)
			}
			data := build(t, d)
			sc, _ := ve303.ParseScenario(tc.scenario)
			run := func(data []byte) []validate.Finding {
				opts, err := ve303.ValidateOptions(sc)
				if err != nil {
					t.Fatal(err)
				}
				opts.Today = today
				rep, err := validate.File(context.Background(), bytes.NewReader(data), opts)
				if err != nil {
					t.Fatal(err)
				}
				var errs []validate.Finding
				for _, f := range rep.Findings {
					if f.Severity == validate.Error {
						errs = append(errs, f)
					}
				}
				return errs
			}
			if f := run(data); len(f) != 0 {
				t.Fatalf("the valid declaration has findings: %v", f)
			}
			lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
			tc.edit(lines)
			bad := append(bytes.Join(lines, []byte("\r\n")), "\r\n"...)
			found := run(bad)
			if !slices.ContainsFunc(found, func(f validate.Finding) bool { return f.Rule == tc.rule }) {
				t.Errorf("no %s finding: %v", tc.rule, found)
			}
			for _, f := range found {
				if f.Rule == tc.rule && (f.Retourcode == "" || f.Message == "") {
					t.Errorf("finding without code or message: %+v", f)
				}
			}
		})
	}
}

// Seed 002 example 6 with the scenario rules: a prestatie whose BSN and UZOVI differ from
// its verzekerde's and belong to no other verzekerde of the file is answered with 0435 and
// 0423, the fields' own codes; one that carries the key of another verzekerde of the file
// with 8150.
func TestExample6Codes(t *testing.T) {
	for _, tc := range []struct{ variant, line, want string }{
		{"key", "5", "0403:0435 0404:0423"},
		{"keybsn", "5", "0403:0435"},
		{"keyuzovi", "5", "0404:0423"},
		{"keyother", "5", "0403:8150"},
		{"keylater", "3", "0403:8150"},
	} {
		data, err := os.ReadFile("../retour/testdata/decl/VE303-" + tc.variant + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		opts, err := ve303.ValidateOptions(ve303.Scenario{Flow: ve303.ZAtoZV, Setting: ve303.Vervoer})
		if err != nil {
			t.Fatal(err)
		}
		opts.Today = today
		rep, err := validate.File(context.Background(), bytes.NewReader(data), opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range rep.Findings {
			if f.Severity == validate.Error && f.Rule == "N5-PARENT" {
				if strconv.Itoa(f.Line) != tc.line {
					t.Errorf("%s: finding on line %d: %+v", tc.variant, f.Line, f)
					continue
				}
				got = append(got, f.Field+":"+f.Retourcode)
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: N5 findings %v, want %s", tc.variant, got, tc.want)
		}
	}
}

// A credit (issue 20): the builder writes C in both debet/credit indicators (0438, 0441)
// and the referentienummer of the rit it credits in 0443; the 99 total is the sum with
// the credit's sign; the result passes the validator (N5-CREDITREF, N5-DEBITCREDIT).
func TestBuildCredit(t *testing.T) {
	d := declaratie("1C")
	debit := d.Patients[0].Ritten[0]
	debit.Referentie, debit.Comments = "RIT-0001", nil
	credit := debit
	credit.Referentie, credit.Credit, credit.Crediteert = "RIT-0002", true, "RIT-0001"
	d.Patients[0].Ritten = []ve303.Rit{debit, credit}
	data := build(t, d)
	std := ve303v42.Standard()
	var c04 []byte
	var l99 []byte
	for _, l := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		switch string(l[:2]) {
		case "04":
			if record.DecodeText(fieldText(t, string(l), std.Layout("04"), "0442")) == "RIT-0002" {
				c04 = l
			}
		case "99":
			l99 = l
		}
	}
	if c04 == nil {
		t.Fatal("no credit 04")
	}
	l04 := std.Layout("04")
	for n, want := range map[string]string{"0438": "C", "0441": "C", "0443": "RIT-0001"} {
		if got := strings.TrimSpace(fieldText(t, string(c04), l04, n)); got != want {
			t.Errorf("credit %s = %q, want %q", n, got, want)
		}
	}
	// The two rides of patient 0 cancel out; patient 1's ride remains.
	want := d.Patients[1].Ritten[0].Tarief.Cents()
	if got, err := record.SignedSum(l99, std.Layout("99"), record.RoleTotalDeclared); err != nil || got != want {
		t.Errorf("99 total declared %d (%v), want %d", got, err, want)
	}
	// Without a referentie to credit, or naming one on a debit, Build refuses.
	for _, tc := range []struct {
		credit bool
		ref    string
	}{{true, ""}, {false, "RIT-0001"}} {
		d2 := d
		d2.Patients = slices.Clone(d.Patients)
		d2.Patients[0].Ritten = []ve303.Rit{debit, credit}
		d2.Patients[0].Ritten[1].Credit, d2.Patients[0].Ritten[1].Crediteert = tc.credit, tc.ref
		if _, err := ve303.Build(context.Background(), d2, ve303.Options{Today: today}); err == nil {
			t.Errorf("credit %v with Crediteert %q accepted", tc.credit, tc.ref)
		}
	}
}

// fieldText returns field n of a formatted record as it stands.
func fieldText(t *testing.T, line string, l *record.Layout, n string) string {
	t.Helper()
	f := l.Field(n)
	if f == nil {
		t.Fatalf("record %s has no field %s", l.Code(), n)
	}
	return record.FieldText(line, f)
}
