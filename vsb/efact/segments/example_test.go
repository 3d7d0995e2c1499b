package segments_test

import (
	"fmt"

	"github.com/zorgbericht/zorgbericht/vsb/efact/segments/seg920000v20"
)

// A segment has no record code: every zone is a field, the first one too. AppendTo writes
// one, Parse reads it back; package vsb puts them at their places in a message.
func Example() {
	seg := seg920000v20.Segment200Berichtheader{Type: 920000, NVersionFormatMessagePremiereVersion01: 1, TypeMessage12Prod92Test: 92}
	text, err := seg.AppendTo(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var back seg920000v20.Segment200Berichtheader
	if err := back.Parse(string(text)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(text), string(text[:6]), back.Type, back.TypeMessage12Prod92Test)
	// Output: 67 920000 920000 92
}
