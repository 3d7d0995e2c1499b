// Package fwtest is a made-up fixed-width format for the tests of the fixed-width layer:
// records without line breaks, six-digit record codes, free-form field ids ("3a", "6a",
// "99"), a signed amount and a mod-97 check number. Its record types are generated from
// spec/TF001v1.0.csv by the project's generator, like every real format.
package fwtest
