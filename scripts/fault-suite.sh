#!/usr/bin/env bash
# The fault suite (apps/e2e/faults): the real backend, agent and worker on PostgreSQL, Redis and
# Temporal instances of its own (own ports, own state directory; the shared services are never
# restarted), simulated Twilio calls and text threads, and one fault at a time while they talk.
#   scripts/fault-suite.sh            100 calls and 20 text threads per fault, 30 s outages
#   scripts/fault-suite.sh --short    20 calls and 4 threads, 10 s outages (the test command's)
# FAULTS_ONLY=redis,agent runs only the faults whose names contain one of the words.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
install_deps
exec node apps/e2e/faults/faults.cli.ts "$@"
