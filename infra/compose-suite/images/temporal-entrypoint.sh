#!/bin/sh
# The server image's contract: bind to the container's address unless BIND_ON_IP says
# otherwise; on a wildcard bind, advertise the container's address to the cluster.
set -eu
self="$(getent hosts "$(hostname)" | awk '{print $1; exit}')"
: "${BIND_ON_IP:=${self}}"
export BIND_ON_IP
if [ "${BIND_ON_IP}" = 0.0.0.0 ] || [ "${BIND_ON_IP}" = "::0" ]; then
  : "${TEMPORAL_BROADCAST_ADDRESS:=${self}}"
  export TEMPORAL_BROADCAST_ADDRESS
fi
exec temporal-server --root /etc/temporal --config config --env docker start
