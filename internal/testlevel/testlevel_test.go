package testlevel

import (
	"slices"
	"testing"
)

func TestSample(t *testing.T) {
	t.Setenv(EnvFull, "")
	s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	for _, c := range []struct {
		n    int
		want []int
	}{
		{1, s},
		{3, []int{0, 3, 6, 9}},
		{4, []int{0, 4, 8, 9}},
		{20, []int{0, 9}},
	} {
		if got := Sample(s, c.n); !slices.Equal(got, c.want) {
			t.Errorf("Sample(n=%d) = %v, want %v", c.n, got, c.want)
		}
	}
	if Full() || Pick(1, 2) != 2 {
		t.Error("Full without the variable")
	}
	t.Setenv(EnvFull, "0")
	if Full() {
		t.Error("Full with 0")
	}
	t.Setenv(EnvFull, "1")
	if Full() == testing.Short() || (!testing.Short() && !slices.Equal(Sample(s, 3), s)) {
		t.Error("not Full with the variable set")
	}
}
