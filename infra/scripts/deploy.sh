#!/usr/bin/env bash
# Deploys a git ref on the box: fetch, build (or pull), back up, migrate, restart the apps in
# order, wait for each to report healthy, and put the previous images back if one does not.
#
#   infra/scripts/deploy.sh [REF]          default origin/main; run as the deploy user
#
# Environment: APP_DIR (/opt/receptionist/app), ENV_FILE (.env.prod in APP_DIR), DEPLOY_PULL=1
# to pull ${IMAGE_PREFIX}/<app>:<commit> from a registry instead of building, SKIP_BACKUP=1,
# HEALTH_TIMEOUT seconds per service (180), DOCKER (docker).
#
# Migrations are not rolled back: they must stay compatible with the previous release
# (expand first, contract in a later release); see docs/deploy.md.
set -euo pipefail

REF="${1:-origin/main}"
APP_DIR="${APP_DIR:-/opt/receptionist/app}"
ENV_FILE="${ENV_FILE:-.env.prod}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-180}"
DOCKER="${DOCKER:-docker}"
APPS=(worker agent backend) # the worker first: it drains in-flight activities the longest
log() { printf '%s deploy: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

cd "${APP_DIR}"
[[ -f "${ENV_FILE}" ]] || { log "missing ${APP_DIR}/${ENV_FILE} (template: docker/.env.prod.example)"; exit 1; }
compose() { "${DOCKER}" compose -f docker-compose.prod.yml --env-file "${ENV_FILE}" "$@"; }
mkdir -p .deploy
exec 9>.deploy/lock
flock -n 9 || { log "another deploy is running"; exit 1; }

prev_commit="$(git rev-parse HEAD)"
prev_tag="$(cat .deploy/current 2>/dev/null || true)"
git fetch --prune --quiet origin
git checkout --quiet --detach "${REF}"
new_tag="$(git rev-parse --short=12 HEAD)"
log "deploying ${REF} (${new_tag}); running now: ${prev_tag:-nothing}"

restore_checkout() { git checkout --quiet --detach "${prev_commit}"; }

wait_healthy() { # wait_healthy service
  local id status deadline=$((SECONDS + HEALTH_TIMEOUT))
  while ((SECONDS < deadline)); do
    id="$(compose ps -q "$1" 2>/dev/null | head -1)"
    status="$([[ -n "${id}" ]] && "${DOCKER}" inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "${id}" 2>/dev/null || echo missing)"
    case "${status}" in
      healthy) log "$1 healthy"; return 0 ;;
      unhealthy | exited | dead) log "$1 is ${status}"; return 1 ;;
    esac
    sleep 2
  done
  log "$1 not healthy after ${HEALTH_TIMEOUT}s"
  return 1
}

export IMAGE_TAG="${new_tag}"
if [[ "${DEPLOY_PULL:-0}" == 1 ]]; then
  compose pull migrate "${APPS[@]}"
else
  compose build migrate "${APPS[@]}"
fi

if [[ "${SKIP_BACKUP:-0}" != 1 && -n "${prev_tag}" ]]; then
  log "backing up before migrating"
  compose --profile ops run --rm backup || { log "backup failed; nothing changed"; restore_checkout; exit 1; }
fi

# Data services first (no-op when already running), then the schema, then the apps.
compose up -d postgres redis temporal temporal-ui certbot
for s in postgres redis temporal; do wait_healthy "${s}" || { restore_checkout; exit 1; }; done
if ! compose run --rm migrate; then
  log "migration failed; the running release was not touched"
  restore_checkout
  exit 1
fi

switched=()
failed=""
for s in "${APPS[@]}"; do
  compose up -d --no-deps "${s}"
  switched+=("${s}")
  wait_healthy "${s}" || { failed="${s}"; break; }
done

if [[ -n "${failed}" ]]; then
  compose logs --tail 50 "${failed}" >&2 || true
  if [[ -z "${prev_tag}" ]]; then
    log "${failed} unhealthy on the first deploy; nothing to roll back to"
    exit 1
  fi
  log "${failed} unhealthy: rolling ${switched[*]} back to ${prev_tag}"
  restore_checkout
  export IMAGE_TAG="${prev_tag}"
  for s in "${switched[@]}"; do
    compose up -d --no-deps "${s}"
    wait_healthy "${s}" || log "rollback: ${s} still unhealthy, needs a person"
  done
  exit 1
fi

# nginx last: its config comes from this checkout and may have changed.
compose up -d --no-deps nginx
compose exec -T nginx nginx -s reload || true
wait_healthy nginx || log "nginx unhealthy: check 'docker compose logs nginx'"
echo "${new_tag}" > .deploy/current
echo "${prev_tag}" > .deploy/previous
# Keep the images of this release and the previous one (the rollback target); drop older ones.
prefix="$(sed -n 's/^IMAGE_PREFIX=//p' "${ENV_FILE}" | tail -1)"
"${DOCKER}" images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null |
  grep -E "^${prefix:-receptionist}/(backend|agent|worker|backup):" |
  grep -v -e ":${new_tag}\$" -e ":${prev_tag:-none}\$" | xargs -r "${DOCKER}" rmi >/dev/null 2>&1 || true
log "deployed ${new_tag}"
