package assert

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failures instead of failing the test.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func TestAssertions(t *testing.T) {
	wrapped := fmt.Errorf("open x: %w", fs.ErrNotExist)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		run  func(t testing.TB) bool
		ok   bool
	}{
		{"Equal ints", func(t testing.TB) bool { return Equal(t, 3, 3) }, true},
		{"Equal int and int64", func(t testing.TB) bool { return Equal(t, 3, int64(3)) }, false},
		{"Equal slices", func(t testing.TB) bool { return Equal(t, []string{"a"}, []string{"a"}) }, true},
		{"Equal bytes", func(t testing.TB) bool { return Equal(t, []byte("ab"), []byte("ac")) }, false},
		{"EqualValues int and int64", func(t testing.TB) bool { return EqualValues(t, 3, int64(3)) }, true},
		{"EqualValues 300 and byte 44", func(t testing.TB) bool { return EqualValues(t, 300, byte(44)) }, false},
		{"Contains substring", func(t testing.TB) bool { return Contains(t, "field 0102", "0102") }, true},
		{"Contains missing", func(t testing.TB) bool { return Contains(t, "field 0102", "0103") }, false},
		{"Contains element", func(t testing.TB) bool { return Contains(t, []int{1, 2}, 2) }, true},
		{"Contains map key", func(t testing.TB) bool { return Contains(t, map[string]int{"a": 1}, "b") }, false},
		{"NotContains", func(t testing.TB) bool { return NotContains(t, "123456782", "3456") }, false},
		{"ErrorIs wrapped", func(t testing.TB) bool { return ErrorIs(t, wrapped, fs.ErrNotExist) }, true},
		{"ErrorIs other", func(t testing.TB) bool { return ErrorIs(t, wrapped, fs.ErrExist) }, false},
		{"ErrorContains", func(t testing.TB) bool { return ErrorContains(t, wrapped, "open x") }, true},
		{"ErrorContains nil", func(t testing.TB) bool { return ErrorContains(t, nil, "x") }, false},
		{"NoError", func(t testing.TB) bool { return NoError(t, errors.New("x")) }, false},
		{"Error nil", func(t testing.TB) bool { return Error(t, nil) }, false},
		{"True", func(t testing.TB) bool { return True(t, false) }, false},
		{"False", func(t testing.TB) bool { return False(t, false) }, true},
		{"NotNil nil pointer", func(t testing.TB) bool { return NotNil(t, (*int)(nil)) }, false},
		{"NotEmpty empty string", func(t testing.TB) bool { return NotEmpty(t, "") }, false},
		{"NotEmpty slice", func(t testing.TB) bool { return NotEmpty(t, []int{0}) }, true},
		{"Len", func(t testing.TB) bool { return Len(t, []int{1, 2}, 2) }, true},
		{"Len wrong", func(t testing.TB) bool { return Len(t, "abc", 2) }, false},
		{"Less", func(t testing.TB) bool { return Less(t, 3.0, 20.0) }, true},
		{"Less equal", func(t testing.TB) bool { return Less(t, 20.0, 20.0) }, false},
		{"Same", func(t testing.TB) bool { x := 1; return Same(t, &x, &x) }, true},
		{"Same copies", func(t testing.TB) bool { x, y := 1, 1; return Same(t, &x, &y) }, false},
		{"DirExists", func(t testing.TB) bool { return DirExists(t, dir) }, true},
		{"NoDirExists", func(t testing.TB) bool { return NoDirExists(t, dir) }, false},
	} {
		r := &recorder{TB: t}
		got := c.run(r)
		if got != c.ok || (len(r.failures) == 0) != c.ok {
			t.Errorf("%s: returned %v with failures %q, want %v", c.name, got, r.failures, c.ok)
		}
	}
}

func TestMessage(t *testing.T) {
	r := &recorder{TB: t}
	Equal(r, 1, 2, "ei depends on %s", "x/y")
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "message: ei depends on x/y") {
		t.Errorf("failures %q", r.failures)
	}
}
