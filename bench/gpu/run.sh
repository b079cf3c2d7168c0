#!/usr/bin/env bash
# bench gpu: TorchSharp on a GPU against PyTorch on the same GPU (docs/benchmarks.md, "bench gpu").
#   1. .NET: publishes GpuBench self-contained and trimmed for linux-x64 without libtorch (<= 64 MiB) where dotnet
#      exists; a host without .NET uses the prebuilt bench/gpu/publish carried to it.
#   2. natives: with --device cuda, builds TorchSharp's LibTorchSharp against the local PyTorch's libtorch (sources
#      from fetch-native-src.sh in bench/gpu/.native-src); with --device cpu, uses the build's packaged libtorch 2.10.
#   3. runs GpuBench: parity against float64 on the CPU, then the training step here and in PyTorch, side by side;
#      the last line is JSON. Exits non-zero when parity fails or anything is missing.
# Usage: bench/gpu/run.sh [--device cuda|cpu] [--python PY] [GpuBench options: --sizes small,medsora-s --dtype bf16|float32
#        --batch N --frames N --latent N --text N --warmup N --steps N --threads N --peak-tflops T]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail() { echo "bench gpu: $*" >&2; exit 1; }

device=cuda
python="${MEDVID_BENCH_PYTHON:-}"
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="${2:?--device needs a value}"; shift 2 ;;
    --python) python="${2:?--python needs a value}"; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
[ "$device" = cuda ] || [ "$device" = cpu ] || fail "--device must be cuda or cpu, not '$device'"

if [ -z "$python" ]; then
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import torch' 2>/dev/null; then python="$candidate"; break; fi
  done
fi
[ -n "$python" ] || fail "no python with PyTorch found (give --python PY or MEDVID_BENCH_PYTHON)"
echo "== PyTorch: $("$python" -c 'import torch; print(torch.__version__, "at", torch.__file__)')"

publish="$here/publish"
if command -v dotnet >/dev/null 2>&1; then
  echo "== .NET: publishing GpuBench (self-contained, trimmed, linux-x64, no libtorch) to $publish"
  rm -rf "$publish"
  dotnet publish "$here/GpuBench.csproj" -c Release -p:MedVidPortablePublish=true -o "$publish" -nologo -v quiet \
    || fail "dotnet publish failed"
elif [ -f "$publish/MedVid.GpuBench" ]; then
  echo "== .NET: no dotnet on this machine; using the prebuilt publish in $publish"
else
  fail "no dotnet and no prebuilt $publish/MedVid.GpuBench: run bench/gpu/run.sh --device cpu on a machine with .NET and carry bench/gpu/publish"
fi
bytes=$(du -sb "$publish" | cut -f1)
echo "publish size: $bytes bytes ($(( bytes / 1048576 )) MiB; limit 64 MiB)"
[ "$bytes" -le $(( 64 * 1048576 )) ] || fail "the publish is $bytes bytes, over the 64 MiB a device run may carry"
if find "$publish" -name 'libtorch*.so*' -o -name 'libc10*.so*' -o -name 'libLibTorchSharp*.so' | grep -q .; then
  fail "the publish carries libtorch natives; the host's must be used"
fi

extra=()
if [ "$device" = cuda ]; then
  src="$here/.native-src"
  [ -f "$src/COMMIT" ] || fail "no TorchSharp native sources in $src: run bench/gpu/fetch-native-src.sh where the mirror is and carry that folder"
  torch_root="$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__))')"
  torch_version="$("$python" -c 'import torch; print(torch.__version__)')"
  "$python" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' || fail "PyTorch $torch_version sees no CUDA device"
  abi="$("$python" -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
  build="$here/.native-build/torch-$torch_version"
  echo "== native: building LibTorchSharp (TorchSharp $(cat "$src/COMMIT")) against libtorch $torch_version in $torch_root"
  generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  cmake -S "$here/native" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DTORCHSHARP_NATIVE_SRC="$src/src/Native" -DTORCH_ROOT="$torch_root" -DTORCH_CXX11_ABI="$abi" >/dev/null \
    || fail "configuring the LibTorchSharp build failed"
  cmake --build "$build" -j "$(nproc)" || fail "building LibTorchSharp against libtorch $torch_version failed"
  torch_lib="$torch_root/lib"
  libtorchsharp="$build/libLibTorchSharp.so"
  extra=(--gpu-name "$("$python" -c 'import torch; print(torch.cuda.get_device_name())')")
else
  echo "== native: skipped the LibTorchSharp build (--device cpu): this machine has no libtorch 2.10 headers (the NuGet"
  echo "   package carries only the libraries), so the build's packaged natives are used: libtorch 2.10 from"
  echo "   libtorch-cpu-linux-x64 and TorchSharp's libLibTorchSharp.so (the finalizer quarantine, with TorchSharp's own library beside"
  echo "   it as libLibTorchSharp.real.so, the libstdc++-compatible copy where the build made one)"
  natives="$here/bin/Release/net10.0/linux-x64"
  [ -f "$natives/libLibTorchSharp.so" ] || fail "no packaged natives in $natives (the publish step puts them there)"
  torch_lib="$natives"
  libtorchsharp="$natives/libLibTorchSharp.so"
fi

echo "== GpuBench"
exec "$publish/MedVid.GpuBench" --device "$device" --python "$python" --torch-script "$here/stdit_torch.py" \
  --torch-lib "$torch_lib" --libtorchsharp "$libtorchsharp" "${extra[@]}" "${pass[@]}"
