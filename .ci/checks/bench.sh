#!/usr/bin/env bash
# CI check for the benchmark harness (called by .ci/run): examples/bench is a module of its
# own (it depends on github.com/ianlopshire/go-fixedwidth, the library does not), so the
# root's `go vet ./...` and staticcheck do not reach it. Vet it, staticcheck it, and run it
# on tiny files (one round, 1 MB) so that it keeps working; the figures of a smoke run mean
# nothing. The real run is `cd examples/bench && go run . -mb 100 -rounds 5` (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../../examples/bench"

echo "== bench: vet, staticcheck"
go vet ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
echo "== bench: tests"
go test -count=1 ./...
echo "== bench: smoke run"
out=$(go run . -mb 1 -rounds 1)
echo "$out"
for want in 'go-fixedwidth v0.10.0' 'ei.Reader / go-fixedwidth' 'generated MZ301' 'host: register loop on' 'host: memory copy on' 'vsb.Encode'; do
  grep -qF "$want" <<<"$out" || { echo "bench: no \"$want\" in the output"; exit 1; }
done
