#!/usr/bin/env bash
# CI check for the Q warehouse ledger (called by .ci/run after the tests): the
# 1,000,000-record benchmark once on every configured database, so that every CI log shows
# the records/s of SQLite and, with ZORGBERICHT_POSTGRES_URL from .ci/services/postgres.sh,
# PostgreSQL. About a minute on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== qledger: BenchmarkApply1M (records/s)"
if [ -z "${ZORGBERICHT_POSTGRES_URL:-}" ]; then
	echo "ZORGBERICHT_POSTGRES_URL is not set: SQLite only"
fi
go test ./q/ledger -run '^$' -bench 'BenchmarkApply1M' -benchtime=1x -timeout 30m | grep -E 'Benchmark|SKIP|ok|FAIL'
