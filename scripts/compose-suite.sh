#!/usr/bin/env bash
# The box for real: builds our images from docker/*.Dockerfile and runs docker-compose.yml on a
# Docker engine, then drives it through nginx as Twilio and Stripe would.
#   scripts/compose-suite.sh
# Installs Debian's docker.io and mmdebstrap when missing, builds the compose and buildx plugins
# from their Go modules, makes the base images locally (no image registry is reachable here),
# and swaps the third-party images for local builds of the same software
# (infra/compose-suite/compose.override.yml, nothing else overridden). dockerd has its own
# data-root and socket under .cache/compose-suite and is stopped at the end, whatever happens.
# Builds run with host networking (they fetch from the package registries); the stack runs
# under a dockerd started inside a network namespace made here, with loopback only and no
# uplink. Prints "ok - ..." per check, the figures, and "compose: N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
REPO="$(pwd)"
source scripts/lib/toolchain.sh
source scripts/lib/compose-engine.sh
set +e # toolchain.sh turns on errexit; checks are counted here instead
# The stack logs at the level its .env sets (below), not at the test command's (silent), so a
# failed check leaves the services' own account of it in last-scale-out/services.log.
unset LOG_LEVEL
# One run at a time per machine: the engine's root, exec-root and namespace are shared by every
# clone (a second run waits for the first).
exec 9>"${CE_ROOT}.lock"
flock -w 3600 9 || { echo "compose: another run holds ${CE_ROOT}.lock"; exit 1; }
NETNS="${COMPOSE_SUITE_NETNS:-receptionist-cs}"
TREE="${CE_ROOT}/tree"
WORK="$(mktemp -d)"
PROJECT=receptionist
passed=0 failed=0
declare -a FIGURES=()
figure() { FIGURES+=("$1"); echo "# figure: $1"; }
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [[ -n "${2:-}" ]] && echo "#   $2"; }
check() { # NAME COMMAND...
  local name="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then ok "${name}"; else not_ok "${name}" "$(tail -5 <<<"${out}" | tr '\n' ' ')"; fi
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
in_ns() { nsenter "--net=/run/netns/${NETNS}" "$@"; }
dc() { docker compose -p "${PROJECT}" --project-directory "${TREE}" \
  -f "${TREE}/docker-compose.yml" -f "${TREE}/infra/compose-suite/compose.override.yml" "$@"; }

cleanup() {
  set +e
  if ce_dockerd_running; then
    dc down -v --remove-orphans >/dev/null 2>&1
    docker rm -f rcs-payments >/dev/null 2>&1
  fi
  ce_dockerd_stop
  ip netns del "${NETNS}" 2>/dev/null
  rm -rf "${WORK}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish() {
  echo
  for f in "${FIGURES[@]}"; do echo "# ${f}"; done
  echo "compose: ${passed} passed, ${failed} failed"
  [[ "${RESULTS_FILE:-}" ]] && echo "${passed} ${failed}" > "${RESULTS_FILE}"
  [[ "${failed}" -eq 0 ]]
  exit $?
}
fatal() { not_ok "$1" "${2:-}"; finish; }

t_suite="$(now)"
# --- engine -----------------------------------------------------------------------------------
ce_install || fatal "Debian's docker.io and mmdebstrap install"
t0="$(now)"
ce_plugins || fatal "compose and buildx plugins build from their Go modules"
docker compose version >/dev/null && docker buildx version >/dev/null \
  && ok "compose $(docker compose version --short) and buildx plugins from their Go modules" \
  || fatal "compose and buildx plugins run"
figure "plugins ready in $(since "${t0}") s"

# A stale dockerd or namespace from a killed run goes first.
ce_dockerd_stop
ip netns del "${NETNS}" 2>/dev/null

# The build context is a snapshot of the work tree (tracked and new files, .gitignore honoured),
# so edits made elsewhere during the run do not leak into it; its .env holds test-only secrets.
rm -rf "${TREE}" && mkdir -p "${TREE}"
while IFS= read -r -d '' f; do [[ -e "${f}" ]] && printf '%s\0' "${f}"; done \
  < <(git ls-files -z --cached --others --exclude-standard --deduplicate) \
  | tar -C "${REPO}" --null -T - -cf - | tar -C "${TREE}" -xf -
TWILIO_TOKEN="compose-suite-twilio-token"
WEBHOOK_SECRET="whsec_compose_suite_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat > "${TREE}/.env" <<ENV
TWILIO_AUTH_TOKEN=${TWILIO_TOKEN}
STRIPE_SECRET_KEY=sk_test_compose_suite
STRIPE_WEBHOOK_SECRET=${WEBHOOK_SECRET}
STRIPE_API_BASE_URL=http://payments-sandbox:12111
LOG_LEVEL=warn
ENV

# --- images (host network: the builds fetch from the package registries) ---------------------
ce_dockerd_start || fatal "dockerd starts (--bridge=none --iptables=false --ip-masq=false)"
ok "dockerd $(docker version -f '{{.Server.Version}}') starts with its own data-root, no bridge, no iptables"
t0="$(now)"
bash infra/compose-suite/base-images.sh || fatal "base images (mmdebstrap + docker import, Node from npm)"
ok "base images debian:bookworm-slim and node:24-bookworm-slim made locally"
bash infra/compose-suite/local-images.sh || fatal "local builds of PostgreSQL, Redis, nginx, Temporal"
ok "local builds of PostgreSQL, Redis, nginx, Temporal server/admin-tools/UI"
figure "base and third-party images ready in $(since "${t0}") s"

for app in backend agent worker; do
  t0="$(now)"
  if docker build --network host -q -f "${TREE}/docker/${app}.Dockerfile" \
    -t "receptionist/${app}:local" "${TREE}" > "${WORK}/build-${app}.log" 2>&1; then
    size="$(docker image inspect -f '{{.Size}}' "receptionist/${app}:local")"
    mb=$((size / 1000 / 1000))
    ok "docker/${app}.Dockerfile builds unchanged (${mb} MB)"
    figure "${app} image: built in $(since "${t0}") s, ${mb} MB"
  else
    not_ok "docker/${app}.Dockerfile builds unchanged" "$(tail -5 "${WORK}/build-${app}.log" | tr '\n' ' ')"
  fi
done
t0="$(now)"
if docker build --network host -q --build-arg POSTGRES_IMAGE=receptionist-local/postgres \
  -t receptionist/postgres:14-pgbackrest "${TREE}/docker/postgres" > "${WORK}/build-postgres.log" 2>&1; then
  ok "docker/postgres builds unchanged on the local PostgreSQL (pgBackRest $(docker run --rm --entrypoint pgbackrest receptionist/postgres:14-pgbackrest version | grep -Eo '[0-9.]+$'))"
  figure "postgres image (pgBackRest): built in $(since "${t0}") s"
else
  not_ok "docker/postgres builds" "$(tail -5 "${WORK}/build-postgres.log" | tr '\n' ' ')"
fi
for app in backend agent worker; do
  docker run --rm --entrypoint node "receptionist/${app}:local" -e \
    'console.log(require("os").userInfo().username, process.getuid())' > "${WORK}/user-${app}" 2>&1
  check "${app} image runs as the unprivileged node user" grep -qx 'node 1000' "${WORK}/user-${app}"
  check "${app} image ships no shell or package manager" bash -c "! docker run --rm --entrypoint sh receptionist/${app}:local -c true >/dev/null 2>&1 && ! docker run --rm --entrypoint npm receptionist/${app}:local -v >/dev/null 2>&1"
done
[[ "${failed}" -eq 0 ]] || finish

# --- the stack, inside a network namespace with no uplink -------------------------------------
ce_dockerd_stop
ip netns add "${NETNS}" && ip -n "${NETNS}" link set lo up || fatal "network namespace ${NETNS}"
ce_dockerd_start "${NETNS}" || fatal "dockerd starts inside ${NETNS}"
check "the namespace has no route out" bash -c "! ip -n '${NETNS}' route | grep -q default"

wait_healthy() { # seconds: every long-running service healthy, every job exited 0
  local deadline=$(( $(date +%s) + $1 )) s
  while (( $(date +%s) < deadline )); do
    s="$(dc ps -a --format '{{.Service}} {{.State}} {{.Health}} {{.ExitCode}}' 2>/dev/null)"
    if [[ -n "${s}" ]] && ! grep -Eqv '^[^ ]+ (running healthy [0-9]+|exited 0)$' <<<"$(sed 's/  */ /g' <<<"${s}")"; then
      return 0
    fi
    if grep -Eq ' exited +[1-9]' <<<"${s}" && grep -Eq '^(migrate|pg-backup|temporal-schema|temporal-namespace) exited +[1-9]' <<<"${s}"; then
      echo "${s}"; return 1
    fi
    sleep 2
  done
  echo "${s}"; return 1
}

t0="$(now)"
if timeout 480 docker compose -p "${PROJECT}" --project-directory "${TREE}" -f "${TREE}/docker-compose.yml" -f "${TREE}/infra/compose-suite/compose.override.yml" up -d > "${WORK}/up.log" 2>&1 && wait_healthy 120 > "${WORK}/health.log"; then
  ok "docker compose up: every service healthy, migrate and Temporal jobs exit 0"
  figure "cold start to healthy (compose up -> all healthy): $(since "${t0}") s"
else
  not_ok "docker compose up: every service healthy" "$(tail -20 "${WORK}/up.log" "${WORK}/health.log" | tr '\n' ' ')"
  dc ps -a
  for s in postgres pg-backup temporal-schema temporal temporal-namespace migrate backend worker agent nginx; do
    echo "## ${s}"; dc logs --tail 15 "${s}" 2>&1 | sed 's/^/#   /'
  done
  finish
fi

# The payments sandbox plays Stripe's API on the compose network (the backend and worker call
# it as STRIPE_API_BASE_URL); it runs from the checkout's own sources and dependencies, as the
# checkout's owner: a clone in a private folder (mktemp's 0700) is unreadable to anyone else.
docker run -d --name rcs-payments --network "${PROJECT}_default" --network-alias payments-sandbox \
  -v "${REPO}:/repo:ro" -w /repo/apps/payments-sandbox \
  -e NODE_ENV=development -e PAYMENTS_SANDBOX_HOST=0.0.0.0 -e STRIPE_WEBHOOK_SECRET="${WEBHOOK_SECRET}" \
  -e PAYMENTS_SANDBOX_WEBHOOK_URL=http://nginx/webhooks/stripe --user "$(stat -c %u:%g "${REPO}")" \
  node:24-bookworm-slim node src/main.ts >/dev/null || not_ok "payments sandbox starts"

dc run --rm -T -w /app/packages/db migrate node src/seed.cli.ts > "${WORK}/seed.log" 2>&1
check "demo business seeded through the migrate image" grep -q 'demo tenant' "${WORK}/seed.log"
key="$(dc exec -T -w /app/apps/backend backend node src/admin/create-key.cli.ts --role admin --name compose-suite 2>/dev/null | grep -Eo 'rcp_[0-9a-f]+_[A-Za-z0-9_-]+' | head -1)"
[[ -n "${key}" ]] && ok "admin API key created in the backend container" || not_ok "admin API key created in the backend container"

psql_q() { in_ns env PGPASSWORD=receptionist psql -h 127.0.0.1 -p 5432 -U receptionist -d receptionist -tAq -c "$1"; }
place_call() { # NAME FROM TIME: a signed Twilio call through nginx that books a cleaning
  printf '%s\n' "hi this is maria lopez i need a cleaning next wednesday at $3" "yes that's right" \
    "no that's all thanks" > "${WORK}/call.txt"
  in_ns env DATABASE_URL=postgres://receptionist:receptionist@127.0.0.1:5432/receptionist \
    TWILIO_AUTH_TOKEN="${TWILIO_TOKEN}" PUBLIC_BASE_URL=http://localhost:8080 \
    timeout 120 node apps/backend/src/phone/phone.cli.ts --url http://127.0.0.1:8080 \
    --public-url http://localhost:8080 --token "${TWILIO_TOKEN}" --from "$2" --script "${WORK}/call.txt" \
    > "${WORK}/call-$1.log" 2>&1
}
bookings() { psql_q "SELECT count(*) FROM bookings WHERE status <> 'cancelled'"; }
# The booking workflow writes the hold on its own schedule: wait up to 30 s for it.
bookings_above() { # COUNT: prints the count once above COUNT (or the last one seen)
  local n
  for _ in $(seq 1 30); do n="$(bookings)"; [[ "${n:-0}" -gt "$1" ]] && break; sleep 1; done
  echo "${n:-0}"
}
rows() { # "calls bookings paid-deposits", once PostgreSQL answers again (up to 60 s)
  local r
  for _ in $(seq 1 60); do
    r="$(psql_q "SELECT (SELECT count(*) FROM calls) || ' ' || (SELECT count(*) FROM bookings) || ' ' || (SELECT count(*) FROM payments WHERE status = 'succeeded')" 2>/dev/null)"
    [[ -n "${r}" ]] && { echo "${r}"; return 0; }
    sleep 1
  done
  return 1
}
# Healthy containers and nginx answering /health end to end (a restart can report the old state).
ready() { # seconds
  sleep 2
  wait_healthy "$1" >/dev/null || return 1
  for _ in $(seq 1 "$1"); do in_ns curl -sf -o /dev/null http://127.0.0.1:8080/health && return 0; sleep 1; done
  return 1
}

before="$(bookings)"
t0="$(now)"
place_call first +14155550181 '10 am'
after="$(bookings_above "${before:-0}")"
if [[ "${after:-0}" -gt "${before:-0}" ]]; then
  ok "a signed Twilio call through nginx books an appointment ($(since "${t0}") s)"
else
  not_ok "a signed Twilio call through nginx books an appointment" "$(tail -8 "${WORK}/call-first.log" | tr '\n' ' ')"
fi

# The deposit: the booking's Checkout Session (opened on the sandbox) paid, as Stripe reports it.
pay="$(psql_q "SELECT checkout_session_id, amount_minor, currency, tenant_id, booking_id FROM payments WHERE checkout_session_id IS NOT NULL ORDER BY created_at DESC LIMIT 1" | tr '|' ' ')"
for _ in $(seq 1 15); do [[ -n "${pay}" ]] && break; sleep 2
  pay="$(psql_q "SELECT checkout_session_id, amount_minor, currency, tenant_id, booking_id FROM payments WHERE checkout_session_id IS NOT NULL ORDER BY created_at DESC LIMIT 1" | tr '|' ' ')"
done
if [[ -n "${pay}" ]]; then
  read -r session amount currency tenant booking <<<"${pay}"
  node infra/compose-suite/stripe-event.mjs "${WEBHOOK_SECRET}" "${session}" "${amount}" "${currency}" "${tenant}" "${booking}" "${WORK}"
  code="$(in_ns curl -s -o "${WORK}/webhook.out" -w '%{http_code}' -H 'content-type: application/json' \
    -H "stripe-signature: $(cat "${WORK}/signature")" --data-binary @"${WORK}/body.json" http://127.0.0.1:8080/webhooks/stripe)"
  status=""
  for _ in $(seq 1 20); do
    status="$(psql_q "SELECT status FROM payments WHERE checkout_session_id = '${session}'")"
    [[ "${status}" == succeeded ]] && break; sleep 1
  done
  [[ "${code}" == 200 && "${status}" == succeeded ]] \
    && ok "a signed Stripe webhook through nginx confirms the deposit" \
    || not_ok "a signed Stripe webhook through nginx confirms the deposit" "HTTP ${code}, payment ${status}: $(head -c 300 "${WORK}/webhook.out")"
else
  not_ok "the booking opened a deposit Checkout Session on the payments sandbox" "$(docker logs --tail 5 rcs-payments 2>&1 | tr '\n' ' ')"
fi

tenant_id="$(psql_q "SELECT tenant_id FROM calls ORDER BY started_at DESC LIMIT 1")"
calls_json="$(in_ns curl -s -w ' HTTP %{http_code}' -H "authorization: Bearer ${key}" \
  "http://127.0.0.1:8080/admin/v1/tenants/${tenant_id}/calls")"
check "the admin API through nginx lists the call" grep -q '"id".* HTTP 200$' <<<"${calls_json}"

baseline="$(rows)"
echo "# rows (calls bookings paid-deposits): ${baseline}"
t0="$(now)"
dc restart > "${WORK}/restart.log" 2>&1 && ready 300
figure "docker compose restart to healthy: $(since "${t0}") s"
check "docker compose restart keeps every row (${baseline})" test "$(rows)" == "${baseline}"
t0="$(now)"
dc down > "${WORK}/down.log" 2>&1 && timeout 480 docker compose -p "${PROJECT}" --project-directory "${TREE}" \
  -f "${TREE}/docker-compose.yml" -f "${TREE}/infra/compose-suite/compose.override.yml" up -d > "${WORK}/up2.log" 2>&1 && ready 300
figure "docker compose down + up (volumes kept) to healthy: $(since "${t0}") s"
check "docker compose down + up keeps every row (${baseline})" test "$(rows)" == "${baseline}"
docker network connect --alias payments-sandbox "${PROJECT}_default" rcs-payments >/dev/null 2>&1

# A crashed app container: its restart policy brings it back and the next call still books.
# `docker kill` counts as a manual stop, which no restart policy undoes; a crash is the process
# dying on its own, so its PID 1 is killed from outside.
cid="$(dc ps -q backend)"
kill -9 "$(docker inspect -f '{{.State.Pid}}' "${cid}")"
t0="$(now)"
back=""
for _ in $(seq 1 90); do
  [[ "$(docker inspect -f '{{.State.Health.Status}} {{.RestartCount}}' "${cid}" 2>/dev/null)" =~ ^healthy\ [1-9] ]] && { back=1; break; }
  sleep 1
done
[[ -n "${back}" ]] && ok "a killed backend container is restarted by its policy and healthy again ($(since "${t0}") s)" \
  || not_ok "a killed backend container is restarted by its policy" "$(docker inspect -f '{{.State.Status}} {{.RestartCount}}' "${cid}")"
before="$(bookings)"
place_call after-kill +14155550182 '2 pm'
after="$(bookings_above "${before:-0}")"
if [[ "${after:-0}" -gt "${before:-0}" ]]; then ok "the call after the restart still books"; else
  not_ok "the call after the restart still books" "$(tail -8 "${WORK}/call-after-kill.log" | tr '\n' ' ')"
  # The services' account of it, kept past the run (WORK goes at exit).
  dc logs --tail 300 nginx backend agent worker > "${CE_ROOT}/last-call-after-kill.log" 2>&1
fi

source "${REPO}/infra/compose-suite/pitr-drill.sh"
# Two replicas of each app, 50 calls, one replica of each killed (~60-80 s); COMPOSE_SUITE_SCALE=0 skips it.
[[ "${COMPOSE_SUITE_SCALE:-1}" == 1 ]] && source "${REPO}/infra/compose-suite/scale-out.sh"

docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(receptionist|receptionist-local)/' | sed 's/^/# image /'
figure "whole suite: $(since "${t_suite}") s"
finish
