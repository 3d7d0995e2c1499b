package record

import "testing"

// Every role has a name, and roleCount covers them all (Layout keeps a slot per role).
func TestRoles(t *testing.T) {
	if len(roleNames) != roleCount {
		t.Fatalf("%d role names, roleCount %d", len(roleNames), roleCount)
	}
	for r := Role(1); int(r) < roleCount; r++ {
		got, _, err := ParseRole(r.String() + map[bool]string{true: ":04"}[r.HasArgument()])
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %v, %v", r.String(), got, err)
		}
	}
}
