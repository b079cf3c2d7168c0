#!/usr/bin/env bash
# Prints the Debian/Ubuntu packages that provide the system libraries the given native libraries link directly (their
# NEEDED entries that ldd resolves outside the libraries' own folder: the C++ runtime, libgomp...). Libraries published
# beside them (libtorch and its dependencies from NuGet) need no package. apt then brings what those packages depend on.
#   infra/docker/native-runtime-packages.sh LIB...
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: native-runtime-packages.sh LIB..." >&2; exit 2; }

owner() {
  # dpkg knows a file by the path its package installed, which on merged-/usr systems may be the /lib or the /usr/lib one.
  local path=$1 real
  real="$(readlink -f "$path")"
  for candidate in "$real" "${real#/usr}" "/usr$real" "$path"; do
    if dpkg -S "$candidate" 2>/dev/null; then return 0; fi
  done
  echo "native-runtime-packages: no package provides $path ($real)" >&2
  return 1
}

for lib in "$@"; do
  if ldd "$lib" | grep -q '=> not found'; then
    echo "native-runtime-packages: $lib needs libraries that are not installed:" >&2
    ldd "$lib" | grep '=> not found' >&2
    exit 1
  fi
  folder="$(cd "$(dirname "$lib")" && pwd)"
  readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r needed; do
    # "libx.so => /path (addr)", or for the dynamic loader "/lib64/ld-linux-x86-64.so.2 (addr)".
    path="$(ldd "$lib" | awk -v name="$needed" '$1 == name && $2 == "=>" { print $3 } $1 ~ ("/" name "$") { print $1 }')"
    [ "$(dirname "$(readlink -f "$path")")" = "$folder" ] && continue
    owner "$path"
  done | cut -d: -f1
done | sort -u
