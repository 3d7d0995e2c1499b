// Package namecheck holds a test only: no hand-written Go file of the module finds a field
// by its Dutch name. Field meaning (roles, return codes, personal data, amount/sign pairs)
// is data of the spec files, derived once at import (internal/specfile/derive.go); code
// reads it from the layouts.
package namecheck
