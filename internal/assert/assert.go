package assert

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

func fail(t testing.TB, what string, msgAndArgs []any) bool {
	t.Helper()
	if m := message(msgAndArgs); m != "" {
		what += "\n\tmessage: " + m
	}
	t.Errorf("%s", what)
	return false
}

func message(msgAndArgs []any) string {
	switch len(msgAndArgs) {
	case 0:
		return ""
	case 1:
		return fmt.Sprint(msgAndArgs[0])
	}
	if f, ok := msgAndArgs[0].(string); ok {
		return fmt.Sprintf(f, msgAndArgs[1:]...)
	}
	return fmt.Sprint(msgAndArgs...)
}

// ObjectsAreEqual reports whether expected and actual are equal: bytes.Equal for byte
// slices, reflect.DeepEqual otherwise.
func ObjectsAreEqual(expected, actual any) bool {
	if expected == nil || actual == nil {
		return expected == actual
	}
	e, ok := expected.([]byte)
	if !ok {
		return reflect.DeepEqual(expected, actual)
	}
	a, ok := actual.([]byte)
	if !ok {
		return false
	}
	if e == nil || a == nil {
		return e == nil && a == nil
	}
	return bytes.Equal(e, a)
}

// objectsAreEqualValues is ObjectsAreEqual, or equal after converting expected to the
// type of actual (EqualValues(t, 3, int64(3))).
func objectsAreEqualValues(expected, actual any) bool {
	if ObjectsAreEqual(expected, actual) {
		return true
	}
	if expected == nil || actual == nil {
		return false
	}
	ev, at := reflect.ValueOf(expected), reflect.TypeOf(actual)
	if !ev.Type().ConvertibleTo(at) {
		return false
	}
	// A conversion that loses information (300 to a byte) does not make values equal.
	back := ev.Convert(at)
	if !back.Type().ConvertibleTo(ev.Type()) || !reflect.DeepEqual(back.Convert(ev.Type()).Interface(), expected) {
		return false
	}
	return reflect.DeepEqual(back.Interface(), actual)
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice, reflect.UnsafePointer:
		return r.IsNil()
	}
	return false
}

// Equal asserts that expected and actual are equal (ObjectsAreEqual).
func Equal(t testing.TB, expected, actual any, msgAndArgs ...any) bool {
	t.Helper()
	if !ObjectsAreEqual(expected, actual) {
		return fail(t, fmt.Sprintf("not equal:\n\texpected: %#v\n\tactual:   %#v", expected, actual), msgAndArgs)
	}
	return true
}

// EqualValues asserts that expected and actual are equal, or equal once expected is
// converted to the type of actual.
func EqualValues(t testing.TB, expected, actual any, msgAndArgs ...any) bool {
	t.Helper()
	if !objectsAreEqualValues(expected, actual) {
		return fail(t, fmt.Sprintf("not equal:\n\texpected: %#v (%T)\n\tactual:   %#v (%T)", expected, expected, actual, actual), msgAndArgs)
	}
	return true
}

// Same asserts that expected and actual are pointers to the same object.
func Same(t testing.TB, expected, actual any, msgAndArgs ...any) bool {
	t.Helper()
	e, a := reflect.ValueOf(expected), reflect.ValueOf(actual)
	if e.Kind() != reflect.Pointer || a.Kind() != reflect.Pointer || e.Type() != a.Type() || e.Pointer() != a.Pointer() {
		return fail(t, fmt.Sprintf("not the same object:\n\texpected: %p %#v\n\tactual:   %p %#v", expected, expected, actual, actual), msgAndArgs)
	}
	return true
}

// True asserts that value is true.
func True(t testing.TB, value bool, msgAndArgs ...any) bool {
	t.Helper()
	if !value {
		return fail(t, "should be true", msgAndArgs)
	}
	return true
}

// False asserts that value is false.
func False(t testing.TB, value bool, msgAndArgs ...any) bool {
	t.Helper()
	if value {
		return fail(t, "should be false", msgAndArgs)
	}
	return true
}

// NotNil asserts that object is not nil (nor a nil pointer, slice, map, …).
func NotNil(t testing.TB, object any, msgAndArgs ...any) bool {
	t.Helper()
	if isNil(object) {
		return fail(t, "expected a value, got nil", msgAndArgs)
	}
	return true
}

// NotEmpty asserts that object is not its type's zero value, and not of length 0 when
// it has a length.
func NotEmpty(t testing.TB, object any, msgAndArgs ...any) bool {
	t.Helper()
	empty := isNil(object)
	if !empty {
		v := reflect.ValueOf(object)
		switch v.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			empty = v.Len() == 0
		case reflect.Pointer:
			empty = v.Elem().IsZero()
		default:
			empty = v.IsZero()
		}
	}
	if empty {
		return fail(t, fmt.Sprintf("should not be empty: %#v", object), msgAndArgs)
	}
	return true
}

// Len asserts that object (a string, slice, array, map or channel) has length n.
func Len(t testing.TB, object any, n int, msgAndArgs ...any) bool {
	t.Helper()
	v := reflect.ValueOf(object)
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		if v.Len() != n {
			return fail(t, fmt.Sprintf("%#v should have %d item(s), has %d", object, n, v.Len()), msgAndArgs)
		}
		return true
	}
	return fail(t, fmt.Sprintf("%#v (%T) has no length", object, object), msgAndArgs)
}

// Less asserts that e1 < e2 for two ordered values of the same type.
func Less(t testing.TB, e1, e2 any, msgAndArgs ...any) bool {
	t.Helper()
	a, b := reflect.ValueOf(e1), reflect.ValueOf(e2)
	if a.Type() != b.Type() {
		return fail(t, fmt.Sprintf("Less: %T and %T are not of the same type", e1, e2), msgAndArgs)
	}
	var less bool
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		less = a.Int() < b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		less = a.Uint() < b.Uint()
	case reflect.Float32, reflect.Float64:
		less = a.Float() < b.Float()
	case reflect.String:
		less = a.String() < b.String()
	default:
		return fail(t, fmt.Sprintf("Less: %T is not ordered", e1), msgAndArgs)
	}
	if !less {
		return fail(t, fmt.Sprintf(`"%v" is not less than "%v"`, e1, e2), msgAndArgs)
	}
	return true
}

// contains reports whether s (a string, slice, array or map: its keys) contains
// element (for a string: as a substring); ok is false when s is none of those.
func contains(s, element any) (ok, found bool) {
	v := reflect.ValueOf(s)
	switch v.Kind() {
	case reflect.String:
		e, isString := element.(string)
		if !isString {
			e = fmt.Sprint(element)
		}
		return true, strings.Contains(v.String(), e)
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if ObjectsAreEqual(k.Interface(), element) {
				return true, true
			}
		}
		return true, false
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if ObjectsAreEqual(v.Index(i).Interface(), element) {
				return true, true
			}
		}
		return true, false
	}
	return false, false
}

// Contains asserts that s contains contains (a substring, a slice's element, a map's key).
func Contains(t testing.TB, s, contains_ any, msgAndArgs ...any) bool {
	t.Helper()
	ok, found := contains(s, contains_)
	if !ok {
		return fail(t, fmt.Sprintf("%#v cannot contain anything", s), msgAndArgs)
	}
	if !found {
		return fail(t, fmt.Sprintf("%#v does not contain %#v", s, contains_), msgAndArgs)
	}
	return true
}

// NotContains asserts that s does not contain contains.
func NotContains(t testing.TB, s, contains_ any, msgAndArgs ...any) bool {
	t.Helper()
	ok, found := contains(s, contains_)
	if !ok {
		return fail(t, fmt.Sprintf("%#v cannot contain anything", s), msgAndArgs)
	}
	if found {
		return fail(t, fmt.Sprintf("%#v should not contain %#v", s, contains_), msgAndArgs)
	}
	return true
}

// NoError asserts that err is nil.
func NoError(t testing.TB, err error, msgAndArgs ...any) bool {
	t.Helper()
	if err != nil {
		return fail(t, fmt.Sprintf("unexpected error: %v", err), msgAndArgs)
	}
	return true
}

// Error asserts that err is not nil.
func Error(t testing.TB, err error, msgAndArgs ...any) bool {
	t.Helper()
	if err == nil {
		return fail(t, "an error is expected, got none", msgAndArgs)
	}
	return true
}

// ErrorIs asserts that errors.Is(err, target).
func ErrorIs(t testing.TB, err, target error, msgAndArgs ...any) bool {
	t.Helper()
	if !errors.Is(err, target) {
		return fail(t, fmt.Sprintf("error is not %v:\n\tgot: %v", target, err), msgAndArgs)
	}
	return true
}

// ErrorContains asserts that err is not nil and its message contains contains.
func ErrorContains(t testing.TB, err error, contains_ string, msgAndArgs ...any) bool {
	t.Helper()
	if err == nil {
		return fail(t, fmt.Sprintf("an error containing %q is expected, got none", contains_), msgAndArgs)
	}
	if !strings.Contains(err.Error(), contains_) {
		return fail(t, fmt.Sprintf("error %q does not contain %q", err, contains_), msgAndArgs)
	}
	return true
}

// DirExists asserts that path is a directory.
func DirExists(t testing.TB, path string, msgAndArgs ...any) bool {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil || !info.IsDir() {
		return fail(t, fmt.Sprintf("%s is not a directory (%v)", path, err), msgAndArgs)
	}
	return true
}

// NoDirExists asserts that path is not a directory.
func NoDirExists(t testing.TB, path string, msgAndArgs ...any) bool {
	t.Helper()
	if info, err := os.Lstat(path); err == nil && info.IsDir() {
		return fail(t, fmt.Sprintf("directory %s exists", path), msgAndArgs)
	}
	return true
}
