#!/usr/bin/env bash
# Curation throughput against decoding alone (see docs/benchmarks-curation.md).
# usage: bench/curation/run.sh [--seconds 12] [--fps 25] [--repeats 3] [--videos 4] [--render 640x360] [--size 1280x720] [--no-ocr-only]
# Renders phantom videos at the start (src/Phantoms at the render size, upscaled by ffmpeg to --size), then
# times (a) decoding them at the analysis size, (b) the default pipeline without OCR and (c) with OCR,
# interleaved. Human-readable lines first; the LAST line of stdout is one JSON object.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$HERE/CurationBench.csproj" -c Release -nologo -v q >&2
exec dotnet "$HERE/bin/Release/net10.0/MedVid.CurationBench.dll" "$@"
