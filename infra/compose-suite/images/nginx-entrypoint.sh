#!/bin/sh
set -eu
out="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
if [ -d /etc/nginx/templates ]; then
  mkdir -p "${out}"
  vars="$(env | cut -d= -f1 | sed 's/^/$/' | tr '\n' ' ')"
  for t in /etc/nginx/templates/*.template; do
    [ -f "${t}" ] && envsubst "${vars}" < "${t}" > "${out}/$(basename "${t}" .template)"
  done
fi
exec "$@"
