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
# Engine.csproj builds the native shim (src/Engine.Native, CMake against the system libtorch) before compiling and
# publishes libmedvid_torch.so beside the assemblies, where the runtime's DllImport looks for it.
dotnet publish "src/$app/$app.csproj" -c Release -o "$out" -nologo

{
  # ffmpeg/ffprobe: uploads are probed, hosts transcode and encode generated videos; tesseract: the curation's OCR
  # privacy filter (infra/install/curation-deps.sh); curl: the compose file's health checks.
  printf '%s\n' ffmpeg tesseract-ocr tesseract-ocr-eng curl
  if [ -f "$out/libmedvid_torch.so" ]; then
    infra/docker/native-runtime-packages.sh "$out/libmedvid_torch.so"
  fi
} | sort -u >"$out/runtime-packages.txt"
