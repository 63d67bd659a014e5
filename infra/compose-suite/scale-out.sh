# shellcheck shell=bash
# Sourced by scripts/compose-suite.sh once the stack runs (uses its dc, in_ns, psql_q, ready,
# check, ok, not_ok, figure, WORK, TWILIO_TOKEN): two replicas each of backend, agent and worker
# (`--scale`; nginx's upstream and the apps' URLs are service names, which resolve to every
# replica). Simulated calls run at once; halfway one replica of each service crashes. Every call
# still books (a turn is a webhook: the next lands on the other replica, the call's state is in
# PostgreSQL and Redis; Temporal hands the dead worker's tasks to the other), and no caller gets
# two bookings.
SCALE_CALLS="${SCALE_CALLS:-20}"
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
times=('9 am' '11 am' '1 pm' '3 pm' '4 pm')
start_ids="$(psql_q "SELECT coalesce(max(created_at), '-infinity') FROM bookings")"
declare -a pids=()
for i in $(seq 0 $((SCALE_CALLS - 1))); do
  day="${days[$((i % 4))]}" at="${times[$(((i / 4) % 5))]}"
  from="+1415555$(printf '%04d' $((300 + i)))"
  printf '%s\n' "hi this is maria lopez i need a cleaning next ${day} at ${at}" "yes that's right" \
    "no that's all thanks" > "${WORK}/scale-call-${i}.txt"
  in_ns env DATABASE_URL=postgres://receptionist:receptionist@127.0.0.1:5432/receptionist \
    TWILIO_AUTH_TOKEN="${TWILIO_TOKEN}" PUBLIC_BASE_URL=http://localhost:8080 \
    timeout 400 node apps/backend/src/phone/phone.cli.ts --url http://127.0.0.1:8080 \
    --public-url http://localhost:8080 --token "${TWILIO_TOKEN}" --from "${from}" \
    --script "${WORK}/scale-call-${i}.txt" > "${WORK}/scale-call-${i}.log" 2>&1 &
  pids+=($!)
done
t_calls="$(now)"
# Halfway through the first turns: one replica of each service dies (PID 1 killed, as a crash).
sleep "${SCALE_KILL_AFTER:-8}"
killed=""
for s in backend agent worker; do
  cid="$(dc ps -q "${s}" | head -1)"
  kill -9 "$(docker inspect -f '{{.State.Pid}}' "${cid}")" 2>/dev/null && killed+="${s} "
done
echo "# killed one replica of: ${killed}"
failed_calls=0
for p in "${pids[@]}"; do wait "${p}" || failed_calls=$((failed_calls + 1)); done
figure "scale-out: ${SCALE_CALLS} calls at once with one backend, agent and worker replica killed, done in $(since "${t_calls}") s"
check "every call process ended normally (${failed_calls} of ${SCALE_CALLS} did not)" test "${failed_calls}" == 0
# Kept for diagnosis: the run's WORK directory goes at exit.
rm -rf "${CE_ROOT}/last-scale-out" && mkdir -p "${CE_ROOT}/last-scale-out" && cp "${WORK}"/scale-call-*.log "${CE_ROOT}/last-scale-out/"
dc logs --tail 200 nginx backend agent worker > "${CE_ROOT}/last-scale-out/services.log" 2>&1
sleep 5
booked="$(psql_q "SELECT count(*) FROM bookings WHERE created_at > '${start_ids}' AND status <> 'cancelled'")"
doubled="$(psql_q "SELECT count(*) FROM (SELECT contact_id FROM bookings WHERE created_at > '${start_ids}' AND status <> 'cancelled' AND contact_id IS NOT NULL GROUP BY contact_id HAVING count(*) > 1) d")"
check "every one of the ${SCALE_CALLS} calls booked (${booked:-0} bookings)" test "${booked:-0}" == "${SCALE_CALLS}"
check "no caller got two bookings (${doubled:-?} doubled)" test "${doubled}" == 0
check "the killed replicas are back under their restart policy" \
  bash -c "sleep 20; [[ \$(docker ps --filter label=com.docker.compose.project=${PROJECT} --filter health=healthy --format '{{.Label \"com.docker.compose.service\"}}' | grep -cE '^(backend|agent|worker)\$') == 6 ]]"
