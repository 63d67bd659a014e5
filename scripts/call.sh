#!/usr/bin/env bash
# The terminal phone (apps/backend/src/phone/phone.cli.ts): calls or texts the demo business on a
# running scripts/dev.sh, signing every request as Twilio does, and prints the texts the caller
# gets (the Checkout link of a deposit among them). Works in a fresh shell: the toolchain comes
# from scripts/lib/toolchain.sh, the database address and Twilio token from .env as in dev.sh.
#   scripts/call.sh                    a voice call
#   scripts/call.sh --sms              texting
#   scripts/call.sh --script file.txt  the caller's lines from a file
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
install_deps
if [[ -f .env ]]; then set -a; source .env; set +a; fi
source scripts/lib/env.sh
# The same defaults as dev.sh, so the signatures match the backend's.
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:3000}"
export TWILIO_AUTH_TOKEN="${TWILIO_AUTH_TOKEN:-local-dev-twilio-token}"
export BACKEND_URL="${BACKEND_URL:-http://localhost:${BACKEND_PORT:-3000}}"
exec node apps/backend/src/phone/phone.cli.ts "$@"
