# shellcheck shell=bash
# The long-running programs deploy/up.sh starts and deploy/down.sh stops (silos, Gateways and
# node agents). Each runs detached in a session of its own, so it outlives the shell
# that started it, and leaves two files behind:
#
#   $AO_LOCAL_DIR/run/<name>.pid    its pid, written by the process itself just before exec
#   $AO_LOCAL_DIR/logs/<name>.log   its stdout and stderr (the run before in <name>.log.1)
#
# A pid file is trusted only while its pid still runs the expected program: after a reboot or
# a crash the number may belong to anyone, and we must neither leave it "running" nor kill it.

# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

AO_RUN_DIR="$AO_LOCAL_DIR/run"
AO_LOG_DIR="$AO_LOCAL_DIR/logs"
# One directory per node up.sh started (named after the node): its agent's state (pods' emptyDirs),
# and the record down.sh --containers reads to find the node's containers.
# shellcheck disable=SC2034 # read by up.sh and down.sh
AO_NODES_DIR="$AO_LOCAL_DIR/nodes"
AO_STOP_TIMEOUT="${AO_STOP_TIMEOUT:-30}"

ao_proc_pidfile() { echo "$AO_RUN_DIR/$1.pid"; }

ao_proc_logfile() { echo "$AO_LOG_DIR/$1.log"; }

# The recorded pid of NAME, or nothing. Only digits are accepted so a damaged file can never
# make us signal something like "-1".
ao_proc_pid() {
  local pid
  pid="$(head -n 1 "$(ao_proc_pidfile "$1")" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && echo "$pid"
  return 0
}

# The argument vector of PID, one argument per line.
ao_proc_argv() {
  tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null
}

# True when PID is alive and runs exactly ARGV: same program, same arguments.
ao_proc_runs() {
  local pid="$1"; shift
  ao_pid_alive "$pid" || return 1
  [[ "$(ao_proc_argv "$pid")" == "$(printf '%s\n' "$@")" ]]
}

# True when PID is alive and one of its arguments is the file named PROGRAM (e.g. the .dll given
# to dotnet), wherever it lives and whatever the other arguments are: a cluster started from a
# Debug build is still recognised by a down.sh that assumes Release.
ao_proc_runs_program() {
  local pid="$1" program="$2" argument
  ao_pid_alive "$pid" || return 1
  while IFS= read -r argument; do
    [[ "$argument" == "$program" || "$argument" == */"$program" ]] && return 0
  done < <(ao_proc_argv "$pid")
  return 1
}

ao_proc_gone() {
  ! ao_pid_alive "$1"
}

# True when something accepts TCP connections on ADDRESS:PORT (127.0.0.1 by default).
ao_port_open() {
  (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null
}

# ao_proc_launch NAME [VAR=VALUE...] -- ARGV...
# Starts ARGV detached with the extra environment, output to its log, and waits (bounded) for
# its pid file. The caller has checked that it is not running already.
ao_proc_launch() {
  local name="$1"; shift
  local -a environment=()
  while (($# > 0)) && [[ "$1" != "--" ]]; do environment+=("$1"); shift; done
  shift
  local pidfile log
  pidfile="$(ao_proc_pidfile "$name")"
  log="$(ao_proc_logfile "$name")"
  mkdir -p "$AO_RUN_DIR" "$AO_LOG_DIR"
  rm -f "$pidfile"
  # Keep the previous run's log: after a crash-and-restart it is the one worth reading.
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  echo "---- $(date -u +%FT%TZ) $*" >"$log"
  # setsid: own session, so no terminal hang-up or Ctrl-C of the caller reaches it; nohup for
  # the same reason should it ever get a terminal. The inner bash records its own pid and execs
  # the program, so the pid file names the program itself, not a wrapper.
  # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
  env "${environment[@]}" setsid -f nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" \
    >>"$log" 2>&1 </dev/null
  ao_wait_until proc 10 "$name to record its pid in $pidfile" test -s "$pidfile"
}

# Sends SIGTERM to every NAME that runs PROGRAM, waits up to AO_STOP_TIMEOUT seconds for all of
# them, then SIGKILLs what is left. Pid files are removed in every case, stale ones included.
# ao_proc_stop PROGRAM NAME...
ao_proc_stop() {
  local program="$1"; shift
  local name pid deadline
  local -a pids=() names=()
  for name in "$@"; do
    pid="$(ao_proc_pid "$name")"
    if ao_proc_runs_program "$pid" "$program"; then
      ao_log down "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$name")
    elif [[ -n "$pid" ]]; then
      ao_log down "$name is not running (stale pid file, pid $pid)"
    fi
  done
  deadline=$((SECONDS + AO_STOP_TIMEOUT))
  local i alive
  while :; do
    alive=0
    for i in "${!pids[@]}"; do
      ao_proc_runs_program "${pids[$i]}" "$program" && alive=1
    done
    ((alive == 0)) && break
    if ((SECONDS >= deadline)); then
      for i in "${!pids[@]}"; do
        if ao_proc_runs_program "${pids[$i]}" "$program"; then
          ao_log down "${names[$i]} (pid ${pids[$i]}) still running after ${AO_STOP_TIMEOUT}s; sending SIGKILL"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
      done
      # SIGKILL cannot be ignored; this only waits for the kernel to tear the processes down.
      for i in "${!pids[@]}"; do
        ao_wait_until down 10 "pid ${pids[$i]} to exit after SIGKILL" ao_proc_gone "${pids[$i]}" || true
      done
      break
    fi
    sleep 0.5
  done
  for name in "$@"; do
    rm -f "$(ao_proc_pidfile "$name")"
  done
  for name in "${names[@]}"; do
    ao_log down "stopped $name"
  done
}

# Names of the form PREFIX<number> that have a pid file, in numeric order.
ao_proc_names() {
  local prefix="$1" file
  for file in "$AO_RUN_DIR/$prefix"*.pid; do
    [[ -e "$file" ]] || continue
    file="${file##*/}"
    file="${file%.pid}"
    if [[ "$file" =~ ^${prefix}[0-9]+$ ]]; then echo "$file"; fi
  done | sort -V
}
