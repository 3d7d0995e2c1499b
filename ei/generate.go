package ei

//go:generate go run ../gen generate -specs ../specs -out standards -registry standards_gen.go
