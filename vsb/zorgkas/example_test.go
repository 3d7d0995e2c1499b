package zorgkas_test

import (
	"fmt"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/zorgkas"
)

func Example() {
	z := &vsb.Zending{Number: 3, Content: 40, ThirdParty: "071234567890", BCE: "0123456749", BIC: "GEBABEBB", IBAN: "BE68539007547034", Year: 2026, Month: 11, Created: vsb.NewDate(2026, time.December, 1), InvoiceType: 3, Mode: 1}
	fa := vsb.Factuur{Mutualiteit: "306", Destination: "306", INSZ: "0085010112387", Sex: 1, Type: 3, Number: 1,
		Date: vsb.NewDate(2026, time.November, 30)}
	for range 20 {
		fa.Prestaties = append(fa.Prestaties, vsb.Prestatie{Code: 761294, Amount: vsb.Money(10000), Units: 1,
			First: vsb.NewDate(2026, time.November, 1), Last: vsb.NewDate(2026, time.November, 1)})
	}
	z.Facturen = append(z.Facturen, fa)
	f, err := vsb.Build(z) // 10, 20, 20 × 50, 80, 90: 24 records
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(zorgkas.Validate(f).Reply)

	// One prestatie rejected (R): 1 of 24 = 4.17 % (rounded up), accepted.
	findings := []validate.Finding{vsb.NewFinding(5, "50", "1", "500130", "")}
	d, err := zorgkas.Decide(f, findings, vsb.NewDate(2026, time.December, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Reply, d.Reason, d.Percentage, d.PaymentDue)
	s, _ := zorgkas.Settle(f, d)
	fmt.Println("DF017:", s.Order.Amount, "due", s.Order.Due)

	// Two rejected: 8.34 % (rounded up), refused.
	findings = append(findings, vsb.NewFinding(6, "50", "1", "500130", ""))
	d, _ = zorgkas.Decide(f, findings, vsb.NewDate(2026, time.December, 2))
	fmt.Println(d.Reply, d.Reason, d.Percentage)
	// Output:
	// 931000
	// 920098 rejected records within 5 % 417 2027-01-13
	// DF017: 1900.00 due 2027-01-13
	// 920099 rejected records above 5 % 834
}
