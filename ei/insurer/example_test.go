package insurer_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/insurer"
)

func ExampleDeadline() {
	var dl insurer.Deadline // seed 004: 30 April of the year after the opening year
	opened := civil.NewDate(2021, 5, 20)
	fmt.Println(dl.Last(opened))
	fmt.Println(dl.Late(opened, civil.NewDate(2022, 5, 1)))
	// Output:
	// 2022-04-30
	// true
}

func ExampleNeedsMachtiging() {
	fmt.Println(insurer.NeedsMachtiging(insurer.Treatment{SpecialisedGGZ: true, Institution: true, Contracted: false}, 0))
	fmt.Println(insurer.NeedsMachtiging(insurer.Treatment{Institution: false, MaxMinutes: 2500}, 0))
	// Output:
	// true
	// false
}
