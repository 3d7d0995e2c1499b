// Package bsn holds the one rule every package checks a burgerservicenummer with: the
// elfproef.
package bsn
