# Test-only stand-ins for temporalio/server, temporalio/admin-tools and temporalio/ui, from the
# same Go modules (go.temporal.io/server, github.com/temporalio/ui-server/v2) built on this
# machine, with the upstream config templates, schema files, paths and entrypoint contract.
FROM debian:bookworm-slim AS base
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini wget netcat-openbsd tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 1000 temporal && useradd --uid 1000 --gid temporal --create-home temporal

FROM base AS server
COPY bin/temporal-server /usr/local/bin/temporal-server
COPY config/docker.yaml /etc/temporal/config/docker.yaml
COPY config/dynamicconfig/docker.yaml /etc/temporal/config/dynamicconfig/docker.yaml
COPY temporal-entrypoint.sh /etc/temporal/entrypoint.sh
WORKDIR /etc/temporal
USER temporal
ENTRYPOINT ["sh", "/etc/temporal/entrypoint.sh"]

FROM base AS admin-tools
COPY bin/temporal-sql-tool bin/temporal /usr/local/bin/
COPY schema /etc/temporal/schema
WORKDIR /etc/temporal
USER temporal
ENTRYPOINT ["tini", "--", "sleep", "infinity"]

FROM base AS ui
COPY bin/ui-server /home/ui-server/ui-server
COPY ui-config /home/ui-server/config
WORKDIR /home/ui-server
USER temporal
ENTRYPOINT ["./ui-server", "--env", "docker", "start"]
