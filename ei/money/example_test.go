package money_test

import (
	"encoding/json"
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/money"
)

func ExampleMoney() {
	m, err := money.Parse("12.34")
	if err != nil {
		panic(err)
	}
	sum, _ := m.Add(money.Cents(66))
	j, _ := json.Marshal(sum)
	fmt.Println(sum, sum.Cents(), string(j), sum.Decimal().Mul(sum.Decimal()).StringFixed(4))
	// Output: 13.00 1300 "13.00" 169.0000
}
