module github.com/zorgbericht/zorgbericht/examples/bench

go 1.26.8

require github.com/zorgbericht/zorgbericht v0.0.0

require (
	github.com/ianlopshire/go-fixedwidth v0.10.0
	github.com/shopspring/decimal v1.6.0 // indirect
)

replace github.com/zorgbericht/zorgbericht => ../..
