#!/usr/bin/env bash
# Replays the images' install stages without a Docker engine: turbo prune, pnpm fetch --prod
# on the pruned lockfile, offline --prod install; then checks the tree the runtime stage copies.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
source "${HERE}/lib.sh"
source "${REPO}/scripts/lib/toolchain.sh"
set +e
install_deps >/dev/null 2>&1
export CI=true

W="$(mktemp -d /tmp/infra-image.XXXXXX)"
trap 'rm -rf "${W}"' EXIT
# The build context: tracked and new files, as .dockerignore leaves them (no node_modules).
(cd "${REPO}" && git ls-files -co --exclude-standard -z | grep -zv -E '^(infra|docs|shared)/' |
  tar --null -T - -cf - 2>/dev/null) | (mkdir -p "${W}/ctx" && tar -xf - -C "${W}/ctx")

for app in backend agent worker; do
  d="${W}/${app}"
  mkdir -p "${d}/install"
  if ! (cd "${W}/ctx" && rm -rf out && turbo prune "@receptionist/${app}" --docker >"${d}/prune.log" 2>&1); then
    not_ok "${app}: turbo prune"; sed 's/^/#   /' "${d}/prune.log" | tail -5; continue
  fi
  cp -r "${W}/ctx/out/json/." "${d}/install/"
  if ! (cd "${d}/install" && pnpm fetch --prod >"${d}/fetch.log" 2>&1 && cp -r "${W}/ctx/out/full/." . &&
    pnpm install --offline --frozen-lockfile --prod >"${d}/install.log" 2>&1); then
    not_ok "${app}: pnpm fetch --prod + install --offline --frozen-lockfile --prod"
    tail -5 "${d}/fetch.log" "${d}/install.log" | sed 's/^/#   /'; continue
  fi
  ok "${app}: pnpm fetch --prod + install --offline --frozen-lockfile --prod on the pruned workspace"
  if [[ "${app}" == worker ]]; then
    # The Dockerfile's own trim step, taken from the file, run in the same place.
    trim="$(awk '/^RUN keep=/{on=1} on{sub(/^RUN /,""); print; if ($0 !~ /\\$/) exit}' "${REPO}/docker/worker.Dockerfile")"
    expect "worker: core-bridge trimmed to this platform's library, which still loads" bash -c "
      cd '${d}/install' && sh -c \"\${1}\" _ \"\${2}\" && n=\$(ls node_modules/.pnpm/@temporalio+core-bridge@*/node_modules/@temporalio/core-bridge/releases | wc -l) &&
      [[ \$n == 1 ]] && cd apps/worker && node -e \"require(require.resolve('@temporalio/core-bridge', {paths: [require.resolve('@temporalio/worker')]}))\"" _ "${trim}"
    # The trim after the bundle (js-tiktoken's full build, SWC's compiler, react-dom's
    # development builds): the bundle is built as the image builds it, the step taken from the
    # file; the worker's main module and LangChain's tokenizer still load from what is left.
    after="$(awk '/^RUN test -s apps\/worker\/dist/{on=1} on{sub(/^RUN /,""); print; if ($0 !~ /\\$/) exit}' "${REPO}/docker/worker.Dockerfile")"
    expect "worker: the post-bundle trim runs and the worker's modules still load" bash -c "
      cd '${d}/install/apps/worker' && node src/build-workflow-bundle.ts >/dev/null && cd ../.. && sh -c \"\${1}\" _ \"\${2}\" &&
      ! ls -d node_modules/.pnpm/@swc+core-linux-* 2>/dev/null && cd apps/worker &&
      node -e \"require('@temporalio/worker'); for (const f of process.argv.slice(1)) require(f)\" ../../node_modules/.pnpm/@langchain+core@*/node_modules/@langchain/core/dist/utils/tiktoken.cjs" _ "${after}"
  fi
  expect "${app}: production deps resolve, dev deps absent, workspace packages outside node_modules" \
    node "${HERE}/image-tree-check.mjs" "${d}/install" "${app}"
  echo "# ${app}: install tree the runtime stage copies: $(du -sh "${d}/install" | cut -f1)"
done
