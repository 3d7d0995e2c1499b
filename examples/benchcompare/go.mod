module github.com/zorgbericht/zorgbericht/examples/benchcompare

go 1.26.8

require github.com/zorgbericht/zorgbericht v0.0.0

require github.com/shopspring/decimal v1.6.0 // indirect

replace github.com/zorgbericht/zorgbericht => ../..
