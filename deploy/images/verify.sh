#!/usr/bin/env bash
# Runs each local image once and checks the behaviour the tests rely on: kubia answers over the
# container's own IP from the host, kubia-unhealthy turns to 500 after five requests, batch-job
# and ssd-monitor log what the exercises expect, pause stops at once on SIGTERM, and
# sigterm-ignorer survives SIGTERM until killed. Also proves that containers get a network
# namespace whose address the host can reach. Takes about 15 seconds.
set -euo pipefail

IMAGES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$IMAGES_DIR/../lib/common.sh"

# Every container of this run carries this label, so cleanup finds them all (ids collected in
# command substitutions would be lost in the subshell).
LABEL="org.actororchestrator.verify=run-$$-$RANDOM"

cleanup() {
  docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1 || true
}
trap cleanup EXIT

fail() {
  ao_err images "verify: $*"
  exit 1
}

run_detached() {
  docker run -d --label "$LABEL" "$@"
}

container_ip() {
  docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"
}

http_status() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$1:8080/" || true
}

answers_200() {
  [[ "$(http_status "$1")" == 200 ]]
}

# Seconds (whole) that `docker stop -t GRACE` takes.
stop_seconds() {
  local started=$SECONDS
  docker stop -t "$2" "$1" >/dev/null
  echo $((SECONDS - started))
}

# Reads the logs first: `docker logs | grep -q` fails under pipefail when grep exits early.
logs_contain() {
  local logs
  logs="$(docker logs "$1" 2>&1)"
  grep -qF -- "$2" <<<"$logs"
}

verify_kubia() {
  local image="$1" id ip body hostname seconds
  id="$(run_detached "$image")"
  ip="$(container_ip "$id")"
  [[ -n "$ip" ]] || fail "$image has no IP address on the bridge network"
  ao_wait_until images 15 "$image to answer on $ip:8080" answers_200 "$ip" \
    || fail "$image did not answer on $ip:8080 from the host (check the bridge network / iptables)"
  hostname="$(docker inspect -f '{{.Config.Hostname}}' "$id")"
  body="$(curl -s -m 5 "http://$ip:8080/")"
  [[ "$body" == "You've hit $hostname" ]] || fail "$image answered '$body', expected 'You've hit $hostname'"
  logs_contain "$id" "Kubia server starting..." || fail "$image did not log its start line"
  logs_contain "$id" "Received request from " || fail "$image did not log the request"
  [[ "$(docker exec "$id" curl -s http://127.0.0.1:8080/)" == "You've hit $hostname" ]] \
    || fail "curl inside $image did not reach the server"
  seconds="$(stop_seconds "$id" 10)"
  ((seconds < 5)) || fail "$image took ${seconds}s to stop on SIGTERM"
  ao_log images "verified $image ($ip)"
}

verify_kubia_unhealthy() {
  local image=luksa/kubia-unhealthy id ip i code seconds
  id="$(run_detached "$image")"
  ip="$(container_ip "$id")"
  ao_wait_until images 15 "$image to answer" answers_200 "$ip" || fail "$image did not answer"
  # The wait above used one request; four more succeed, the sixth fails.
  for i in 2 3 4 5; do
    code="$(http_status "$ip")"
    [[ "$code" == 200 ]] || fail "$image request $i returned $code, expected 200"
  done
  code="$(http_status "$ip")"
  [[ "$code" == 500 ]] || fail "$image request 6 returned $code, expected 500"
  # Like the Node.js original as PID 1 it ignores SIGTERM: only the SIGKILL after the grace period stops it.
  seconds="$(stop_seconds "$id" 2)"
  ((seconds >= 2)) || fail "$image stopped after ${seconds}s on SIGTERM; it must ignore it"
  [[ "$(docker inspect -f '{{.State.ExitCode}}' "$id")" == 137 ]] || fail "$image did not end with exit code 137"
  ao_log images "verified $image"
}

verify_batch_job() {
  local image=luksa/batch-job out
  out="$(timeout 30 docker run --rm --label "$LABEL" -e SLEEP=1 "$image")" || fail "$image exited non-zero"
  grep -q ' Batch job starting$' <<<"$out" || fail "$image did not log 'Batch job starting': $out"
  grep -q ' Finished succesfully$' <<<"$out" || fail "$image did not log 'Finished succesfully': $out"
  ao_log images "verified $image"
}

verify_ssd_monitor() {
  local image=luksa/ssd-monitor id seconds
  id="$(run_detached "$image")"
  ao_wait_until images 10 "$image to log" logs_contain "$id" "SSD OK" || fail "$image logged nothing"
  seconds="$(stop_seconds "$id" 10)"
  ((seconds < 5)) || fail "$image took ${seconds}s to stop on SIGTERM"
  ao_log images "verified $image"
}

verify_pause() {
  local image=actororchestrator/pause id seconds code
  id="$(run_detached "$image")"
  seconds="$(stop_seconds "$id" 10)"
  code="$(docker inspect -f '{{.State.ExitCode}}' "$id")"
  if ((seconds >= 5)) || [[ "$code" != 0 ]]; then fail "$image took ${seconds}s to stop (exit code $code)"; fi
  ao_log images "verified $image"
}

verify_sigterm_ignorer() {
  local image=actororchestrator/sigterm-ignorer id seconds code
  id="$(run_detached "$image")"
  ao_wait_until images 10 "$image to start" logs_contain "$id" "started" || fail "$image logged nothing"
  seconds="$(stop_seconds "$id" 2)"
  code="$(docker inspect -f '{{.State.ExitCode}}' "$id")"
  if ((seconds < 2)) || [[ "$code" != 137 ]]; then
    fail "$image stopped after ${seconds}s with code $code; it should need SIGKILL"
  fi
  logs_contain "$id" "Received SIGTERM, ignoring it" || fail "$image did not log the ignored SIGTERM"
  ao_log images "verified $image"
}

command -v curl >/dev/null 2>&1 || ao_apt_install images curl
verify_kubia taodaling/kubia
verify_kubia luksa/kubia
verify_kubia_unhealthy
verify_batch_job
verify_ssd_monitor
verify_pause
verify_sigterm_ignorer
