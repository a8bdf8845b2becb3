#!/usr/bin/env bash
# Brings up a local ActorOrchestrator cluster from a fresh checkout and prints how to use it:
#
#   deploy/up.sh [--silos N] [--gateways M] [--nodes K] [--port 6443]
#
#   PostgreSQL (lib/postgres.sh) ─► Docker engine + images ─► dotnet build Silo, Gateway
#     ─► silo0..silo<N-1> ─► gateway0..gateway<M-1> ─► wait until kubectl can be served
#     ─► <local>/kubeconfig
#
# Safe to run again: what runs already (pid alive and running the same command) is left alone,
# and when everything runs nothing is rebuilt. Every wait is bounded. Stop it all with
# deploy/down.sh.
#
# Ports (all on 127.0.0.1): silo i listens on AO_SILO_PORT_BASE+i (11111), its Orleans gateway
# on AO_SILO_GATEWAY_PORT_BASE+i (30000), its HTTP (/dashboard, /metrics, /healthz) on
# AO_SILO_HTTP_PORT_BASE+i (8081); Gateway j on --port+j; PostgreSQL on AO_PG_PORT (54329).
# Other settings: AO_LOCAL_DIR (<repo>/.local: data, logs, pid files, kubeconfig), AO_CLUSTER_ID
# (actororchestrator), AO_UP_TIMEOUT (120 s to serve), AO_BUILD_CONFIGURATION (Release).
# A second cluster beside the first needs its own AO_LOCAL_DIR, AO_PG_PORT, --port and bases.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/postgres.sh
source "$ROOT/deploy/lib/postgres.sh"
# shellcheck source=deploy/lib/docker.sh
source "$ROOT/deploy/lib/docker.sh"
# shellcheck source=deploy/lib/processes.sh
source "$ROOT/deploy/lib/processes.sh"

SILOS=1
GATEWAYS=1
NODES=0
PORT=6443
CLUSTER_ID="${AO_CLUSTER_ID:-actororchestrator}"
CONFIGURATION="${AO_BUILD_CONFIGURATION:-Release}"
SILO_PORT_BASE="${AO_SILO_PORT_BASE:-11111}"
SILO_GATEWAY_PORT_BASE="${AO_SILO_GATEWAY_PORT_BASE:-30000}"
SILO_HTTP_PORT_BASE="${AO_SILO_HTTP_PORT_BASE:-8081}"
UP_TIMEOUT="${AO_UP_TIMEOUT:-120}"
BUILD_TIMEOUT="${AO_BUILD_TIMEOUT:-1200}"
KUBECONFIG_FILE="$AO_LOCAL_DIR/kubeconfig"
STARTED=$SECONDS
CURRENT_STEP=""
STATE=""
REPORTED=0

usage() {
  cat <<'USAGE'
usage: deploy/up.sh [--silos N] [--gateways M] [--nodes K] [--port PORT]

  --silos N      silos to run (default 1)
  --gateways M   Kubernetes API Gateways to run (default 1), on PORT, PORT+1, ...
  --nodes K      node agents to run (default 0; not available yet)
  --port PORT    port of the first Gateway (default 6443)

Environment: AO_LOCAL_DIR, AO_PG_PORT, AO_CLUSTER_ID, AO_SILO_PORT_BASE,
AO_SILO_GATEWAY_PORT_BASE, AO_SILO_HTTP_PORT_BASE, AO_UP_TIMEOUT, AO_BUILD_CONFIGURATION
(see the header of this script). Stop everything with deploy/down.sh.
USAGE
}

step() {
  CURRENT_STEP="$*"
  ao_log up "== $* (at $((SECONDS - STARTED))s)"
}

# fail and die_usage explain themselves; anything else that stops the script (set -e) gets a
# last line naming the step, so no run ends without saying where it broke.
on_exit() {
  local code=$?
  ((code == 0 || REPORTED == 1)) && return 0
  ao_err up "stopped unexpectedly (exit $code) during: ${CURRENT_STEP:-preparation}; the lines above say why"
  printf '[ao up] what to do next: fix that, then run deploy/up.sh again (logs: %s)\n' "$AO_LOCAL_DIR/logs" >&2
}

# fail MESSAGE [LOG] [NEXT]: says what failed, shows the end of LOG, says what to do next.
fail() {
  local message="$1" log="${2:-}" next="${3:-}"
  REPORTED=1
  ao_err up "$message"
  if [[ -n "$log" && -s "$log" ]]; then
    ao_err up "last lines of $log:"
    tail -n 30 "$log" | sed 's/^/    /' >&2
  fi
  [[ -z "$next" ]] || printf '[ao up] what to do next: %s\n' "$next" >&2
  exit 1
}

die_usage() {
  REPORTED=1
  ao_err up "$1 (deploy/up.sh --help lists the options)"
  exit 2
}

require_number() {
  local flag="$1" value="$2" min="$3" max="$4"
  if ! [[ "$value" =~ ^[0-9]{1,6}$ ]] || ((10#$value < min || 10#$value > max)); then
    die_usage "$flag must be a whole number from $min to $max, not '$value'"
  fi
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --silos | --gateways | --nodes | --port)
        (($# >= 2)) || die_usage "$1 needs a value"
        case "$1" in
          --silos) SILOS="$2" ;;
          --gateways) GATEWAYS="$2" ;;
          --nodes) NODES="$2" ;;
          --port) PORT="$2" ;;
        esac
        shift 2
        ;;
      -h | --help) usage; exit 0 ;;
      *) die_usage "unknown argument '$1'" ;;
    esac
  done
  require_number --silos "$SILOS" 1 20
  require_number --gateways "$GATEWAYS" 1 20
  require_number --nodes "$NODES" 0 20
  require_number --port "$PORT" 1 65535
  require_number AO_SILO_PORT_BASE "$SILO_PORT_BASE" 1 65535
  require_number AO_SILO_GATEWAY_PORT_BASE "$SILO_GATEWAY_PORT_BASE" 1 65535
  require_number AO_SILO_HTTP_PORT_BASE "$SILO_HTTP_PORT_BASE" 1 65535
  require_number AO_UP_TIMEOUT "$UP_TIMEOUT" 1 3600
  SILOS=$((10#$SILOS)) GATEWAYS=$((10#$GATEWAYS)) NODES=$((10#$NODES)) PORT=$((10#$PORT))
  ((PORT + GATEWAYS - 1 <= 65535)) || die_usage "--port $PORT leaves no room for $GATEWAYS Gateways"
  ((SILO_PORT_BASE + SILOS - 1 <= 65535 && SILO_GATEWAY_PORT_BASE + SILOS - 1 <= 65535 \
    && SILO_HTTP_PORT_BASE + SILOS - 1 <= 65535)) || die_usage "the silo port bases leave no room for $SILOS silos"
  # Refuse now rather than after minutes of building.
  ((NODES == 0)) || node_agents_available || start_nodes
}

# ---------------------------------------------------------------------------------------------
# Programs

program_dll() {
  echo "$ROOT/src/$1/bin/$CONFIGURATION/net10.0/ActorOrchestrator.$1.dll"
}

silo_argv() {
  local i="$1"
  printf '%s\n' dotnet "$(program_dll Silo)" --pg "$AO_PG" --cluster-id "$CLUSTER_ID" \
    --silo-port "$((SILO_PORT_BASE + i))" --gateway-port "$((SILO_GATEWAY_PORT_BASE + i))" \
    --http "http://127.0.0.1:$((SILO_HTTP_PORT_BASE + i))"
}

gateway_argv() {
  local j="$1"
  printf '%s\n' dotnet "$(program_dll Gateway)" --pg "$AO_PG" --cluster-id "$CLUSTER_ID" \
    --listen "http://127.0.0.1:$((PORT + j))"
}

silo_ports() { echo "$((SILO_PORT_BASE + $1)) $((SILO_GATEWAY_PORT_BASE + $1)) $((SILO_HTTP_PORT_BASE + $1))"; }

gateway_ports() { echo "$((PORT + $1))"; }

# Orleans' own per-grain logging would drown what matters; the programs' own lines stay.
PROCESS_ENV=(
  DOTNET_ENVIRONMENT=Production
  DOTNET_NOLOGO=1
  Logging__LogLevel__Orleans=Warning
  Logging__LogLevel__Microsoft.AspNetCore=Warning
)

# Every process up.sh manages, as "name kind index" lines.
wanted_processes() {
  local i
  for ((i = 0; i < SILOS; i++)); do echo "silo$i silo $i"; done
  for ((i = 0; i < GATEWAYS; i++)); do echo "gateway$i gateway $i"; done
}

# True when NAME already runs exactly ARGV (one per line on stdin).
already_running() {
  local name="$1" pid
  local -a argv
  mapfile -t argv
  pid="$(ao_proc_pid "$name")"
  ao_proc_runs "$pid" "${argv[@]}"
}

all_running() {
  local name kind index
  while read -r name kind index; do
    "${kind}_argv" "$index" | already_running "$name" || return 1
  done < <(wanted_processes)
}

# ---------------------------------------------------------------------------------------------
# Steps

bring_up_postgres() {
  step "PostgreSQL on 127.0.0.1:$AO_PG_PORT"
  ao_pg_up || fail "PostgreSQL did not come up" "$AO_PG_LOG" \
    "fix the cause above (another server on the port: set AO_PG_PORT), or start from scratch with: bash deploy/lib/postgres.sh stop; rm -rf $AO_PG_DIR"
}

bring_up_docker() {
  step "Docker engine and images (for node agents)"
  ao_docker_up || fail "the Docker engine did not come up" "$AO_DOCKER_LOG" \
    "fix the cause above, then run deploy/up.sh again"
  bash "$ROOT/deploy/images/build.sh" || fail "building the local images failed (see above)" "" \
    "fix the cause above, then run deploy/up.sh again (or: bash deploy/images/build.sh --force)"
}

# Builds one project quietly into AO_LOG_DIR/build-<project>.log with a line every 30 s, so a
# slow 2-core build is visibly alive, and a bounded total time.
build_project() {
  local project="$1" log="$AO_LOG_DIR/build-$1.log" started=$SECONDS pid code=0 next=30
  ao_log build "dotnet build -c $CONFIGURATION src/$project (log: $log)"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    timeout --kill-after=30 "$BUILD_TIMEOUT" \
    dotnet build "$ROOT/src/$project/ActorOrchestrator.$project.csproj" -c "$CONFIGURATION" \
      -nologo -v quiet -clp:NoSummary >"$log" 2>&1 </dev/null &
  pid=$!
  while ao_pid_alive "$pid"; do
    if ((SECONDS - started >= next)); then
      ao_log build "still building src/$project ($((SECONDS - started))s)"
      next=$((next + 30))
    fi
    sleep 1
  done
  wait "$pid" || code=$?
  ((code != 124 && code != 137)) \
    || fail "building src/$project took longer than ${BUILD_TIMEOUT}s and was stopped" "$log" \
      "see $log; a machine busy with other builds is slow: run deploy/up.sh again when it is idle"
  ((code == 0)) || fail "dotnet build of src/$project failed (exit $code)" "$log" \
    "fix the errors above (full log: $log), then run deploy/up.sh again"
  ao_log build "src/$project built in $((SECONDS - started))s"
}

build_programs() {
  step "Build ($CONFIGURATION)"
  command -v dotnet >/dev/null 2>&1 \
    || fail "dotnet is not on PATH" "" "install the .NET 10 SDK (global.json names the version), then run again"
  # A build may replace the files under running processes; when all of them run there is
  # nothing to start and no reason to take that risk.
  if all_running; then
    ao_log build "everything runs already; not rebuilding (to run changed code: deploy/down.sh --keep-db && deploy/up.sh)"
    return 0
  fi
  preflight
  mkdir -p "$AO_LOG_DIR"
  build_project Silo
  build_project Gateway
}

# process_state NAME KIND INDEX: sets STATE to "running" when NAME runs with exactly the command
# line this run wants, "stopped" when it can be started; fails when it cannot be, saying why.
# It sets a variable instead of printing so that fail exits this shell, not a subshell.
process_state() {
  local name="$1" kind="$2" index="$3" pid port
  local -a argv
  mapfile -t argv < <("${kind}_argv" "$index")
  pid="$(ao_proc_pid "$name")"
  STATE=running
  ao_proc_runs "$pid" "${argv[@]}" && return 0
  if ao_proc_runs_program "$pid" "$(basename "${argv[1]}")"; then
    fail "$name (pid $pid) is running with other settings than this run asks for" "" \
      "stop it with deploy/down.sh --keep-db, then run deploy/up.sh again"
  fi
  for port in $("${kind}_ports" "$index"); do
    if ao_port_open "$port"; then
      fail "127.0.0.1:$port, needed by $name, is in use by another process" "" \
        "stop that process (ss -ltnp 'sport = :$port' names it) or choose other ports: --port, AO_SILO_PORT_BASE, AO_SILO_GATEWAY_PORT_BASE, AO_SILO_HTTP_PORT_BASE"
    fi
  done
  STATE=stopped
}

# Finds what would stop the start-up (changed settings, taken ports) before minutes of building.
preflight() {
  local name kind index
  while read -r name kind index; do
    process_state "$name" "$kind" "$index"
  done < <(wanted_processes)
}

# start_process NAME KIND INDEX: starts it unless it already runs with the same command line.
start_process() {
  local name="$1" kind="$2" index="$3" pid log
  local -a argv
  mapfile -t argv < <("${kind}_argv" "$index")
  process_state "$name" "$kind" "$index"
  pid="$(ao_proc_pid "$name")"
  log="$(ao_proc_logfile "$name")"
  if [[ "$STATE" == running ]]; then
    ao_log up "$name already running (pid $pid)"
    return 0
  fi
  [[ -z "$pid" ]] || ao_log up "$name: pid $pid from an earlier run is gone; starting it again"
  [[ -f "${argv[1]}" ]] || fail "${argv[1]} does not exist" "" "the build did not produce it; run deploy/up.sh again"
  ao_proc_launch "$name" "${PROCESS_ENV[@]}" -- "${argv[@]}" \
    || fail "$name did not start" "$log" "read $log, then run deploy/up.sh again"
  ao_log up "started $name (pid $(ao_proc_pid "$name"), log $log)"
}

start_control_plane() {
  step "Silos and Gateways (cluster id $CLUSTER_ID)"
  local name kind index
  while read -r name kind index; do
    start_process "$name" "$kind" "$index"
  done < <(wanted_processes)
  note_extra_processes
}

# Processes of an earlier, larger run are not ours to stop here; say so instead.
note_extra_processes() {
  local name extra=()
  for name in $(ao_proc_names silo) $(ao_proc_names gateway); do
    if ! wanted_processes | grep -q "^$name "; then extra+=("$name"); fi
  done
  ((${#extra[@]} == 0)) || ao_log up "also recorded from an earlier run: ${extra[*]} (left alone; deploy/down.sh stops them)"
}

# ---- Node agents ---------------------------------------------------------------------------
# PLACEHOLDER: src/NodeAgent has no program yet. When it lands: make node_agents_available
# succeed, build it in build_programs, and let start_nodes start node<i> with start_process
# (a node_argv with --node-name node<i> --address 127.0.0.<2+i> ...; down.sh already stops
# node* first).
node_agents_available() {
  return 1
}

start_nodes() {
  ((NODES == 0)) && return 0
  fail "node agents are not available yet (--nodes $NODES)" "" "run without --nodes"
}
# ---------------------------------------------------------------------------------------------

http_ok() {
  curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null
}

# Fails at once, with its log, when a wanted process has exited: waiting longer cannot help.
require_alive() {
  local name kind index pid
  while read -r name kind index; do
    pid="$(ao_proc_pid "$name")"
    ao_pid_alive "$pid" || fail "$name (pid ${pid:-?}) exited during start-up" "$(ao_proc_logfile "$name")" \
      "fix the cause in the log above, then run deploy/up.sh again"
  done < <(wanted_processes)
}

# Names of wanted processes that do not serve yet.
not_serving() {
  local name kind index url
  while read -r name kind index; do
    case "$kind" in
      silo) url="http://127.0.0.1:$((SILO_HTTP_PORT_BASE + index))/healthz" ;;
      # 200 here means a silo is up and has created the system namespaces kubectl expects.
      gateway) url="http://127.0.0.1:$((PORT + index))/api/v1/namespaces/kube-node-lease" ;;
    esac
    http_ok "$url" || echo "$name"
  done < <(wanted_processes)
}

wait_until_serving() {
  step "Waiting (at most ${UP_TIMEOUT}s) for the Gateway to serve"
  local deadline=$((SECONDS + UP_TIMEOUT)) started=$SECONDS next=10 pending name
  while :; do
    require_alive
    pending="$(not_serving | tr '\n' ' ')"
    [[ -z "$pending" ]] && break
    if ((SECONDS >= deadline)); then
      ao_err up "not serving after ${UP_TIMEOUT}s: $pending"
      # A Gateway waits on the silos, so silo0's log matters even when silo0 itself answers.
      [[ " $pending" == *" silo0 "* ]] || pending="${pending}silo0 "
      for name in $pending; do
        ao_err up "last lines of $(ao_proc_logfile "$name"):"
        tail -n 20 "$(ao_proc_logfile "$name")" | sed 's/^/    /' >&2 || true
      done
      fail "the cluster did not become ready" "" \
        "read the logs in $AO_LOG_DIR; a slow machine may need AO_UP_TIMEOUT=300; then run deploy/up.sh again (or deploy/down.sh)"
    fi
    if ((SECONDS - started >= next)); then
      ao_log up "waiting for: $pending($((SECONDS - started))s; a Gateway is ready once a silo has created the system namespaces)"
      next=$((next + 10))
    fi
    sleep 1
  done
  ao_log up "serving after $((SECONDS - started))s"
}

write_kubeconfig() {
  local tmp="$KUBECONFIG_FILE.tmp"
  cat >"$tmp" <<KUBECONFIG
# Written by deploy/up.sh; rewritten on every run.
apiVersion: v1
kind: Config
clusters:
- name: $CLUSTER_ID
  cluster:
    server: http://127.0.0.1:$PORT
users:
- name: $CLUSTER_ID-admin
  user: {}
contexts:
- name: $CLUSTER_ID
  context:
    cluster: $CLUSTER_ID
    user: $CLUSTER_ID-admin
    namespace: default
current-context: $CLUSTER_ID
KUBECONFIG
  chmod 600 "$tmp"
  mv -f "$tmp" "$KUBECONFIG_FILE"
}

print_summary() {
  local down="deploy/down.sh"
  [[ "$AO_LOCAL_DIR" == "$ROOT/.local" ]] || down="AO_LOCAL_DIR=$AO_LOCAL_DIR deploy/down.sh"
  cat <<SUMMARY

ActorOrchestrator is up ($SILOS silo(s), $GATEWAYS Gateway(s), cluster id $CLUSTER_ID) in $((SECONDS - STARTED))s.

  Use it:     export KUBECONFIG=$KUBECONFIG_FILE; kubectl get ns
  API:        http://127.0.0.1:$PORT
  Dashboard:  http://127.0.0.1:$SILO_HTTP_PORT_BASE/dashboard
  Logs:       $AO_LOG_DIR/<name>.log (silo0.., gateway0..), PostgreSQL: $AO_PG_LOG
  Stop:       $down   (--keep-db leaves PostgreSQL running, --docker also stops Docker)
SUMMARY
}

main() {
  trap on_exit EXIT
  parse_args "$@"
  cd "$ROOT"
  mkdir -p "$AO_LOCAL_DIR"
  # Children (images/build.sh) must see the same directories and ports.
  export AO_LOCAL_DIR AO_PG_PORT
  bring_up_postgres
  bring_up_docker
  build_programs
  start_control_plane
  start_nodes
  wait_until_serving
  write_kubeconfig
  print_summary
}

main "$@"
