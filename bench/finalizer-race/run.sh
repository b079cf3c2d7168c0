#!/usr/bin/env bash
# Runs the finalizer-race loop twice, side by side: with TorchSharp's own library as libLibTorchSharp.so (no
# quarantine) and as the build carries it (the finalizer quarantine in front of libLibTorchSharp.real.so).
# Usage: bench/finalizer-race/run.sh [--seconds N]   (default 30 per side). The last line printed is JSON.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds=30
case "${1:-}" in
  "") ;;
  --seconds) [[ "${2:-}" =~ ^[0-9]+$ && "$2" -gt 0 ]] || { echo "--seconds needs a positive whole number" >&2; exit 2; }; seconds="$2" ;;
  *) echo "usage: bench/finalizer-race/run.sh [--seconds N]" >&2; exit 2 ;;
esac
out="$here/bin/run"
dotnet build "$here/FinalizerRaceBench.csproj" -c Release -o "$out" -nologo -v quiet >&2
native="$out/runtimes/linux-x64/native"
[ -f "$native/libLibTorchSharp.real.so" ] || { echo "no libLibTorchSharp.real.so in $native: the build did not put the quarantine in place" >&2; exit 1; }
# The same output, hard-linked, with TorchSharp's library back under its own name.
plain="$here/bin/plain"
rm -rf "$plain"
cp -al "$out" "$plain"
rm "$plain/runtimes/linux-x64/native/libLibTorchSharp.so"
cp "$native/libLibTorchSharp.real.so" "$plain/runtimes/linux-x64/native/libLibTorchSharp.so"

side() {  # name folder -> prints "name exit iterations wrong errors"
  local log="$here/bin/$1.log" rc=0
  echo "== $1: $seconds s" >&2
  timeout $(( seconds + 60 )) dotnet "$2/MedVid.FinalizerRaceBench.dll" --seconds "$seconds" > "$log" 2>&1 || rc=$?
  grep -m1 '^first error' "$log" >&2 || true
  local last; last="$(grep '^progress' "$log" | tail -1 || true)"
  local it wr er
  it="$(sed -E 's/.*iterations=([0-9]+).*/\1/' <<<"${last:-iterations=0}")"
  wr="$(sed -E 's/.*wrong=([0-9]+).*/\1/' <<<"${last:-wrong=0}")"
  er="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"${last:-errors=0}")"
  echo "$1 $rc $it $wr $er"
}
read -r _ plain_rc plain_it plain_wrong plain_errors < <(side without-quarantine "$plain")
read -r _ q_rc q_it q_wrong q_errors < <(side with-quarantine "$out")
printf '%-20s %6s %12s %7s %7s\n' "" exit iterations wrong errors
printf '%-20s %6s %12s %7s %7s\n' without-quarantine "$plain_rc" "$plain_it" "$plain_wrong" "$plain_errors"
printf '%-20s %6s %12s %7s %7s\n' with-quarantine "$q_rc" "$q_it" "$q_wrong" "$q_errors"
echo "(iterations, wrong and errors as of the last progress line each side printed; exit 134/139: the process died)"
printf '{"seconds":%s,"without_quarantine":{"exit":%s,"iterations":%s,"wrong":%s,"errors":%s},"with_quarantine":{"exit":%s,"iterations":%s,"wrong":%s,"errors":%s}}\n' \
  "$seconds" "$plain_rc" "$plain_it" "$plain_wrong" "$plain_errors" "$q_rc" "$q_it" "$q_wrong" "$q_errors"
