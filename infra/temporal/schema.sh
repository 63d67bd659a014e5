#!/bin/sh
# One-shot job in the temporalio/admin-tools image (the `temporal-schema` service): creates
# Temporal's two databases on our PostgreSQL and brings both schemas to the versions the pinned
# server needs. Every step is idempotent, so it runs on each `up`, and bumping the image tags
# upgrades the schema before the server starts. Connection settings come from SQL_* variables.
set -eu
root="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12"
for pair in "${TEMPORAL_DB:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"
  dir="${root}/${pair#*:}/versioned"
  # Fails when the database exists, which is the normal case after the first start; a real
  # connection problem fails setup-schema just below.
  temporal-sql-tool --db "${db}" create-database >/dev/null 2>&1 || echo "temporal-schema: database ${db} exists"
  # Creates only the version tables, and never lowers a recorded version.
  temporal-sql-tool --db "${db}" setup-schema -v 0.0
  temporal-sql-tool --db "${db}" update-schema -d "${dir}"
  echo "temporal-schema: ${db} is current (${dir})"
done
