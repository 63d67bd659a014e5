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
# After the bundle (webpack reads the sources and maps it bundles).
# Never read at run time (~15% of the tree): type declarations, TypeScript sources (Node does not
# run them under node_modules/), source maps, docs and the dependencies' own test folders; and
# our own test files.
RUN find node_modules/.pnpm -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
      -o -name '*.map' -o -name '*.md' -o -name '*.markdown' -o -name '*.tsbuildinfo' \) -delete \
    && find node_modules/.pnpm -mindepth 4 -maxdepth 5 -type d \
      \( -name test -o -name tests -o -name __tests__ \) -path '*/node_modules/*' -prune -exec rm -rf {} + \
    && find apps packages -name node_modules -prune -o -type f \
      \( -name '*.test.ts' -o -name '*.test.tsx' -o -name '*.bench.ts' \) -print | xargs -r rm -f
# Also never loaded by this worker (~37 MB): js-tiktoken's full build with all five encodings
# inlined (@langchain/core imports only `js-tiktoken/lite`, which fetches ranks when asked; the
# build fails if anything imports the full one), SWC's native compiler (only webpack's loader
# calls it, and the worker loads the bundle above: WORKFLOW_BUNDLE_PATH below) and react-dom's
# development builds (react-dom is an auto-installed peer that only @langchain/langgraph-sdk's
# React entry points import, which the worker never loads).
RUN test -s apps/worker/dist/workflow-bundle.js \
    && ! grep -rlE "['\"]js-tiktoken(/ranks/[^'\"]*)?['\"]" --include='*.js' --include='*.cjs' \
      --include='*.mjs' --include='*.ts' --include='*.tsx' node_modules/.pnpm apps packages \
      | grep -v '/node_modules/js-tiktoken/' \
    && for d in node_modules/.pnpm/js-tiktoken@*/node_modules/js-tiktoken/dist; do \
         rm -rf "$d/ranks" "$d"/index.js "$d"/index.cjs; \
       done \
    && rm -rf node_modules/.pnpm/@swc+core-linux-* \
    && find node_modules/.pnpm -path '*/node_modules/react-dom/cjs/*.development.js' -delete

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
ENV PATH=/usr/local/bin:/usr/bin NODE_ENV=production WORKER_HTTP_PORT=8100 \
    WORKFLOW_BUNDLE_PATH=/app/apps/worker/dist/workflow-bundle.js
WORKDIR /app
COPY --from=install /app /app
USER node
WORKDIR /app/apps/worker
EXPOSE 8100
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_HTTP_PORT||8100)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "src/main.ts"]
