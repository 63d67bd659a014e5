#!/usr/bin/env bash
# Shared helpers for the infra tests: TAP-like result lines that run.sh counts.
ok() { printf 'ok - %s\n' "$*"; }
not_ok() { printf 'not ok - %s\n' "$*"; }
expect() { # expect "name" command...  -> ok/not ok by the command's exit status
  local name="$1" out
  shift
  out="$(mktemp)"
  if "$@" >"${out}" 2>&1; then ok "${name}"; else not_ok "${name}"; sed 's/^/#   /' "${out}" | tail -20; fi
  rm -f "${out}"
}
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null || { echo "${p}"; return; }
  done
}
wait_http() { # wait_http url seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
apt_ensure() { # apt_ensure command package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ "$(id -u)" != "0" ]]; then echo "# $1 missing and not root: apt-get install $2" >&2; return 1; fi
  if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -720 2>/dev/null | head -1)" ]]; then
    apt-get update -qq >/dev/null
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}
