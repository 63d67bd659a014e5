#!/usr/bin/env bash
# backup.sh and restore.sh against the local PostgreSQL (scripts/services.sh), on throwaway
# databases created and dropped here: back up, change data, restore, data is back; corrupted
# or unconfirmed restores are refused; retention removes only old backup files; S3 upload.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
source "${HERE}/lib.sh"
source "${REPO}/scripts/lib/env.sh"

PG_BIN_DIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "${PG_BIN_DIR}/pg_dump" ]] || { not_ok "PostgreSQL client tools (run scripts/services.sh up)"; exit 1; }
export PG_BIN_DIR PATH="${PG_BIN_DIR}:${PATH}"
eval "$(python3 - "${DATABASE_URL}" <<'PY'
import sys, shlex
from urllib.parse import urlparse, unquote
u = urlparse(sys.argv[1])
for k, v in (("PGHOST", u.hostname), ("PGPORT", u.port or 5432), ("PGUSER", unquote(u.username or "")), ("PGPASSWORD", unquote(u.password or ""))):
    print(f"export {k}={shlex.quote(str(v))}")
PY
)"
psql -d postgres -XAtc 'SELECT 1' >/dev/null 2>&1 || { not_ok "local PostgreSQL reachable at ${PGHOST}:${PGPORT}"; exit 1; }

ID="$(date +%s)_${RANDOM}"
APP_DB="backup_test_${ID}_app" TMP_DB="backup_test_${ID}_temporal" COPY_DB="backup_test_${ID}_copy"
export BACKUP_DIR; BACKUP_DIR="$(mktemp -d /tmp/infra-backup.XXXXXX)"
S3_PID=""
cleanup() {
  for db in "${APP_DB}" "${TMP_DB}" "${COPY_DB}" "${APP_DB}__restoring"; do
    psql -d postgres -Xqc "DROP DATABASE IF EXISTS \"${db}\" WITH (FORCE)" >/dev/null 2>&1
  done
  [[ -n "${S3_PID}" ]] && kill "${S3_PID}" 2>/dev/null
  rm -rf "${BACKUP_DIR}" "${BACKUP_DIR}.metrics" "${BACKUP_DIR}.s3"
}
trap cleanup EXIT
q() { psql -d "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }

psql -d postgres -Xq -c "CREATE DATABASE \"${APP_DB}\"" -c "CREATE DATABASE \"${TMP_DB}\"" >/dev/null
q "${APP_DB}" "CREATE TABLE bookings (id int PRIMARY KEY, caller text); INSERT INTO bookings VALUES (1,'Émilie'),(2,'Jon'),(3,'Ana')"
q "${TMP_DB}" "CREATE TABLE executions (id text PRIMARY KEY); INSERT INTO executions VALUES ('wf-1')"
export BACKUP_DATABASES="${APP_DB} ${TMP_DB}" BACKUP_RETENTION_DAYS=7
REDIS_OK=0; redis-cli -u "${REDIS_URL}" ping 2>/dev/null | grep -q PONG && REDIS_OK=1
[[ "${REDIS_OK}" == 1 ]] && export BACKUP_REDIS_URL="${REDIS_URL}"

S3_PORT="$(free_port)"; mkdir -p "${BACKUP_DIR}.s3"
python3 "${HERE}/fake-s3.py" "${S3_PORT}" "${BACKUP_DIR}.s3" & S3_PID=$!
wait_http "http://127.0.0.1:${S3_PORT}/" 10 || true # 501 for GET still proves it listens
export BACKUP_S3_ENDPOINT="http://127.0.0.1:${S3_PORT}" BACKUP_S3_BUCKET=receptionist-backups \
  BACKUP_S3_ACCESS_KEY=test-key BACKUP_S3_SECRET_KEY=test-secret BACKUP_S3_REGION=nbg1

expect "backup.sh dumps both databases" bash "${REPO}/infra/scripts/backup.sh"
unset BACKUP_S3_ENDPOINT
app_dump="$(ls "${BACKUP_DIR}"/"${APP_DB}"_*.dump 2>/dev/null | head -1)"
expect "custom-format dumps with SHA-256 files that verify" bash -c "
  cd '${BACKUP_DIR}' && ls ${APP_DB}_*.dump ${TMP_DB}_*.dump >/dev/null && sha256sum -c ./*.dump.sha256 &&
  pg_restore --list '${app_dump}' | grep -q 'TABLE public bookings'"
if [[ "${REDIS_OK}" == 1 ]]; then
  expect "Redis snapshot written and checksummed" bash -c "cd '${BACKUP_DIR}' && head -c 5 redis_*.rdb | grep -q REDIS && sha256sum -c redis_*.rdb.sha256"
else
  not_ok "Redis snapshot written (no local Redis at ${REDIS_URL})"
fi
expect "every file uploaded to S3-compatible storage, SigV4-signed, byte for byte" bash -c "
  cd '${BACKUP_DIR}' && for f in *.dump *.sha256; do cmp \"\$f\" '${BACKUP_DIR}.s3/receptionist-backups/$(hostname -s)/'\"\$f\" || exit 1; done"
expect "backup.prom records the last success for the BackupStale alert" grep -q '^receptionist_backup_last_success_timestamp_seconds [0-9]' "${BACKUP_DIR}/backup.prom"
expect "restore.sh --list shows both databases" bash -c "bash '${REPO}/infra/scripts/restore.sh' --list | grep -q '${APP_DB}' && bash '${REPO}/infra/scripts/restore.sh' --list | grep -q '${TMP_DB}'"

# Disaster: rows lost and changed, a table dropped.
q "${APP_DB}" "DELETE FROM bookings WHERE id < 3; UPDATE bookings SET caller='X'; CREATE TABLE junk (x int)"
q "${TMP_DB}" "DROP TABLE executions"
expect "restore.sh refuses without --yes when there is no terminal to confirm on" \
  bash -c "! bash '${REPO}/infra/scripts/restore.sh' --latest </dev/null && [[ \$(psql -d '${APP_DB}' -XAtc 'SELECT count(*) FROM bookings') == 1 ]]"
expect "restore.sh --latest --yes brings every database back" bash -c "
  bash '${REPO}/infra/scripts/restore.sh' --latest --yes </dev/null &&
  [[ \"\$(psql -d '${APP_DB}' -XAtc \"SELECT string_agg(caller, ',' ORDER BY id) FROM bookings\")\" == 'Émilie,Jon,Ana' ]] &&
  [[ \"\$(psql -d '${APP_DB}' -XAtc \"SELECT to_regclass('junk') IS NULL\")\" == t ]] &&
  [[ \"\$(psql -d '${TMP_DB}' -XAtc 'SELECT id FROM executions')\" == wf-1 ]]"
expect "restore.sh FILE --db restores one dump into another database" bash -c "
  bash '${REPO}/infra/scripts/restore.sh' '$(basename "${app_dump}")' --db '${COPY_DB}' --yes </dev/null &&
  [[ \$(psql -d '${COPY_DB}' -XAtc 'SELECT count(*) FROM bookings') == 3 ]]"

# A later backup whose dump is then corrupted must be refused, leaving the database alone.
q "${APP_DB}" "INSERT INTO bookings VALUES (4,'after')"
sleep 1.1
BACKUP_DATABASES="${APP_DB}" bash "${REPO}/infra/scripts/backup.sh" 2>/dev/null
bad="$(ls "${BACKUP_DIR}"/"${APP_DB}"_*.dump | sort | tail -1)"
[[ "${bad}" != "${app_dump}" ]] || not_ok "second backup has its own file"
printf '\x00\xff\x00\xff' | dd of="${bad}" bs=1 seek=200 conv=notrunc status=none
q "${APP_DB}" "DELETE FROM bookings"
expect "a corrupted backup is refused by its checksum and the database is untouched" bash -c "
  out=\$(bash '${REPO}/infra/scripts/restore.sh' '${bad}' --yes 2>&1 </dev/null); rc=\$?
  [[ \$rc -ne 0 && \"\$out\" == *'checksum mismatch'* ]] && [[ \$(psql -d '${APP_DB}' -XAtc 'SELECT count(*) FROM bookings') == 0 ]]"
expect "--latest picks the newest backup, so it is refused too" bash -c "! bash '${REPO}/infra/scripts/restore.sh' --latest --db '${APP_DB}' --yes </dev/null"
rm -f "${app_dump}.sha256"
expect "a backup without its checksum file is refused" bash -c "! bash '${REPO}/infra/scripts/restore.sh' '${app_dump}' --yes </dev/null"

# Retention: only this script's files older than the limit go.
mk_old() { echo old > "${BACKUP_DIR}/$1"; touch -d "$2 days ago" "${BACKUP_DIR}/$1"; }
mk_old "${APP_DB}_20200101T030000Z.dump" 10; mk_old "${APP_DB}_20200101T030000Z.dump.sha256" 10
mk_old "redis_20200101T030000Z.rdb" 15; mk_old "redis_20200101T030000Z.rdb.sha256" 15
mk_old "${APP_DB}_20200105T030000Z.dump" 6; mk_old "operator-notes.txt" 30
unset BACKUP_REDIS_URL
BACKUP_DATABASES="${TMP_DB}" bash "${REPO}/infra/scripts/backup.sh" 2>/dev/null
expect "retention (7 days) deletes old backups only: newer dumps and other files stay" bash -c "
  cd '${BACKUP_DIR}' && [[ ! -e ${APP_DB}_20200101T030000Z.dump && ! -e ${APP_DB}_20200101T030000Z.dump.sha256 ]] &&
  [[ ! -e redis_20200101T030000Z.rdb && ! -e redis_20200101T030000Z.rdb.sha256 ]] &&
  [[ -e ${APP_DB}_20200105T030000Z.dump && -e operator-notes.txt && -e '$(basename "${bad}")' ]]"
BACKUP_RETENTION_DAYS=5 BACKUP_DATABASES="${TMP_DB}" bash "${REPO}/infra/scripts/backup.sh" 2>/dev/null
expect "a shorter retention (5 days) removes the 6-day-old dump" test ! -e "${BACKUP_DIR}/${APP_DB}_20200105T030000Z.dump"
mkdir -p "${BACKUP_DIR}.metrics"
expect "BACKUP_METRICS_DIR puts backup.prom outside the dump directory" bash -c "
  BACKUP_METRICS_DIR='${BACKUP_DIR}.metrics' BACKUP_DATABASES='${TMP_DB}' BACKUP_REDIS_URL= bash '${REPO}/infra/scripts/backup.sh' 2>/dev/null &&
  grep -q '^receptionist_backup_last_success_timestamp_seconds [0-9]' '${BACKUP_DIR}.metrics/backup.prom'"

# The pgBackRest repository's off-site copy: encrypted before upload, only new or changed files
# sent again, fetched back byte for byte with the passphrase and not without it.
PR="${BACKUP_DIR}/pgbackrest"
mkdir -p "${PR}/archive/receptionist/14-1/0000000100000000" "${PR}/backup/receptionist"
head -c 70000 /dev/urandom > "${PR}/archive/receptionist/14-1/0000000100000000/000000010000000000000001-abc.gz"
echo "[backup:current]" > "${PR}/backup/receptionist/backup.info"
export BACKUP_S3_ENDPOINT="http://127.0.0.1:${S3_PORT}" PITR_REPO_DIR="${PR}" OFFSITE_PREFIX=box1 \
  BACKUP_ENCRYPTION_PASSPHRASE="test-passphrase-$RANDOM"
S3OBJ="${BACKUP_DIR}.s3/receptionist-backups/box1/pgbackrest"
expect "offsite-sync.sh refuses to send anything without an encryption passphrase" bash -c "
  ! BACKUP_ENCRYPTION_PASSPHRASE= bash '${REPO}/infra/scripts/offsite-sync.sh' 2>/dev/null && [[ ! -e '${S3OBJ}' ]]"
expect "offsite-sync.sh uploads the repository encrypted (no plaintext in the bucket)" bash -c "
  bash '${REPO}/infra/scripts/offsite-sync.sh' 2>/dev/null &&
  [[ -s '${S3OBJ}/backup/receptionist/backup.info.enc' && -s '${S3OBJ}/index.enc' ]] &&
  ! grep -rqa 'backup:current' '${S3OBJ}' &&
  ! cmp -s '${PR}/archive/receptionist/14-1/0000000100000000/000000010000000000000001-abc.gz' '${S3OBJ}/archive/receptionist/14-1/0000000100000000/000000010000000000000001-abc.gz.enc'"
echo "[backup:current] changed" > "${PR}/backup/receptionist/backup.info"
head -c 500 /dev/urandom > "${PR}/archive/receptionist/14-1/0000000100000000/000000010000000000000002-def.gz"
expect "a second run sends only the new WAL segment and the changed backup.info" bash -c "
  bash '${REPO}/infra/scripts/offsite-sync.sh' 2>&1 | grep -q 'sent 2 new or changed files'"
expect "--fetch with the passphrase restores the repository byte for byte" bash -c "
  PITR_REPO_DIR='${BACKUP_DIR}/fetched' bash '${REPO}/infra/scripts/offsite-sync.sh' --fetch 2>/dev/null &&
  diff -r '${PR}' '${BACKUP_DIR}/fetched' >/dev/null"
expect "--fetch with a wrong passphrase is refused" bash -c "
  ! BACKUP_ENCRYPTION_PASSPHRASE=wrong PITR_REPO_DIR='${BACKUP_DIR}/wrong' bash '${REPO}/infra/scripts/offsite-sync.sh' --fetch 2>/dev/null"
unset BACKUP_S3_ENDPOINT PITR_REPO_DIR OFFSITE_PREFIX BACKUP_ENCRYPTION_PASSPHRASE
