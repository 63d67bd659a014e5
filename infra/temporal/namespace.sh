#!/bin/sh
# One-shot job after the server is healthy: registers the namespace the apps use. Idempotent.
set -eu
ns="${TEMPORAL_NAMESPACE:-default}"
addr="${TEMPORAL_ADDRESS:-temporal:7233}"
# Dial the address, not the name: the CLI's gRPC resolver also asks DNS for SRV records, which
# stalls for seconds wherever the resolver cannot forward unknown names (an offline network).
ip="$(getent hosts "${addr%:*}" | awk '{print $1; exit}')"
[ -n "${ip}" ] && addr="${ip}:${addr##*:}"
i=0
# The frontend answers before the namespace registry has loaded; retry for up to a minute.
until temporal operator namespace describe --address "${addr}" --namespace "${ns}" >/dev/null 2>&1 \
  || temporal operator namespace create --address "${addr}" --namespace "${ns}" --retention "${TEMPORAL_RETENTION:-72h}" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "${i}" -ge 30 ]; then echo "temporal-namespace: ${ns} could not be registered" >&2; exit 1; fi
  sleep 2
done
echo "temporal-namespace: ${ns} ready"
