package fwtest

//go:generate go run ../../gen generate -specs spec -out . -pkg github.com/zorgbericht/zorgbericht/internal/fwtest
