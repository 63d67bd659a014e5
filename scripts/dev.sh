#!/usr/bin/env bash
# Runs the whole product locally: services up, migrations, the demo tenant, and the backend
# (3000), agent (8000) and worker (health 8100) processes; without a Stripe key in .env also the
# payments sandbox (12111) that plays Stripe. Ctrl-C stops the processes;
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
# The backend and worker authenticate to the agent service with it; all three read this value.
export AGENT_SHARED_SECRET="${AGENT_SHARED_SECRET:-local-dev-agent-shared-secret}"

# Deposits with no Stripe account: the payments sandbox (apps/payments-sandbox) answers the
# stripe SDK of the backend and worker, serves the Checkout page and sends the signed webhooks.
# The key and secret are placeholders, never real credentials. A real STRIPE_SECRET_KEY in .env
# leaves all of this alone.
sandbox=false
if [[ -z "${STRIPE_SECRET_KEY:-}" ]]; then
  sandbox=true
  export PAYMENTS_SANDBOX_HOST=127.0.0.1
  export PAYMENTS_SANDBOX_PORT="${PAYMENTS_SANDBOX_PORT:-12111}"
  export STRIPE_SECRET_KEY=sk_test_local_sandbox
  export STRIPE_API_BASE_URL="http://127.0.0.1:${PAYMENTS_SANDBOX_PORT}"
  export STRIPE_WEBHOOK_SECRET=whsec_local_sandbox
  export PAYMENTS_SANDBOX_WEBHOOK_URL="http://127.0.0.1:${BACKEND_PORT:-3000}/webhooks/stripe"
  # Sessions outlive a restart, so a link texted before it still opens.
  export PAYMENTS_SANDBOX_STATE_FILE="${PAYMENTS_SANDBOX_STATE_FILE:-${PWD}/.cache/payments-sandbox/state.json}"
fi

(cd packages/db && node src/migrate.cli.ts up && node src/seed.cli.ts)
# The staff console, served by the backend at /console (`pnpm --filter @receptionist/console dev`
# serves it with live reload on :5173 instead).
pnpm --filter @receptionist/console -s build >/dev/null

pids=()
run() { # name dir
  (cd "$2" && exec node src/main.ts) 2>&1 | sed -u "s/^/[$1] /" &
  pids+=($!)
}
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
if [[ "${sandbox}" == true ]]; then run payments apps/payments-sandbox; fi
run backend apps/backend
run agent apps/agent
run worker apps/worker
echo "backend http://localhost:3000  agent http://localhost:8000  worker health http://localhost:8100  temporal UI http://localhost:${TEMPORAL_UI_PORT}"
if [[ "${sandbox}" == true ]]; then
  echo "deposits: payments sandbox ${STRIPE_API_BASE_URL} (no Stripe key set; Checkout links open there)"
fi
echo "console http://localhost:3000/console/ (sign in with a key: pnpm --filter @receptionist/backend admin:create-key --role admin)"
echo "call the demo business from another terminal: scripts/call.sh (texting: scripts/call.sh --sms)"
wait
