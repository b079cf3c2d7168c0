#!/usr/bin/env bash
# Installs what the engine's build and benchmarks need (idempotent): CMake and g++ (the libstdc++
# compatibility step for TorchSharp, src/Engine.LibTorchSharpCompat), Debian's python3-torch (the
# benchmarks' PyTorch side) and OpenBLAS (Debian's libtorch links the reference BLAS through
# libblas.so.3; OpenBLAS makes its 1024x1024 float matmul ~15x faster). TorchSharp and its libtorch
# come from NuGet at restore.
set -euo pipefail

# shellcheck source=../apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../apt-install.sh"

packages=(libopenblas0-pthread python3-torch cmake g++)
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
