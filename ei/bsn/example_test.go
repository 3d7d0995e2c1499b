package bsn_test

import (
	"errors"
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/bsn"
)

// A BSN masks itself wherever it is printed; Check applies the elfproef.
func ExampleBSN_Check() {
	b := bsn.BSN("111222333") // invented, passes the elfproef
	fmt.Println(b.Check(), b)
	fmt.Printf("%v %q %#v\n", b, b, b)

	fmt.Println(bsn.BSN("111222334").Check())
	fmt.Println(errors.Is(bsn.Dummy.Check(), bsn.ErrDummy))
	// Output:
	// <nil> ******333
	// ******333 "******333" BSN("******333")
	// BSN fails the elfproef
	// true
}

// Valid is the elfproef on digits as they stand in a file.
func ExampleValid() {
	fmt.Println(bsn.Valid("111222333"), bsn.Valid("123456789"), bsn.Valid("11122233"))
	// Output: true false false
}
