#!/usr/bin/env bash
# Infrastructure tests, runnable from the repository root without Docker:
#   bash infra/tests/run.sh            (CI: after scripts/services.sh up)
# Each suite prints "ok - ..." / "not ok - ..." lines; this counts them and ends with
# "infra: N passed, N failed". Installs Debian's nginx, prometheus (promtool) and shellcheck
# when missing (as root).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
cd "${REPO}"
source "${REPO}/scripts/lib/toolchain.sh"
source "${REPO}/scripts/lib/env.sh"
source "${HERE}/lib.sh"
set +e # toolchain.sh turns on -e; this runner counts failures instead
install_deps >/dev/null 2>&1 || install_deps
python3 -c 'import yaml, jsonschema' 2>/dev/null || python3 -m pip install -q pyyaml jsonschema

SUITES=(
  "python3 infra/tests/check_compose.py"
  "python3 infra/tests/check_dockerfiles.py"
  "bash infra/tests/image-recipe.sh"
  "bash infra/tests/nginx/run.sh"
  "bash infra/tests/backup-restore.sh"
  "bash infra/tests/deploy.sh"
  "bash infra/tests/monitoring.sh"
  "bash infra/tests/terraform.sh"
  "bash infra/tests/shell.sh"
)
if [[ $# -gt 0 ]]; then SUITES=("$@"); fi

passed=0 failed=0
for suite in "${SUITES[@]}"; do
  echo "# ${suite}"
  out="$(mktemp)"
  ${suite} 2>&1 | tee "${out}"
  rc=${PIPESTATUS[0]}
  p=$(grep -c '^ok - ' "${out}")
  f=$(grep -c '^not ok - ' "${out}")
  # A suite that dies without reporting a failure still fails.
  if [[ "${rc}" != 0 && "${f}" == 0 ]]; then
    echo "not ok - ${suite} exited ${rc}"
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f))
  rm -f "${out}"
done
echo "infra: ${passed} passed, ${failed} failed"
[[ "${failed}" == 0 ]]
