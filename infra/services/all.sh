#!/usr/bin/env bash
# Installs, starts, stops or reports all services of the distributed mode and its tests:
# PostgreSQL, RabbitMQ and Azurite (see each script for ports and dev credentials).
# usage: infra/services/all.sh {install|start|stop|status}
# status prints one line per service and exits non-zero when any is stopped.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SERVICES=(postgres rabbitmq azurite)

case "${1:-}" in
  install | start)
    for service in "${SERVICES[@]}"; do "$DIR/$service.sh" "$1"; done
    ;;
  stop)
    for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do "$DIR/${SERVICES[i]}.sh" stop; done
    ;;
  status)
    rc=0
    for service in "${SERVICES[@]}"; do "$DIR/$service.sh" status || rc=3; done
    exit "$rc"
    ;;
  *) echo "usage: $0 {install|start|stop|status}" >&2; exit 2 ;;
esac
