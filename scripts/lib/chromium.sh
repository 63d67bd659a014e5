#!/usr/bin/env bash
# Debian's Chromium for the console's browser tests. Playwright's own browser download needs the
# internet; this machine has the Debian mirror only. Sourced (ensure_chromium) or run directly.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  echo "[chromium.sh] installing Debian's chromium" >&2
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  ${sudo} apt-get install -y --no-install-recommends chromium >/dev/null ||
    { ${sudo} apt-get update >/dev/null && ${sudo} apt-get install -y --no-install-recommends chromium >/dev/null; }
}
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  ensure_chromium
fi
