#!/usr/bin/env bash
# Property-based contract test of the admin API: schemathesis generates requests from the served
# OpenAPI document and checks every answer against it. Starts the real backend on a database of
# its own (created, migrated, seeded, dropped here) with a platform admin key from the CLI.
# Writes "<operations passed> <operations failed>" to $RESULTS_FILE.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/toolchain.sh
source scripts/lib/env.sh

SCHEMATHESIS_VERSION=4.32.5
RESULTS_FILE="${RESULTS_FILE:-${CACHE_DIR}/schemathesis.counts}"
WORK="${CACHE_DIR}/schemathesis"
VENV="${CACHE_DIR}/schemathesis-venv"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-15}"
mkdir -p "${WORK}"
echo "0 1" > "${RESULTS_FILE}"
# A failed step says which one on stdout, with what it printed: the test log may keep stdout only.
fail() { # message [log file]
  echo "schemathesis suite: $1"
  [[ -n "${2:-}" && -f "$2" ]] && tail -n 30 "$2"
  exit 1
}

CONSTRAINTS="scripts/test-suites/schemathesis.constraints.txt"
STAMP="$(sha256sum "${CONSTRAINTS}" | cut -c1-16)"
if [[ "$(cat "${VENV}/.stamp" 2>/dev/null)" != "${STAMP}" ]] ||
  ! "${VENV}/bin/schemathesis" --version 2>/dev/null | grep -q "${SCHEMATHESIS_VERSION}"; then
  rm -rf "${VENV}"
  python3 -m venv "${VENV}" > "${WORK}/install.log" 2>&1 ||
    fail "python3 -m venv failed" "${WORK}/install.log"
  # The package index can drop a connection; pip retries each download, and the whole install
  # is tried a second time before the suite gives up.
  for attempt in 1 2; do
    "${VENV}/bin/pip" install -q --retries 5 --timeout 60 -c "${CONSTRAINTS}" \
      "schemathesis==${SCHEMATHESIS_VERSION}" >> "${WORK}/install.log" 2>&1 && break
    [[ "${attempt}" -eq 2 ]] && fail "could not install schemathesis ${SCHEMATHESIS_VERSION}" "${WORK}/install.log"
  done
  echo "${STAMP}" > "${VENV}/.stamp"
fi

DB="schemathesis_$(node -e 'process.stdout.write(require("node:crypto").randomBytes(4).toString("hex"))')"
ADMIN_DB_URL="${DATABASE_ADMIN_URL}"
sql_admin() { # statement: runs against the maintenance database
  (cd packages/db && node -e '
    const pg = require("pg");
    const c = new pg.Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query(process.argv[2])).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });
  ' "${ADMIN_DB_URL}" "$1")
}
BACKEND_PID=""
cleanup() {
  if [[ -n "${BACKEND_PID}" ]]; then kill "${BACKEND_PID}" 2>/dev/null; wait "${BACKEND_PID}" 2>/dev/null || true; fi
  # The Schedules the run saved (CRM sync, reports, retention) are named by its businesses' ids.
  local tenants
  tenants="$(cd packages/db && DATABASE_URL="${ADMIN_DB_URL%/*}/${DB}" node -e '
    const pg = require("pg");
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    c.connect().then(() => c.query("SELECT id FROM tenants")).then((r) => {
      console.log(r.rows.map((x) => x.id).join(" ")); return c.end(); }, () => process.exit(0));
  ' 2>/dev/null)" || true
  for t in ${tenants}; do
    for id in "crm-sync-${t}" "report-${t}-daily" "report-${t}-weekly" "retention-${t}"; do
      "${CACHE_DIR}/bin/temporal" schedule delete --address "${TEMPORAL_ADDRESS}" -s "${id}" > /dev/null 2>&1 || true
    done
  done
  # Nobody polls this run's queue; its workflows end with it instead of waiting forever.
  "${CACHE_DIR}/bin/temporal" workflow terminate --address "${TEMPORAL_ADDRESS}" --yes \
    --query "ExecutionStatus='Running' AND TaskQueue='${DB}'" --reason "contract test ended" \
    > /dev/null 2>&1 || true
  sql_admin "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" || true
}
trap cleanup EXIT

sql_admin "CREATE DATABASE ${DB}" > "${WORK}/setup.log" 2>&1 || fail "could not create database ${DB}" "${WORK}/setup.log"
export DATABASE_URL="${ADMIN_DB_URL%/*}/${DB}"
node packages/db/src/migrate.cli.ts up > "${WORK}/setup.log" 2>&1 || fail "migrations failed" "${WORK}/setup.log"
TENANT_ID="$(node packages/db/src/seed.cli.ts 2> "${WORK}/setup.log" | sed -E 's/.*\(([0-9a-f-]{36})\).*/\1/')"
[[ -n "${TENANT_ID}" ]] || fail "could not seed the demo business" "${WORK}/setup.log"
API_KEY="$(node apps/backend/src/admin/create-key.cli.ts --role admin --name schemathesis 2> "${WORK}/setup.log")"
[[ -n "${API_KEY}" ]] || fail "could not create an admin key" "${WORK}/setup.log"

PORT="$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})')"
# A task queue of its own: the workflows the generated requests start (erasures, CRM backfills,
# campaigns) belong to this throwaway database, and a worker on the shared dev server's default
# queue (scripts/dev.sh) would otherwise pick them up and retry them against its own.
BACKEND_PORT="${PORT}" PUBLIC_BASE_URL="http://127.0.0.1:${PORT}" REDIS_KEY_PREFIX="${DB}:" \
  TEMPORAL_TASK_QUEUE="${DB}" \
  ADMIN_RATE_LIMIT_PER_MINUTE=1000000 ADMIN_IP_RATE_LIMIT_PER_MINUTE=1000000 LOG_LEVEL=error \
  node apps/backend/src/main.ts > "${WORK}/backend.log" 2>&1 &
BACKEND_PID=$!
healthy=""
for _ in $(seq 1 300); do # up to 60 s: a loaded machine starts the backend slowly
  curl -fsS "http://127.0.0.1:${PORT}/health" > /dev/null 2>&1 && { healthy=1; break; }
  kill -0 "${BACKEND_PID}" 2>/dev/null || break
  sleep 0.2
done
[[ -n "${healthy}" ]] || fail "the backend did not become healthy" "${WORK}/backend.log"

# Path parameters {tenantId} are pinned to the seeded business so generated requests reach its
# data instead of answering 404 for random ids; everything else is generated.
cat > "${WORK}/schemathesis.toml" <<TOML
[parameters]
"path.tenantId" = "${TENANT_ID}"
TOML

rm -f "${WORK}/junit.xml"
# toolchain.sh turns on errexit: a failing run must still print its findings below.
status=0
# Phases: examples, coverage, fuzzing and stateful (sequences along the links schemathesis infers
# from the document, e.g. POST /tenants then GET /tenants/{tenantId}); --mode all generates valid
# and schema-violating (negative) data, and negative_data_rejection fails when an invalid request
# is accepted. About 60 s at 15 examples per operation. No finding is excluded: the run reports
# only warnings (ids never found, 404s, and generated data that the API validates more strictly
# than the document says), which are not failures.
# One worker: with two threads, Debian's Python 3.11 sometimes fails hypothesis's lambda
# description with "AST constructor recursion depth mismatch" (CPython's ast module keeps its
# recursion depth in state the threads share), a runtime error that is not the API's.
# Run from the work directory: schemathesis keeps a crash cache under ./.schemathesis.
(cd "${WORK}" && "${VENV}/bin/schemathesis" --config-file "${WORK}/schemathesis.toml" run \
  "http://127.0.0.1:${PORT}/admin/v1/openapi.json" \
  --url "http://127.0.0.1:${PORT}/admin/v1" \
  -H "Authorization: Bearer ${API_KEY}" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,negative_data_rejection \
  --phases examples,coverage,fuzzing,stateful \
  --mode all \
  --max-examples "${MAX_EXAMPLES}" \
  --seed 20261123 \
  --generation-database none \
  --workers 1 \
  --request-timeout 10 \
  --no-color \
  --report junit --report-junit-path "${WORK}/junit.xml") > "${WORK}/schemathesis.log" 2>&1 || status=$?
tail -n 40 "${WORK}/schemathesis.log"

if [[ ! -f "${WORK}/junit.xml" ]]; then
  echo "schemathesis produced no report (exit ${status})" >&2
  exit 1
fi
read -r total failed < <(python3 - "${WORK}/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
bad = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
print(len(cases), bad)
PY
)
echo "$((total - failed)) ${failed}" > "${RESULTS_FILE}"
echo "schemathesis: $((total - failed)) operations passed, ${failed} failed"
[[ "${status}" -eq 0 && "${failed}" -eq 0 ]]
