#!/usr/bin/env bash
# Installs and runs PostgreSQL 15 (Debian's cluster "15 main") for distributed runs and tests,
# without systemd. Listens on 127.0.0.1:5432.
# usage: infra/services/postgres.sh {install|start|stop|status}
# After start: user postgres, password 'medvid-dev' (DEV/TEST ONLY, never for a real
# deployment), database 'medvid':
#   Host=127.0.0.1;Port=5432;Database=medvid;Username=postgres;Password=medvid-dev
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../apt-install.sh
source "$DIR/../apt-install.sh"

PG_VERSION="${PG_VERSION:-15}"
CLUSTER=main
PASSWORD=medvid-dev
DATABASE=medvid

fail() { echo "postgres: $*" >&2; exit 1; }

# cd /: psql warns when the postgres user cannot read the caller's working directory.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

cluster_exists() { [[ -d "/etc/postgresql/$PG_VERSION/$CLUSTER" ]]; }

cluster_running() { cluster_exists && pg_ctlcluster "$PG_VERSION" "$CLUSTER" status >/dev/null 2>&1; }

cmd_install() {
  [[ "$(id -u)" -eq 0 ]] || fail "run as root (the cluster is managed as the postgres user)"
  apt_install_missing "postgresql-$PG_VERSION" postgresql-client || fail "install failed"
  cluster_exists || pg_createcluster "$PG_VERSION" "$CLUSTER" >/dev/null || fail "pg_createcluster failed"
}

cmd_start() {
  cmd_install
  if ! cluster_running; then
    pg_ctlcluster "$PG_VERSION" "$CLUSTER" start \
      || fail "pg_ctlcluster start failed; see /var/log/postgresql/postgresql-$PG_VERSION-$CLUSTER.log"
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p 5432 || fail "not accepting connections on 127.0.0.1:5432 after 30 s"
  # Setting the password every time keeps it right even on a cluster created by someone else.
  as_postgres psql -q -v ON_ERROR_STOP=1 -c "ALTER USER postgres PASSWORD '$PASSWORD'" >/dev/null \
    || fail "could not set the postgres password"
  if [[ "$(as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]]; then
    as_postgres createdb "$DATABASE" || fail "could not create database $DATABASE"
  fi
}

cmd_stop() {
  cluster_running || return 0
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" stop || fail "pg_ctlcluster stop failed"
}

cmd_status() {
  if cluster_running; then
    echo "postgres: running (cluster $PG_VERSION/$CLUSTER) on 127.0.0.1:5432"
  else
    echo "postgres: stopped"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|start|stop|status}" >&2; exit 2 ;;
esac
