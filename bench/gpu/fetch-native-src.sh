#!/usr/bin/env bash
# Copies the sources of TorchSharp 0.107.0's native binding (src/Native/LibTorchSharp and the two headers above it)
# and TorchSharp's licence from a local git mirror into bench/gpu/.native-src/, which git ignores: TorchSharp's code
# is never committed here. run.sh --device cuda builds it there; a device run carries the folder.
# Usage: bench/gpu/fetch-native-src.sh [MIRROR_GIT_DIR]  (default: $TORCHSHARP_MIRROR, else /work/.mirror/dotnet+TorchSharp/repo)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mirror="${1:-${TORCHSHARP_MIRROR:-/work/.mirror/dotnet+TorchSharp/repo}}"
# TorchSharp has no v0.107.0 tag. This is main at "Update release notes (#1565)", which adds the 0.107.0 notes, with
# build/BranchInfo.props at 0.107.0; the functions its sources export are exactly those the NuGet package's
# libLibTorchSharp.so exports (1,164; the release before, bdc2bcb1, lacks 26 of them).
commit=c20b6a1cc574d690707638a488d2583f3b8b983f
out="$here/.native-src"

git --git-dir="$mirror" cat-file -e "$commit^{commit}" 2>/dev/null \
  || { echo "fetch-native-src: $mirror has no commit $commit (a bare clone of github.com/dotnet/TorchSharp is needed)" >&2; exit 1; }
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
git --git-dir="$mirror" archive "$commit" src/Native/LibTorchSharp src/Native/Stdafx.h src/Native/UnixSal.h LICENSE.txt THIRD-PARTY-NOTICES.TXT \
  | tar -x -C "$out.tmp"
echo "$commit" > "$out.tmp/COMMIT"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "TorchSharp $commit native sources -> $out ($(du -sh "$out" | cut -f1))"
