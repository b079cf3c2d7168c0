#!/usr/bin/env bash
# Builds the DiT training-step benchmark (Release) and runs it; the last line printed is the JSON summary.
# Extra arguments go to the benchmark (defaults: --size small --batch 2 --frames 8 --latent 16 --text 32 --steps 1 --rounds 6 --threads <cores>).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/bin/run"
dotnet build "$here/TrainStepBench.csproj" -c Release -o "$out" -nologo -v quiet >&2
exec dotnet "$out/MedVid.TrainStepBench.dll" "$@"
