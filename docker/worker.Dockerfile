# syntax=docker/dockerfile:1.7
# Temporal worker (health and metrics on 8100).
#
# Debian slim rather than Alpine: @temporalio/core-bridge ships its native library for glibc
# only. Same layout reasoning as backend.Dockerfile: the workspace stays a workspace because Node
# will not strip types under node_modules/.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS pnpm
ARG PNPM_VERSION=10.34.9
ENV CI=true npm_config_store_dir=/pnpm/store
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}" && npm cache clean --force
WORKDIR /app

FROM pnpm AS fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --prod

FROM fetch AS install
COPY packages ./packages
COPY apps/worker ./apps/worker
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --prod --filter "@receptionist/worker..."
# Workflow code is bundled once at build time, so the worker starts without webpack work.
RUN cd apps/worker && node src/build-workflow-bundle.ts

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production WORKER_HTTP_PORT=8100
WORKDIR /app
COPY --from=install /app /app
USER node
WORKDIR /app/apps/worker
EXPOSE 8100
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_HTTP_PORT||8100)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "src/main.ts"]
