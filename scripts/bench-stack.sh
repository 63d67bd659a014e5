#!/usr/bin/env bash
# Whole-stack CPU per voice turn (see apps/e2e/bench/stack.bench.ts): backend, agent, worker,
# Temporal, PostgreSQL and Redis of its own, simulated signed Twilio calls. On demand only.
#   scripts/bench-stack.sh [calls=200] [concurrency=20] [turns per call=5] [pause between turns ms=0]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
source scripts/lib/env.sh
install_deps
exec node apps/e2e/bench/stack.bench.ts "$@"
