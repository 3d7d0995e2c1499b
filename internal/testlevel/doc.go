// Package testlevel tells a test how much to run. The default `go test ./...` runs every
// test, but the long matrices (every option variant × worker count × chunk size, every
// field of every standard mutated, every Vektis file through every path) on a reduced
// sample, so that a contributor's run stays short. CI runs the full matrices as well:
// .ci/checks/fulltests.sh sets ZORGBERICHT_TEST_FULL=1 and runs the packages that use this
// package.
//
// A reduced matrix still reaches every code path the full one does: it takes fewer files,
// seeds or combinations, never drops a kind of case.
package testlevel
