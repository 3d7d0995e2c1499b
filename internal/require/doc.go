// Package require is package assert (this module's stand-in for testify's) that stops
// the test at the first failed assertion (t.FailNow), as testify's require does.
package require
