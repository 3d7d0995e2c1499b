package standards

//go:generate go run ../../gen generate -specs ../../specs -out . -pkg github.com/zorgbericht/zorgbericht/ei/standards -registry registry_gen.go -registrypkg standards
