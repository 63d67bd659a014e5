#!/usr/bin/env bash
# The console's load figures (JavaScript gzipped, first page from a cold browser, scrolling
# 10,000 calls) against the real backend on the shared services; see apps/console/README.md.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
install_deps
set +e
bash scripts/services.sh up || exit 1
eval "$(bash scripts/services.sh env)"
export NODE_ENV=test LOG_LEVEL=silent
cd apps/console && exec vitest run --config bench/vitest.config.ts --reporter=dot
