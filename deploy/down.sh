#!/usr/bin/env bash
# Stops what deploy/up.sh started: node agents, then Gateways, then silos (SIGTERM, a bounded
# wait of AO_STOP_TIMEOUT seconds (30), then SIGKILL), then PostgreSQL. Safe to run again.
#
#   deploy/down.sh [--keep-db] [--docker]
#
#   --keep-db   leave PostgreSQL running (e.g. to restart only the programs after a rebuild)
#   --docker    also stop the Docker engine (shared by every cluster on this machine)
#
# Honours AO_LOCAL_DIR like up.sh: it stops the cluster whose pid files and data live there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/postgres.sh
source "$ROOT/deploy/lib/postgres.sh"
# shellcheck source=deploy/lib/docker.sh
source "$ROOT/deploy/lib/docker.sh"
# shellcheck source=deploy/lib/processes.sh
source "$ROOT/deploy/lib/processes.sh"

KEEP_DB=0
STOP_DOCKER=0

usage() {
  echo "usage: deploy/down.sh [--keep-db] [--docker]"
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --keep-db) KEEP_DB=1 ;;
      --docker) STOP_DOCKER=1 ;;
      -h | --help) usage; exit 0 ;;
      *) ao_err down "unknown argument '$1'"; usage >&2; exit 2 ;;
    esac
    shift
  done
}

# Each kind, in stopping order, with the program its processes run.
stop_programs() {
  local kind program
  local -a names
  local any=0
  for kind in node:NodeAgent gateway:Gateway silo:Silo; do
    program="ActorOrchestrator.${kind#*:}.dll"
    mapfile -t names < <(ao_proc_names "${kind%%:*}")
    ((${#names[@]} > 0)) || continue
    any=1
    ao_proc_stop "$program" "${names[@]}"
  done
  ((any == 1)) || ao_log down "no silos or Gateways recorded in $AO_RUN_DIR"
}

main() {
  parse_args "$@"
  stop_programs
  if ((KEEP_DB == 1)); then
    ao_log down "leaving PostgreSQL running (--keep-db)"
  elif ! ao_pg_stop; then
    ao_err down "PostgreSQL did not stop; see $AO_PG_LOG, then run deploy/down.sh again"
    exit 1
  fi
  if ((STOP_DOCKER == 1)) && ! ao_docker_stop; then
    ao_err down "the Docker engine did not stop; see $AO_DOCKER_LOG, then run deploy/down.sh --docker again"
    exit 1
  fi
  ao_log down "done"
}

main "$@"
