#!/usr/bin/env bash
# The box: compose files, images, nginx in front of the backend, backups, deploy, monitoring, Terraform.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
log="$(mktemp)"
bash infra/tests/run.sh 2>&1 | tee "${log}"
rc=${PIPESTATUS[0]}
line="$(grep -E '^infra: [0-9]+ passed, [0-9]+ failed$' "${log}" | tail -1)"
rm -f "${log}"
if [[ -n "${line}" ]]; then
  echo "${line}" | sed -E 's/^infra: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/' > "${RESULTS_FILE}"
else
  echo "0 1" > "${RESULTS_FILE}"
fi
exit "${rc}"
