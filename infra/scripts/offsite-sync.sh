#!/usr/bin/env bash
# Off-site copy of the pgBackRest repository (archived WAL and base backups, written by the
# postgres container to /mnt/data/backups/pgbackrest) to S3-compatible storage (Hetzner Object
# Storage). Every file is encrypted before it leaves the box (AES-256-CBC, PBKDF2, from
# BACKUP_ENCRYPTION_PASSPHRASE) and uploaded once; the files pgBackRest rewrites (backup.info,
# archive.info) go again when they change. Run every 5 minutes by receptionist-offsite.timer,
# so a lost box loses at most ~6 minutes (archive_timeout + the timer).
#   offsite-sync.sh            push what is new
#   offsite-sync.sh --fetch    download and decrypt the whole copy into the repository directory
#                              (disaster recovery on a new box; then pitr.sh restore)
# Settings: BACKUP_S3_ENDPOINT, BACKUP_S3_BUCKET, BACKUP_S3_REGION, BACKUP_S3_ACCESS_KEY,
# BACKUP_S3_SECRET_KEY, BACKUP_ENCRYPTION_PASSPHRASE; PITR_REPO_DIR (default
# /backups/pgbackrest); OFFSITE_PREFIX (default the host name).
set -euo pipefail
REPO_DIR="${PITR_REPO_DIR:-/backups/pgbackrest}"
PREFIX="${OFFSITE_PREFIX:-$(hostname -s)}/pgbackrest"
STATE="${REPO_DIR%/}.offsite-state"
log() { printf '%s offsite: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

if [[ -z "${BACKUP_S3_ENDPOINT:-}" || -z "${BACKUP_S3_BUCKET:-}" ]]; then
  log "no bucket configured; nothing to do"; exit 0
fi
[[ -n "${BACKUP_S3_ACCESS_KEY:-}" && -n "${BACKUP_S3_SECRET_KEY:-}" ]] || die "S3 keys missing"
[[ -n "${BACKUP_ENCRYPTION_PASSPHRASE:-}" ]] || die "BACKUP_ENCRYPTION_PASSPHRASE missing: nothing leaves the box unencrypted"
base="${BACKUP_S3_ENDPOINT%/}/${BACKUP_S3_BUCKET}/${PREFIX}"
s3() { # curl args...: SigV4-signed by curl itself
  curl --fail --silent --show-error --retry 3 --aws-sigv4 "aws:amz:${BACKUP_S3_REGION:-nbg1}:s3" \
    --user "${BACKUP_S3_ACCESS_KEY}:${BACKUP_S3_SECRET_KEY}" "$@"
}
enc() { openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass env:BACKUP_ENCRYPTION_PASSPHRASE "$@"; }
tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT

if [[ "${1:-}" == --fetch ]]; then
  mkdir -p "${REPO_DIR}"
  s3 -o "${tmp}/index.enc" "${base}/index.enc" || die "no off-site index at ${base}"
  enc -d -in "${tmp}/index.enc" -out "${tmp}/index" || die "cannot decrypt the index: wrong passphrase?"
  n=0
  while read -r path _; do
    [[ "${path}" != *..* ]] || die "refusing path ${path}"
    mkdir -p "${REPO_DIR}/$(dirname "${path}")"
    s3 -o "${tmp}/f.enc" "${base}/${path}.enc" && enc -d -in "${tmp}/f.enc" -out "${REPO_DIR}/${path}" ||
      die "fetch of ${path}"
    n=$((n + 1))
  done < "${tmp}/index"
  log "fetched ${n} files into ${REPO_DIR}"
  exit 0
fi

[[ -d "${REPO_DIR}" ]] || die "no repository at ${REPO_DIR}"
touch "${STATE}"
# path size mtime: a file is sent again only when one of them changed.
(cd "${REPO_DIR}" && find . -type f ! -name '*.tmp' -printf '%P %s %T@\n' | sort) > "${tmp}/now"
sort "${STATE}" > "${tmp}/sent"
n=0
while read -r path size mtime; do
  enc -in "${REPO_DIR}/${path}" -out "${tmp}/f.enc" || die "encrypting ${path}"
  s3 --upload-file "${tmp}/f.enc" "${base}/${path}.enc" || die "upload of ${path}"
  grep -v "^${path} " "${STATE}" > "${STATE}.new" || true
  echo "${path} ${size} ${mtime}" >> "${STATE}.new" && mv "${STATE}.new" "${STATE}"
  n=$((n + 1))
done < <(comm -13 "${tmp}/sent" "${tmp}/now")
if [[ "${n}" -gt 0 ]]; then
  # The index names every file of the copy, so --fetch needs no bucket listing.
  enc -in "${STATE}" -out "${tmp}/index.enc" && s3 --upload-file "${tmp}/index.enc" "${base}/index.enc" ||
    die "upload of the index"
fi
log "sent ${n} new or changed files to ${base}"
