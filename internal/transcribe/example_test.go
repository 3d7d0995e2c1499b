package transcribe_test

import (
	"fmt"
	"strings"

	"github.com/zorgbericht/zorgbericht/internal/specfile"
	"github.com/zorgbericht/zorgbericht/internal/transcribe"
)

// A transcription whose sluitrecord has a reserve starting one position too late: the
// check reports the gap, the listed repair closes it, and the result is a checked spec.
func ExampleTranscribe() {
	const flat = "standard,version,eicode,record_id,record_name,record_length,element_id,code,type,start,length,end,name\n" +
		"XX001,1.0,176,01,VoorloopRecord,12,0101,COD001,N,1,2,2,KENMERK RECORD\n" +
		"XX001,1.0,176,01,VoorloopRecord,12,0180,TEC007,AN,3,10,12,RESERVE\n" +
		"XX001,1.0,176,99,SluitRecord,12,9901,COD001,N,1,2,2,KENMERK RECORD\n" +
		"XX001,1.0,176,99,SluitRecord,12,9980,TEC007,AN,4,10,13,RESERVE\n"
	rows, err := transcribe.ReadFlat(strings.NewReader(flat), "example.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := transcribe.Transcribe(transcribe.Plan{ID: "XX001@1.0", Name: "EXAMPLE"}, transcribe.Input{
		Rows:        rows,
		References:  map[string]*specfile.Spec{},
		Repairs:     []transcribe.Repair{{ID: "XX001@1.0", Record: "99", Field: "9980", Op: transcribe.OpStart, Value: "3", Reason: "the reserve follows the record code"}},
		Acceptances: []transcribe.Acceptance{},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Defects {
		fmt.Println("defect:", d)
	}
	for _, a := range res.Repairs {
		fmt.Println("repair:", a.Change)
	}
	f := res.Standard.Layout("99").Field("9980")
	fmt.Println(res.Standard, f.Start, f.End, f.Obligation)
	// Output:
	// defect: consistency: record 99 field 9980: gap: starts at 4, positions 3-3 belong to no field
	// defect: consistency: record 99: fields end at position 13, but the record length is 12
	// repair: positions 4-13 → 3-12
	// XX001@1.0 (transcribed) 3 12 S
}
