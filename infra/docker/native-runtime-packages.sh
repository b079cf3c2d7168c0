#!/usr/bin/env bash
# Prints the Debian packages that provide the shared libraries LIB links directly (its NEEDED entries: libtorch, libc10,
# the C++ runtime), found through ldd, symlinks and alternatives; apt then brings what those packages depend on.
# OpenBLAS is always listed: libtorch calls BLAS through libblas.so.3, and OpenBLAS behind that alternative makes a
# 1024x1024 float matmul ~15x faster than the reference BLAS (infra/install/engine-deps.sh).
#   infra/docker/native-runtime-packages.sh LIB
set -euo pipefail

lib="${1:?usage: native-runtime-packages.sh LIB}"
if ldd "$lib" | grep -q 'not found'; then
  echo "native-runtime-packages: $lib needs libraries that are not installed:" >&2
  ldd "$lib" | grep 'not found' >&2
  exit 1
fi

owner() {
  # dpkg knows a file by the path its package installed, which on merged-/usr systems may be the /lib or the /usr/lib one.
  local path=$1 real
  real="$(readlink -f "$path")"
  for candidate in "$real" "${real#/usr}" "/usr$real" "$path"; do
    if dpkg -S "$candidate" 2>/dev/null; then return 0; fi
  done
  echo "native-runtime-packages: no Debian package provides $path ($real)" >&2
  return 1
}

{
  readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r needed; do
    # "libx.so => /path (addr)", or for the dynamic loader "/lib64/ld-linux-x86-64.so.2 (addr)".
    owner "$(ldd "$lib" | awk -v name="$needed" '$1 == name && $2 == "=>" { print $3 } $1 ~ ("/" name "$") { print $1 }')"
  done | cut -d: -f1
  echo libopenblas0-pthread
} | sort -u
