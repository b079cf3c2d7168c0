#!/usr/bin/env bash
# Installs and runs Azurite, the local stand-in for Azure Storage: the blob service (blob stores of the
# distributed mode and their tests) and the table service (Orleans cluster membership and reminders).
# usage: infra/services/azurite.sh {install|start|stop|status}
# Everything lives under the repository's gitignored .medvid/ folder: the npm package in
# .medvid/tools/azurite, the data in .medvid/data/azurite, pids and logs in .medvid/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION=3.37.0
TOOL_DIR="$ROOT/.medvid/tools/azurite"
DATA_DIR="$ROOT/.medvid/data/azurite"
RUN_DIR="$ROOT/.medvid/run"
HOST=127.0.0.1
# service name, port, binary
SERVICES=("blob 10000" "table 10002")

fail() { echo "azurite: $*" >&2; exit 1; }

installed_version() {
  local manifest="$TOOL_DIR/node_modules/azurite/package.json"
  [[ -f "$manifest" ]] && node -p "require('$manifest').version" 2>/dev/null || true
}

port_answers() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

is_azurite() { curl -sI "http://$HOST:$1/devstoreaccount1" 2>/dev/null | grep -qi '^Server: Azurite'; }

pid_file() { echo "$RUN_DIR/azurite-$1.pid"; }

running_pid() {
  local file
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  local pid
  pid="$(cat "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_install() {
  [[ "$(installed_version)" == "$VERSION" ]] && return 0
  command -v npm >/dev/null || fail "npm is not installed (install Node.js 20 and npm first)"
  mkdir -p "$TOOL_DIR"
  local log="$TOOL_DIR/npm-install.log"
  npm install --prefix "$TOOL_DIR" --no-audit --no-fund --loglevel=error "azurite@$VERSION" >"$log" 2>&1 \
    || fail "npm install azurite@$VERSION failed; see $log"
  [[ -x "$TOOL_DIR/node_modules/.bin/azurite-blob" && -x "$TOOL_DIR/node_modules/.bin/azurite-table" ]] \
    || fail "azurite-blob or azurite-table missing after install; see $log"
}

start_service() {
  local name=$1 port=$2
  running_pid "$name" >/dev/null && return 0
  if port_answers "$port"; then
    # An Azurite of another checkout is fine to share: every test and deployment uses its own container,
    # table names and cluster id. Anything else on the port is refused.
    is_azurite "$port" && { echo "azurite: $name service already running on $HOST:$port (started elsewhere); using it"; return 0; }
    fail "port $HOST:$port is already in use by something that is not Azurite"
  fi
  mkdir -p "$DATA_DIR/$name" "$RUN_DIR"
  local log="$RUN_DIR/azurite-$name.log"
  # setsid detaches Azurite from this shell's session so it outlives the calling terminal or job.
  setsid "$TOOL_DIR/node_modules/.bin/azurite-$name" "--${name}Host" "$HOST" "--${name}Port" "$port" --location "$DATA_DIR/$name" \
    --silent --skipApiVersionCheck >"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  for _ in $(seq 1 100); do
    port_answers "$port" && return 0
    kill -0 "$(cat "$(pid_file "$name")")" 2>/dev/null || { rm -f "$(pid_file "$name")"; fail "Azurite's $name service exited on start; see $log"; }
    sleep 0.2
  done
  fail "Azurite's $name service did not answer on $HOST:$port within 20 s; see $log"
}

stop_service() {
  local pid file
  file="$(pid_file "$1")"
  pid="$(running_pid "$1")" || { rm -f "$file"; return 0; }
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

cmd_start() {
  cmd_install
  for service in "${SERVICES[@]}"; do start_service $service; done
}

cmd_stop() {
  for service in "${SERVICES[@]}"; do stop_service ${service%% *}; done
}

cmd_status() {
  local rc=0 name port pid
  for service in "${SERVICES[@]}"; do
    read -r name port <<<"$service"
    if pid="$(running_pid "$name")"; then
      echo "azurite: $name service running (pid $pid) on http://$HOST:$port"
    elif port_answers "$port" && is_azurite "$port"; then
      echo "azurite: $name service running on http://$HOST:$port (started elsewhere)"
    else
      echo "azurite: $name service stopped"
      rc=3
    fi
  done
  return "$rc"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|start|stop|status}" >&2; exit 2 ;;
esac
