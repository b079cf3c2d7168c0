#!/usr/bin/env bash
# Installs and runs RabbitMQ (Debian's rabbitmq-server) for distributed runs and tests,
# without systemd. Node rabbit@localhost, AMQP on 127.0.0.1:5672.
# usage: infra/services/rabbitmq.sh {install|start|stop|restart|status}
# After start: user medvid, password 'medvid-dev' (DEV/TEST ONLY), full permissions on
# vhost "/": amqp://medvid:medvid-dev@127.0.0.1:5672/  (guest/guest works from localhost too).
# restart is a full stop and start of the broker, for tests that check reconnection.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../apt-install.sh
source "$DIR/../apt-install.sh"

# Every rabbitmq-server/rabbitmqctl call must agree on the node name, hence exported.
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
USER_NAME=medvid
PASSWORD=medvid-dev
LOG_DIR=/var/log/rabbitmq

fail() { echo "rabbitmq: $*" >&2; exit 1; }

answers() { rabbitmqctl -q status >/dev/null 2>&1; }

# cd /: the server wrapper switches to the rabbitmq user, who may not read the caller's directory.
ctl() { (cd / && rabbitmqctl -q "$@"); }

wait_until() {
  local want="$1" seconds="$2"
  for _ in $(seq 1 "$seconds"); do
    if [[ "$want" == up ]]; then answers && return 0; else answers || return 0; fi
    sleep 1
  done
  return 1
}

ensure_user() {
  if ctl list_users | awk '{print $1}' | grep -qx "$USER_NAME"; then
    ctl change_password "$USER_NAME" "$PASSWORD" >/dev/null
  else
    ctl add_user "$USER_NAME" "$PASSWORD" >/dev/null
  fi
  ctl set_user_tags "$USER_NAME" administrator >/dev/null
  ctl set_permissions -p / "$USER_NAME" ".*" ".*" ".*" >/dev/null
}

cmd_install() {
  [[ "$(id -u)" -eq 0 ]] || fail "run as root (the broker runs as the rabbitmq user)"
  apt_install_missing rabbitmq-server || fail "install failed"
}

cmd_start() {
  cmd_install
  if ! answers; then
    (cd / && rabbitmq-server -detached) >/dev/null 2>&1 || fail "rabbitmq-server -detached failed; see $LOG_DIR"
    wait_until up 60 || fail "broker did not answer rabbitmqctl status within 60 s; see $LOG_DIR"
  fi
  # status answers as soon as the Erlang node is up; the broker app may still be booting.
  ctl await_startup --timeout 60 >/dev/null || fail "broker did not finish booting; see $LOG_DIR"
  ensure_user || fail "could not create user $USER_NAME"
}

cmd_stop() {
  answers || return 0
  ctl shutdown >/dev/null 2>&1 || ctl stop >/dev/null 2>&1 || fail "rabbitmqctl shutdown failed"
  wait_until down 60 || fail "broker still answers 60 s after shutdown"
}

cmd_status() {
  if answers; then
    echo "rabbitmq: running (node $RABBITMQ_NODENAME) on amqp://127.0.0.1:5672"
  else
    echo "rabbitmq: stopped"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|start|stop|restart|status}" >&2; exit 2 ;;
esac
