#!/usr/bin/env bash
# CI check (called by .ci/run): the full test matrices. The default `go test ./...` runs
# the long matrices on a reduced sample (internal/testlevel) so that it stays short for
# contributors; this runs, with ZORGBERICHT_TEST_FULL=1, the tests of every package that
# uses internal/testlevel on their full matrices (every Vektis file through the parallel
# validator with every worker count and chunk size, every mutation of every field, the
# 120 MB whole-file reference check, zorgcheck's masking property on every line of the
# repository's files and 42 Vektis suite files, 10 million tiny lines through every
# command, the generated packages' quick starts compiled as their docs show them, …).
set -euo pipefail
cd "$(dirname "$0")/../.."

pkgs=$(grep -rl --include='*_test.go' 'internal/testlevel"' . | xargs -n1 dirname | sort -u)
echo "== full test matrices: $(echo $pkgs)"
ZORGBERICHT_TEST_FULL=1 go test -tags integration -count=1 -timeout 30m $pkgs
