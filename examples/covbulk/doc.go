// Command covbulk runs a bulk COV check of 200 patients with a known
// appointment against the fake COV service of package covtest, started in
// this process on 127.0.0.1, and prints progress and a summary.
//
//	go run ./examples/covbulk
//
// Against the real service, the same code takes a cov.SOAPTransport with the
// VECOZO endpoint and the practice's certificate instead of the fake's.
package main
