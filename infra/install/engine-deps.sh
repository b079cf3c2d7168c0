#!/usr/bin/env bash
# Installs what the tensor engine needs (idempotent): libtorch 1.13 headers and libraries,
# OpenBLAS (Debian's libtorch links the reference BLAS through libblas.so.3; OpenBLAS makes a
# 1024x1024 float matmul ~15x faster), the python3-torch speed reference, CMake and g++.
set -euo pipefail

# shellcheck source=../apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../apt-install.sh"

packages=(libtorch-dev libopenblas0-pthread python3-torch cmake g++)
apt_install_missing "${packages[@]}"
echo "engine-deps: all present (${packages[*]})"

# Make sure libblas.so.3 resolves to OpenBLAS (pthread flavour), not the reference BLAS.
alt=libblas.so.3-x86_64-linux-gnu
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
if update-alternatives --query "$alt" >/dev/null 2>&1; then
  current="$(update-alternatives --query "$alt" | awk '/^Value:/ {print $2}')"
  if [[ "$current" != "$openblas" ]]; then
    echo "engine-deps: selecting OpenBLAS for $alt (was $current)"
    update-alternatives --set "$alt" "$openblas"
  fi
fi
