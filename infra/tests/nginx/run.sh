#!/usr/bin/env bash
# Runs Debian's nginx, unprivileged, with a config derived from docker/nginx (domain, ports,
# certificate and paths swapped for local ones) in front of a backend on loopback, then checks
# it from the outside with client-checks.mjs.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../../.." && pwd)"
source "${HERE}/../lib.sh"

apt_ensure nginx nginx || { not_ok "nginx available"; exit 1; }
apt_ensure openssl openssl || { not_ok "openssl available"; exit 1; }

DOMAIN=voice.test.local
T="$(mktemp -d /tmp/infra-nginx.XXXXXX)"
chmod 755 "${T}"
PIDS=()
cleanup() {
  [[ -f "${T}/nginx.pid" ]] && kill "$(cat "${T}/nginx.pid")" 2>/dev/null
  for p in "${PIDS[@]}"; do kill "${p}" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "${T}"
}
trap cleanup EXIT

HTTP_PORT="$(free_port)"; TLS_PORT="$(free_port)"; BACKEND_PORT="$(free_port)"
mkdir -p "${T}"/{etc/snippets,etc/sites,logs,tmp,certs,www/.well-known/acme-challenge}
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=${DOMAIN}" \
  -addext "subjectAltName=DNS:${DOMAIN}" -keyout "${T}/certs/privkey.pem" -out "${T}/certs/fullchain.pem" 2>/dev/null
cp /etc/nginx/mime.types "${T}/etc/"
ACME_TOKEN="tok-${RANDOM}${RANDOM}"; ACME_CONTENT="${ACME_TOKEN}.thumbprint"
echo "${ACME_CONTENT}" > "${T}/www/.well-known/acme-challenge/${ACME_TOKEN}"

# `http2 on;` is nginx >= 1.25.1 (the image has 1.27); older Debian nginx takes it on listen.
NGINX_VERSION="$(nginx -v 2>&1 | sed 's#.*/##')"
OLD_HTTP2=0
[[ "$(printf '%s\n1.25.1\n' "${NGINX_VERSION}" | sort -V | head -1)" != "1.25.1" ]] && OLD_HTTP2=1

derive() { # derive src dst upstream_port
  sed -e "s#/etc/nginx/#${T}/etc/#g" -e "s#/var/log/nginx/#${T}/logs/#g" \
    -e "s#/var/www/certbot#${T}/www#g" -e "s#/etc/letsencrypt/live/\${DOMAIN}/#${T}/certs/#g" \
    -e "s#\${DOMAIN}#${DOMAIN}#g" -e "s#server backend:3000#server 127.0.0.1:$3#" \
    -e '/^user /d' -e '/listen \[::\]/d' \
    -e "s#listen 80 default_server;#listen 127.0.0.1:${HTTP_PORT} default_server;#" \
    -e "s#listen 443 ssl default_server;#listen 127.0.0.1:${TLS_PORT} ssl default_server;#" \
    -e "s#^http {#http {\n  client_body_temp_path ${T}/tmp/body;\n  proxy_temp_path ${T}/tmp/proxy;\n  fastcgi_temp_path ${T}/tmp/fcgi;\n  uwsgi_temp_path ${T}/tmp/uwsgi;\n  scgi_temp_path ${T}/tmp/scgi;#" \
    "$1" > "$2"
  if [[ "${OLD_HTTP2}" == 1 ]]; then
    sed -i -e '/^ *http2 on;/d' -e "s#listen 127.0.0.1:${TLS_PORT} ssl#listen 127.0.0.1:${TLS_PORT} ssl http2#" "$2"
  fi
}
render() { # render upstream_port
  derive "${REPO}/docker/nginx/nginx.conf" "${T}/etc/nginx.conf" "$1"
  for f in "${REPO}"/docker/nginx/snippets/*.conf; do derive "${f}" "${T}/etc/snippets/$(basename "${f}")" "$1"; done
  derive "${REPO}/docker/nginx/templates/receptionist.conf.template" "${T}/etc/sites/receptionist.conf" "$1"
}

AS=()
if [[ "$(id -u)" == "0" ]]; then AS=(runuser -u nobody --); fi
NGINX=(nginx -p "${T}" -c "${T}/etc/nginx.conf" -e "${T}/logs/error.log")
GLOBALS="pid ${T}/nginx.pid;"

render "${BACKEND_PORT}"
[[ "$(id -u)" == "0" ]] && chown -R nobody "${T}"
expect "derived config has no production hosts or paths left" \
  bash -c "! grep -R -n -E 'backend:3000|\\\$\\{DOMAIN\\}|/etc/letsencrypt|/var/log/nginx|^user ' '${T}/etc'"
expect "nginx -t accepts the repo config (nginx ${NGINX_VERSION}, unprivileged)" "${AS[@]}" "${NGINX[@]}" -g "${GLOBALS}" -t

# The nginx image renders templates with envsubst over every variable defined in the container;
# only ${DOMAIN} may change, never nginx's own $host, $request_uri...
apt_ensure envsubst gettext-base
image_render_matches() {
  local defined
  defined="$(env -i DOMAIN="${DOMAIN}" HOSTNAME=nginx HOME=/root PATH=/usr/bin NGINX_VERSION=1.27 \
    NGINX_ENVSUBST_OUTPUT_DIR=/etc/nginx/sites bash -c 'printf "\${%s} " $(env | cut -d= -f1)')"
  diff <(DOMAIN="${DOMAIN}" HOSTNAME=nginx HOME=/root PATH=/usr/bin NGINX_VERSION=1.27 NGINX_ENVSUBST_OUTPUT_DIR=/etc/nginx/sites \
    envsubst "${defined}" < "${REPO}/docker/nginx/templates/receptionist.conf.template") \
    <(sed "s#\${DOMAIN}#${DOMAIN}#g" "${REPO}/docker/nginx/templates/receptionist.conf.template")
}
expect "the image's envsubst changes only \${DOMAIN} in the template" image_render_matches

# The laptop server block (docker-compose.yml) with the same routes and snippets.
mkdir -p "${T}/laptop"
sed -e "s#/etc/nginx/#${T}/etc/#g" -e "s#listen 80 default_server;#listen 127.0.0.1:$(free_port) default_server;#" \
  "${REPO}/docker/nginx/local.conf" > "${T}/laptop/local.conf"
sed "s#include ${T}/etc/sites/\*.conf;#include ${T}/laptop/*.conf;#" "${T}/etc/nginx.conf" > "${T}/etc/nginx-laptop.conf"
[[ "$(id -u)" == "0" ]] && chown -R nobody "${T}"
expect "nginx -t accepts the laptop config (docker/nginx/local.conf)" \
  "${AS[@]}" nginx -p "${T}" -c "${T}/etc/nginx-laptop.conf" -e "${T}/logs/error.log" -g "${GLOBALS}" -t

export TWILIO_AUTH_TOKEN="$(openssl rand -hex 16)" PUBLIC_BASE_URL="https://${DOMAIN}"
node "${HERE}/standin-backend.mjs" "${BACKEND_PORT}" > "${T}/standin.log" 2>&1 &
PIDS+=($!)
"${AS[@]}" "${NGINX[@]}" -g "${GLOBALS} daemon on;" || { not_ok "nginx starts"; cat "${T}/logs/error.log"; exit 1; }
if ! wait_http "http://127.0.0.1:${BACKEND_PORT}/health" 20; then not_ok "stand-in backend starts"; cat "${T}/standin.log"; exit 1; fi

export DOMAIN TLS_PORT HTTP_PORT BACKEND_PORT ACME_TOKEN ACME_CONTENT CA_FILE="${T}/certs/fullchain.pem"
echo "# nginx ${NGINX_VERSION} -> stand-in backend (twilio.validateRequest over PUBLIC_BASE_URL + original URL)"
MODE=standin node "${HERE}/client-checks.mjs"
rc=$?
tls() { echo | openssl s_client -connect "127.0.0.1:${TLS_PORT}" -servername "${DOMAIN}" -CAfile "${CA_FILE}" "$@" 2>&1; }
tls_modern() {
  local v13 v12
  v13="$(tls -tls1_3)"; v12="$(tls -tls1_2)"
  grep -q 'Verify return code: 0 (ok)' <<<"${v13}" && grep -q 'New, TLSv1.3, Cipher is TLS_' <<<"${v13}" &&
    grep -Eq 'New, TLSv1.2, Cipher is ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)' <<<"${v12}" ||
    { echo "${v13}" | grep -E 'Protocol|Cipher|Verify' ; echo "${v12}" | grep -E 'Protocol|Cipher|Verify'; return 1; }
}
tls_legacy_refused() {
  local v11 v10
  v11="$(tls -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0')"; v10="$(tls -tls1 -cipher 'DEFAULT:@SECLEVEL=0')"
  grep -q 'alert protocol version' <<<"${v11}" && grep -q 'alert protocol version' <<<"${v10}" ||
    { grep -E 'alert|Protocol' <<<"${v11}${v10}"; return 1; }
}
expect "TLS 1.3 and 1.2 (ECDHE AEAD) negotiate with a verified certificate" tls_modern
expect "TLS 1.1 and 1.0 refused by the server (protocol version alert)" tls_legacy_refused

# The real backend, when this branch has it and it starts with the local services.
if [[ -f "${REPO}/apps/backend/src/main.ts" ]]; then
  REAL_PORT="$(free_port)"
  (cd "${REPO}/apps/backend" && BACKEND_PORT="${REAL_PORT}" NODE_ENV=test LOG_LEVEL=warn AGENT_URL="http://127.0.0.1:9" \
    TWILIO_ACCOUNT_SID="AC$(openssl rand -hex 16)" STRIPE_SECRET_KEY=sk_test_x STRIPE_WEBHOOK_SECRET=whsec_x \
    CALCOM_WEBHOOK_SECRET=calcom_x exec node src/main.ts) > "${T}/real-backend.log" 2>&1 &
  PIDS+=($!)
  if wait_http "http://127.0.0.1:${REAL_PORT}/health" 60; then
    render "${REAL_PORT}"
    "${AS[@]}" "${NGINX[@]}" -g "${GLOBALS}" -s reload && sleep 1
    echo "# nginx ${NGINX_VERSION} -> real backend (apps/backend/src/main.ts)"
    BACKEND_PORT="${REAL_PORT}" MODE=real node "${HERE}/client-checks.mjs" || rc=1
  else
    echo "not ok - the real backend (apps/backend/src/main.ts) did not become healthy with the local services"
    tail -5 "${T}/real-backend.log" | sed 's/^/#   /'
    rc=1
  fi
else
  echo "# apps/backend/src/main.ts not on this branch yet: stand-in backend only"
fi
exit "${rc}"
