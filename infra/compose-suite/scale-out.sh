# shellcheck shell=bash
# Sourced by scripts/compose-suite.sh once the stack runs (uses its dc, in_ns, psql_q, ready,
# check, ok, not_ok, figure, WORK, TWILIO_TOKEN): two replicas each of backend, agent and worker
# (`--scale`; nginx's upstream and the apps' URLs are service names, which resolve to every
# replica). SCALE_CALLS simulated calls (default 50) start over SCALE_SPREAD_S seconds, so they
# overlap as a busy hour's do; SCALE_KILL_AFTER seconds in, one replica of each service crashes
# (SCALE_KILL=0 skips that, to tell load from failover). Up to 28 callers book a cleaning, each
# a different free hour (Monday, Tuesday, Thursday, Friday, 9 to 4 without noon: the rest of the
# suite books Wednesdays); the others ask for the opening hours. Every call must end normally
# (a turn is a webhook: the next lands on the other replica, the call's state is in PostgreSQL
# and Redis; Temporal hands the dead worker's tasks to the other); every booking caller is told
# the truth (told it is booked: one booking; told it could not be booked and offered the team:
# none, the attempt called off), at least BOOKED_MIN_PCT (50) of them book despite the crash,
# and no caller and no hour gets two bookings.
SCALE_CALLS="${SCALE_CALLS:-50}"
SCALE_SPREAD_S="${SCALE_SPREAD_S:-20}"
scale_up() { docker compose -p "${PROJECT}" --project-directory "${TREE}" -f "${TREE}/docker-compose.yml" \
  -f "${TREE}/infra/compose-suite/compose.override.yml" up -d --scale backend=2 --scale agent=2 --scale worker=2; }

t0="$(now)"
scale_up > "${WORK}/scale-up.log" 2>&1
# nginx resolves the upstream's name when it starts: a restart picks up both backends.
dc restart nginx > /dev/null 2>&1 && ready 300
replicas="$(for s in backend agent worker; do printf '%s=%s ' "${s}" "$(dc ps -q "${s}" | wc -l)"; done)"
check "two replicas each of backend, agent and worker, healthy ($(since "${t0}") s): ${replicas% }" \
  test "${replicas% }" == "backend=2 agent=2 worker=2"

days=(monday tuesday thursday friday)
times=('9 am' '10 am' '11 am' '1 pm' '2 pm' '3 pm' '4 pm')
slots=$(( ${#days[@]} * ${#times[@]} ))
start_ids="$(psql_q "SELECT coalesce(max(created_at), '-infinity') FROM bookings")"
bookers=0
booker_phones=()
gap="$(awk -v s="${SCALE_SPREAD_S}" -v n="${SCALE_CALLS}" 'BEGIN { printf "%.2f", (n > 1 ? s / (n - 1) : 0) }')"
killer_pid=""
if [[ "${SCALE_KILL:-1}" == 1 ]]; then
  # One replica of each dies while calls are in flight (PID 1 killed, as a crash); the PIDs are
  # looked up first (the engine answers slowly under this load), then killed together.
  victims="$(for s in backend agent worker; do
    printf '%s %s\n' "${s}" "$(docker inspect -f '{{.State.Pid}}' "$(dc ps -q "${s}" | head -1)")"; done)"
  (
    sleep "${SCALE_KILL_AFTER:-10}"
    while read -r s pid; do kill -9 "${pid}" 2>/dev/null && echo "${s} $(date +%s.%N)"; done \
      <<<"${victims}" > "${WORK}/scale-killed"
  ) &
  killer_pid=$!
fi
# Every caller is played by one process (phone.cli.ts --batch): a Node process per caller would
# cost the 2-core box more CPU than the stack under test.
: > "${WORK}/scale-calls.jsonl"
for i in $(seq 0 $((SCALE_CALLS - 1))); do
  from="+1415555$(printf '%04d' $((300 + i)))"
  if (( i % 2 == 0 && bookers < slots )) || (( SCALE_CALLS - i <= slots - bookers && bookers < slots )); then
    day="${days[$((bookers % 4))]}" at="${times[$((bookers / 4))]}"
    printf '%s\n' "hi this is maria lopez i need a cleaning next ${day} at ${at}" "yes that's right" \
      "no that's all thanks" > "${WORK}/scale-call-${i}.txt"
    booker_phones+=("${i} ${from}")
    bookers=$((bookers + 1))
  else
    printf '%s\n' "what are your opening hours" "no that's all thanks" > "${WORK}/scale-call-${i}.txt"
  fi
  at_ms="$(awk -v g="${gap}" -v i="${i}" 'BEGIN { printf "%d", g * i * 1000 }')"
  printf '{"from":"%s","script":"%s","log":"%s","atMs":%s}\n' "${from}" \
    "${WORK}/scale-call-${i}.txt" "${WORK}/scale-call-${i}.log" "${at_ms}" >> "${WORK}/scale-calls.jsonl"
done
t_calls="$(now)"
in_ns env TWILIO_AUTH_TOKEN="${TWILIO_TOKEN}" PUBLIC_BASE_URL=http://localhost:8080 \
  timeout 600 node apps/backend/src/phone/phone.cli.ts --url http://127.0.0.1:8080 \
  --public-url http://localhost:8080 --token "${TWILIO_TOKEN}" \
  --batch "${WORK}/scale-calls.jsonl" > "${WORK}/scale-batch.log" 2>&1
[[ -n "${killer_pid}" ]] && wait "${killer_pid}"
echo "# killed one replica of: $(cut -d' ' -f1 "${WORK}/scale-killed" 2>/dev/null | tr '\n' ' ')"
failed_calls=0
declare -a why=()
for i in $(seq 0 $((SCALE_CALLS - 1))); do
  if ! grep -q 'call ended after' "${WORK}/scale-call-${i}.log" 2>/dev/null \
    || [[ "$(tail -1 "${WORK}/scale-call-${i}.log")" != phone* ]]; then
    failed_calls=$((failed_calls + 1))
    why+=("call ${i}: $(grep -v '^ *$' "${WORK}/scale-call-${i}.log" | tail -1 | cut -c1-160)")
  fi
done
kill_note="$([[ "${SCALE_KILL:-1}" == 1 ]] && echo "one backend, agent and worker replica killed ${SCALE_KILL_AFTER:-10} s in" || echo "no replica killed")"
figure "scale-out: ${SCALE_CALLS} calls started over ${SCALE_SPREAD_S} s (${bookers} booking), ${kill_note}, all done in $(since "${t_calls}") s"
check "every one of the ${SCALE_CALLS} calls ended normally (${failed_calls} did not)" test "${failed_calls}" == 0
for w in "${why[@]:0:5}"; do echo "#   ${w}"; done
# Kept for diagnosis: the run's WORK directory goes at exit.
rm -rf "${CE_ROOT}/last-scale-out" && mkdir -p "${CE_ROOT}/last-scale-out" \
  && cp "${WORK}"/scale-call-*.log "${CE_ROOT}/last-scale-out/" \
  && cp "${WORK}/scale-killed" "${CE_ROOT}/last-scale-out/" 2>/dev/null
dc logs --tail 400 nginx backend agent worker > "${CE_ROOT}/last-scale-out/services.log" 2>&1
echo "# nginx answers by status: $(dc logs nginx 2>/dev/null | grep -Eo '" [1-5][0-9]{2} ' | sort | uniq -c | tr -s ' \n' ' ')"
# What each booking caller heard: the agent's apology, or the booking read back as made.
declare -A told_failed=()
for entry in "${booker_phones[@]}"; do
  read -r i from <<<"${entry}"
  grep -q "couldn't complete the booking" "${WORK}/scale-call-${i}.log" 2>/dev/null && told_failed["${from}"]=1
done
# What each caller has: live bookings by phone. The booking workflow writes each hold, and the
# call-off of an unsettled one, on its own schedule: up to 60 s for the two to agree.
untrue=0
for _ in $(seq 1 60); do
  declare -A live=()
  while IFS='|' read -r phone n; do [[ -n "${phone}" ]] && live["${phone}"]="${n}"; done < <(psql_q \
    "SELECT c.phone, count(*) FROM bookings b JOIN contacts c ON c.id = b.contact_id AND c.tenant_id = b.tenant_id WHERE b.created_at > '${start_ids}' AND b.status <> 'cancelled' GROUP BY c.phone")
  untrue=0
  declare -a untrue_why=()
  for entry in "${booker_phones[@]}"; do
    read -r i from <<<"${entry}"
    has="${live[${from}]:-0}"
    if [[ -n "${told_failed[${from}]:-}" ]]; then
      [[ "${has}" == 0 ]] || { untrue=$((untrue + 1)); untrue_why+=("call ${i}: told it could not be booked, has ${has} booking(s)"); }
    else
      [[ "${has}" == 1 ]] || { untrue=$((untrue + 1)); untrue_why+=("call ${i}: told it is booked, has ${has} booking(s)"); }
    fi
  done
  [[ "${untrue}" == 0 ]] && break
  unset live
  sleep 1
done
booked="$(psql_q "SELECT count(*) FROM bookings WHERE created_at > '${start_ids}' AND status <> 'cancelled'")"
doubled="$(psql_q "SELECT count(*) FROM (SELECT contact_id FROM bookings WHERE created_at > '${start_ids}' AND status <> 'cancelled' AND contact_id IS NOT NULL GROUP BY contact_id HAVING count(*) > 1) d")"
same_hour="$(psql_q "SELECT count(*) FROM (SELECT starts_at FROM bookings WHERE created_at > '${start_ids}' AND status <> 'cancelled' GROUP BY starts_at HAVING count(*) > 1) d")"
figure "scale-out bookings: ${booked:-0} of ${bookers} booking callers booked, ${#told_failed[@]} told it could not be booked and offered the team"
check "every booking caller was told the truth (${untrue} were not)" test "${untrue}" == 0
for w in "${untrue_why[@]:0:5}"; do echo "#   ${w}"; done
min_booked=$(( (bookers * ${BOOKED_MIN_PCT:-50} + 99) / 100 ))
check "at least ${min_booked} of the ${bookers} booking callers booked through the crash (${booked:-0})" \
  test "${booked:-0}" -ge "${min_booked}"
check "no caller and no hour got two bookings (${doubled:-?} callers, ${same_hour:-?} hours doubled)" \
  test "${doubled}:${same_hour}" == "0:0"
check "the killed replicas are back under their restart policy" \
  bash -c "sleep 20; [[ \$(docker ps --filter label=com.docker.compose.project=${PROJECT} --filter health=healthy --format '{{.Label \"com.docker.compose.service\"}}' | grep -cE '^(backend|agent|worker)\$') == 6 ]]"
