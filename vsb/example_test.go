package vsb_test

import (
	"bytes"
	"fmt"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
)

func Example() {
	z := &vsb.Zending{
		Test: true, Number: 7, Content: 40, ThirdParty: "071234567890", Year: 2026, Month: 11,
		BCE: "0123456749", BIC: "GEBABEBB", IBAN: "BE68539007547034",
		Created: vsb.NewDate(2026, time.December, 1), InvoiceType: 3, Mode: 1,
		Facturen: []vsb.Factuur{{
			Mutualiteit: "306", Destination: "306", INSZ: "0085010112387", Sex: 2, Type: 3, Number: 1,
			Date: vsb.NewDate(2026, time.November, 30),
			Prestaties: []vsb.Prestatie{{Code: 761294, Amount: vsb.Cents(123456), Units: 30,
				First: vsb.NewDate(2026, time.November, 1), Last: vsb.NewDate(2026, time.November, 30)}},
		}},
	}
	var buf bytes.Buffer
	if err := vsb.Encode(&buf, z); err != nil {
		fmt.Println(err)
		return
	}
	f, err := vsb.Decode(buf.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range f.Records {
		// Each record is the shared core's: its text, its layout from the spec.
		l := vsb.LayoutOf(r.Text[:2])
		if vsb.Order(r) == 0 {
			fmt.Printf("%s totals, no order or check number\n", l.Code())
			continue
		}
		fmt.Printf("%s order %d check %s\n", l.Code(), vsb.Order(r), record.FieldText(r.Text, l.Role(record.RoleCheck)))
	}
	rep := vsb.Check(f)
	fmt.Println("findings:", len(rep.Technical)+len(rep.Content))
	// Output:
	// 10 order 1 check 28
	// 20 order 2 check 91
	// 50 order 3 check 95
	// 80 order 4 check 70
	// 90 order 5 check 72
	// 95 totals, no order or check number
	// 96 totals, no order or check number
	// findings: 0
}

func ExampleCheckNumber() {
	rec := make([]byte, 350)
	copy(rec, "10000001")
	for i := 8; i < 348; i++ {
		rec[i] = '0'
	}
	copy(rec[137:], "AB") // A = 1, B = 2
	fmt.Println(vsb.CheckNumber(rec))
	// Output: 5
}

func ExampleDecodeReply() {
	reply := &vsb.Reply{Type: vsb.MsgSendingRefused, Sending: 7, Year: 2026, Month: 11, RefusalType: 1}
	var buf bytes.Buffer
	if err := vsb.EncodeReply(&buf, reply); err != nil {
		fmt.Println(err)
		return
	}
	r, err := vsb.DecodeReply(buf.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Type, r.DF(), r.Sending, len(buf.Bytes()))
	// Output: 920099 DF013 7 677
}
