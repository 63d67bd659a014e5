# Backup and restore runner: pg_dump/pg_restore matching the server's major version, redis-cli
# for the Redis snapshot, curl (SigV4) for S3-compatible upload, openssl to encrypt the off-site
# copy of the pgBackRest repository (offsite-sync.sh). Scripts are mounted, not baked.
FROM postgres:14-bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates openssl redis-tools \
    && rm -rf /var/lib/apt/lists/*
USER postgres
HEALTHCHECK NONE
ENTRYPOINT ["bash", "/scripts/backup.sh"]
