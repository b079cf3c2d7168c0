#!/usr/bin/env bash
# Installs the Debian packages the curation stages need, only when missing:
#   tesseract-ocr, tesseract-ocr-eng  - OCR for the text-overlay (privacy) filter
#   fonts-dejavu-core                 - the font the curation tests render text with (ffmpeg drawtext)
#   ffmpeg                            - decoding and drawtext in tests
# Safe to run repeatedly: dpkg -s decides what is missing, and apt-get update runs only
# when something has to be installed.
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-eng fonts-dejavu-core ffmpeg)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "curation-deps: all present (${packages[*]})"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
else
    sudo_cmd=()
fi

echo "curation-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "curation-deps: done"
