// Package srcsize tells how many bytes a source says it holds, for readers that size
// their buffers by it (record.LineScanner) and for the validator, which checks a file
// that fits in one chunk without setting up a parallel run.
package srcsize
