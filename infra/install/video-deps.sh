#!/usr/bin/env bash
# Installs ffmpeg (which also provides ffprobe and libx264) for MedVid's video I/O, only when missing.
set -euo pipefail
# shellcheck source=../apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../apt-install.sh"

apt_install_missing ffmpeg
echo "video-deps: ffmpeg present ($(ffmpeg -version 2>/dev/null | head -n 1))"
