#!/usr/bin/env bash
# CI check for VSB (called by .ci/run): the both-sides example must end with a payment
# order. (Its fuzz tests run with every other in .ci/run.)
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== vsb: examples/vsbflow"
go run ./examples/vsbflow | grep -q 'DF017 payment order'
