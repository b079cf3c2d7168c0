#!/usr/bin/env bash
# Shared by infra/services/*.sh and infra/install/*.sh: installs Debian packages only when one is missing, so a
# machine that already has them never touches apt (and never waits on its lock).
# usage: source this file, then: apt_install_missing PACKAGE...
apt_install_missing() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  [[ "$(id -u)" -eq 0 ]] || { echo "installing ${missing[*]} needs root" >&2; return 1; }
  local log
  log="$(mktemp /tmp/medvid-apt.XXXXXX.log)"
  # Lock timeout: another apt job (a provisioning script) may hold the dpkg lock for a while.
  if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >"$log" 2>&1 &&
     DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
       "${missing[@]}" >>"$log" 2>&1; then
    rm -f "$log"
  else
    echo "apt-get install ${missing[*]} failed; see $log" >&2
    return 1
  fi
}
