#!/usr/bin/env bash
# Stands in for the docker CLI in the deploy.sh test. Appends every call to $SHIM_LOG as
# "IMAGE_TAG=<tag> <args>", remembers which tag each service was started with, and reports a
# service unhealthy when it runs $SHIM_UNHEALTHY_TAG; `run --rm migrate` fails when
# SHIM_MIGRATE_FAIL=1.
set -uo pipefail
echo "IMAGE_TAG=${IMAGE_TAG:-} $*" >> "${SHIM_LOG}"
state="$(dirname "${SHIM_LOG}")/shim-state"
mkdir -p "${state}"
args=" $* "
case "${args}" in
  *" compose "*" run --rm migrate "*) [[ "${SHIM_MIGRATE_FAIL:-0}" == 1 ]] && exit 1; exit 0 ;;
  *" compose "*" up -d --no-deps "*)
    svc="${args##* --no-deps }"; svc="${svc%% *}"
    echo "${IMAGE_TAG:-}" > "${state}/${svc}"; exit 0 ;;
  *" compose "*" up -d "*)
    for s in ${args##* up -d }; do [[ -f "${state}/${s}" ]] || echo infra > "${state}/${s}"; done; exit 0 ;;
  *" compose "*" ps -q "*) svc="${args##* ps -q }"; echo "cid-${svc%% *}"; exit 0 ;;
  *" inspect "*)
    svc="${args##* cid-}"; svc="${svc%% *}"
    tag="$(cat "${state}/${svc}" 2>/dev/null || echo none)"
    if [[ -n "${SHIM_UNHEALTHY_TAG:-}" && "${tag}" == "${SHIM_UNHEALTHY_TAG}" && "${svc}" == "${SHIM_UNHEALTHY_SERVICE:-backend}" ]]; then
      echo unhealthy
    else
      echo healthy
    fi
    exit 0 ;;
  *" images "*)
    for s in worker agent backend; do [[ -f "${state}/${s}" ]] && echo "receptionist/${s}:$(cat "${state}/${s}")"; done
    echo "receptionist/backend:000000000000"; echo "postgres:14-alpine"; exit 0 ;;
  *) exit 0 ;;
esac
