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
# Never read at run time (~15% of the tree): type declarations, TypeScript sources (Node does not
# run them under node_modules/), source maps, docs and the dependencies' own test folders; and
# our own test files.
RUN find node_modules/.pnpm -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
      -o -name '*.map' -o -name '*.md' -o -name '*.markdown' -o -name '*.tsbuildinfo' \) -delete \
    && find node_modules/.pnpm -mindepth 4 -maxdepth 5 -type d \
      \( -name test -o -name tests -o -name __tests__ \) -path '*/node_modules/*' -prune -exec rm -rf {} + \
    && find apps packages -name node_modules -prune -o -type f \
      \( -name '*.test.ts' -o -name '*.test.tsx' -o -name '*.bench.ts' \) -print | xargs -r rm -f

# The staff console (apps/console): a static Vite build the backend serves under /console. Its
# own pruned workspace with dev dependencies (Vite, React's types); only dist/ reaches the image.
FROM pnpm AS console-prune
COPY . .
RUN turbo prune @receptionist/console --docker

FROM pnpm AS console-build
COPY --from=console-prune /app/out/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY --from=console-prune /app/out/full/ ./
# The console's tsconfig extends the root one, which a pruned workspace leaves out.
COPY --from=console-prune /app/tsconfig.base.json ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --filter @receptionist/console
RUN pnpm --filter @receptionist/console build

# The runtime is distroless, made from the base's own Debian packages: node (debug symbols
# stripped), the C and C++ runtime libraries it and the native addons load, tini and the CA
# bundle; no shell, apt, npm or pnpm ship (~110 MB less than the Node base).
FROM ${NODE_IMAGE} AS rootfs
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini ca-certificates binutils \
    && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /rootfs/usr/local/bin /rootfs/usr/bin /rootfs/etc/ssl/certs /rootfs/home/node \
      /rootfs/tmp /rootfs/app \
    && strip -o /rootfs/usr/local/bin/node "$(command -v node)" \
    && cp /usr/bin/tini /rootfs/usr/bin/tini \
    && for f in $(dpkg -L libc6 libgcc-s1 libstdc++6 | grep -E '\.so(\.[0-9]+)*$' | grep -v gconv); do \
         mkdir -p "/rootfs$(dirname "$f")" && cp -L "$f" "/rootfs$f"; \
       done \
    && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ \
    && { [ ! -f /etc/nsswitch.conf ] || cp /etc/nsswitch.conf /rootfs/etc/; } \
    && grep -E '^(root|node):' /etc/passwd | sed 's#:[^:]*$#:/usr/sbin/nologin#' > /rootfs/etc/passwd \
    && grep -E '^(root|node):' /etc/group > /rootfs/etc/group \
    && chown 1000:1000 /rootfs/home/node && chmod 1777 /rootfs/tmp

FROM scratch AS runtime
COPY --from=rootfs /rootfs/ /
ENV PATH=/usr/local/bin:/usr/bin NODE_ENV=production PORT=3000
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
