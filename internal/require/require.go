package require

import (
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/assert"
)

func stop(t testing.TB, ok bool) {
	t.Helper()
	if !ok {
		t.FailNow()
	}
}

// Equal is assert.Equal, stopping the test on failure.
func Equal(t testing.TB, expected, actual any, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.Equal(t, expected, actual, msgAndArgs...))
}

// True is assert.True, stopping the test on failure.
func True(t testing.TB, value bool, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.True(t, value, msgAndArgs...))
}

// NotNil is assert.NotNil, stopping the test on failure.
func NotNil(t testing.TB, object any, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.NotNil(t, object, msgAndArgs...))
}

// NotEmpty is assert.NotEmpty, stopping the test on failure.
func NotEmpty(t testing.TB, object any, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.NotEmpty(t, object, msgAndArgs...))
}

// Len is assert.Len, stopping the test on failure.
func Len(t testing.TB, object any, n int, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.Len(t, object, n, msgAndArgs...))
}

// Contains is assert.Contains, stopping the test on failure.
func Contains(t testing.TB, s, contains any, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.Contains(t, s, contains, msgAndArgs...))
}

// NoError is assert.NoError, stopping the test on failure.
func NoError(t testing.TB, err error, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.NoError(t, err, msgAndArgs...))
}

// Error is assert.Error, stopping the test on failure.
func Error(t testing.TB, err error, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.Error(t, err, msgAndArgs...))
}

// ErrorIs is assert.ErrorIs, stopping the test on failure.
func ErrorIs(t testing.TB, err, target error, msgAndArgs ...any) {
	t.Helper()
	stop(t, assert.ErrorIs(t, err, target, msgAndArgs...))
}
