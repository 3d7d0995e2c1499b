#!/usr/bin/env bash
# CI steps for VSB (called by .ci/run): short fuzz runs of the two eFact decoders and the
# both-sides example, which must end with a payment order.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== vsb: fuzz the decoders (10 s each)"
go test ./vsb/ -run '^$' -fuzz '^FuzzDecode$' -fuzztime 10s -parallel 1
go test ./vsb/ -run '^$' -fuzz '^FuzzDecodeReply$' -fuzztime 10s -parallel 1

echo "== vsb: examples/vsbflow"
go run ./examples/vsbflow | grep -q 'DF017 payment order'
