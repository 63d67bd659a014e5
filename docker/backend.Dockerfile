# syntax=docker/dockerfile:1.7
# Backend (Express, port 3000). Also the image the `migrate` job runs, because it carries
# packages/db with node-pg-migrate and the migrations.
#
# Node runs the TypeScript sources directly (type stripping), and Node refuses to strip types
# under node_modules/. `pnpm deploy` would place workspace packages there, so the runtime keeps
# the workspace layout instead: a production-only, filtered, offline install of this app and
# the workspace packages it depends on, from a store filled by `pnpm fetch`.
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS pnpm
ARG PNPM_VERSION=10.34.9
ENV CI=true npm_config_store_dir=/pnpm/store
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}" && npm cache clean --force
WORKDIR /app

# Only the lockfile decides this layer, so source edits do not refetch dependencies.
FROM pnpm AS fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --prod

FROM fetch AS install
COPY packages ./packages
COPY apps/backend ./apps/backend
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --prod --filter "@receptionist/backend..." \
    && rm -rf /app/node_modules/.pnpm/node_modules/.cache

FROM ${NODE_IMAGE} AS runtime
RUN apk add --no-cache tini
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Root-owned and read-only for the `node` user: a compromised process cannot rewrite the code.
COPY --from=install /app /app
USER node
WORKDIR /app/apps/backend
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tini reaps children and forwards SIGTERM so the graceful shutdown path runs.
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "src/main.ts"]
