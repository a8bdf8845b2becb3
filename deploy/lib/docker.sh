#!/usr/bin/env bash
# Docker engine for development and CI on machines without systemd: install docker.io if
# missing, start dockerd in the background if it is not answering, wait (bounded) until it does.
#
#   source deploy/lib/docker.sh && ao_docker_up    # install + start + export AO_DOCKER_HOST
#   ao_docker_stop                                 # SIGTERM the engine from its pid file, bounded wait
#   bash deploy/lib/docker.sh up|stop|status       # same from a shell
#
# Containers keep Docker's default bridge network: each gets its own network namespace and an
# address on docker0 that the host reaches directly (the product gives every pod a namespace).
# The engine log is <repo>/.local/dockerd.log.
#
# Action functions run in a subshell with `set -euo pipefail` so sourcing this file never
# changes the caller's shell options.

# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

AO_DOCKER_PIDFILE=/var/run/docker.pid
AO_DOCKER_SOCKET=/var/run/docker.sock
AO_DOCKER_LOG="$AO_LOCAL_DIR/dockerd.log"
AO_DOCKER_START_TIMEOUT="${AO_DOCKER_START_TIMEOUT:-60}"

ao_docker_answering() {
  timeout 10 docker info >/dev/null 2>&1
}

ao_docker_install() (
  set -euo pipefail
  if command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1; then
    ao_log docker "engine binaries present ($(dockerd --version))"
    return 0
  fi
  ao_apt_install docker docker.io
  command -v dockerd >/dev/null 2>&1 || { ao_err docker "docker.io installed but dockerd is not on PATH"; return 1; }
)

# A killed engine leaves its pid file behind and the next dockerd refuses to start. Remove it
# only when no process with that pid is alive.
ao_docker_clear_stale_pidfile() {
  [[ -f "$AO_DOCKER_PIDFILE" ]] || return 0
  local pid
  pid="$(cat "$AO_DOCKER_PIDFILE" 2>/dev/null || true)"
  if ao_pid_is dockerd "$pid"; then
    return 0
  fi
  ao_log docker "removing stale $AO_DOCKER_PIDFILE (pid ${pid:-?} is not a running dockerd)"
  rm -f "$AO_DOCKER_PIDFILE"
}

# Starts dockerd with the given extra flags, detached from this shell's session so it outlives
# the script, and waits until it answers or dies.
ao_docker_launch() {
  mkdir -p "$AO_LOCAL_DIR"
  ao_log docker "starting dockerd ${*:-(default flags)} (log: $AO_DOCKER_LOG)"
  {
    echo "---- $(date -u +%FT%TZ) dockerd $*"
  } >>"$AO_DOCKER_LOG"
  # The wrapper records its own pid and then execs dockerd, so we know the engine's pid even
  # if it dies before writing its pid file.
  local launched="$AO_LOCAL_DIR/dockerd.launch.pid"
  rm -f "$launched"
  # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
  setsid -f bash -c 'echo $$ >"$0"; exec dockerd "$@"' "$launched" "$@" >>"$AO_DOCKER_LOG" 2>&1 </dev/null
  ao_wait_until docker 10 "dockerd to be launched" test -s "$launched" || return 1
  local deadline=$((SECONDS + AO_DOCKER_START_TIMEOUT)) pid
  pid="$(cat "$launched")"
  until ao_docker_answering; do
    if ! ao_pid_alive "$pid"; then
      ao_err docker "dockerd exited during start-up"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      ao_err docker "dockerd did not answer within ${AO_DOCKER_START_TIMEOUT}s"
      return 1
    fi
    sleep 0.5
  done
}

ao_docker_start() (
  set -euo pipefail
  if ao_docker_answering; then
    ao_log docker "engine already answering on $AO_DOCKER_SOCKET"
    return 0
  fi
  local pid
  pid="$(cat "$AO_DOCKER_PIDFILE" 2>/dev/null || true)"
  if ao_pid_is dockerd "$pid"; then
    # An engine is starting (or stuck): give it the same bounded time instead of racing it.
    ao_log docker "dockerd (pid $pid) is running but not answering yet; waiting"
    if ao_wait_until docker "$AO_DOCKER_START_TIMEOUT" "dockerd pid $pid to answer" ao_docker_answering; then
      return 0
    fi
    ao_err docker "stop it (kill $pid) or read $AO_DOCKER_LOG, then run again"
    return 1
  fi
  ao_docker_clear_stale_pidfile
  if ao_docker_launch; then
    ao_log docker "engine ready"
    return 0
  fi
  # Some sandboxes refuse the iptables rules dockerd installs. Host-to-container traffic on
  # docker0 is plain routing and needs no NAT, so retry without iptables management.
  if tail -n 50 "$AO_DOCKER_LOG" | grep -qi 'iptables'; then
    ao_log docker "start-up failed on iptables; retrying with --iptables=false --ip-masq=false"
    ao_docker_stop_pid "$(cat "$AO_LOCAL_DIR/dockerd.launch.pid" 2>/dev/null || true)" || true
    ao_docker_clear_stale_pidfile
    if ao_docker_launch --iptables=false --ip-masq=false; then
      ao_log docker "engine ready (without iptables)"
      return 0
    fi
  fi
  ao_err docker "last lines of $AO_DOCKER_LOG:"
  tail -n 20 "$AO_DOCKER_LOG" >&2 || true
  ao_err docker "fix the cause above (or remove a stuck engine: kill \$(cat $AO_DOCKER_PIDFILE)), then run again"
  return 1
)

# SIGTERM then a bounded wait; SIGKILL as a last resort (the stale pid file is handled on start).
ao_docker_stop_pid() {
  local pid="$1"
  ao_pid_alive "$pid" || return 0
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while ao_pid_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      ao_log docker "dockerd (pid $pid) still running after 30s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.5
  done
}

ao_docker_stop() (
  set -euo pipefail
  local pid
  pid="$(cat "$AO_DOCKER_PIDFILE" 2>/dev/null || true)"
  if ! ao_pid_is dockerd "$pid"; then
    ao_log docker "not running"
    return 0
  fi
  ao_log docker "stopping dockerd (pid $pid)"
  ao_docker_stop_pid "$pid"
  ao_log docker "stopped"
)

ao_docker_env() {
  export AO_DOCKER_HOST="unix://$AO_DOCKER_SOCKET"
}

ao_docker_up() {
  if ! { ao_docker_install && ao_docker_start; }; then
    ao_err docker "Docker bring-up failed (see the lines above)"
    return 1
  fi
  ao_docker_env
  ao_log docker "AO_DOCKER_HOST=$AO_DOCKER_HOST"
}

ao_docker_status() {
  if ao_docker_answering; then
    ao_log docker "answering: server $(docker version --format '{{.Server.Version}}' 2>/dev/null)"
  else
    ao_log docker "not answering"
    return 1
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-up}" in
    up) ao_docker_up ;;
    stop) ao_docker_stop ;;
    status) ao_docker_status ;;
    *) echo "usage: $0 up|stop|status" >&2; exit 2 ;;
  esac
fi
