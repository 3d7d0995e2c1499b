package foutcode_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/vsb/foutcode"
)

func ExampleLookup() {
	for _, f := range foutcode.All()[:1] {
		got, ok := foutcode.Lookup(f.Code)
		fmt.Println(ok, got.Code == f.Code, got.Letter != "", foutcode.Len() > 1000)
	}
	// Output: true true true true
}
