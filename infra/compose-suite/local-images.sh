#!/usr/bin/env bash
# Builds the local stand-ins for the third-party images of docker-compose.yml (the override
# file swaps them in): PostgreSQL, Redis and nginx from Debian's packages; Temporal's server,
# admin tools (temporal-sql-tool, temporal CLI, schema) and UI from their Go modules.
# Needs: DOCKER_HOST at the suite's engine, debian:bookworm-slim there (base-images.sh).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
CE_ROOT="${CE_ROOT:-${REPO}/.cache/compose-suite}"
source "${REPO}/scripts/lib/compose-engine.sh"
TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.29.1}"
TEMPORAL_UI_VERSION="${TEMPORAL_UI_VERSION:-v2.42.1}"
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
log() { printf '[local-images] %s\n' "$*" >&2; }

build() { # TAG DOCKERFILE CONTEXT [TARGET]
  local tag="$1" file="$2" ctx="$3" target="${4:-}"
  docker build --network host -q ${target:+--target "${target}"} -t "${tag}" -f "${file}" "${ctx}" >/dev/null
  log "${tag} built"
}

for name in postgres redis nginx; do
  build "receptionist-local/${name}" "${HERE}/images/${name}.Dockerfile" "${HERE}/images"
done

# Temporal: binaries from the Go modules (cached), config templates and schema from the same
# module versions, laid out as the upstream images have them.
bin="${CE_ROOT}/bin"
ce_go_build go.temporal.io/server "${TEMPORAL_SERVER_VERSION}" ./cmd/server "${bin}/temporal-server-${TEMPORAL_SERVER_VERSION}"
ce_go_build go.temporal.io/server "${TEMPORAL_SERVER_VERSION}" ./cmd/tools/sql "${bin}/temporal-sql-tool-${TEMPORAL_SERVER_VERSION}"
ce_go_build github.com/temporalio/ui-server/v2 "${TEMPORAL_UI_VERSION}" ./cmd/server "${bin}/temporal-ui-server-${TEMPORAL_UI_VERSION}"
cli="${bin}/temporal-cli-${TEMPORAL_CLI_VERSION}"
if [[ ! -x "${cli}" ]]; then
  # scripts/services.sh builds the same CLI (go install reports it as 0.0.0-DEV, with the server
  # version it embeds) for the test services; reuse it when it is there.
  if [[ -x "${REPO}/.cache/bin/temporal" ]] && "${REPO}/.cache/bin/temporal" --version | grep -q "Server ${TEMPORAL_SERVER_VERSION#v}"; then
    cp "${REPO}/.cache/bin/temporal" "${cli}"
  else
    ce_go_build github.com/temporalio/cli "${TEMPORAL_CLI_VERSION}" ./cmd/temporal "${cli}"
  fi
fi
srv="$(cd /tmp && go mod download -json "go.temporal.io/server@${TEMPORAL_SERVER_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
ui="$(cd /tmp && go mod download -json "github.com/temporalio/ui-server/v2@${TEMPORAL_UI_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
ctx="${CE_ROOT}/temporal-context"
rm -rf "${ctx}" && mkdir -p "${ctx}/bin" "${ctx}/config/dynamicconfig" "${ctx}/ui-config"
cp "${bin}/temporal-server-${TEMPORAL_SERVER_VERSION}" "${ctx}/bin/temporal-server"
cp "${bin}/temporal-sql-tool-${TEMPORAL_SERVER_VERSION}" "${ctx}/bin/temporal-sql-tool"
cp "${bin}/temporal-ui-server-${TEMPORAL_UI_VERSION}" "${ctx}/bin/ui-server"
cp "${cli}" "${ctx}/bin/temporal"
cp "${srv}/config/docker.yaml" "${ctx}/config/docker.yaml"
cp "${srv}/config/dynamicconfig/docker.yaml" "${ctx}/config/dynamicconfig/docker.yaml"
cp -r "${srv}/schema" "${ctx}/schema"
cp "${ui}/config/docker.yaml" "${ui}/config/base.yaml" "${ctx}/ui-config/" 2>/dev/null || cp "${ui}/config/docker.yaml" "${ctx}/ui-config/"
cp "${HERE}/images/temporal-entrypoint.sh" "${ctx}/"
chmod -R u+w "${ctx}"
for target in server admin-tools ui; do
  build "receptionist-local/temporal-${target}" "${HERE}/images/temporal.Dockerfile" "${ctx}" "${target}"
done
