#!/usr/bin/env bash
# Sourced by scripts/compose-suite.sh: a private Docker engine for the compose suite.
#   ce_install         Debian's docker.io, mmdebstrap, iproute2 when missing (apt-get update once)
#   ce_plugins         compose and buildx CLI plugins built from their Go modules, cached
#   ce_dockerd_start [NETNS]   dockerd with its own data-root and socket; NETNS: inside it
#   ce_dockerd_stop    stops that dockerd and every container it runs
# Everything lives under $CE_ROOT, so the machine's own Docker, if any, is never touched. Its
# default is /var/cache/receptionist/compose-suite when that is writable (root), so a second
# clone on the same machine reuses the built plugins, base images and BuildKit cache; otherwise
# .cache/compose-suite (git-ignored). A cold run works from either. The engine never gets a
# bridge, NAT or iptables rules.
set -euo pipefail

CE_REPO="${CE_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
if [[ -z "${CE_ROOT:-}" ]]; then
  if mkdir -p /var/cache/receptionist/compose-suite 2>/dev/null && [[ -w /var/cache/receptionist/compose-suite ]]; then
    CE_ROOT=/var/cache/receptionist/compose-suite
  else
    CE_ROOT="${CE_REPO}/.cache/compose-suite"
  fi
fi
export CE_ROOT
COMPOSE_VERSION="${COMPOSE_VERSION:-v2.40.3}"
BUILDX_VERSION="${BUILDX_VERSION:-v0.29.1}"
export DOCKER_CONFIG="${CE_ROOT}/docker-config"
export DOCKER_HOST="unix://${CE_ROOT}/docker.sock"
# exec-root holds containerd's sockets, whose paths must stay short.
CE_EXEC_ROOT="${CE_EXEC_ROOT:-/run/receptionist-compose-suite}"
mkdir -p "${CE_ROOT}/bin" "${DOCKER_CONFIG}/cli-plugins"

ce_log() { printf '[compose-suite] %s\n' "$*" >&2; }

ce_install() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v psql >/dev/null || missing+=(postgresql-client)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  ce_log "installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Builds package PKG of Go module MOD@VER into OUT. `go install mod@ver` refuses modules whose
# go.mod has exclude/replace directives (compose and buildx do), so build inside the module.
ce_go_build() { # MOD VER PKG OUT [LDFLAGS]
  local mod="$1" ver="$2" pkg="$3" out="$4" ldflags="${5:-}"
  [[ -x "${out}" ]] && return 0
  ce_log "building ${mod}/${pkg#./} ${ver} from its Go module (once; cached in ${out})"
  local dir
  dir="$(cd /tmp && go mod download -json "${mod}@${ver}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "${dir}" ]] || { ce_log "go mod download ${mod}@${ver} failed"; return 1; }
  (cd "${dir}" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w ${ldflags}" \
    -o "${out}.tmp" "${pkg}") && mv "${out}.tmp" "${out}"
}

ce_plugins() {
  local compose="${CE_ROOT}/bin/docker-compose-${COMPOSE_VERSION}"
  local buildx="${CE_ROOT}/bin/docker-buildx-${BUILDX_VERSION}"
  ce_go_build github.com/docker/compose/v2 "${COMPOSE_VERSION}" ./cmd "${compose}" \
    "-X github.com/docker/compose/v2/internal.Version=${COMPOSE_VERSION}"
  ce_go_build github.com/docker/buildx "${BUILDX_VERSION}" ./cmd/buildx "${buildx}" \
    "-X github.com/docker/buildx/version.Version=${BUILDX_VERSION}"
  ln -sf "${compose}" "${DOCKER_CONFIG}/cli-plugins/docker-compose"
  ln -sf "${buildx}" "${DOCKER_CONFIG}/cli-plugins/docker-buildx"
}

ce_dockerd_running() { docker info >/dev/null 2>&1; }

ce_dockerd_start() { # [NETNS]
  local netns="${1:-}" wrap=()
  ce_dockerd_running && { ce_log "dockerd already answers on ${DOCKER_HOST}"; return 0; }
  # nsenter, not `ip netns exec`: that remounts /sys and hides the cgroup mounts dockerd needs.
  [[ -n "${netns}" ]] && wrap=(nsenter "--net=/run/netns/${netns}")
  mkdir -p "${CE_ROOT}/data" "${CE_EXEC_ROOT}"
  rm -f "${CE_ROOT}/docker.sock"
  "${wrap[@]}" setsid dockerd --data-root "${CE_ROOT}/data" --exec-root "${CE_EXEC_ROOT}" \
    --host "${DOCKER_HOST}" --pidfile "${CE_ROOT}/dockerd.pid" \
    --bridge=none --iptables=false --ip-masq=false --storage-driver overlay2 \
    >>"${CE_ROOT}/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    ce_dockerd_running && { ce_log "dockerd up${netns:+ in network namespace ${netns}}"; return 0; }
    sleep 1
  done
  ce_log "dockerd did not start; last lines of ${CE_ROOT}/dockerd.log:"
  tail -20 "${CE_ROOT}/dockerd.log" >&2
  return 1
}

ce_dockerd_stop() {
  local pidf="${CE_ROOT}/dockerd.pid" pid
  [[ -f "${pidf}" ]] || return 0
  pid="$(cat "${pidf}")"
  if kill -0 "${pid}" 2>/dev/null; then
    # Containers first, so restart policies do not fight the shutdown.
    docker ps -q 2>/dev/null | xargs -r docker kill >/dev/null 2>&1 || true
    kill "${pid}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "${pid}" 2>/dev/null || break; sleep 1; done
    kill -9 "${pid}" 2>/dev/null || true
  fi
  rm -f "${pidf}"
  # dockerd leaves its own namespace bind-mounted under exec-root.
  umount "${CE_EXEC_ROOT}/netns/default" 2>/dev/null || true
}
