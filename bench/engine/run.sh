#!/usr/bin/env bash
# Builds the engine benchmark and its TorchSharp peer (Release) and runs it; the last line printed
# is the JSON summary. Extra arguments go to the benchmark (e.g. --rounds 6 --steps 3 --threads 2).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/bin/run"
dotnet build "$here/EngineBench.csproj" -c Release -o "$out" -nologo -v quiet >&2
# Its own folder: the peer's libtorch 2.10 must not overwrite the files next to the engine's.
dotnet build "$here/peer-torchsharp/EngineBench.TorchSharpPeer.csproj" -c Release -o "$out/peer-torchsharp" -nologo -v quiet >&2
exec dotnet "$out/MedVid.EngineBench.dll" "$@"
