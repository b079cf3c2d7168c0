#!/usr/bin/env bash
# Installs Debian's Chromium for the portal's browser tests (Playwright drives it; no browser is downloaded), only when missing.
set -euo pipefail
# shellcheck source=../apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../apt-install.sh"

apt_install_missing chromium fonts-dejavu-core
echo "browser-deps: $(/usr/bin/chromium --version 2>/dev/null | grep -o 'Chromium [0-9.]*' || echo 'chromium present')"
