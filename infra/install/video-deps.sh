#!/usr/bin/env bash
# Installs ffmpeg (which also provides ffprobe and libx264) for MedVid's video I/O, only when missing.
# Safe to run repeatedly: dpkg -s decides, and apt-get update runs only when something has to be installed.
set -euo pipefail

package=ffmpeg

if dpkg -s "$package" >/dev/null 2>&1; then
    echo "video-deps: $package present ($(ffmpeg -version 2>/dev/null | head -n 1))"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
else
    sudo_cmd=()
fi

echo "video-deps: installing $package"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "$package"
ffmpeg -version | head -n 1
