# shellcheck shell=bash
# Shared helpers for the deploy scripts. Source it; it defines functions only.
#
# Every script prints one "[ao <area>] ..." line per step so a CI log shows where time went and
# where a failure happened; errors go to stderr with a hint of what to do next.

# Repository root, derived from this file's location so scripts work from any directory and
# in any clone (CI uses a fresh one).
AO_REPO_ROOT="${AO_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# Everything local (data, logs, pid files). Set AO_LOCAL_DIR to run a second cluster beside the
# first. Made absolute because commands run as the postgres user start from /.
AO_LOCAL_DIR="${AO_LOCAL_DIR:-$AO_REPO_ROOT/.local}"
[[ "$AO_LOCAL_DIR" == /* ]] || AO_LOCAL_DIR="$PWD/$AO_LOCAL_DIR"

ao_log() {
  local area="$1"; shift
  printf '[ao %s] %s\n' "$area" "$*"
}

ao_err() {
  local area="$1"; shift
  printf '[ao %s] ERROR: %s\n' "$area" "$*" >&2
}

# ao_wait_until AREA SECONDS DESCRIPTION COMMAND...
# Polls COMMAND every half second until it succeeds or SECONDS pass. Every wait in these
# scripts goes through here so none of them can hang a CI run.
ao_wait_until() {
  local area="$1" timeout="$2" what="$3"; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      ao_err "$area" "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# Runs apt-get install, refreshing the package lists once if a package is not found
# (a fresh machine may have stale or empty lists).
ao_apt_install() {
  local area="$1"; shift
  ao_log "$area" "installing with apt-get: $*"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; then
    ao_log "$area" "apt-get install failed; running apt-get update and retrying"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
  fi
}

# True when PID names a live process. A zombie (killed, not yet reaped) counts as dead: it
# answers kill -0 but will never serve anything.
ao_pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
  [[ "$state" != "Z" ]]
}

# True when PID is alive and runs program NAME. After a reboot a pid file's number may belong
# to an unrelated process; checking the name keeps us from mistaking it for our server.
ao_pid_is() {
  local name="$1" pid="${2:-}"
  ao_pid_alive "$pid" && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$name" ]]
}
