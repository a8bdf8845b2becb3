#!/usr/bin/env bash
# Runs the whole test suite from nothing: installs and starts PostgreSQL and the Docker engine,
# builds and checks the local images, exports the environment the tests read, runs
# `dotnet test ActorOrchestrator.sln`, and ends with one line "N passed, M failed" counted from
# the TRX result files. Exits non-zero on any failed test, build failure or bring-up failure.
#
#   bash deploy/test.sh                       # everything
#   bash deploy/test.sh --filter Category=Integration   # extra arguments go to dotnet test
#
# Environment exported for the tests: AO_PG (Npgsql connection string), AO_PG_HOST/PORT/DB/USER,
# AO_DOCKER_HOST (engine endpoint), AO_REPO_ROOT. Services are left running afterwards; stop them
# with `bash deploy/lib/postgres.sh stop` and `bash deploy/lib/docker.sh stop`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/postgres.sh
source "$ROOT/deploy/lib/postgres.sh"
# shellcheck source=deploy/lib/docker.sh
source "$ROOT/deploy/lib/docker.sh"

RESULTS_DIR="$AO_LOCAL_DIR/test-results"
# A hung test is reported and its host killed well inside CI's 90 minutes.
TEST_TIMEOUT_SECONDS="${AO_TEST_TIMEOUT_SECONDS:-4200}"
HANG_TIMEOUT="${AO_TEST_HANG_TIMEOUT:-15m}"
RUN_STARTED=$SECONDS

step() {
  ao_log test "== $* (at $((SECONDS - RUN_STARTED))s)"
}

# Prints the final line even when the run stops early, so CI always reads a count.
summary_and_exit() {
  local passed="$1" failed="$2" code="$3"
  ao_log test "finished in $((SECONDS - RUN_STARTED))s"
  echo "$passed passed, $failed failed"
  exit "$code"
}

bring_up() {
  step "PostgreSQL"
  ao_pg_up
  step "Docker engine"
  ao_docker_up
  step "Images"
  bash "$ROOT/deploy/images/build.sh"
  bash "$ROOT/deploy/images/verify.sh"
}

# Value of attribute $1 in the <Counters .../> element held in $2 (0 when absent).
counter() {
  local value
  value="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
  echo "${value:-0}"
}

# Sums passed and failed (failed + error + timeout + aborted) over every TRX file.
count_results() {
  local passed=0 failed=0 file counters
  for file in "$RESULTS_DIR"/*.trx; do
    [[ -e "$file" ]] || continue
    counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1 || true)"
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") \
      + $(counter timeout "$counters") + $(counter aborted "$counters")))
  done
  echo "$passed $failed"
}

run_tests() {
  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"
  export AO_REPO_ROOT="$ROOT"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  step "dotnet test ActorOrchestrator.sln"
  local code=0
  timeout --kill-after=60 "$TEST_TIMEOUT_SECONDS" \
    dotnet test "$ROOT/ActorOrchestrator.sln" \
      --logger trx --logger "console;verbosity=normal" \
      --results-directory "$RESULTS_DIR" \
      --blame-hang-timeout "$HANG_TIMEOUT" \
      "$@" || code=$?
  return "$code"
}

main() {
  cd "$ROOT"
  if ! bring_up; then
    ao_err test "bring-up failed; no tests were run"
    summary_and_exit 0 0 1
  fi
  local code=0 passed failed
  run_tests "$@" || code=$?
  read -r passed failed < <(count_results)
  if ((code == 124 || code == 137)); then
    ao_err test "dotnet test exceeded ${TEST_TIMEOUT_SECONDS}s and was stopped"
  elif ((code != 0 && failed == 0)); then
    ao_err test "dotnet test exited with $code without a failed test: a build error or a crashed test host (see above)"
  fi
  if ((code == 0 && failed == 0 && passed == 0)); then
    ao_err test "no test ran"
    code=1
  fi
  ((failed == 0)) || code=1
  summary_and_exit "$passed" "$failed" "$code"
}

main "$@"
