#!/usr/bin/env bash
# Same contract as the postgres image's entrypoint, for what our compose files use: an empty
# $PGDATA is initialised with POSTGRES_USER (superuser), POSTGRES_PASSWORD and POSTGRES_DB,
# remote connections need the password, and "postgres -c ..." arguments reach the server.
set -euo pipefail
bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
export PATH="${bindir}:${PATH}"
if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi
if [[ "$(id -u)" == 0 && "${1:-}" == postgres ]]; then
  mkdir -p "${PGDATA}" /var/run/postgresql
  chown -R postgres:postgres "${PGDATA}" /var/run/postgresql
  chmod 0700 "${PGDATA}"
  exec setpriv --reuid postgres --regid postgres --init-groups bash "${BASH_SOURCE[0]}" "$@"
fi
if [[ "${1:-}" == postgres && ! -s "${PGDATA}/PG_VERSION" ]]; then
  pw="$(mktemp)"
  printf '%s' "${POSTGRES_PASSWORD:?}" > "${pw}"
  initdb -D "${PGDATA}" -U "${POSTGRES_USER:-postgres}" --pwfile="${pw}" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "${pw}"
  echo "host all all all scram-sha-256" >> "${PGDATA}/pg_hba.conf"
  echo "listen_addresses = '*'" >> "${PGDATA}/postgresql.conf"
  if [[ -n "${POSTGRES_DB:-}" && "${POSTGRES_DB}" != postgres ]]; then
    pg_ctl -D "${PGDATA}" -o "-c listen_addresses=''" -w start >/dev/null
    psql -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d postgres -q \
      -c "CREATE DATABASE \"${POSTGRES_DB}\""
    for f in /docker-entrypoint-initdb.d/*.sql; do
      [[ -f "${f}" ]] && psql -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB}" -q -f "${f}"
    done
    pg_ctl -D "${PGDATA}" -m fast -w stop >/dev/null
  fi
fi
if [[ "${1:-}" == postgres ]]; then shift; exec postgres -D "${PGDATA}" "$@"; fi
exec "$@"
