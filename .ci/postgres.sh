#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests, on 127.0.0.1 and a free port, in a new
# temporary data directory, and print the shell lines that point the tests at it:
#
#   eval "$(bash .ci/postgres.sh)"      # sets KINERJA_TEST_PG, KINERJA_TEST_PG_APP, PGPASSFILE,
#                                       # KINERJA_TEST_PG_STOP (the command that stops it)
#
# Two login roles, as an office sets them up (README, "Beberapa komputer"): kinerja_pemilik owns
# the database and runs migrations (CREATEDB, so the tests can make one database per test) and
# kinerja_staf is the role the workstations use. Their random passwords go only into a passfile
# readable by its owner alone (0600); no URL printed here holds a password. Durability is switched
# off (fsync=off): this server holds test data only.
set -euo pipefail

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ]; then
  echo "postgres.sh: PostgreSQL server programs not found (install Debian's 'postgresql')" >&2
  exit 1
fi

as_server() {  # the server refuses to run as root: run it as the postgres user then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data=$(mktemp -d "${TMPDIR:-/tmp}/kinerja-pg.XXXXXX")
[ "$(id -u)" = 0 ] && chown postgres: "$data"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(24))'; }
super_pw=$(secret); owner_pw=$(secret); app_pw=$(secret)

printf '%s\n' "$super_pw" >"$data/.superpw"
[ "$(id -u)" = 0 ] && chown postgres: "$data/.superpw"
chmod 600 "$data/.superpw"
as_server "$bindir/initdb" -D "$data/db" -U postgres --pwfile="$data/.superpw" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$data/initdb.log"
as_server "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null

passfile="$data/pgpass"
{
  printf '127.0.0.1:%s:*:postgres:%s\n' "$port" "$super_pw"
  printf '127.0.0.1:%s:*:kinerja_pemilik:%s\n' "$port" "$owner_pw"
  printf '127.0.0.1:%s:*:kinerja_staf:%s\n' "$port" "$app_pw"
} >"$passfile"
chmod 600 "$passfile"
rm -f "$data/.superpw"

PGPASSFILE="$passfile" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres <<SQL >/dev/null
CREATE ROLE kinerja_pemilik LOGIN CREATEDB PASSWORD '$owner_pw';
CREATE ROLE kinerja_staf LOGIN PASSWORD '$app_pw';
GRANT pg_signal_backend TO kinerja_pemilik;  -- DROP DATABASE ... WITH (FORCE) after a test
SQL

cat <<EOF
export PGPASSFILE='$passfile'
export KINERJA_TEST_PG='postgresql://kinerja_pemilik@127.0.0.1:$port/postgres'
export KINERJA_TEST_PG_APP='kinerja_staf'
export KINERJA_TEST_PG_BIN='$bindir'
export KINERJA_TEST_PG_STOP='$( [ "$(id -u)" = 0 ] && printf 'runuser -u postgres -- ')$bindir/pg_ctl -D $data/db -m immediate stop; rm -rf $data'
EOF
