package cov_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

func ExampleMaskBSN() {
	fmt.Println(cov.MaskBSN("123456782"))
	// Output: ******782
}

func ExampleBSN() {
	bsn, err := cov.ParseBSN("1234.56.782")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v %s %q %#v\n", bsn, bsn, bsn, bsn)
	fmt.Println(cov.ValidateBSN(cov.DummyBSN) != nil)
	// Output:
	// ******782 ******782 "******782" BSN("******782")
	// true
}

func ExampleZoekopdracht_Validate() {
	q := cov.Zoekopdracht{
		Peildatum:     cov.NewDate(2023, time.January, 1),
		Geboortedatum: cov.NewDate(1980, time.May, 17),
		BSN:           "123456789",
		AGB:           "01001234",
		Rol:           cov.RolPraktijk,
	}
	err := q.Validate(cov.NewDate(2026, time.March, 2))
	fmt.Println(errors.Is(err, cov.ErrInvalidQuery))
	fmt.Println(err)
	// Output:
	// true
	// cov: invalid zoekopdracht: Peildatum 2023-01-01 lies more than 2 years back; expected 2024-03-02 or later (COV answers at most 2 years back)
	// cov: invalid zoekopdracht: BSN ******789 fails the elfproef; expected nine digits with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11
}

func ExampleRecheckPolicy_Decide() {
	policy := cov.RecheckPolicy{ // the zero value is seed 000's policy; here with a fixed clock
		Now:      func() time.Time { return time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC) },
		Location: time.UTC,
	}
	born := cov.NewDate(1980, time.May, 17)
	checkedOn := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 8, 0, 0, 0, time.UTC) }
	fmt.Println(policy.Decide(cov.TriggerNewPatient, born, time.Time{}))
	fmt.Println(policy.Decide(cov.TriggerOpenRecord, born, checkedOn(2026, time.March, 1)))
	fmt.Println(policy.Decide(cov.TriggerInvoice, born, checkedOn(2026, time.February, 1)))
	fmt.Println(policy.Decide(cov.TriggerInvoice, born, checkedOn(2025, time.December, 31)))
	fmt.Println(policy.Decide(cov.TriggerInvoice, cov.NewDate(2008, time.February, 20), checkedOn(2026, time.February, 10)))
	// Output:
	// COV check due (new patient): never checked
	// COV check not due (open record): last check 1 day ago
	// COV check due (invoice): last check 29 days ago, more than 28
	// COV check due (invoice): last check on 2025-12-31, in an earlier calendar year than 2026
	// COV check due (invoice): patient turned 18 after the last check on 2026-02-10
}

func ExampleSelectAGB() {
	codes := []cov.AGBRole{
		{AGB: "01123456", Rol: cov.RolZorgverlener},
		{AGB: "01001234", Rol: cov.RolPraktijk},
	}
	agb, err := cov.SelectAGB(cov.AGBRole{}, codes) // none configured: the first practice or organisation
	fmt.Println(agb.AGB, agb.Rol, err)
	// Output: 01001234 Praktijk <nil>
}

func ExampleClient_Controleer() {
	srv, err := covtest.Start(covtest.Options{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	bsn := covtest.BSNs(1)[0]
	srv.Script(bsn, covtest.Answer{Verzekeringen: []cov.Verzekering{
		{UZOVI: 3311, Verzekerdennummer: "ZK1234567", Soort: cov.SoortBasis, Ingangsdatum: cov.NewDate(2020, 1, 1)},
	}})

	tr, err := cov.NewSOAPTransport(srv.SOAPConfig())
	if err != nil {
		panic(err)
	}
	client, err := cov.NewClient(tr, cov.ClientOptions{AGB: cov.AGBRole{AGB: "01001234", Rol: cov.RolPraktijk}})
	if err != nil {
		panic(err)
	}
	res, err := client.Controleer(context.Background(), cov.Zoekopdracht{
		// no Peildatum: today
		Geboortedatum: cov.NewDate(1980, 5, 17),
		BSN:           bsn,
	})
	if err != nil {
		panic(err)
	}
	basis, _ := res.Basis()
	fmt.Println(res.Status(), basis.UZOVI, basis.Verzekeraar, basis.Verzekerdennummer, basis.Verzekerdennummer.Full())
	// Output: active 3311 Zilveren Kruis Zorgverzekeringen N.V. ******567 ZK1234567
}

func ExampleChecker_Bulk() {
	srv, err := covtest.Start(covtest.Options{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	bsns := covtest.BSNs(20)
	srv.Script(bsns[0], covtest.Answer{BSNOnbekend: true})

	tr, _ := cov.NewSOAPTransport(srv.SOAPConfig())
	client, _ := cov.NewClient(tr, cov.ClientOptions{AGB: cov.AGBRole{AGB: "01001234", Rol: cov.RolPraktijk}})
	checker := &cov.Checker{Client: client, Store: &cov.MemoryStore{}}

	var appts []cov.Appointment
	for i, b := range bsns {
		appts = append(appts, cov.Appointment{
			PatientID: fmt.Sprint("patient-", i),
			Datum:     client.Today(),
			Patient:   cov.Zoekopdracht{Geboortedatum: cov.NewDate(1970+i, 1, 1), BSN: b},
		})
	}
	sum, err := checker.Bulk(context.Background(), appts, cov.BulkOptions{RunID: "example", Workers: 4, RatePerSecond: 100})
	if err != nil {
		panic(err)
	}
	fmt.Println("checked:", sum.Checked, "BSN unknown:", sum.BSNUnknown, "failed:", sum.Failed)
	for _, name := range slices.Sorted(maps.Keys(sum.Insured)) {
		fmt.Printf("%s: %d\n", name, sum.Insured[name])
	}
	// Output:
	// checked: 20 BSN unknown: 1 failed: 0
	// De Friesland Zorgverzekeraar N.V.: 2
	// Menzis Zorgverzekeraar N.V.: 3
	// OWM CZ Groep Zorgverzekeraar ua: 2
	// OWM DSW Zorgverzekeraar U.A.: 2
	// OWM Zorgverzekeraar Zorg en Zekerheid UA: 4
	// VGZ Zorgverzekeraar N.V.: 3
	// Zilveren Kruis Zorgverzekeringen N.V.: 3
}
