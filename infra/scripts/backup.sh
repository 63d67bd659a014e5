#!/usr/bin/env bash
# Nightly backup (03:00 UTC, see infra/systemd): a pg_dump in custom format of every database
# on the server (the app's and Temporal's two), a SHA-256 file beside each, a Redis snapshot,
# retention by age, and an optional copy to S3-compatible storage (Hetzner Object Storage).
#
# Connection through libpq's PGHOST/PGPORT/PGUSER/PGPASSWORD. Settings:
#   BACKUP_DIR             where dumps go (default /mnt/data/backups)
#   BACKUP_RETENTION_DAYS  delete dumps older than this many days (default 7; 0 keeps all)
#   BACKUP_DATABASES       space-separated list (default: every non-template database but postgres)
#   BACKUP_REDIS_URL       redis://:password@host:port to snapshot (optional)
#   BACKUP_S3_ENDPOINT, BACKUP_S3_BUCKET, BACKUP_S3_REGION, BACKUP_S3_ACCESS_KEY,
#   BACKUP_S3_SECRET_KEY   upload when endpoint and bucket are set (optional)
#   BACKUP_METRICS_DIR     where backup.prom goes for node-exporter (default BACKUP_DIR)
#   PG_BIN_DIR             directory of pg_dump/psql when not on PATH
set -euo pipefail

BACKUP_DIR="${BACKUP_DIR:-/mnt/data/backups}"
RETENTION_DAYS="${BACKUP_RETENTION_DAYS:-7}"
PG_BIN="${PG_BIN_DIR:+${PG_BIN_DIR}/}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
log() { printf '%s backup: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

[[ "${RETENTION_DAYS}" =~ ^[0-9]+$ ]] || die "BACKUP_RETENTION_DAYS must be a whole number of days"
mkdir -p "${BACKUP_DIR}"
cd "${BACKUP_DIR}"

databases="${BACKUP_DATABASES:-}"
if [[ -z "${databases}" ]]; then
  databases="$("${PG_BIN}psql" -d postgres -XAtc \
    "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1")" ||
    die "cannot list databases on ${PGHOST:-local}:${PGPORT:-5432}"
fi
[[ -n "${databases}" ]] || die "no databases to back up"

written=()
# Each file is written under a temporary name and renamed only once complete and checksummed,
# so a crash never leaves a file that restore.sh would take for a good backup.
finish() { # finish tmpname finalname
  mv "$1" "$2"
  sha256sum "$2" > "$2.sha256.tmp" && mv "$2.sha256.tmp" "$2.sha256"
  written+=("$2" "$2.sha256")
}

for db in ${databases}; do
  out="${db}_${STAMP}.dump"
  log "dumping ${db}"
  "${PG_BIN}pg_dump" --format=custom --compress=6 --no-password --dbname="${db}" --file="${out}.partial" ||
    { rm -f "${out}.partial"; die "pg_dump ${db}"; }
  finish "${out}.partial" "${out}"
done

if [[ -n "${BACKUP_REDIS_URL:-}" ]]; then
  out="redis_${STAMP}.rdb"
  log "snapshotting redis"
  redis-cli -u "${BACKUP_REDIS_URL}" --no-auth-warning --rdb "${out}.partial" >/dev/null ||
    { rm -f "${out}.partial"; die "redis snapshot"; }
  finish "${out}.partial" "${out}"
fi

if [[ "${RETENTION_DAYS}" -gt 0 ]]; then
  # Only this script's own files, by age; anything else in the directory is left alone.
  find . -maxdepth 1 -type f -mmin "+$((RETENTION_DAYS * 1440))" \
    \( -name '*_????????T??????Z.dump' -o -name '*_????????T??????Z.dump.sha256' \
       -o -name 'redis_????????T??????Z.rdb' -o -name 'redis_????????T??????Z.rdb.sha256' \) \
    -print -delete | sed 's#^\./#removed (older than '"${RETENTION_DAYS}"' days): #' >&2
fi

if [[ -n "${BACKUP_S3_ENDPOINT:-}" && -n "${BACKUP_S3_BUCKET:-}" ]]; then
  [[ -n "${BACKUP_S3_ACCESS_KEY:-}" && -n "${BACKUP_S3_SECRET_KEY:-}" ]] || die "S3 keys missing"
  for f in "${written[@]}"; do
    log "uploading ${f}"
    # curl signs with AWS SigV4 itself, so no S3 client is needed in the image.
    curl --fail --silent --show-error --retry 3 \
      --aws-sigv4 "aws:amz:${BACKUP_S3_REGION:-nbg1}:s3" \
      --user "${BACKUP_S3_ACCESS_KEY}:${BACKUP_S3_SECRET_KEY}" \
      --upload-file "${f}" "${BACKUP_S3_ENDPOINT%/}/${BACKUP_S3_BUCKET}/$(hostname -s)/${f}" ||
      die "upload of ${f}"
  done
fi

# For node-exporter's textfile collector: the BackupStale alert reads it.
metrics_dir="${BACKUP_METRICS_DIR:-${BACKUP_DIR}}"
printf '# TYPE receptionist_backup_last_success_timestamp_seconds gauge\nreceptionist_backup_last_success_timestamp_seconds %s\n' \
  "$(date +%s)" > "${metrics_dir}/backup.prom.tmp" && mv "${metrics_dir}/backup.prom.tmp" "${metrics_dir}/backup.prom"
log "done: ${#written[@]} files in ${BACKUP_DIR}"
