#!/usr/bin/env bash
# Builds the local container images used by tests and demos, offline: no registry is reachable,
# so every image is FROM scratch with small static binaries (gcc -static, sources in src/) and,
# where a shell is needed, busybox-static.
#
#   bash deploy/images/build.sh          # build what changed (brings up Docker if needed)
#   bash deploy/images/build.sh --force  # rebuild everything
#
# Each image directory holds a Dockerfile; the files its COPY lines name come from that
# directory, from src/<name>.c (compiled), or are /bin/busybox. An image is rebuilt only when
# the hash of those inputs differs from the label on the existing image, so re-runs take
# a second. Staging and compiled binaries live in <repo>/.local/images.
set -euo pipefail

IMAGES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/lib/docker.sh
source "$IMAGES_DIR/../lib/docker.sh"

# Image directory -> tags it is published under (all :latest).
declare -A TAGS=(
  [kubia]="taodaling/kubia luksa/kubia"
  [kubia-unhealthy]="luksa/kubia-unhealthy"
  [batch-job]="luksa/batch-job"
  [ssd-monitor]="luksa/ssd-monitor"
  [pause]="actororchestrator/pause"
  [sigterm-ignorer]="actororchestrator/sigterm-ignorer"
)
ORDER=(kubia kubia-unhealthy batch-job ssd-monitor pause sigterm-ignorer)
CFLAGS=(-O2 -static -Wall -Wextra)
HASH_LABEL=org.actororchestrator.source-hash
STAGE_ROOT="$AO_LOCAL_DIR/images"
BUSYBOX=/bin/busybox
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

busybox_is_static() {
  [[ -x "$BUSYBOX" ]] && ! ldd "$BUSYBOX" >/dev/null 2>&1
}

ensure_toolchain() {
  # gcc prints a bare "libc.a" when it has no static C library (package libc6-dev).
  if ! command -v gcc >/dev/null 2>&1 || [[ "$(gcc -print-file-name=libc.a)" != /* ]]; then
    ao_apt_install images gcc libc6-dev
  fi
  # A dynamically linked busybox (package "busybox") cannot run in a scratch image.
  busybox_is_static || ao_apt_install images busybox-static
  busybox_is_static || { ao_err images "$BUSYBOX is not a static binary; apt-get install -y busybox-static"; exit 1; }
}

# The files an image's Dockerfile copies in, in order.
copy_sources() {
  awk 'toupper($1) == "COPY" { print $2 }' "$IMAGES_DIR/$1/Dockerfile"
}

# Where the input for a COPY source comes from (the file whose content decides the image).
input_of() {
  local dir="$1" name="$2"
  if [[ -f "$IMAGES_DIR/$dir/$name" ]]; then echo "$IMAGES_DIR/$dir/$name"
  elif [[ "$name" == busybox ]]; then echo "$BUSYBOX"
  elif [[ -f "$IMAGES_DIR/src/$name.c" ]]; then echo "$IMAGES_DIR/src/$name.c"
  else ao_err images "$dir/Dockerfile copies '$name', which is neither in $dir/, nor src/$name.c, nor busybox"; return 1
  fi
}

inputs_hash() {
  local dir="$1" name input
  {
    cat "$IMAGES_DIR/$dir/Dockerfile"
    echo "cflags: ${CFLAGS[*]}"
    for name in $(copy_sources "$dir"); do
      input="$(input_of "$dir" "$name")"
      echo "$name $(sha256sum <"$input" | cut -d' ' -f1)"
    done
  } | sha256sum | cut -c1-16
}

image_hash() {
  docker image inspect -f "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1:latest" 2>/dev/null || true
}

compile() {
  local name="$1" out="$STAGE_ROOT/bin/$1" log
  mkdir -p "$STAGE_ROOT/bin"
  if [[ -x "$out" && "$out" -nt "$IMAGES_DIR/src/$name.c" ]]; then return 0; fi
  # Static glibc warns that getaddrinfo needs NSS at run time; the output is only shown on failure.
  if ! log="$(gcc "${CFLAGS[@]}" -o "$out.tmp" "$IMAGES_DIR/src/$name.c" 2>&1)"; then
    ao_err images "compiling src/$name.c failed:"
    echo "$log" >&2
    return 1
  fi
  mv "$out.tmp" "$out"
}

stage() {
  local dir="$1" ctx="$STAGE_ROOT/context/$1" name input
  rm -rf "$ctx"
  mkdir -p "$ctx"
  cp "$IMAGES_DIR/$dir/Dockerfile" "$ctx/"
  for name in $(copy_sources "$dir"); do
    input="$(input_of "$dir" "$name")"
    if [[ "$input" == *.c ]]; then
      compile "$name"
      input="$STAGE_ROOT/bin/$name"
    fi
    cp -p "$input" "$ctx/$name"
  done
  echo "$ctx"
}

build_one() {
  local dir="$1" hash tag ctx log stale=0 started=$SECONDS
  local -a tags tag_args=()
  read -r -a tags <<<"${TAGS[$dir]}"
  for tag in $(copy_sources "$dir"); do input_of "$dir" "$tag" >/dev/null; done
  hash="$(inputs_hash "$dir")"
  for tag in "${tags[@]}"; do
    [[ "$(image_hash "$tag")" == "$hash" ]] || stale=1
    tag_args+=(-t "$tag:latest")
  done
  if ((stale == 0 && FORCE == 0)); then
    ao_log images "${tags[*]}: up to date ($hash)"
    return 0
  fi
  ctx="$(stage "$dir")"
  # The classic builder works with every engine version here and needs no buildx plugin.
  if ! log="$(DOCKER_BUILDKIT=0 docker build --label "$HASH_LABEL=$hash" "${tag_args[@]}" "$ctx" 2>&1)"; then
    ao_err images "docker build of $dir failed:"
    echo "$log" | tail -n 30 >&2
    return 1
  fi
  ao_log images "${tags[*]}: built ($hash) in $((SECONDS - started))s"
}

main() {
  ao_docker_up >/dev/null
  ensure_toolchain
  local dir
  for dir in "${ORDER[@]}"; do
    build_one "$dir"
  done
}

main
