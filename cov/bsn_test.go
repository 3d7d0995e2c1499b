package cov

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestBSNValidate(t *testing.T) {
	tests := []struct {
		bsn  BSN
		ok   bool
		says string // part of the error
	}{
		{"123456782", true, ""},
		{"111222333", true, ""},
		{"100000009", true, ""},
		{"123456789", false, "elfproef"},
		{"999999999", false, "dummy"},
		{"000000000", false, "elfproef"},
		{"12345678", false, "nine digits"},
		{"1234567820", false, "nine digits"},
		{"12345678a", false, "nine digits"},
		{"", false, "nine digits"},
	}
	for _, tt := range tests {
		err := ValidateBSN(tt.bsn)
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", MaskBSN(string(tt.bsn)), err, tt.ok)
			continue
		}
		if err == nil {
			continue
		}
		if !errors.Is(err, ErrInvalidQuery) || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "expected") {
			t.Errorf("%s: error %q should wrap ErrInvalidQuery, say %q and what is expected", MaskBSN(string(tt.bsn)), err, tt.says)
		}
		if len(tt.bsn) >= 8 && strings.Contains(err.Error(), string(tt.bsn)) {
			t.Errorf("error %q contains the full BSN", err)
		}
	}
}

func TestParseBSN(t *testing.T) {
	b, err := ParseBSN(" 1234.56.782 ")
	if err != nil || b.Digits() != "123456782" {
		t.Errorf("ParseBSN = %q, %v", b.Digits(), err)
	}
	if _, err := ParseBSN("999999999"); err == nil {
		t.Error("ParseBSN accepted the dummy")
	}
}

func TestMaskBSN(t *testing.T) {
	for in, want := range map[string]string{
		"123456782": "******782",
		"12345678":  "*****678",
		"123":       "***",
		"":          "",
	} {
		if got := MaskBSN(in); got != want {
			t.Errorf("MaskBSN(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBSNNeverPrintsInFull(t *testing.T) {
	const full = "123456782"
	b := BSN(full)
	type patient struct {
		Name string
		BSN  BSN
	}
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "bsn", b, "p", patient{"A", b})
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "bsn", b, "p", patient{"A", b})
	j, _ := json.Marshal(patient{"A", b})
	outs := []string{
		fmt.Sprint(b), fmt.Sprintf("%v %+v %#v %s %q %x %X %d %10s", b, b, b, b, b, b, b, b, b),
		fmt.Sprintf("%v %+v %#v", patient{"A", b}, patient{"A", b}, patient{"A", b}),
		b.String(), b.GoString(), string(j), logs.String(),
	}
	for _, out := range outs {
		if strings.Contains(out, full) {
			t.Errorf("full BSN in %q", out)
		}
		if !strings.Contains(out, "782") {
			t.Errorf("%q does not show the masked BSN", out)
		}
	}
}
