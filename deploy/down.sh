#!/usr/bin/env bash
# Stops what deploy/up.sh started: node agents, then Gateways, then silos (SIGTERM, a bounded
# wait of AO_STOP_TIMEOUT seconds (30), then SIGKILL), then PostgreSQL. Safe to run again.
#
#   deploy/down.sh [--keep-db] [--containers] [--docker]
#
#   --keep-db     leave PostgreSQL running (e.g. to restart only the programs after a rebuild)
#   --containers  also remove the pods' containers: those labelled with this cluster's node names
#   --docker      also stop the Docker engine (shared by every cluster on this machine)
#
# Without --containers the pods' containers keep running, as they do when a real kubelet restarts:
# the next up.sh starts the agents again and they adopt their containers instead of restarting them.
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
REMOVE_CONTAINERS=0
STOP_DOCKER=0
NODE_LABEL=io.actororchestrator.node

usage() {
  echo "usage: deploy/down.sh [--keep-db] [--containers] [--docker]"
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --keep-db) KEEP_DB=1 ;;
      --containers) REMOVE_CONTAINERS=1 ;;
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
  ((any == 1)) || ao_log down "no silos, Gateways or node agents recorded in $AO_RUN_DIR"
}

# The nodes up.sh ever started for this cluster: one directory each under AO_NODES_DIR.
cluster_nodes() {
  local dir
  for dir in "$AO_NODES_DIR"/*/; do
    [[ -d "$dir" ]] || continue
    dir="${dir%/}"
    echo "${dir##*/}"
  done
}

# Removes every container labelled with one of this cluster's nodes (after the agents stopped, so
# none of them starts a replacement). Other clusters' nodes have other names and are not touched.
remove_containers() {
  local node count=0
  local -a names ids
  mapfile -t names < <(cluster_nodes)
  if ((${#names[@]} == 0)); then
    ao_log down "no nodes recorded in $AO_NODES_DIR; no containers to remove"
    return 0
  fi
  if ! ao_docker_answering; then
    ao_log down "the Docker engine does not answer; no containers to remove (run again with it up)"
    return 0
  fi
  for node in "${names[@]}"; do
    mapfile -t ids < <(timeout 60 docker ps -aq --no-trunc --filter "label=$NODE_LABEL=$node")
    ((${#ids[@]} > 0)) || continue
    ao_log down "removing ${#ids[@]} container(s) of node $node"
    # docker rm -f kills and removes; the engine bounds each kill, and timeout bounds the whole call.
    if ! timeout 120 docker rm -f "${ids[@]}" >/dev/null; then
      ao_err down "removing the containers of node $node failed; see the lines above, then run deploy/down.sh --containers again"
      return 1
    fi
    count=$((count + ${#ids[@]}))
  done
  ao_log down "removed $count container(s) of node(s) ${names[*]}"
}

main() {
  parse_args "$@"
  stop_programs
  if ((REMOVE_CONTAINERS == 1)); then
    remove_containers || exit 1
  fi
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
