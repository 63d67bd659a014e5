#!/usr/bin/env bash
# pgBackRest for the receptionist's PostgreSQL: continuous WAL archiving to the backup volume
# (/var/lib/pgbackrest), weekly full and daily differential backups, retention, and
# point-in-time restore. The server sits on a network with no route out, so the off-site copy
# (encrypted, S3-compatible) is infra/scripts/offsite-sync.sh in the backup container.
#   pitr.sh entrypoint CMD...   write the config, then run the image's own entrypoint
#   pitr.sh backup [auto|full|diff|incr]
#                               stanza created if missing; auto = full when there is none yet or
#                               on PITR_FULL_WEEKDAY (default 7, Sunday), else differential
#   pitr.sh restore TARGET      TARGET is a time ("2026-12-02 04:31:00+00") or "latest"; into an
#                               empty or stopped data directory; the server promotes at the target
#   pitr.sh info                backups and the WAL range they can restore to
# Settings (environment): POSTGRES_USER; PITR_RETENTION_FULL (full backups kept, default 2: two
# weeks of point-in-time history, differentials expire with their full).
set -euo pipefail
STANZA="${PITR_STANZA:-receptionist}"
CONF=/etc/pgbackrest/pgbackrest.conf
log() { printf '%s pitr: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

write_conf() {
  local tmp="${CONF}.tmp.$$"
  {
    echo "[global]"
    echo "repo1-path=/var/lib/pgbackrest"
    echo "repo1-retention-full=${PITR_RETENTION_FULL:-2}"
    echo "start-fast=y"
    echo "compress-type=gz"
    echo "compress-level=3"
    echo "log-level-console=info"
    echo "log-level-file=off"
    echo
    echo "[${STANZA}]"
    echo "pg1-path=${PGDATA:-/var/lib/postgresql/data}"
    echo "pg1-socket-path=/var/run/postgresql"
    echo "pg1-user=${POSTGRES_USER:-postgres}"
  } > "${tmp}"
  chmod 0640 "${tmp}"
  mv "${tmp}" "${CONF}"
  # Readable by the server's archive_command (it runs as postgres), by no one else.
  [[ "$(id -u)" != 0 ]] || chown postgres:postgres "${CONF}"
}

pgbr() { pgbackrest --stanza="${STANZA}" "$@"; }

cmd="${1:-}"; shift || true
case "${cmd}" in
  entrypoint)
    write_conf
    exec bash /usr/local/bin/docker-entrypoint.sh "$@"
    ;;
  backup)
    write_conf
    type="${1:-auto}"
    # Idempotent: creates the stanza on first use, checks it matches the cluster afterwards.
    pgbr stanza-create >/dev/null
    if [[ "${type}" == auto ]]; then
      if ! pgbr info --output=json | grep -q '"type":"full"'; then type="full"
      elif [[ "$(date -u +%u)" == "${PITR_FULL_WEEKDAY:-7}" ]]; then type="full"
      else type="diff"; fi
    fi
    log "${type} backup of stanza ${STANZA}"
    pgbr backup --type="${type}"
    # Expiry follows the retention settings (backup already expires; explicit for clarity).
    pgbr expire
    pgbr check >/dev/null
    log "done: $(pgbr info --output=json | grep -o '"label":"[^"]*"' | tail -1)"
    ;;
  restore)
    target="${1:?restore needs a time or latest}"
    write_conf
    data="${PGDATA:-/var/lib/postgresql/data}"
    [[ ! -f "${data}/postmaster.pid" ]] || die "PostgreSQL still runs on ${data}; stop it first"
    args=(--delta)
    if [[ "${target}" != latest ]]; then
      args+=(--type=time "--target=${target}" --target-action=promote)
    fi
    log "restoring stanza ${STANZA} into ${data} (target: ${target})"
    pgbr restore "${args[@]}"
    log "restored; start PostgreSQL and it replays the archived WAL up to the target"
    ;;
  info)
    write_conf
    pgbr info
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
