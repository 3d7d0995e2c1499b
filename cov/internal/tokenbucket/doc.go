// Package tokenbucket is a small token-bucket rate limiter: Rate tokens per
// second flow into a bucket of Burst tokens; each request takes one.
package tokenbucket
