#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: runs the portal's browser tests with MEDVID_SCREENSHOTS=1, so the tests save
# the main pages as they drive them (ordinary test runs never write into the tree).
# Needs: Debian's chromium (or MEDVID_CHROMIUM=/path/to/chrome), ffmpeg, and the portal's npm packages (npm ci in src/Portal).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f src/Portal/node_modules/.package-lock.json ]; then (cd src/Portal && npm ci --no-audit --no-fund --silent); fi
export MEDVID_SCREENSHOTS=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet test tests/Portal.BrowserTests -c Release "$@"
ls -l docs/screenshots/
