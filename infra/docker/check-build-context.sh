#!/usr/bin/env bash
# Checks infra/docker/dotnet-app.Dockerfile without Docker (the project's machines have no engine): copies the build
# context (the repository without what .dockerignore excludes) to a temporary folder, runs the build stage's script
# (infra/docker/build-app.sh) there for each APP, and checks that each publish folder holds what the runtime stage and
# the process need: the app's assembly, TorchSharp's libLibTorchSharp.so with every library it loads present, and a
# package list naming the C++ runtime, ffmpeg and tesseract. Needs what the build stage installs (cmake, g++,
# node/npm). Exits non-zero on the first missing piece.
#   infra/docker/check-build-context.sh [APP...]      (default: Silo Portal GpuHost)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(Silo Portal GpuHost)
work="$(mktemp -d -t medvid-docker-context-XXXXXX)"
trap 'rm -rf "$work"' EXIT

fail() { printf 'check-build-context: %s\n' "$*" >&2; exit 1; }

# The context as `COPY . .` sees it: .dockerignore's patterns ("**/x" matches x at any depth, as tar's do).
sed -e 's#^\*\*/##' -e '/^#/d' -e '/^$/d' "$root/.dockerignore" >"$work/exclude"
mkdir "$work/src"
tar -C "$root" --exclude-from="$work/exclude" -cf - . | tar -C "$work/src" -xf -
[ ! -e "$work/src/src/Engine.LibTorchSharpCompat/.build" ] || fail "the context carries a host build of the libstdc++ compatibility step"

for app in "${apps[@]}"; do
  out="$work/app-$app"
  echo "==> $app: build stage (infra/docker/build-app.sh)"
  "$work/src/infra/docker/build-app.sh" "$app" "$out"
  [ -f "$out/MedVid.$app.dll" ] || fail "$app: MedVid.$app.dll is not in the publish output"
  native="$out/runtimes/linux-x64/native"
  [ -f "$native/libLibTorchSharp.so" ] || fail "$app: libLibTorchSharp.so is not in the publish output"
  [ -f "$native/libLibTorchSharp.real.so" ] || fail "$app: libLibTorchSharp.real.so (TorchSharp's binding behind the finalizer quarantine) is not in the publish output"
  if ldd "$native/libLibTorchSharp.so" | grep '=> not found'; then fail "$app: libLibTorchSharp.so needs libraries that are missing"; fi
  for package in libstdc++6 ffmpeg tesseract-ocr; do
    grep -q "^$package" "$out/runtime-packages.txt" || fail "$app: runtime-packages.txt lacks $package"
  done
  if [ "$app" = "Portal" ]; then
    [ -f "$out/wwwroot/lib/chart.umd.js" ] || fail "Portal: wwwroot/lib (npm packages) is not in the publish output"
  fi
  echo "==> $app: ok ($(tr '\n' ' ' <"$out/runtime-packages.txt"))"
done
echo "check-build-context: the build stage produced what the runtime stage needs for: ${apps[*]}"
