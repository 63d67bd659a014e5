#!/usr/bin/env bash
# Restores PostgreSQL databases from backup.sh's dumps. Checksums are verified before anything
# is touched; each database is restored into a scratch database first and swapped in only
# when pg_restore succeeded, so a failed restore leaves the current data in place.
#
#   restore.sh --list
#   restore.sh --latest [--db NAME] [--yes]     newest backup of every database (or of NAME)
#   restore.sh FILE [--db NAME] [--yes]         one dump; into NAME instead of its own database
#   restore.sh --pitr TIME|latest [--yes]       point in time: the whole server from pgBackRest
#
# Same environment as backup.sh (PGHOST..., BACKUP_DIR, PG_BIN_DIR). --pitr runs in the postgres
# image with the server stopped and its data directory empty or disposable (docs/deploy.md):
# the base backup and the archived WAL up to TIME ("2026-12-02 04:31:00+00"), then promotion.
set -euo pipefail

BACKUP_DIR="${BACKUP_DIR:-/mnt/data/backups}"
PG_BIN="${PG_BIN_DIR:+${PG_BIN_DIR}/}"
log() { printf 'restore: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
usage() { sed -n '6,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

mode="" file="" target="" yes=0 pitr_target=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --list) mode=list ;;
    --latest) mode=latest ;;
    --pitr) mode=pitr; pitr_target="${2:-}"; shift ;;
    --db) target="${2:-}"; shift ;;
    --yes | -y) yes=1 ;;
    -h | --help) usage ;;
    -*) usage ;;
    *) mode="file"; file="$1" ;;
  esac
  shift
done
[[ -n "${mode}" ]] || usage

if [[ "${mode}" == pitr ]]; then
  [[ -n "${pitr_target}" ]] || usage
  command -v pgbackrest >/dev/null && [[ -f /usr/local/bin/pitr.sh ]] ||
    die "--pitr runs in the postgres image, with the server stopped; see docs/deploy.md"
  log "This REPLACES the whole server's data directory with its state at ${pitr_target}."
  if [[ "${yes}" != 1 ]]; then
    [[ -t 0 ]] || die "no terminal to confirm on; pass --yes"
    read -r -p "Type 'restore' to continue: " answer
    [[ "${answer}" == restore ]] || die "aborted"
  fi
  exec bash /usr/local/bin/pitr.sh restore "${pitr_target}"
fi
cd "${BACKUP_DIR}" 2>/dev/null || die "no backup directory ${BACKUP_DIR}"

# Oldest first, by the UTC stamp in the name (database names may contain underscores).
dumps() {
  ls -1 -- *_????????T??????Z.dump 2>/dev/null | sed 's/^\(.*_\(........T......Z\)\.dump\)$/\2 \1/' |
    sort | cut -d' ' -f2 || true
}
db_of() { local b; b="$(basename "$1")"; echo "${b%_????????T??????Z.dump}"; }
stamp_of() { local b; b="$(basename "$1" .dump)"; echo "${b##*_}"; }

if [[ "${mode}" == list ]]; then
  printf '%-22s %-28s %10s\n' STAMP DATABASE SIZE
  for f in $(dumps); do
    printf '%-22s %-28s %10s\n' "$(stamp_of "${f}")" "$(db_of "${f}")" "$(du -h "${f}" | cut -f1)"
  done
  exit 0
fi

selected=()
if [[ "${mode}" == latest ]]; then
  if [[ -n "${target}" ]]; then
    f="$(dumps | grep -E "^${target}_[0-9]{8}T[0-9]{6}Z\.dump$" | tail -1 || true)"
    [[ -n "${f}" ]] || die "no backup of ${target} in ${BACKUP_DIR}"
    selected=("${f}")
  else
    last="$(dumps | sed 's/.*_\(........T......Z\)\.dump$/\1/' | sort | tail -1)"
    [[ -n "${last}" ]] || die "no backups in ${BACKUP_DIR}"
    mapfile -t selected < <(dumps | grep "_${last}\.dump$")
  fi
else
  [[ -f "${file}" ]] || file="${BACKUP_DIR}/$(basename "${file}")"
  [[ -f "${file}" ]] || die "no such backup: ${file}"
  selected=("${file}")
fi

for f in "${selected[@]}"; do
  [[ -f "${f}.sha256" ]] || die "no checksum file for ${f}; refusing to restore"
  (cd "$(dirname "${f}")" && sha256sum --quiet --check "$(basename "${f}").sha256" >/dev/null 2>&1) ||
    die "checksum mismatch for ${f}: the file is corrupted; refusing to restore"
  "${PG_BIN}pg_restore" --list "${f}" >/dev/null 2>&1 || die "${f} is not a readable pg_dump archive"
done

plan=()
for f in "${selected[@]}"; do plan+=("$(basename "${f}") -> ${target:-$(db_of "${f}")}"); done
log "checksums verified. This REPLACES on ${PGHOST:-local}:${PGPORT:-5432}:"
printf '  %s\n' "${plan[@]}" >&2
if [[ "${yes}" != 1 ]]; then
  [[ -t 0 ]] || die "no terminal to confirm on; pass --yes"
  read -r -p "Type 'restore' to continue: " answer
  [[ "${answer}" == restore ]] || die "aborted"
fi

psql_admin() { "${PG_BIN}psql" -d postgres -XqAt -v ON_ERROR_STOP=1 "$@"; }
for f in "${selected[@]}"; do
  db="${target:-$(db_of "${f}")}"
  scratch="${db}__restoring"
  log "restoring ${f} into ${db}"
  psql_admin -c "DROP DATABASE IF EXISTS \"${scratch}\" WITH (FORCE)" -c "CREATE DATABASE \"${scratch}\""
  if ! "${PG_BIN}pg_restore" --exit-on-error --single-transaction --no-owner -d "${scratch}" "${f}"; then
    psql_admin -c "DROP DATABASE IF EXISTS \"${scratch}\" WITH (FORCE)"
    die "pg_restore of ${f} failed; ${db} was left as it was"
  fi
  psql_admin -c "DROP DATABASE IF EXISTS \"${db}\" WITH (FORCE)" -c "ALTER DATABASE \"${scratch}\" RENAME TO \"${db}\""
done
log "done"
