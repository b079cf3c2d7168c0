#!/usr/bin/env bash
# The build stage of infra/docker/dotnet-app.Dockerfile, kept in one script so that check-build-context.sh runs exactly
# the same steps without Docker. Publishes one MedVid process to OUT and writes OUT/runtime-packages.txt: the Debian
# packages the runtime image installs for it.
#   infra/docker/build-app.sh APP OUT      (APP: Silo, Portal or GpuHost)
set -euo pipefail

app="${1:?usage: build-app.sh APP OUT}"
out="${2:?usage: build-app.sh APP OUT}"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [ "$app" = "Portal" ]; then
  (cd src/Portal && npm ci --no-audit --no-fund)
fi
# The publish carries TorchSharp's natives under runtimes/: libtorch 2.10 from NuGet, TorchSharp's binding as
# libLibTorchSharp.real.so and, as libLibTorchSharp.so, the finalizer quarantine in front of it (docs/engine.md).
dotnet publish "src/$app/$app.csproj" -c Release -o "$out" -nologo

{
  # ffmpeg/ffprobe: uploads are probed, hosts transcode and encode generated videos; tesseract: the curation's OCR
  # privacy filter (infra/install/curation-deps.sh); curl: the compose file's health checks.
  printf '%s\n' ffmpeg tesseract-ocr tesseract-ocr-eng curl
  native="$out/runtimes/linux-x64/native"
  if [ -f "$native/libLibTorchSharp.so" ]; then
    infra/docker/native-runtime-packages.sh "$native/libLibTorchSharp.so" "$native/libLibTorchSharp.real.so" "$native/libtorch_cpu.so"
  fi
} | sort -u >"$out/runtime-packages.txt"
