#!/usr/bin/env bash
# Local service addresses shared by services.sh, dev.sh and test.sh. Any can be overridden
# from the environment; the defaults avoid the well-known ports so a machine's own
# PostgreSQL or Redis is never touched.
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-55432}"
export REDIS_PORT="${REDIS_PORT:-56379}"
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export DATABASE_URL="${DATABASE_URL:-postgres://receptionist:receptionist@127.0.0.1:${PGPORT}/receptionist}"
export DATABASE_ADMIN_URL="${DATABASE_ADMIN_URL:-postgres://receptionist:receptionist@127.0.0.1:${PGPORT}/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${REDIS_PORT}}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:${TEMPORAL_PORT}}"
