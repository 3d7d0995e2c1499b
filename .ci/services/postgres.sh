#!/usr/bin/env bash
# postgres.sh installs and starts a local PostgreSQL server (Debian package) for the
# q/ledger tests. .ci/run calls it as a service script: it appends the variable the tests
# need to .ci/env, which .ci/run sources,
#
#	ZORGBERICHT_POSTGRES_URL=postgres://zorgbericht:zorgbericht@127.0.0.1:5432/zorgbericht?sslmode=disable
#
# and prints the same as an export line on standard output, for a shell by hand:
#
#	eval "$(bash .ci/services/postgres.sh)"
#
# Everything else (apt, pg_ctlcluster) goes to standard error. It is safe to run twice.
# Meant for a Debian machine as root (CI); it changes nothing when the server is up.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
envfile="$(cd "$(dirname "$0")/.." && pwd)/env"

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
	log "installing postgresql (Debian package)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update >&2
	apt-get install -y --no-install-recommends postgresql >&2
fi

ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"' | grep -q .; then
	log "creating cluster $ver/main"
	pg_createcluster "$ver" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
	log "starting cluster $ver/main"
	pg_ctlcluster "$ver" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')

for i in $(seq 1 30); do
	if su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
	sleep 1
done

su postgres -c "psql -p $port -qAt" >&2 <<'SQL'
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zorgbericht') THEN
		CREATE ROLE zorgbericht LOGIN PASSWORD 'zorgbericht';
	END IF;
END
$$;
SQL
if ! su postgres -c "psql -p $port -qAtc \"select 1 from pg_database where datname = 'zorgbericht'\"" | grep -q 1; then
	su postgres -c "createdb -p $port -O zorgbericht zorgbericht" >&2
fi
log "PostgreSQL $ver is up on port $port"
url="postgres://zorgbericht:zorgbericht@127.0.0.1:$port/zorgbericht?sslmode=disable"
echo "ZORGBERICHT_POSTGRES_URL='$url'" >> "$envfile"
echo "export ZORGBERICHT_POSTGRES_URL='$url'"
