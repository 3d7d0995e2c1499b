#!/usr/bin/env bash
# CI check for the Q warehouse ledger (called by .ci/run after the tests), on SQLite and,
# with ZORGBERICHT_POSTGRES_URL from .ci/services/postgres.sh, PostgreSQL:
#
#  1. BenchmarkApply1M: the ledger's API, 1,000,000 records, new and re-delivery.
#  2. BenchmarkQApply300k: zorgcheck q apply (reading, the Q rules, the apply) of 300,000
#     records, new and re-delivery, records/s against issue 21's target of 120,000.
#  3. The peak memory (maximum RSS, /usr/bin/time; Debian's package "time" is installed
#     when missing) of zorgcheck q apply at two sizes,
#     300,000 records (93 MB) and 999,999 (311 MB, the most the reconstructed 9902 holds).
#
# The figures depend on the machine and its load (printed with them): PASS/FAIL lines are
# information, the script fails only on an error, or with QLEDGER_STRICT=1 on a FAIL.
# A few minutes on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=120000 # records/s, issue 21 item 6
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

echo "== qledger: load $(uptime | sed 's/.*load average/load average/'), $(nproc) cores"
if [ -z "${ZORGBERICHT_POSTGRES_URL:-}" ]; then
	echo "ZORGBERICHT_POSTGRES_URL is not set: SQLite only"
fi

echo "== qledger: BenchmarkApply1M, the API (records/s)"
go test -tags integration ./q/ledger -run '^$' -bench 'BenchmarkApply1M' -benchtime=1x -timeout 30m | grep -E 'Benchmark|SKIP|ok|FAIL'

echo "== qledger: BenchmarkQApply300k, zorgcheck q apply with the Q rules (records/s; target $target)"
go test -tags integration ./examples/zorgcheck -run '^$' -bench 'BenchmarkQApply300k' -benchtime=1x -timeout 30m >"$tmp/bench.txt" || {
	cat "$tmp/bench.txt"
	exit 1
}
grep -E 'SKIP|^ok|FAIL' "$tmp/bench.txt" || true
while read -r name rate; do
	verdict=PASS
	if [ "${rate%.*}" -lt "$target" ]; then
		verdict=FAIL
		fails=$((fails + 1))
	fi
	printf '%-45s %10.0f records/s  %s\n' "$name" "$rate" "$verdict"
done < <(awk '/^BenchmarkQApply300k/ { for (i = 1; i < NF; i++) if ($(i+1) == "records/s") print $1, $i }' "$tmp/bench.txt")

echo "== qledger: peak memory of zorgcheck q apply (maximum RSS)"
if [ ! -x /usr/bin/time ] && command -v apt-get >/dev/null 2>&1; then
	# GNU time (Debian's package "time") is not on every fresh machine.
	sudo_cmd=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
	{ $sudo_cmd apt-get update && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends time; } >&2 || true
fi
if [ ! -x /usr/bin/time ]; then
	echo "SKIP: /usr/bin/time is not installed"
else
	go build -o "$tmp/zorgcheck" ./examples/zorgcheck
	sizes="300000 999999"
	ZORGCHECK_Q_BENCH_DIR="$tmp" ZORGCHECK_Q_BENCH_SIZES="${sizes// /,}" \
		go test -tags integration ./examples/zorgcheck -run '^TestQBenchFiles$' -count=1 >/dev/null
	dbs="sqlite"
	[ -n "${ZORGBERICHT_POSTGRES_URL:-}" ] && dbs="sqlite postgres"
	for db in $dbs; do
		declare -A peak=()
		for n in $sizes; do
			dsn="$tmp/ledger-$n.db"
			if [ "$db" = postgres ]; then
				schema="qledger_check_$$_$n"
				psql -q "$ZORGBERICHT_POSTGRES_URL" -c "CREATE SCHEMA $schema" >/dev/null
				sep='?'
				case "$ZORGBERICHT_POSTGRES_URL" in *\?*) sep='&' ;; esac
				dsn="$ZORGBERICHT_POSTGRES_URL${sep}search_path=$schema"
			fi
			for ref in 1 2; do
				/usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$tmp/zorgcheck" q apply -today 2016-03-01 -db "$dsn" "$tmp/q-$n-$ref.asc" >/dev/null
				read -r secs kb user sys <"$tmp/time"
				kind=new
				[ "$ref" = 2 ] && kind=redelivery
				peak[$n]=$(( ${peak[$n]:-0} > kb ? ${peak[$n]:-0} : kb ))
				# CPU time (user+sys) per record says more than the rate on a loaded machine.
				awk -v db="$db" -v k="$kind" -v n="$n" -v s="$secs" -v kb="$kb" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
					'BEGIN { printf "%-8s %-10s %7d records  %6.2f s  %8.0f records/s  CPU %6.2f s (%5.1f us/record)  max RSS %5.0f MB\n", db, k, n, s, n / s, cpu, cpu * 1e6 / n, kb / 1024 }'
			done
			if [ "$db" = postgres ]; then
				PGOPTIONS="-c client_min_messages=warning" psql -q "$ZORGBERICHT_POSTGRES_URL" -c "DROP SCHEMA $schema CASCADE" >/dev/null
			fi
			rm -f "$tmp/ledger-$n.db"*
		done
		small=${peak[300000]} large=${peak[999999]}
		awk -v db="$db" -v s="$small" -v l="$large" 'BEGIN {
			r = l / s; v = (r <= 1.25) ? "PASS" : "FAIL"
			printf "%-8s peak memory 300,000 -> 999,999 records: %.0f -> %.0f MB (x%.2f; flat: at most x1.25)  %s\n", db, s / 1024, l / 1024, r, v
		}' | tee -a "$tmp/mem.txt"
		unset peak
	done
	if grep -q FAIL "$tmp/mem.txt"; then
		fails=$((fails + 1))
	fi
fi

echo "== qledger: $fails FAIL line(s); load now $(uptime | sed 's/.*load average/load average/')"
if [ "${QLEDGER_STRICT:-}" = 1 ] && [ "$fails" -gt 0 ]; then
	exit 1
fi
