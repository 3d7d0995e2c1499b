package civil_test

import (
	"encoding/binary"
	"fmt"

	"github.com/zorgbericht/zorgbericht/ei/civil"
)

func ExampleParseEEJJMMDD() {
	d, err := civil.ParseEEJJMMDD("20240229")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d, d.Valid(), d.AddDays(1))
	_, err = civil.ParseEEJJMMDD("2024022x")
	fmt.Println(err)
	// Output:
	// 2024-02-29 true 2024-03-01
	// date: want 8 digits EEJJMMDD, found a non-digit at position 8
}

// A reader that has checked a field's eight digits reads them as one word.
func ExampleFromWord() {
	line := []byte("0420250617")
	w := binary.LittleEndian.Uint64(line[2:10])
	fmt.Println(civil.FromWord(w), civil.FromDigits(line[2:10]))
	// Output: 2025-06-17 2025-06-17
}
