#!/usr/bin/env bash
# Runs the whole product locally: services up, migrations, the demo tenant, and the backend
# (3000), agent (8000) and worker (health 8100) processes. Ctrl-C stops the processes;
# `scripts/services.sh down` stops PostgreSQL, Redis and Temporal.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
install_deps
if [[ -f .env ]]; then set -a; source .env; set +a; fi
source scripts/lib/env.sh
bash scripts/services.sh up

export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:3000}"
export AGENT_URL="${AGENT_URL:-http://127.0.0.1:8000}"
# Twilio webhook signatures are checked with this token; `pnpm call` signs with the same default.
export TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-local-dev-twilio-token}"
export LOG_LEVEL="${LOG_LEVEL:-info}"

(cd packages/db && node src/migrate.cli.ts up && node src/seed.cli.ts)

pids=()
run() { # name dir
  (cd "$2" && exec node src/main.ts) 2>&1 | sed -u "s/^/[$1] /" &
  pids+=($!)
}
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
run backend apps/backend
run agent apps/agent
run worker apps/worker
echo "backend http://localhost:3000  agent http://localhost:8000  worker health http://localhost:8100  temporal UI http://localhost:${TEMPORAL_UI_PORT}"
wait
