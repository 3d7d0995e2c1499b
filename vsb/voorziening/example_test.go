package voorziening_test

import (
	"fmt"
	"time"

	"github.com/zorgbericht/zorgbericht/vsb"
	"github.com/zorgbericht/zorgbericht/vsb/voorziening"
)

func Example() {
	sent := &vsb.Zending{Number: 17, InvoiceType: 3, Created: vsb.NewDate(2026, time.November, 30),
		Facturen: []vsb.Factuur{{Number: 1, Date: vsb.NewDate(2026, time.November, 30)}}}
	reply := &vsb.Reply{Type: vsb.MsgSendingRefused, Sending: 17, RefusalType: 2, ErrorPercentage: 612}
	fmt.Print(voorziening.Read(reply))
	again, err := voorziening.Resubmit(sent, reply, vsb.NewDate(2026, time.December, 4))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(again.Number, again.Created, again.Facturen[0].Date)
	// Output:
	// 920099 DF013: sending 17 refused by the content validation: too many rejected records (6.12 %, more than 5 %)
	// 1. the reply lists no record errors: ask the zorgkas which errors it found, and fix them
	// 2. resend the whole file with the same zending number (17) and the same invoice type
	// 3. change the creation date (record 10, zones 25-26) and the invoice date to the day you resend it
	// 17 2026-12-04 2026-12-04
}
