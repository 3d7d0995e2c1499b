package cov

import (
	"strings"
	"testing"
)

// FuzzDecodeResponse: the response decoder never panics, never loops, and every error is a
// protocol error that holds no full BSN from the input.
func FuzzDecodeResponse(f *testing.F) {
	ok, err := encodeResponse(Zoekresultaat{Verzekeringen: []Verzekering{{UZOVI: 3311, Verzekerdennummer: "123456782",
		Soort: SoortBasis, Ingangsdatum: NewDate(2024, 1, 1)}}})
	if err != nil {
		f.Fatal(err)
	}
	fault, err := encodeFault(ErrBSNUnknown, "BSN 123456782 onbekend")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ok)
	f.Add(fault)
	f.Add([]byte("<soap:Envelope/>"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return // an answer of a few insurances fits; more reaches no new code
		}
		_, err := decodeResponse(data)
		if err != nil && strings.Contains(err.Error(), "123456782") {
			t.Fatalf("error holds a full BSN: %v", err)
		}
		if se := decodeFault(data); se != nil && strings.Contains(se.Error(), "123456782") {
			t.Fatalf("fault holds a full BSN: %v", se)
		}
	})
}
