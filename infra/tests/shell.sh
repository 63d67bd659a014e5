#!/usr/bin/env bash
# Static analysis (ShellCheck) of the operational scripts and of these tests.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
source "${HERE}/lib.sh"
apt_ensure shellcheck shellcheck || { not_ok "shellcheck available"; exit 1; }
for f in "${REPO}"/infra/scripts/*.sh; do
  expect "shellcheck infra/scripts/$(basename "${f}")" shellcheck -S warning "${f}"
done
expect "shellcheck docker/postgres/pitr.sh" shellcheck -S warning "${REPO}/docker/postgres/pitr.sh"
# The compose suite's pieces are sourced by it and use its helpers: errors only.
expect "shellcheck scripts/compose-suite.sh and infra/compose-suite/*.sh" shellcheck -S error -x \
  "${REPO}/scripts/compose-suite.sh" "${REPO}"/infra/compose-suite/*.sh "${REPO}"/infra/compose-suite/images/*.sh
expect "shellcheck infra/tests/*.sh" shellcheck -S error "${REPO}"/infra/tests/*.sh "${REPO}"/infra/tests/nginx/run.sh
