#!/usr/bin/env bash
# The box for real: our images built from docker/*.Dockerfile and docker-compose.yml run on a
# private Docker engine, driven through nginx (scripts/compose-suite.sh, which writes
# "<passed> <failed>" to $RESULTS_FILE). Cold on a fresh machine it installs the engine, builds
# the compose/buildx plugins and the base images (~10-15 min on 2 cores); later runs reuse them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
: "${RESULTS_FILE:?RESULTS_FILE must name the counts file}"
rm -f "${RESULTS_FILE}"
# The test command exports the local services' addresses (PGPORT=55432 and the like); the stack
# in the namespace listens on the standard ports, so none of them may leak into its clients.
unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE DATABASE_URL DATABASE_ADMIN_URL REDIS_URL \
  REDIS_PORT TEMPORAL_ADDRESS TEMPORAL_PORT TEMPORAL_UI_PORT
# A hung step must not eat the whole CI budget; the suite's own trap stops its dockerd.
timeout --signal=TERM --kill-after=60 "${COMPOSE_SUITE_TIMEOUT:-2400}" bash scripts/compose-suite.sh
rc=$?
[[ -s "${RESULTS_FILE}" ]] || echo "0 1" > "${RESULTS_FILE}"
exit "${rc}"
