#!/usr/bin/env bash
# The agent's eval: the caller scenarios (dev and held-out) on the Claude path. Against real
# Claude when ANTHROPIC_API_KEY is set (ANTHROPIC_MODEL picks the model), else against the local
# Messages API stand-in. Prints pass rates by category and tokens and cost per call.
#   scripts/eval.sh [--filter ...] [--concurrency 2]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
brain=claude-stand-in
if [[ -n "${ANTHROPIC_API_KEY:-}" ]]; then brain=claude; fi
exec bash scripts/scenarios.sh --all --brain "${brain}" "$@"
