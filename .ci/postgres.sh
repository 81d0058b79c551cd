#!/usr/bin/env bash
# .ci/postgres.sh: a PostgreSQL for the tests of the shared translation memory
# (pipeline/memory/pgstore), from Debian's packages, listening on 127.0.0.1
# only. Idempotent: it installs only what is missing, reuses a running
# cluster and an existing role and database.
#
#   source .ci/postgres.sh      # exports LOCPIPE_TEST_POSTGRES_URL
#   bash .ci/postgres.sh        # prints the URL to export
#
# The test role connects without a password (a pg_hba "trust" line for this
# role and database on 127.0.0.1 only), so no secret is ever printed.
# Must run as root (CI does); LOCPIPE_PG_PORT changes the port (5432).

locpipe_postgres() {
  local port="${LOCPIPE_PG_PORT:-5432}" role=locpipe db=locpipe_test
  local ver conf hba

  if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    echo "postgres.sh: installing postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {f=1} END {exit !f}'; then
    echo "postgres.sh: creating cluster $ver/main" >&2
    pg_createcluster "$ver" main >&2 || return 1
  fi
  conf="/etc/postgresql/$ver/main"
  hba="$conf/pg_hba.conf"

  # 127.0.0.1 only, on the chosen port.
  local changed=0
  local dropin="$conf/conf.d/locpipe.conf" want="listen_addresses = '127.0.0.1'"
  if [ "$(cat "$dropin" 2>/dev/null)" != "$want" ]; then
    mkdir -p "$conf/conf.d" && echo "$want" >"$dropin" && changed=1
  fi
  if [ "$(pg_conftool -s "$ver" main show port 2>/dev/null)" != "$port" ]; then
    pg_conftool "$ver" main set port "$port" && changed=1
  fi
  local line="host    $db    $role    127.0.0.1/32    trust"
  if ! grep -qF "$line" "$hba"; then
    # First matching line wins: put ours before the scram-sha-256 defaults.
    { echo "# locpipe tests (.ci/postgres.sh)"; echo "$line"; cat "$hba"; } >"$hba.new" &&
      chown --reference="$hba" "$hba.new" && chmod --reference="$hba" "$hba.new" &&
      mv "$hba.new" "$hba" && changed=1
  fi

  local status
  status=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $4}')
  if [ "$status" = online ] && [ "$changed" = 1 ]; then
    pg_ctlcluster "$ver" main restart >&2 || return 1
  elif [ "$status" != online ]; then
    pg_ctlcluster "$ver" main start >&2 || return 1
  fi
  local i
  for i in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p "$port" || { echo "postgres.sh: PostgreSQL did not start on 127.0.0.1:$port" >&2; return 1; }

  local psql=(runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port" -d postgres)
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
    "${psql[@]}" -c "CREATE ROLE $role LOGIN" >&2 || return 1
  fi
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE $db OWNER $role" >&2 || return 1
  fi
  echo "postgres://$role@127.0.0.1:$port/$db?sslmode=disable"
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  LOCPIPE_TEST_POSTGRES_URL=$(locpipe_postgres) || return 1
  export LOCPIPE_TEST_POSTGRES_URL
  echo "LOCPIPE_TEST_POSTGRES_URL=$LOCPIPE_TEST_POSTGRES_URL" >&2
  unset -f locpipe_postgres
else
  set -euo pipefail
  locpipe_postgres
fi
