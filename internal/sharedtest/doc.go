// Package sharedtest finds the reference material in ../shared (beside the repository)
// for tests, and skips the test cleanly when it is absent.
package sharedtest
