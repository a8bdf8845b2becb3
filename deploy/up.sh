#!/usr/bin/env bash
# Brings up a local ActorOrchestrator cluster from a fresh checkout and prints how to use it:
#
#   deploy/up.sh [--silos N] [--gateways M] [--nodes K] [--hollow-nodes H] [--port 6443]
#
#   PostgreSQL (lib/postgres.sh) ─► Docker engine + images ─► dotnet build Silo, Gateway, NodeAgent
#     ─► silo0..silo<N-1> ─► gateway0..gateway<M-1> ─► node1..node<K> ─► wait until kubectl can
#     be served ─► <local>/kubeconfig ─► wait until every node is Ready
#
# Safe to run again: what runs already (pid alive and running the same command) is left alone,
# and when everything runs nothing is rebuilt. Every wait is bounded. Stop it all with
# deploy/down.sh.
#
# Ports (all on 127.0.0.1): silo i listens on AO_SILO_PORT_BASE+i (11111), its Orleans gateway
# on AO_SILO_GATEWAY_PORT_BASE+i (30000), its HTTP (/dashboard, /metrics, /healthz) on
# AO_SILO_HTTP_PORT_BASE+i (8081); Gateway j on --port+j; PostgreSQL on AO_PG_PORT (54329).
# Node agent i (1..K) is named AO_NODE_NAME_PREFIX<i> (node<i>) and serves its agent API on its own
# loopback address 127.0.0.<1+i>, port AO_NODE_PORT_BASE+i (10250); its pods' containers run on
# the Docker engine, labelled with the node's name, and their emptyDirs live in <local>/nodes/<name>.
# --hollow-nodes H adds one more agent process, node0 on 127.0.1.1:AO_NODE_PORT_BASE, running H hollow
# nodes (AO_HOLLOW_NAME_PREFIX-1..H, hollow-1..) on the simulated runtime: real node code, no containers,
# each pod call taking AO_FAKE_LATENCY_MS (20) ms; for scale tests and benchmarks.
# Other settings: AO_LOCAL_DIR (<repo>/.local: data, logs, pid files, kubeconfig), AO_CLUSTER_ID
# (actororchestrator), AO_UP_TIMEOUT (120 s to serve, and again for the nodes to be Ready),
# AO_BUILD_CONFIGURATION (Release).
# A second cluster beside the first needs its own AO_LOCAL_DIR, AO_PG_PORT, --port and bases, and
# its own AO_NODE_NAME_PREFIX: agents on one engine sweep the containers labelled with their node's
# name that none of their pods claims, so two clusters must never share a node name.
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
NODES=1
HOLLOW=0
PORT=6443
CLUSTER_ID="${AO_CLUSTER_ID:-actororchestrator}"
CONFIGURATION="${AO_BUILD_CONFIGURATION:-Release}"
SILO_PORT_BASE="${AO_SILO_PORT_BASE:-11111}"
SILO_GATEWAY_PORT_BASE="${AO_SILO_GATEWAY_PORT_BASE:-30000}"
SILO_HTTP_PORT_BASE="${AO_SILO_HTTP_PORT_BASE:-8081}"
NODE_PORT_BASE="${AO_NODE_PORT_BASE:-10250}"
NODE_NAME_PREFIX="${AO_NODE_NAME_PREFIX:-node}"
HOLLOW_NAME_PREFIX="${AO_HOLLOW_NAME_PREFIX:-hollow}"
HOLLOW_ADDRESS=127.0.1.1
FAKE_LATENCY_MS="${AO_FAKE_LATENCY_MS:-20}"
UP_TIMEOUT="${AO_UP_TIMEOUT:-120}"
BUILD_TIMEOUT="${AO_BUILD_TIMEOUT:-1200}"
KUBECONFIG_FILE="$AO_LOCAL_DIR/kubeconfig"
STARTED=$SECONDS
CURRENT_STEP=""
STATE=""
REPORTED=0

usage() {
  cat <<'USAGE'
usage: deploy/up.sh [--silos N] [--gateways M] [--nodes K] [--hollow-nodes H] [--port PORT]

  --silos N      silos to run (default 1)
  --gateways M   Kubernetes API Gateways to run (default 1), on PORT, PORT+1, ...
  --nodes K      node agents to run (default 1; 0 for none): node1..nodeK on 127.0.0.2..
  --hollow-nodes H  H simulated nodes (hollow-1..H) in one more agent process, node0 (default 0)
  --port PORT    port of the first Gateway (default 6443)

Environment: AO_LOCAL_DIR, AO_PG_PORT, AO_CLUSTER_ID, AO_SILO_PORT_BASE,
AO_SILO_GATEWAY_PORT_BASE, AO_SILO_HTTP_PORT_BASE, AO_NODE_PORT_BASE, AO_NODE_NAME_PREFIX,
AO_UP_TIMEOUT, AO_BUILD_CONFIGURATION, AO_HOLLOW_NAME_PREFIX, AO_FAKE_LATENCY_MS (see the header
of this script). Stop everything with
deploy/down.sh (--containers also removes the pods' containers).
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
      --silos | --gateways | --nodes | --hollow-nodes | --port)
        (($# >= 2)) || die_usage "$1 needs a value"
        case "$1" in
          --silos) SILOS="$2" ;;
          --gateways) GATEWAYS="$2" ;;
          --nodes) NODES="$2" ;;
          --hollow-nodes) HOLLOW="$2" ;;
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
  require_number --hollow-nodes "$HOLLOW" 0 5000
  require_number AO_FAKE_LATENCY_MS "$FAKE_LATENCY_MS" 0 60000
  require_number --port "$PORT" 1 65535
  require_number AO_SILO_PORT_BASE "$SILO_PORT_BASE" 1 65535
  require_number AO_SILO_GATEWAY_PORT_BASE "$SILO_GATEWAY_PORT_BASE" 1 65535
  require_number AO_SILO_HTTP_PORT_BASE "$SILO_HTTP_PORT_BASE" 1 65535
  require_number AO_NODE_PORT_BASE "$NODE_PORT_BASE" 1 65535
  require_number AO_UP_TIMEOUT "$UP_TIMEOUT" 1 3600
  SILOS=$((10#$SILOS)) GATEWAYS=$((10#$GATEWAYS)) NODES=$((10#$NODES)) HOLLOW=$((10#$HOLLOW)) PORT=$((10#$PORT))
  NODE_PORT_BASE=$((10#$NODE_PORT_BASE))
  ((PORT + GATEWAYS - 1 <= 65535)) || die_usage "--port $PORT leaves no room for $GATEWAYS Gateways"
  ((SILO_PORT_BASE + SILOS - 1 <= 65535 && SILO_GATEWAY_PORT_BASE + SILOS - 1 <= 65535 \
    && SILO_HTTP_PORT_BASE + SILOS - 1 <= 65535)) || die_usage "the silo port bases leave no room for $SILOS silos"
  ((NODE_PORT_BASE + NODES <= 65535)) || die_usage "AO_NODE_PORT_BASE $NODE_PORT_BASE leaves no room for $NODES node agents"
  # A node name is a DNS label, and with the number after it at most 63 characters.
  [[ "$NODE_NAME_PREFIX" =~ ^[a-z]([-a-z0-9]{0,56}[a-z0-9-])?$ ]] \
    || die_usage "AO_NODE_NAME_PREFIX must be lower-case letters, digits and '-', starting with a letter, not '$NODE_NAME_PREFIX'"
  # Refuse now rather than after minutes of building.
  if ((NODES > 0)) && ! command -v kubectl >/dev/null 2>&1; then
    REPORTED=1
    ao_err up "kubectl is not on PATH; up.sh uses it to see the nodes become Ready (install kubectl, or run with --nodes 0)"
    exit 1
  fi
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

node_name() { echo "$NODE_NAME_PREFIX$1"; }

node_address() { echo "127.0.0.$((1 + $1))"; }

# Node agent i (1-based). Its state directory holds <name>/pods/<uid>/volumes: the emptyDirs.
node_argv() {
  local i="$1"
  printf '%s\n' dotnet "$(program_dll NodeAgent)" --pg "$AO_PG" --cluster-id "$CLUSTER_ID" \
    --node-name "$(node_name "$i")" --address "$(node_address "$i")" --port "$((NODE_PORT_BASE + i))" \
    --state-dir "$AO_NODES_DIR"
}

# The hollow-node process (index 0): every hollow node in one agent on the fake runtime.
hollow_argv() {
  printf '%s\n' dotnet "$(program_dll NodeAgent)" --pg "$AO_PG" --cluster-id "$CLUSTER_ID" \
    --node-name "$HOLLOW_NAME_PREFIX" --address "$HOLLOW_ADDRESS" --port "$NODE_PORT_BASE" \
    --runtime fake --hollow-nodes "$HOLLOW" --fake-latency-ms "$FAKE_LATENCY_MS" --state-dir "$AO_NODES_DIR"
}

hollow_endpoints() { echo "$HOLLOW_ADDRESS:$NODE_PORT_BASE"; }

# Where each program listens, as "address:port" words.
silo_endpoints() { echo "127.0.0.1:$((SILO_PORT_BASE + $1)) 127.0.0.1:$((SILO_GATEWAY_PORT_BASE + $1)) 127.0.0.1:$((SILO_HTTP_PORT_BASE + $1))"; }

gateway_endpoints() { echo "127.0.0.1:$((PORT + $1))"; }

node_endpoints() { echo "$(node_address "$1"):$((NODE_PORT_BASE + $1))"; }

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
  for ((i = 1; i <= NODES; i++)); do echo "node$i node $i"; done
  # Named node0 so that down.sh stops it with the other agents.
  ((HOLLOW == 0)) || echo "node0 hollow 0"
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
  build_project NodeAgent
}

# process_state NAME KIND INDEX: sets STATE to "running" when NAME runs with exactly the command
# line this run wants, "stopped" when it can be started; fails when it cannot be, saying why.
# It sets a variable instead of printing so that fail exits this shell, not a subshell.
process_state() {
  local name="$1" kind="$2" index="$3" pid endpoint
  local -a argv
  mapfile -t argv < <("${kind}_argv" "$index")
  pid="$(ao_proc_pid "$name")"
  STATE=running
  ao_proc_runs "$pid" "${argv[@]}" && return 0
  if ao_proc_runs_program "$pid" "$(basename "${argv[1]}")"; then
    fail "$name (pid $pid) is running with other settings than this run asks for" "" \
      "stop it with deploy/down.sh --keep-db, then run deploy/up.sh again"
  fi
  for endpoint in $("${kind}_endpoints" "$index"); do
    if ao_port_open "${endpoint##*:}" "${endpoint%:*}"; then
      fail "$endpoint, needed by $name, is in use by another process" "" \
        "stop that process (ss -ltnp 'sport = :${endpoint##*:}' names it) or choose other ports: --port, AO_SILO_PORT_BASE, AO_SILO_GATEWAY_PORT_BASE, AO_SILO_HTTP_PORT_BASE, AO_NODE_PORT_BASE"
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

# Node agents start with the control plane: their start-up overlaps the silos' (they retry until
# a silo answers), and they are waited for after the Gateway serves.
start_programs() {
  step "Silos, Gateways and node agents (cluster id $CLUSTER_ID)"
  local name kind index
  # down.sh --containers finds the nodes' names here, after their pid files are gone.
  for ((index = 1; index <= NODES; index++)); do mkdir -p "$AO_NODES_DIR/$(node_name "$index")"; done
  while read -r name kind index; do
    start_process "$name" "$kind" "$index"
  done < <(wanted_processes)
  note_extra_processes
}

# Processes of an earlier, larger run are not ours to stop here; say so instead.
note_extra_processes() {
  local name extra=()
  for name in $(ao_proc_names silo) $(ao_proc_names gateway) $(ao_proc_names node); do
    if ! wanted_processes | grep -q "^$name "; then extra+=("$name"); fi
  done
  ((${#extra[@]} == 0)) || ao_log up "also recorded from an earlier run: ${extra[*]} (left alone; deploy/down.sh stops them)"
}

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
      node) url="http://$(node_endpoints "$index")/healthz" ;;
      hollow) url="http://$(hollow_endpoints)/healthz" ;;
    esac
    http_ok "$url" || echo "$name"
  done < <(wanted_processes)
}

wait_until_serving() {
  step "Waiting (at most ${UP_TIMEOUT}s) for the Gateway and the node agents to serve"
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
      ao_log up "waiting for: $pending($((SECONDS - started))s; a Gateway or node agent is ready once a silo answers and has created the system namespaces)"
      next=$((next + 10))
    fi
    sleep 1
  done
  ao_log up "serving after $((SECONDS - started))s"
}

# The Ready condition's status of node NAME as the Gateway serves it ("True" once its agent beats).
node_ready_status() {
  kubectl --kubeconfig "$KUBECONFIG_FILE" --cache-dir "$AO_LOCAL_DIR/kubectl-cache" --request-timeout=5s \
    get node "$1" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null
}

# Names of the wanted nodes that are not Ready yet.
nodes_not_ready() {
  local i name
  for ((i = 1; i <= NODES; i++)); do
    name="$(node_name "$i")"
    [[ "$(node_ready_status "$name" || true)" == True ]] || echo "$name"
  done
  if ((HOLLOW > 0)); then
    local ready
    # One listing for all of them: hundreds of kubectl calls a second would be the load.
    ready="$(kubectl --kubeconfig "$KUBECONFIG_FILE" --cache-dir "$AO_LOCAL_DIR/kubectl-cache" --request-timeout=10s get nodes \
      -o 'jsonpath={range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null \
      | grep -cE "^$HOLLOW_NAME_PREFIX-[0-9]+ True\$" || true)"
    ((ready >= HOLLOW)) || echo "hollow($((HOLLOW - ready))-of-$HOLLOW)"
  fi
}

wait_until_nodes_ready() {
  ((NODES + HOLLOW > 0)) || return 0
  step "Waiting (at most ${UP_TIMEOUT}s) for $((NODES + HOLLOW)) node(s) to be Ready"
  local deadline=$((SECONDS + UP_TIMEOUT)) started=$SECONDS next=10 pending name i
  while :; do
    require_alive
    pending="$(nodes_not_ready | tr '\n' ' ')"
    [[ -z "$pending" ]] && break
    if ((SECONDS >= deadline)); then
      ao_err up "not Ready after ${UP_TIMEOUT}s: $pending"
      for ((i = 1; i <= NODES; i++)); do
        [[ " $pending" == *" $(node_name "$i") "* ]] || continue
        ao_err up "last lines of $(ao_proc_logfile "node$i"):"
        tail -n 20 "$(ao_proc_logfile "node$i")" | sed 's/^/    /' >&2 || true
      done
      if [[ " $pending" == *" hollow("* ]]; then
        ao_err up "last lines of $(ao_proc_logfile node0):"
        tail -n 20 "$(ao_proc_logfile node0)" | sed 's/^/    /' >&2 || true
      fi
      fail "the nodes did not become Ready" "" \
        "read the logs in $AO_LOG_DIR (kubectl describe node NAME shows its conditions); then run deploy/up.sh again"
    fi
    if ((SECONDS - started >= next)); then
      ao_log up "waiting for: $pending($((SECONDS - started))s; a node is Ready once its agent has registered and sent a heartbeat)"
      next=$((next + 10))
    fi
    sleep 1
  done
  ao_log up "$((NODES + HOLLOW)) node(s) Ready after $((SECONDS - started))s"
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
  local down="deploy/down.sh" nodes="none" i
  [[ "$AO_LOCAL_DIR" == "$ROOT/.local" ]] || down="AO_LOCAL_DIR=$AO_LOCAL_DIR deploy/down.sh"
  if ((NODES > 0)); then
    nodes=""
    for ((i = 1; i <= NODES; i++)); do nodes+="$(node_name "$i") ($(node_endpoints "$i")), "; done
    nodes="${nodes%, }"
  fi
  ((NODES > 0 || HOLLOW == 0)) || nodes=""
  ((HOLLOW == 0)) || nodes+="${nodes:+, }$HOLLOW hollow ($HOLLOW_NAME_PREFIX-1..$HOLLOW in node0, $(hollow_endpoints))"
  cat <<SUMMARY

ActorOrchestrator is up ($SILOS silo(s), $GATEWAYS Gateway(s), $((NODES + HOLLOW)) node(s), cluster id $CLUSTER_ID) in $((SECONDS - STARTED))s.

  Use it:     export KUBECONFIG=$KUBECONFIG_FILE; kubectl get ns
  Run a pod:  kubectl run kubia --image=taodaling/kubia --port=8080; kubectl get pods -o wide
  API:        http://127.0.0.1:$PORT
  Nodes:      $nodes
  Dashboard:  http://127.0.0.1:$SILO_HTTP_PORT_BASE/dashboard
  Logs:       $AO_LOG_DIR/<name>.log (silo0.., gateway0.., node1..), PostgreSQL: $AO_PG_LOG
  Stop:       $down
              (--keep-db leaves PostgreSQL running; --containers also removes the pods'
              containers, which otherwise keep running; --docker also stops Docker)
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
  start_programs
  wait_until_serving
  write_kubeconfig
  wait_until_nodes_ready
  print_summary
}

main "$@"
