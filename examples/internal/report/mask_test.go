package report

import "testing"

// MaskAnywhere keeps a line's shape and its record code, and of a 01 what names the
// standard; every other letter and digit (a BSN, a birth date, a name) becomes '*'.
func TestMaskAnywhere(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"02100000009 19800101Jansen", "02********* **************"},
		{"0141403021999999999", "014140302**********"},
		{"\ufeff0141403021999", "\ufeff014140302****"},
		{"01414", "01414"},
		{"0", "*"},
		{"", ""},
		{"x2-3/4", "**-*/*"},
		{"04caf\xe9 12,50", "04**** **,**"},
	} {
		if got := MaskAnywhere(tc.in); got != tc.want {
			t.Errorf("MaskAnywhere(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
