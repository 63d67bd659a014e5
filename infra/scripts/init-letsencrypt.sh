#!/usr/bin/env bash
# First certificate for $DOMAIN, before nginx has one to start with: certbot answers the HTTP-01
# challenge itself on port 80 (nginx is not running yet). Renewals then go through nginx's
# webroot (the certbot service in docker-compose.prod.yml).
#   infra/scripts/init-letsencrypt.sh        (in /opt/receptionist/app, DNS already pointing here)
set -euo pipefail
APP_DIR="${APP_DIR:-/opt/receptionist/app}"
ENV_FILE="${ENV_FILE:-.env.prod}"
cd "${APP_DIR}"
set -a
# shellcheck source=/dev/null
source "${ENV_FILE}"
set +a
: "${DOMAIN:?DOMAIN missing in ${ENV_FILE}}" "${LETSENCRYPT_EMAIL:?LETSENCRYPT_EMAIL missing in ${ENV_FILE}}"
DATA_DIR="${DATA_DIR:-/mnt/data}"

if [[ -s "${DATA_DIR}/letsencrypt/live/${DOMAIN}/fullchain.pem" ]]; then
  echo "certificate for ${DOMAIN} already present"; exit 0
fi
docker compose -f docker-compose.prod.yml --env-file "${ENV_FILE}" stop nginx 2>/dev/null || true
docker compose -f docker-compose.prod.yml --env-file "${ENV_FILE}" run --rm -p 80:80 --entrypoint certbot certbot \
  certonly --standalone --non-interactive --agree-tos -m "${LETSENCRYPT_EMAIL}" -d "${DOMAIN}" \
  ${LETSENCRYPT_STAGING:+--staging}
echo "certificate issued for ${DOMAIN}; now run infra/scripts/deploy.sh"
