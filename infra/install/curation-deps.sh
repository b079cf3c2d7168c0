#!/usr/bin/env bash
# Installs the Debian packages the curation stages need, only when missing:
#   tesseract-ocr, tesseract-ocr-eng  - OCR for the text-overlay (privacy) filter
#   fonts-dejavu-core                 - the font the curation tests render text with (ffmpeg drawtext)
#   ffmpeg                            - decoding and drawtext in tests
set -euo pipefail
# shellcheck source=../apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../apt-install.sh"

packages=(tesseract-ocr tesseract-ocr-eng fonts-dejavu-core ffmpeg)
apt_install_missing "${packages[@]}"
echo "curation-deps: all present (${packages[*]})"
