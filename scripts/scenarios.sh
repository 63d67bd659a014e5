#!/usr/bin/env bash
# The caller scenario suite: real conversations through Twilio's signed webhooks to the backend,
# agent and worker on real PostgreSQL, Redis and Temporal (brought up here), judged by the end
# state in Postgres. Prints pass rates per category; the JSON report lands in .cache/scenarios/.
#   scripts/scenarios.sh                 the dev set
#   scripts/scenarios.sh --held-out      the held-out set (the lead's final measure)
#   scripts/scenarios.sh --all           both
#   scripts/scenarios.sh --filter booking-asap --concurrency 4 --min-overall 90 --min-bookings 90
# Exits non-zero when the overall or the bookings pass rate is under its threshold (95% each).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
source scripts/lib/env.sh
install_deps
bash scripts/services.sh up >&2
eval "$(bash scripts/services.sh env)"
export NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-silent}"
exec node apps/e2e/runner/scenarios.cli.ts "$@"
