# Backend (Express, port 3000). Also the image the `migrate` job runs: it carries packages/db
# with node-pg-migrate and the migrations.
#
# Node runs the TypeScript sources directly (type stripping) and refuses to strip types under
# node_modules/. `pnpm deploy` would put the workspace packages there, so the image keeps the
# workspace layout instead: `turbo prune` cuts the workspace and lockfile down to this app and
# what it imports, `pnpm fetch` fills the store from the pruned lockfile alone (cached until
# dependencies change), and an offline production install links it.
ARG NODE_IMAGE=node:24-bookworm-slim
ARG APP=backend

FROM ${NODE_IMAGE} AS pnpm
ARG PNPM_VERSION=10.34.9
ARG TURBO_VERSION=2.11.11
ENV CI=true npm_config_store_dir=/pnpm/store
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}" "turbo@${TURBO_VERSION}" \
    && npm cache clean --force
WORKDIR /app

FROM pnpm AS prune
ARG APP
COPY . .
RUN turbo prune "@receptionist/${APP}" --docker

FROM pnpm AS fetch
COPY --from=prune /app/out/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --prod

FROM fetch AS install
COPY --from=prune /app/out/full/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --prod
# Type declarations and source maps are never read at run time and are ~45% of the tree.
RUN find node_modules/.pnpm -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
      -o -name '*.js.map' -o -name '*.mjs.map' -o -name '*.cjs.map' \) -delete

# The staff console (apps/console): a static Vite build the backend serves under /console. Its
# own pruned workspace with dev dependencies (Vite, React's types); only dist/ reaches the image.
FROM pnpm AS console-prune
COPY . .
RUN turbo prune @receptionist/console --docker

FROM pnpm AS console-build
COPY --from=console-prune /app/out/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY --from=console-prune /app/out/full/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --filter @receptionist/console
RUN pnpm --filter @receptionist/console build

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Root-owned, so the unprivileged `node` user cannot rewrite the code it runs.
COPY --from=install /app /app
# Where the backend's console router looks for it (apps/console/dist next to apps/backend).
COPY --from=console-build /app/apps/console/dist /app/apps/console/dist
USER node
WORKDIR /app/apps/backend
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tini reaps children and forwards SIGTERM so the graceful shutdown path runs.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "src/main.ts"]
