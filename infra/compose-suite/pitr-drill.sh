# shellcheck shell=bash
# Sourced by scripts/compose-suite.sh once the stack runs (uses its dc, psql_q, rows, ready,
# place_call, check, ok, not_ok and figure): Redis's append-only file, continuous WAL archiving,
# and the point-in-time restore drill. Rows are written, the time noted, more rows written,
# the data volume destroyed, PostgreSQL restored to the noted time from the pgBackRest
# repository (base backup + archived WAL): the first rows are back, the later ones are not, the
# stack is healthy and still books. Prints the restore's RTO and what it lost.

# --- Redis: AOF fsynced every second, on its volume -------------------------------------------
aof="$(dc exec -T redis sh -c 'redis-cli CONFIG GET appendonly | tail -1; redis-cli CONFIG GET appendfsync | tail -1; ls /data/appendonlydir 2>/dev/null | wc -l' 2>&1 | tr '\n' ' ')"
check "Redis keeps an append-only file fsynced every second on its volume (${aof% })" \
  grep -Eq '^yes everysec [1-9]' <<<"${aof}"

# --- PostgreSQL: WAL archived continuously, a base backup taken at start-up --------------------
check "the pg-backup job created the pgBackRest stanza and a full base backup" \
  bash -c "docker compose -p '${PROJECT}' --project-directory '${TREE}' -f '${TREE}/docker-compose.yml' \
    -f '${TREE}/infra/compose-suite/compose.override.yml' run --rm --no-deps -T --entrypoint bash pg-backup \
    /usr/local/bin/pitr.sh info | grep -q 'full backup'"
archive_settings="$(psql_q "SELECT current_setting('archive_mode') || ' ' || current_setting('archive_timeout') || ' ' || current_setting('wal_level')")"
check "WAL archiving on, archive_timeout 60 s (${archive_settings})" test "${archive_settings}" == "on 1min replica"

# --- the drill ----------------------------------------------------------------------------------
psql_q "CREATE TABLE IF NOT EXISTS pitr_drill (n int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())"
psql_q "INSERT INTO pitr_drill (n) SELECT g FROM generate_series(1, 100) g"
drill_rows="$(rows)"
sleep 1
target="$(psql_q "SELECT clock_timestamp()")"
sleep 1
# Written after the target: a restore to the target must not bring them back.
psql_q "INSERT INTO pitr_drill (n) SELECT g FROM generate_series(101, 150) g"
echo "# restore target ${target}; rows (calls bookings paid-deposits) ${drill_rows}"
# The WAL that holds the target is archived within archive_timeout, with no switch forced.
t0="$(now)"
archived=""
for _ in $(seq 1 120); do
  [[ "$(psql_q "SELECT last_archived_time > '${target}'::timestamptz FROM pg_stat_archiver")" == t ]] && { archived=1; break; }
  sleep 1
done
lag="$(since "${t0}")"
[[ -n "${archived}" ]] && ok "the WAL holding the target reached the archive ${lag} s later, no switch forced (RPO <= archive_timeout)" \
  || not_ok "the WAL holding the target reached the archive within 120 s" "$(psql_q 'SELECT * FROM pg_stat_archiver')"
figure "WAL archived ${lag} s after the target (archive_timeout 60 s): data lost in a disaster at most ~60 s"

# Disaster: PostgreSQL's data volume is gone.
t_disaster="$(now)"
dc stop > "${WORK}/pitr-stop.log" 2>&1
dc rm -f postgres pg-backup > /dev/null 2>&1
docker volume rm "${PROJECT}_pgdata" > "${WORK}/pitr-volume.log" 2>&1
check "the data volume is destroyed" bash -c "! docker volume inspect '${PROJECT}_pgdata' >/dev/null 2>&1"
t_restore="$(now)"
# The runbook's command (docs/deploy.md): restore.sh --pitr in the postgres image.
if dc run --rm --no-deps -T --user postgres -v "${TREE}/infra/scripts:/scripts:ro" --entrypoint bash \
  postgres /scripts/restore.sh --pitr "${target}" --yes > "${WORK}/pitr-restore.log" 2>&1; then
  ok "restore.sh --pitr '${target}': base backup and archived WAL into a new volume ($(since "${t_restore}") s)"
else
  not_ok "pitr.sh restore to the target" "$(tail -5 "${WORK}/pitr-restore.log" | tr '\n' ' ')"
fi
timeout 480 docker compose -p "${PROJECT}" --project-directory "${TREE}" -f "${TREE}/docker-compose.yml" \
  -f "${TREE}/infra/compose-suite/compose.override.yml" up -d > "${WORK}/pitr-up.log" 2>&1 && ready 300
rto="$(since "${t_disaster}")"
kept="$(psql_q "SELECT count(*) FILTER (WHERE n <= 100) || ' ' || count(*) FILTER (WHERE n > 100) FROM pitr_drill")"
check "the 100 rows written before the target are back, the 50 after it are not (${kept:-none})" test "${kept}" == "100 0"
check "every call, booking and paid deposit is back (${drill_rows})" test "$(rows)" == "${drill_rows}"
back="${kept%% *}"
figure "point-in-time restore: data volume destroyed -> restored -> every service healthy in ${rto} s (RTO); rows written before the target lost: $((100 - ${back:-0})) of 100"
docker network connect --alias payments-sandbox "${PROJECT}_default" rcs-payments >/dev/null 2>&1
before="$(bookings)"
place_call after-pitr +14155550183 '3 pm'
after="$(bookings_above "${before:-0}")"
[[ "${after:-0}" -gt "${before:-0}" ]] && ok "after the point-in-time restore a call still books" \
  || not_ok "after the point-in-time restore a call still books" "$(tail -8 "${WORK}/call-after-pitr.log" | tr '\n' ' ')"
