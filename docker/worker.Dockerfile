# Temporal worker (health and metrics on 8100). Layout and install as in backend.Dockerfile.
# Debian slim rather than Alpine: @temporalio/core-bridge ships its native library for glibc.
ARG NODE_IMAGE=node:24-bookworm-slim
ARG APP=worker

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
# Workflow code is bundled once here, so the worker starts without webpack work.
RUN cd apps/worker && node src/build-workflow-bundle.ts
# core-bridge ships prebuilt libraries for five platforms (~140 MB) and its Rust sources; keep
# only this platform's library.
RUN keep="$(uname -m)-unknown-linux-gnu" \
    && for d in node_modules/.pnpm/@temporalio+core-bridge@*/node_modules/@temporalio/core-bridge; do \
         find "$d/releases" -mindepth 1 -maxdepth 1 ! -name "$keep" -exec rm -rf {} + ; \
         rm -rf "$d/sdk-core"; \
       done
# After the bundle (webpack may read the maps): type declarations and source maps are never
# read at run time and are ~45% of the tree.
RUN find node_modules/.pnpm -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
      -o -name '*.js.map' -o -name '*.mjs.map' -o -name '*.cjs.map' \) -delete

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
