#!/usr/bin/env bash
# Local PostgreSQL for development and CI: one cluster under <repo>/.local/pg, listening on
# 127.0.0.1 only, with the project's schema (deploy/sql/**/*.sql) applied on every start.
#
# Source it and call the functions, or run it directly:
#   source deploy/lib/postgres.sh && ao_pg_up      # install/init/start/create db/apply sql, export AO_PG
#   ao_pg_stop                                     # fast shutdown
#   bash deploy/lib/postgres.sh up|stop|status|env # same from a shell; `env` prints export lines
#
# Settings (environment): AO_PG_PORT (54329), AO_PG_DB (actororchestrator).
# Authentication is `trust` for the postgres role: acceptable only because the server listens
# on loopback and on a socket directory inside the repository.
#
# Action functions run their body in a subshell with `set -euo pipefail` so that sourcing this
# file never changes the caller's shell options; only ao_pg_env touches the caller's environment.

# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

AO_PG_HOST=127.0.0.1
AO_PG_PORT="${AO_PG_PORT:-54329}"
AO_PG_DB="${AO_PG_DB:-actororchestrator}"
AO_PG_USER=postgres
AO_PG_DIR="$AO_LOCAL_DIR/pg"
AO_PG_DATA="$AO_PG_DIR/data"
AO_PG_SOCKET_DIR="$AO_PG_DIR/run"
AO_PG_LOG="$AO_PG_DIR/postgres.log"
AO_PG_START_TIMEOUT="${AO_PG_START_TIMEOUT:-60}"

# Directory of initdb/pg_ctl/psql. Debian keeps them out of PATH, per major version.
ao_pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
  fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

# Runs a command as the postgres OS user (initdb and the server refuse to run as root).
# cd / first so the postgres user is never left in a directory it cannot read.
ao_pg_as_postgres() {
  (cd / && runuser -u postgres -- "$@")
}

# NOTICEs ("relation ... already exists, skipping") are the normal case for idempotent SQL.
ao_pg_psql() {
  PGOPTIONS="-c client_min_messages=warning" "$(ao_pg_bindir)/psql" -X -q -h "$AO_PG_HOST" -p "$AO_PG_PORT" -U "$AO_PG_USER" "$@"
}

ao_pg_install() (
  set -euo pipefail
  if ao_pg_bindir >/dev/null; then
    ao_log pg "PostgreSQL binaries in $(ao_pg_bindir)"
    return 0
  fi
  ao_apt_install pg postgresql-15 || ao_apt_install pg postgresql
  ao_pg_bindir >/dev/null || { ao_err pg "PostgreSQL installed but initdb not found under /usr/lib/postgresql/*/bin"; return 1; }
)

# The data directory lives inside the repository, which may sit under directories that only
# root can traverse (e.g. a mktemp -d clone). Grant search (x) permission, not read, on each
# ancestor the postgres user cannot enter, and say so.
ao_pg_make_reachable() (
  set -euo pipefail
  local path="" part
  local -a parts
  IFS=/ read -r -a parts <<<"${1#/}"
  # Top-down: a blocked ancestor hides everything below it, so fix it before looking further.
  for part in "${parts[@]}"; do
    path="$path/$part"
    if ! ao_pg_as_postgres test -x "$path"; then
      ao_log pg "granting search permission (o+x) on $path so the postgres user can reach the data directory"
      chmod o+x "$path"
    fi
  done
)

ao_pg_init() (
  set -euo pipefail
  local bindir; bindir="$(ao_pg_bindir)"
  id postgres >/dev/null 2>&1 || { ao_err pg "no 'postgres' OS user; install postgresql-15 (apt-get install -y postgresql-15)"; return 1; }
  mkdir -p "$AO_PG_DIR"
  chown postgres:postgres "$AO_PG_DIR"
  chmod 700 "$AO_PG_DIR"
  ao_pg_make_reachable "$AO_PG_DIR"
  ao_pg_as_postgres mkdir -p "$AO_PG_SOCKET_DIR"

  if [[ -f "$AO_PG_DATA/PG_VERSION" ]]; then
    local have want
    have="$(cat "$AO_PG_DATA/PG_VERSION")"
    want="$("$bindir/pg_ctl" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
    if [[ "$have" != "$want" ]]; then
      ao_err pg "$AO_PG_DATA was created by PostgreSQL $have but the binaries are $want; remove $AO_PG_DIR (data is lost) and run again"
      return 1
    fi
    ao_log pg "data directory exists: $AO_PG_DATA"
  else
    ao_log pg "initdb $AO_PG_DATA"
    if ! ao_pg_as_postgres "$bindir/initdb" -D "$AO_PG_DATA" -U "$AO_PG_USER" --auth=trust \
        --encoding=UTF8 --locale=C >>"$AO_PG_DIR/initdb.log" 2>&1; then
      ao_err pg "initdb failed; see $AO_PG_DIR/initdb.log. To start over: rm -rf $AO_PG_DIR"
      return 1
    fi
  fi
  # Server settings live in one file rewritten on every start, so a changed AO_PG_PORT or a
  # moved repository takes effect without touching the rest of the cluster's config.
  grep -q "^include_if_exists = 'ao.conf'" "$AO_PG_DATA/postgresql.conf" \
    || echo "include_if_exists = 'ao.conf'" >>"$AO_PG_DATA/postgresql.conf"
  cat >"$AO_PG_DATA/ao.conf" <<CONF
# Written by deploy/lib/postgres.sh on every start; edit that script, not this file.
listen_addresses = '$AO_PG_HOST'
port = $AO_PG_PORT
unix_socket_directories = '$AO_PG_SOCKET_DIR'
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
CONF
  chown postgres:postgres "$AO_PG_DATA/ao.conf"
)

ao_pg_running() {
  [[ -d "$AO_PG_DATA" ]] && ao_pg_as_postgres "$(ao_pg_bindir)/pg_ctl" -D "$AO_PG_DATA" status >/dev/null 2>&1
}

# Port of the running server, read from its postmaster.pid (4th line).
ao_pg_running_port() {
  sed -n 4p "$AO_PG_DATA/postmaster.pid" 2>/dev/null
}

ao_pg_port_in_use() {
  (exec 3<>"/dev/tcp/$AO_PG_HOST/$AO_PG_PORT") 2>/dev/null
}

# A server killed without shutdown leaves postmaster.pid behind. PostgreSQL ignores it when the
# pid is dead, but refuses to start (and pg_ctl reports "running") when the number now belongs
# to another process, as can happen on a machine reused after a restart.
ao_pg_clear_stale_pidfile() {
  local file="$AO_PG_DATA/postmaster.pid" pid
  [[ -f "$file" ]] || return 0
  pid="$(head -n 1 "$file")"
  if ! ao_pid_is postgres "$pid"; then
    ao_log pg "removing stale postmaster.pid (pid $pid is not a running postgres)"
    rm -f "$file"
  fi
}

ao_pg_start() (
  set -euo pipefail
  local bindir; bindir="$(ao_pg_bindir)"
  ao_pg_clear_stale_pidfile
  if ao_pg_running; then
    if [[ "$(ao_pg_running_port)" == "$AO_PG_PORT" ]]; then
      ao_log pg "already running on $AO_PG_HOST:$AO_PG_PORT"
      return 0
    fi
    ao_log pg "running on port $(ao_pg_running_port), restarting on $AO_PG_PORT"
    ao_pg_stop
  fi
  if ao_pg_port_in_use; then
    ao_err pg "$AO_PG_HOST:$AO_PG_PORT is taken by another process; set AO_PG_PORT to a free port and run again"
    return 1
  fi
  ao_log pg "starting on $AO_PG_HOST:$AO_PG_PORT (log: $AO_PG_LOG)"
  if ! ao_pg_as_postgres "$bindir/pg_ctl" -D "$AO_PG_DATA" -l "$AO_PG_LOG" -w -t "$AO_PG_START_TIMEOUT" start >/dev/null; then
    ao_err pg "server did not start within ${AO_PG_START_TIMEOUT}s; last log lines:"
    tail -n 20 "$AO_PG_LOG" >&2 || true
    ao_err pg "fix the cause above, or reset with: bash deploy/lib/postgres.sh stop; rm -rf $AO_PG_DIR"
    return 1
  fi
  ao_wait_until pg "$AO_PG_START_TIMEOUT" "PostgreSQL to accept connections" \
    "$bindir/pg_isready" -h "$AO_PG_HOST" -p "$AO_PG_PORT" -U "$AO_PG_USER"
  ao_log pg "ready"
)

ao_pg_stop() (
  set -euo pipefail
  if ! ao_pg_running; then
    ao_log pg "not running"
    return 0
  fi
  ao_log pg "stopping"
  ao_pg_as_postgres "$(ao_pg_bindir)/pg_ctl" -D "$AO_PG_DATA" -m fast -w -t 60 stop >/dev/null \
    || { ao_err pg "pg_ctl stop failed; see $AO_PG_LOG"; return 1; }
  ao_log pg "stopped"
)

ao_pg_create_db() (
  set -euo pipefail
  local db="${1:-$AO_PG_DB}"
  # The name is spliced into SQL below, so only plain identifiers are accepted.
  [[ "$db" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { ao_err pg "database name '$db' must match ^[a-z_][a-z0-9_]*$"; return 1; }
  if [[ "$(ao_pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" == "1" ]]; then
    ao_log pg "database $db exists"
  else
    ao_log pg "creating database $db"
    ao_pg_psql -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\""
  fi
)

# Applies every deploy/sql/**/*.sql in path order, each file in one transaction. The files are
# written to be idempotent, so this runs on every start.
ao_pg_apply_sql() (
  set -euo pipefail
  local db="${1:-$AO_PG_DB}" file
  local -a files
  mapfile -t files < <(find "$AO_REPO_ROOT/deploy/sql" -type f -name '*.sql' | LC_ALL=C sort)
  if ((${#files[@]} == 0)); then
    ao_log pg "no SQL files under deploy/sql"
    return 0
  fi
  for file in "${files[@]}"; do
    if ! ao_pg_psql -d "$db" -v ON_ERROR_STOP=1 --single-transaction -f "$file" >/dev/null; then
      ao_err pg "applying ${file#"$AO_REPO_ROOT"/} failed (nothing from that file was kept); fix the SQL and run again"
      return 1
    fi
    ao_log pg "applied ${file#"$AO_REPO_ROOT"/}"
  done
)

# Exports the connection settings for the tests and the product. Runs in the caller's shell.
ao_pg_env() {
  export AO_PG_HOST AO_PG_PORT AO_PG_DB AO_PG_USER
  export AO_PG="Host=$AO_PG_HOST;Port=$AO_PG_PORT;Database=$AO_PG_DB;Username=$AO_PG_USER"
}

ao_pg_up() {
  if ! { ao_pg_install && ao_pg_init && ao_pg_start && ao_pg_create_db && ao_pg_apply_sql; }; then
    ao_err pg "PostgreSQL bring-up failed (see the lines above); logs are in $AO_PG_DIR"
    return 1
  fi
  ao_pg_env
  ao_log pg "AO_PG=$AO_PG"
}

ao_pg_status() {
  if ao_pg_running; then
    ao_log pg "running on $AO_PG_HOST:$(ao_pg_running_port), data $AO_PG_DATA"
  else
    ao_log pg "not running (data $AO_PG_DATA)"
    return 1
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-up}" in
    up) ao_pg_up ;;
    stop) ao_pg_stop ;;
    status) ao_pg_status ;;
    env) ao_pg_env; printf 'export AO_PG=%q\n' "$AO_PG" ;;
    *) echo "usage: $0 up|stop|status|env" >&2; exit 2 ;;
  esac
fi
