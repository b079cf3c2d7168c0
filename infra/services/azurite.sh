#!/usr/bin/env bash
# Installs and runs the Azurite blob service (the local stand-in for Azure Blob storage)
# for distributed runs and the Azure blob store tests.
# usage: infra/services/azurite.sh {install|start|stop|status}
# Everything lives under the repository's gitignored .medvid/ folder: the npm package in
# .medvid/tools/azurite, the data in .medvid/data/azurite, pid and log in .medvid/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION=3.37.0
TOOL_DIR="$ROOT/.medvid/tools/azurite"
DATA_DIR="$ROOT/.medvid/data/azurite"
RUN_DIR="$ROOT/.medvid/run"
PID_FILE="$RUN_DIR/azurite.pid"
LOG_FILE="$RUN_DIR/azurite.log"
HOST=127.0.0.1
PORT=10000
BIN="$TOOL_DIR/node_modules/.bin/azurite-blob"

fail() { echo "azurite: $*" >&2; exit 1; }

installed_version() {
  local manifest="$TOOL_DIR/node_modules/azurite/package.json"
  [[ -f "$manifest" ]] && node -p "require('$manifest').version" 2>/dev/null || true
}

port_answers() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

is_azurite() { curl -sI "http://$HOST:$PORT/devstoreaccount1?comp=list" 2>/dev/null | grep -qi '^Server: Azurite'; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_install() {
  [[ "$(installed_version)" == "$VERSION" ]] && return 0
  command -v npm >/dev/null || fail "npm is not installed (install Node.js 20 and npm first)"
  mkdir -p "$TOOL_DIR"
  local log="$TOOL_DIR/npm-install.log"
  npm install --prefix "$TOOL_DIR" --no-audit --no-fund --loglevel=error "azurite@$VERSION" >"$log" 2>&1 \
    || fail "npm install azurite@$VERSION failed; see $log"
  [[ -x "$BIN" ]] || fail "azurite-blob missing after install; see $log"
}

cmd_start() {
  running_pid >/dev/null && return 0
  if port_answers; then
    # An Azurite of another checkout is fine to share: every test and deployment uses its own container.
    # Anything else on the port is refused.
    is_azurite && { echo "azurite: already running on $HOST:$PORT (started elsewhere); using it"; return 0; }
    fail "port $HOST:$PORT is already in use by something that is not Azurite"
  fi
  cmd_install
  mkdir -p "$DATA_DIR" "$RUN_DIR"
  # setsid detaches Azurite from this shell's session so it outlives the calling terminal or job.
  setsid "$BIN" --blobHost "$HOST" --blobPort "$PORT" --location "$DATA_DIR" \
    --silent --skipApiVersionCheck >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 100); do
    port_answers && return 0
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { rm -f "$PID_FILE"; fail "Azurite exited on start; see $LOG_FILE"; }
    sleep 0.2
  done
  fail "Azurite did not answer on $HOST:$PORT within 20 s; see $LOG_FILE"
}

cmd_stop() {
  local pid
  pid="$(running_pid)" || { rm -f "$PID_FILE"; return 0; }
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "azurite: running (pid $pid) on http://$HOST:$PORT"
  else
    echo "azurite: stopped"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|start|stop|status}" >&2; exit 2 ;;
esac
