package cov_test

import (
	"flag"
	"os"
	"testing"
)

// TestMain lets more parallel tests run at once than the default -test.parallel
// (GOMAXPROCS, 2 on a 2-core machine): most of this package's parallel tests wait —
// for a client timeout, a Retry-After, the service's rate, a child process — rather than
// compute, so running only two at a time added their waits up. A -test.parallel given on
// the command line is kept.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		if err := flag.Set("test.parallel", "8"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
