// Package money holds the one money type of the module: Money, an exact amount in euro
// cents (an int64), never a float. Every amount field of EI, Q and VSB records is a Money
// (record.Money names the same type).
//
// Quick start:
//
//	m, err := money.Parse("12.34") // euros, at most two decimals
//	if err != nil {
//		return err
//	}
//	sum, ok := m.Add(money.Cents(66)) // ok is false on overflow
//	fmt.Println(sum, sum.Cents(), ok)  // 13.00 1300 true
//
// Decimal and FromDecimal convert to and from shopspring/decimal for arithmetic beyond
// addition; FromDecimal refuses fractions of a cent instead of rounding.
package money
