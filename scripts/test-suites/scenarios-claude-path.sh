#!/usr/bin/env bash
# The caller scenarios again on the agent's Claude path: the real Anthropic SDK against a local
# Messages API that answers with the commands a model records (apps/e2e/runner/model-stand-in.ts).
# The same thresholds as the offline run; writes "<passed> <failed>" to $RESULTS_FILE.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/toolchain.sh
source scripts/lib/env.sh
RESULTS_FILE="${RESULTS_FILE:-${CACHE_DIR}/scenarios-claude-path.counts}"
echo "0 1" > "${RESULTS_FILE}"
eval "$(bash scripts/services.sh env)"
export NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-silent}"
node apps/e2e/runner/scenarios.cli.ts --all --brain claude-stand-in --counts-file "${RESULTS_FILE}" \
  --report "${CACHE_DIR}/scenarios/claude-path-latest.json" \
  --min-overall "${SCENARIOS_MIN_OVERALL:-95}" --min-bookings "${SCENARIOS_MIN_BOOKINGS:-95}"
