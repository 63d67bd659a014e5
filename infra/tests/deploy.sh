#!/usr/bin/env bash
# deploy.sh's order and rollback, with the docker CLI replaced by docker-shim.sh and a
# throwaway git origin: first deploy, a deploy whose backend turns unhealthy (rolled back to the
# previous images and checkout), and a failed migration (running release untouched).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
source "${HERE}/lib.sh"

W="$(mktemp -d /tmp/infra-deploy.XXXXXX)"
trap 'rm -rf "${W}"' EXIT
git init -q --bare --initial-branch=main "${W}/origin.git"
git -C "${REPO}" push -q "${W}/origin.git" HEAD:refs/heads/main 2>/dev/null ||
  { not_ok "set up a throwaway origin"; exit 1; }
git clone -q "${W}/origin.git" "${W}/app"
cp "${REPO}/infra/scripts/deploy.sh" "${W}/deploy.sh" # the version under test, committed or not
cp "${REPO}/docker/.env.prod.example" "${W}/app/.env.prod"
export APP_DIR="${W}/app" DOCKER="${HERE}/docker-shim.sh" SHIM_LOG="${W}/calls.log" HEALTH_TIMEOUT=10
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com

commit_on_origin() { # a new release on origin/main; prints its short tag
  local c="${W}/committer"
  [[ -d "${c}" ]] || git clone -q "${W}/origin.git" "${c}"
  git -C "${c}" pull -q && git -C "${c}" commit -q --allow-empty -m "$1" && git -C "${c}" push -q origin HEAD:main
  git -C "${c}" rev-parse --short=12 HEAD
}
line_of() { grep -n -F -- "$1" "${SHIM_LOG}" | head -1 | cut -d: -f1; }

tag_a="$(git -C "${W}/app" rev-parse --short=12 HEAD 2>/dev/null)"
[[ -n "${tag_a}" ]] || { not_ok "throwaway clone has a commit"; exit 1; }
: > "${SHIM_LOG}"
expect "first deploy succeeds and records the release" bash -c "bash '${W}/deploy.sh' && [[ \$(cat '${W}/app/.deploy/current') == ${tag_a} ]]"
expect "order: build, data services, migrate, worker, agent, backend, nginx" bash -c "
  b=\$(grep -n 'compose.* build migrate worker agent backend' '${SHIM_LOG}' | cut -d: -f1)
  d=\$(grep -n 'up -d postgres redis temporal' '${SHIM_LOG}' | cut -d: -f1)
  m=\$(grep -n 'run --rm migrate' '${SHIM_LOG}' | cut -d: -f1)
  w=\$(grep -n 'up -d --no-deps worker' '${SHIM_LOG}' | cut -d: -f1)
  a=\$(grep -n 'up -d --no-deps agent' '${SHIM_LOG}' | cut -d: -f1)
  k=\$(grep -n 'up -d --no-deps backend' '${SHIM_LOG}' | cut -d: -f1)
  n=\$(grep -n 'up -d --no-deps nginx' '${SHIM_LOG}' | cut -d: -f1)
  [[ -n \$b && \$b -lt \$d && \$d -lt \$m && \$m -lt \$w && \$w -lt \$a && \$a -lt \$k && \$k -lt \$n ]]"
expect "apps start with the image tagged by the deployed commit" grep -q "^IMAGE_TAG=${tag_a} .*up -d --no-deps backend" "${SHIM_LOG}"

tag_b="$(commit_on_origin 'release b')"
[[ -n "${tag_b}" && "${tag_b}" != "${tag_a}" ]] || { not_ok "second release on origin"; exit 1; }
: > "${SHIM_LOG}"
expect "a deploy whose backend turns unhealthy exits non-zero" bash -c "! SHIM_UNHEALTHY_TAG=${tag_b} bash '${W}/deploy.sh'"
expect "backup runs before the migration of a later release" bash -c "
  [[ \$(grep -n 'run --rm backup' '${SHIM_LOG}' | cut -d: -f1) -lt \$(grep -n 'run --rm migrate' '${SHIM_LOG}' | cut -d: -f1) ]]"
expect "rollback restarts worker, agent and backend on the previous images" bash -c "
  for s in worker agent backend; do grep -q \"^IMAGE_TAG=${tag_a} .*up -d --no-deps \$s\" '${SHIM_LOG}' || exit 1; done
  [[ \$(grep -n \"^IMAGE_TAG=${tag_a} .*up -d --no-deps worker\" '${SHIM_LOG}' | cut -d: -f1) -gt \$(grep -n \"^IMAGE_TAG=${tag_b} .*up -d --no-deps backend\" '${SHIM_LOG}' | cut -d: -f1) ]]"
expect "after a rollback the recorded release and checkout are the previous ones, nginx untouched" bash -c "
  [[ \$(cat '${W}/app/.deploy/current') == ${tag_a} && \$(git -C '${W}/app' rev-parse --short=12 HEAD) == ${tag_a} ]] &&
  ! grep -q 'up -d --no-deps nginx' '${SHIM_LOG}'"

: > "${SHIM_LOG}"
expect "a failed migration stops the deploy before any app restarts" bash -c "
  ! SHIM_MIGRATE_FAIL=1 bash '${W}/deploy.sh' && ! grep -q 'up -d --no-deps' '${SHIM_LOG}' &&
  [[ \$(cat '${W}/app/.deploy/current') == ${tag_a} ]]"

: > "${SHIM_LOG}"
expect "the same release then deploys cleanly" bash -c "bash '${W}/deploy.sh' && [[ \$(cat '${W}/app/.deploy/current') == ${tag_b} && \$(cat '${W}/app/.deploy/previous') == ${tag_a} ]]"
expect "old release images are removed; the current and previous ones and other images stay" bash -c "
  grep -q 'rmi receptionist/backend:000000000000' '${SHIM_LOG}' && ! grep -q 'rmi.*:${tag_b}' '${SHIM_LOG}' &&
  ! grep -q 'rmi.*postgres' '${SHIM_LOG}'"
