#!/usr/bin/env bash
# Voice channel benchmark against the real backend, agent and worker processes (see
# apps/e2e/bench/voice.bench.ts). On demand only; not part of scripts/test.sh.
#   scripts/bench-voice.sh [levels=10,100,500] [turns per call=3] [model delay ms=300]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
source scripts/lib/env.sh
install_deps
bash scripts/services.sh up >/dev/null
eval "$(bash scripts/services.sh env)"
exec node apps/e2e/bench/voice.bench.ts "$@"
